import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { ACTION_GROUPS, actionGroup, actionLabel, auditDetails, roleLabel, SUBJECT_LABELS, type AuditDeskEntry, type AuditDeskPage } from '../../shared/audit';
import type { auditPageInput } from '../../shared/ops/admin';
import type { DB } from '../store/database';
import type { Schema } from '../store/schema';

// The auditor's desk as one query per page: the filters become SQL (the indexes on
// subject and actor serve them), the page is LIMIT/OFFSET on seq, and only the rows
// shown are turned into names.
//
// Item titles: the 安全审计员 never reads an item's content (shared/visibility.ts), but an
// item's title is metadata the trail itself already records — the registration entry's
// payload carries the item's fields in full, and the auditor verifies and exports that
// payload anyway. Showing the title instead of an id adds nothing the trail does not
// hold; no file text, extracted text or finding snippet is read here or ever recorded.

export type AuditPageInput = import('zod').output<typeof auditPageInput>;

export type AuditRow = { seq: number; time: string; actor: string; role: string; action: string; subject: string; payload: string; hash: string; signature: string };

const COLUMNS = ['seq', 'time', 'actor', 'role', 'action', 'subject', 'payload', 'hash', 'signature'] as const;

/** A Beijing-time date's first instant, as the UTC ISO text the trail stores. */
export const dayStart = (d: string): string => new Date(`${d}T00:00:00+08:00`).toISOString();
/** The first instant after a Beijing-time date. */
export const dayEnd = (d: string): string => new Date(new Date(`${d}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type Q = SelectQueryBuilder<Schema, 'audit_log', object>;

function filtered(db: DB, input: AuditPageInput, withActions: boolean): Q {
  let q: Q = db.selectFrom('audit_log');
  if (input.actor) q = q.where('actor', '=', input.actor);
  if (input.subject) q = q.where('subject', '=', input.subject);
  if (input.item) {
    const pattern = likePattern(input.item);
    q = q.where('subject', 'in', (eb: ExpressionBuilder<Schema, 'audit_log'>) => eb.selectFrom('items').select('id').where(sql<boolean>`title LIKE ${pattern} ESCAPE '\\'`));
  }
  if (input.from) q = q.where('time', '>=', dayStart(input.from));
  if (input.to) q = q.where('time', '<', dayEnd(input.to));
  if (withActions && input.actions?.length) q = q.where('action', 'in', input.actions);
  return q;
}

export async function deskPage(db: DB, input: AuditPageInput): Promise<AuditDeskPage> {
  const q = filtered(db, input, true);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select([...COLUMNS])
    .orderBy('seq', 'desc')
    .offset((input.page - 1) * input.pageSize)
    .limit(input.pageSize)
    .execute();
  const byAction = await filtered(db, input, false)
    .select(['action', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('action')
    .execute();
  const counts = new Map<string, number>();
  for (const r of byAction) counts.set(actionGroup(r.action), (counts.get(actionGroup(r.action)) ?? 0) + Number(r.n));
  const groups = [...ACTION_GROUPS.map((g) => g.label), '其他'].map((label) => ({ label, count: counts.get(label) ?? 0 })).filter((g) => g.count > 0 || g.label !== '其他');
  const head = (await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()) ?? null;
  return { total, entries: await deskEntries(db, rows), groups, head };
}

/** Names for the actors and subjects of some entries: a few small queries by primary key. */
export async function deskEntries(db: DB, rows: AuditRow[]): Promise<AuditDeskEntry[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.actor, r.subject]))];
  const prefixed = (p: string) => [...new Set(rows.map((r) => r.subject).filter((s) => s.startsWith(p)).map((s) => s.slice(p.length)))];
  const payloads = rows.map((r) => JSON.parse(r.payload) as unknown);
  // Opinions cite bases by id; the desk shows their titles.
  const cited = payloads.flatMap((p) => (p && typeof p === 'object' && Array.isArray((p as { bases?: unknown }).bases) ? ((p as { bases: unknown[] }).bases.map(String)) : []));
  const basisIds = [...new Set([...prefixed('basis:'), ...cited])];
  const titles = new Map<string, string>();
  const names = new Map<string, string>();
  if (ids.length) {
    for (const r of await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()) names.set(r.id, r.display_name);
    for (const r of await db.selectFrom('items').select(['id', 'title']).where('id', 'in', ids).execute()) names.set(r.id, r.title);
    for (const r of await db.selectFrom('applications').select(['id', 'number']).where('id', 'in', ids).execute()) names.set(r.id, `政府信息公开申请 ${r.number}`);
  }
  if (basisIds.length)
    for (const r of await db.selectFrom('bases').select(['id', 'title']).where('id', 'in', basisIds).execute()) {
      names.set(`basis:${r.id}`, r.title);
      titles.set(r.id, r.title);
    }
  return rows.map((r, i) => {
    const payload = payloads[i];
    const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
    return {
      seq: r.seq,
      time: r.time,
      actor: r.actor,
      actorName: r.actor === 'system' ? '系统' : (names.get(r.actor) ?? '未知账号'),
      role: r.role,
      roleLabel: roleLabel(r.role),
      action: r.action,
      actionLabel: actionLabel(r.action),
      subject: r.subject,
      subjectName: subjectName(r.subject, names, p),
      text: typeof p.text === 'string' ? p.text : '',
      details: auditDetails(payload, (id) => titles.get(id)),
      payload,
      hash: r.hash,
      signature: r.signature,
    };
  });
}

function subjectName(subject: string, names: Map<string, string>, p: Record<string, unknown>): string {
  const known = names.get(subject) ?? SUBJECT_LABELS[subject];
  if (known) return known;
  const [kind, rest] = [subject.slice(0, subject.indexOf(':')), subject.slice(subject.indexOf(':') + 1)];
  if (kind === 'profile') return `审查流程“${typeof p.name === 'string' ? p.name : (p.definition as { name?: string } | undefined)?.name ?? rest}”`;
  if (kind === 'report') return `${rest} 年政府信息公开工作年度报告`;
  if (kind === 'calendar') return `${rest} 年工作日历`;
  if (kind === 'bundle') return `发布包 ${rest}`;
  if (kind === 'basis') return '审查依据（已删除）';
  return subject;
}
