import { createHash } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import { ACTION_LABELS } from '../../shared/audit';
import type { AuditEntryView, AuditExtract, AuditPage, VerifyReport } from '../../shared/types';
import type { contract, In } from '../../shared/contract';
import type { SessionContext } from '../context/session';
import type { DB } from '../store/database';
import type { AuditDeskPage } from '../../shared/audit';
import type { AuditCheckpointView, AuditSignedExtractView } from '../../shared/ops/admin';
import { rawPublicKey } from '../keys/crypto';
import { auditHead } from './append';
import { dayEnd, dayStart, deskEntries, deskPage, type AuditPageInput } from './desk-page';
import { signExtract, type ExtractBody } from './extract';
import { beijingTime, extractCsv } from './extract-csv';
import { extractPrintData, PRINT_LIMIT, type ExtractPrintData } from './print-form';
import { knownKeys, parseCheckpoint } from './verify';
import { verifyAuditParallel, type StoreAccess } from './verify-parallel';

// The 安全审计员's desk: the trail filtered by person, action, object and date, each
// entry with names and words rather than ids; verification across every core;
// countersigned checkpoints; and signed extracts of a range for keeping outside.

type Row = { seq: number; time: string; actor: string; role: string; action: string; subject: string; payload: string; hash: string; signature: string };

