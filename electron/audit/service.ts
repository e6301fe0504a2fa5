import { AppFailure } from '../../shared/result';
import { ACTION_LABELS } from '../../shared/audit';
import type { AuditEntryView, AuditExtract, AuditPage, VerifyReport } from '../../shared/types';
import type { contract, In } from '../../shared/contract';
import type { SessionContext } from '../context/session';
import type { DB } from '../store/database';
import { auditHead } from './append';
import { parseCheckpoint } from './verify';
import { verifyAuditParallel } from './verify-parallel';

// The 安全审计员's desk: the trail filtered by person, action, object and date, each
// entry with names and words rather than ids; verification across every core;
// countersigned checkpoints; and signed extracts of a range for keeping outside.

type Row = { seq: number; time: string; actor: string; role: string; action: string; subject: string; payload: string; hash: string; signature: string };

const csvCell = (v: string) => {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export class AuditService {
  constructor(
    private readonly ctx: SessionContext,
    private readonly orgFingerprint: () => string,
    private readonly signExtract: (bytes: Buffer) => { publicKey: string; signature: string; signer: string },
  ) {}

  /** Names for the actors and subjects of some entries, in two queries. */
  private async views(rows: Row[]): Promise<AuditEntryView[]> {
    const db = this.ctx.db();
    const ids = [...new Set(rows.flatMap((r) => [r.actor, r.subject]))];
    const users = ids.length ? new Map((await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()).map((r) => [r.id, r.display_name])) : new Map<string, string>();
    const items = ids.length ? new Map((await db.selectFrom('items').select(['id', 'title']).where('id', 'in', ids).execute()).map((r) => [r.id, r.title])) : new Map<string, string>();
    return rows.map((r) => {
      const payload = JSON.parse(r.payload) as unknown;
      const text = payload && typeof payload === 'object' && typeof (payload as { text?: unknown }).text === 'string' ? (payload as { text: string }).text : '';
      return {
        seq: r.seq,
        time: r.time,
        actor: r.actor,
        actorName: r.actor === 'system' ? '系统' : (users.get(r.actor) ?? r.actor),
        role: r.role,
        action: r.action,
        actionLabel: ACTION_LABELS[r.action] ?? r.action,
        subject: r.subject,
        subjectName: users.get(r.subject) ?? items.get(r.subject) ?? r.subject,
        text,
        payload,
        hash: r.hash,
        signature: r.signature,
      };
    });
  }

  async list(input: In<typeof contract.audit.list>): Promise<AuditPage> {
    const db = this.ctx.db();
    let q = db.selectFrom('audit_log');
    if (input.actor) q = q.where('actor', '=', input.actor);
    if (input.action) q = q.where('action', '=', input.action);
    if (input.subject) q = q.where('subject', '=', input.subject);
    if (input.from) q = q.where('time', '>=', `${input.from}T00:00:00`);
    if (input.to) q = q.where('time', '<=', `${input.to}T23:59:59.999Z`);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.select(['seq', 'time', 'actor', 'role', 'action', 'subject', 'payload', 'hash', 'signature']).orderBy('seq', 'desc').offset(input.offset).limit(input.limit).execute();
    return { total, entries: await this.views(rows) };
  }

  async verify(checkpoint?: string, onProgress?: (fraction: number) => void): Promise<VerifyReport> {
    const cp = checkpoint ? parseCheckpoint(checkpoint) : undefined;
    if (checkpoint && !cp) throw new AppFailure('INVALID_INPUT', '检查点格式应为 序号:哈希');
    const report = await verifyAuditParallel(this.ctx.db(), { checkpoint: cp ?? undefined, trustedOrgFingerprint: this.orgFingerprint(), onProgress });
    await this.ctx.audit({ action: 'audit.verified', subject: 'audit_log', payload: { ok: report.ok, checked: report.checked, firstBad: report.firstBad } });
    return report;
  }

  /** Every stored file against its hash; the result is itself an audit entry. */
  async verifyFiles(check: (db: DB) => Promise<{ checked: number; bad: Array<{ sha256: string; documents: string[] }> }>) {
    const report = await check(this.ctx.db());
    await this.ctx.audit({ action: 'audit.filesVerified', subject: 'blobs', payload: { text: `核验存储文件 ${report.checked} 个，损坏 ${report.bad.length} 个`, ...report }, role: 'auditor' });
    return report;
  }

  /** The auditor signs the current head: a checkpoint to print and keep outside. */
  async countersign(): Promise<{ seq: number; hash: string }> {
    const head = await auditHead(this.ctx.db());
    if (!head) throw new AppFailure('NOT_FOUND', '审计记录为空');
    await this.ctx.audit({ action: 'audit.countersigned', subject: 'audit_log', payload: { ...head, text: `签署检查点 ${head.seq}:${head.hash.slice(0, 16)}…` }, role: 'auditor' });
    return head;
  }

  async checkpoints(): Promise<Array<{ seq: number; hash: string; time: string; by: string }>> {
    const rows = await this.ctx.db().selectFrom('audit_log').select(['seq', 'time', 'actor', 'role', 'action', 'subject', 'payload', 'hash', 'signature']).where('action', '=', 'audit.countersigned').orderBy('seq', 'desc').execute();
    return (await this.views(rows)).map((v) => {
      const p = v.payload as { seq: number; hash: string };
      return { seq: p.seq, hash: p.hash, time: v.time, by: v.actorName };
    });
  }

  /** A range of the trail, signed by the auditor: JSON for programs, CSV for people. */
  async extract(fromSeq: number, toSeq: number): Promise<AuditExtract> {
    if (toSeq < fromSeq) throw new AppFailure('INVALID_INPUT', '截止序号不能小于起始序号');
    if (toSeq - fromSeq >= 100_000) throw new AppFailure('INVALID_INPUT', '一次最多导出 100000 条记录');
    const rows = await this.ctx.db().selectFrom('audit_log').select(['seq', 'time', 'actor', 'role', 'action', 'subject', 'payload', 'hash', 'signature']).where('seq', '>=', fromSeq).where('seq', '<=', toSeq).orderBy('seq').execute();
    if (!rows.length) throw new AppFailure('NOT_FOUND', '该范围内没有审计记录');
    const views = await this.views(rows);
    const json = JSON.stringify({ format: 'mishen-audit-extract/1', fromSeq, toSeq, exportedAt: this.ctx.now().toISOString(), entries: rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown })) }, null, 1);
    const header = ['序号', '时间', '操作人', '角色', '操作', '对象', '内容', '哈希'];
    const csv = `\uFEFF${[header, ...views.map((v) => [String(v.seq), v.time, v.actorName, v.role, v.actionLabel, v.subjectName, v.text, v.hash])].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
    const signature = { alg: 'Ed25519' as const, ...this.signExtract(Buffer.from(json, 'utf8')) };
    await this.ctx.audit({ action: 'audit.extracted', subject: 'audit_log', role: 'auditor', payload: { text: `导出审计记录第 ${fromSeq}–${toSeq} 条`, fromSeq, toSeq, count: rows.length } });
    return { fileName: `审计记录-${fromSeq}-${toSeq}`, json, csv, signature };
  }
}