const csvCell = (v: string) => {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export class AuditService {
  /** The verification under way, for the progress bar (one at a time per process is plenty). */
  private running: { fraction: number } | null = null;

  constructor(
    private readonly ctx: SessionContext,
    private readonly orgFingerprint: () => string,
    private readonly signExtract: (bytes: Buffer) => { publicKey: string; signature: string; signer: string },
    /** How verification's workers open the store themselves (the key stays in this process). */
    private readonly storeAccess?: () => StoreAccess,
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

  /** The desk's page: filtered and paged in SQL, names and words for every column. */
  page(input: AuditPageInput): Promise<AuditDeskPage> {
    return deskPage(this.ctx.db(), input);
  }

  progress(): { running: boolean; fraction: number } {
    return { running: !!this.running, fraction: this.running?.fraction ?? 0 };
  }

  async verify(checkpoint?: string, onProgress?: (fraction: number) => void): Promise<VerifyReport> {
    const cp = checkpoint ? parseCheckpoint(checkpoint) : undefined;
    if (checkpoint && !cp) throw new AppFailure('INVALID_INPUT', '检查点格式应为 序号:哈希');
    if (this.running) throw new AppFailure('CONFLICT', '审计日志正在验证，请等待完成');
    const state = (this.running = { fraction: 0 });
    let report: VerifyReport;
    try {
      report = await verifyAuditParallel(this.ctx.db(), {
        checkpoint: cp ?? undefined,
        trustedOrgFingerprint: this.orgFingerprint(),
        store: this.storeAccess?.(),
        onProgress: (f) => {
          state.fraction = f;
          onProgress?.(f);
        },
      });
    } finally {
      this.running = null;
    }
    await this.ctx.audit({ action: 'audit.verified', subject: 'audit_log', payload: { ok: report.ok, checked: report.checked, firstBad: report.firstBad } });
    return report;
  }

  /** Every stored file against its hash; the result is itself an audit entry. */
  async verifyFiles(check: (db: DB) => Promise<{ checked: number; bad: Array<{ sha256: string; documents: string[] }> }>) {
    const report = await check(this.ctx.db());
    await this.ctx.audit({ action: 'audit.filesVerified', subject: 'blobs', payload: { text: `核验存储文件 ${report.checked} 个，损坏 ${report.bad.length} 个`, ...report }, role: 'auditor' });
    return report;
  }

  /**
   * The auditor signs the current head: a checkpoint to print and keep outside. The
   * entry is signed with the auditor's key like every entry of theirs; the payload also
   * carries the auditor's signature over the text “序号:哈希” itself, so the printed
   * checkpoint can be checked with the public key alone, without the trail.
   */
  async countersign(): Promise<{ seq: number; hash: string }> {
    const head = await auditHead(this.ctx.db());
    if (!head) throw new AppFailure('NOT_FOUND', '审计记录为空');
    const s = this.signExtract(Buffer.from(`${head.seq}:${head.hash}`, 'utf8'));
    await this.ctx.audit({
      action: 'audit.countersigned',
      subject: 'audit_log',
      payload: { ...head, text: `签署检查点 ${head.seq}:${head.hash.slice(0, 16)}…`, signature: s.signature, publicKey: s.publicKey, fingerprint: s.signer },
      role: 'auditor',
    });
    return head;
  }

  async checkpointList(): Promise<AuditCheckpointView[]> {
    const rows = await this.ctx.db().selectFrom('audit_log').select(['seq', 'time', 'actor', 'role', 'action', 'subject', 'payload', 'hash', 'signature']).where('action', '=', 'audit.countersigned').orderBy('seq', 'desc').execute();
    return (await deskEntries(this.ctx.db(), rows)).map((v) => {
      const p = v.payload as { seq: number; hash: string; signature?: string; publicKey?: string };
      return { seq: p.seq, hash: p.hash, time: v.time, by: v.actorName, signature: p.signature ?? null, publicKey: p.publicKey ?? null, entrySeq: v.seq };
    });
  }

  /** Sequence numbers of a range given by seq or by Beijing dates. */
  private async range(r: { fromSeq?: number; toSeq?: number; from?: string; to?: string }): Promise<{ fromSeq: number; toSeq: number }> {
    if (r.fromSeq !== undefined && r.toSeq !== undefined) return { fromSeq: r.fromSeq, toSeq: r.toSeq };
    if (!r.from || !r.to) throw new AppFailure('INVALID_INPUT', '请填写起止序号或起止日期');
    const b = await this.ctx
      .db()
      .selectFrom('audit_log')
      .select((eb) => [eb.fn.min('seq').as('lo'), eb.fn.max('seq').as('hi')])
      .where('time', '>=', dayStart(r.from))
      .where('time', '<', dayEnd(r.to))
      .executeTakeFirst();
    if (!b?.lo || !b.hi) throw new AppFailure('NOT_FOUND', '该期间内没有审计记录');
    return { fromSeq: Number(b.lo), toSeq: Number(b.hi) };
  }

  /** What a printed extract of a range shows (the first PRINT_LIMIT entries; the signed file holds all). */
  async printData(input: { fromSeq?: number; toSeq?: number; from?: string; to?: string }): Promise<ExtractPrintData> {
    const { fromSeq, toSeq } = await this.range(input);
    if (toSeq < fromSeq) throw new AppFailure('INVALID_INPUT', '截止序号不能小于起始序号');
    const db = this.ctx.db();
    const rows = await db.selectFrom('audit_log').select(['seq', 'time', 'actor', 'role', 'action', 'subject', 'payload', 'hash', 'signature']).where('seq', '>=', fromSeq).where('seq', '<=', toSeq).orderBy('seq').limit(PRINT_LIMIT).execute();
    if (!rows.length) throw new AppFailure('NOT_FOUND', '该范围内没有审计记录');
    const count = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('seq', '>=', fromSeq).where('seq', '<=', toSeq).executeTakeFirstOrThrow()).n);
    const org = await db.selectFrom('organization').select(['name']).executeTakeFirstOrThrow();
    const base = { org: org.name, orgFingerprint: this.orgFingerprint(), fromSeq: rows[0]!.seq, toSeq: Math.min(toSeq, rows[0]!.seq + count - 1), count, head: (await auditHead(db))!, by: this.ctx.user().displayName, time: beijingTime(this.ctx.now().toISOString()) };
    return extractPrintData(base, await deskEntries(db, rows));
  }

  /** One countersigned checkpoint, by the sequence number of the entry that records it. */
  async checkpointAt(entrySeq: number): Promise<AuditCheckpointView> {
    const cp = (await this.checkpointList()).find((c) => c.entrySeq === entrySeq);
    if (!cp) throw new AppFailure('NOT_FOUND', '找不到该检查点');
    return cp;
  }

  /** A range as a self-contained signed file (mishen-audit-extract/2) and its CSV; recorded in the trail. */
  async signedExtract(input: { fromSeq?: number; toSeq?: number; from?: string; to?: string }): Promise<AuditSignedExtractView> {
    const { fromSeq, toSeq } = await this.range(input);
    if (toSeq < fromSeq) throw new AppFailure('INVALID_INPUT', '截止序号不能小于起始序号');
    if (toSeq - fromSeq >= 100_000) throw new AppFailure('INVALID_INPUT', '一次最多导出 100000 条记录');
    const db = this.ctx.db();
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', fromSeq).where('seq', '<=', toSeq).orderBy('seq').execute();
    if (!rows.length) throw new AppFailure('NOT_FOUND', '该范围内没有审计记录');
    const head = (await auditHead(db))!;
    const org = await db.selectFrom('organization').select(['name', 'public_key']).executeTakeFirstOrThrow();
    const vouched = await knownKeys(db);
    const owners = [...new Set([...vouched.values()].map((k) => k.owner))];
    const ownerNames = new Map((await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', owners.length ? owners : ['']).execute()).map((u) => [u.id, u.display_name]));
    const body: ExtractBody = {
      organization: { name: org.name, publicKey: org.public_key.toString('base64'), fingerprint: this.orgFingerprint() },
      range: { fromSeq: rows[0]!.seq, toSeq: rows.at(-1)!.seq },
      exportedAt: this.ctx.now().toISOString(),
      exportedBy: this.ctx.user().displayName,
      head,
      keys: [...vouched].map(([fp, k]) => ({ fingerprint: fp, publicKey: rawPublicKey(k.key).toString('base64'), owner: k.owner, ownerName: k.owner === 'org' ? org.name : (ownerNames.get(k.owner) ?? '') })),
      entries: rows.map((r) => ({ seq: r.seq, time: r.time, actor: r.actor, role: r.role, action: r.action, subject: r.subject, payload: JSON.parse(r.payload) as unknown, prevHash: r.prev_hash, signer: r.signer, hash: r.hash, signature: r.signature })),
    };
    const json = signExtract(body, this.signExtract);
    const views = await deskEntries(db, rows);
    const csv = extractCsv(views.map((v, i) => ({ ...v, signer: rows[i]!.signer })));
    const { fromSeq: a, toSeq: b } = body.range;
    await this.ctx.audit({ action: 'audit.extracted', subject: 'audit_log', role: 'auditor', payload: { text: `导出审计记录第 ${a}–${b} 条（签名摘录）`, fromSeq: a, toSeq: b, count: rows.length, sha256: createHash('sha256').update(json, 'utf8').digest('hex') } });
    return { fileName: `审计记录-${a}-${b}`, json, csv, fromSeq: a, toSeq: b, count: rows.length };
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
