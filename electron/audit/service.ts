import { AppFailure } from '../../shared/result';
import type { AuditPage, VerifyReport } from '../../shared/types';
import type { SessionContext } from '../context/session';
import type { DB } from '../store/database';
import { auditHead } from './append';
import { parseCheckpoint } from './verify';
import { verifyAuditParallel } from './verify-parallel';

// The 安全审计员's desk: the trail, its verification, and countersigned checkpoints.

export class AuditService {
  constructor(
    private readonly ctx: SessionContext,
    private readonly orgFingerprint: () => string,
  ) {}

  async list(offset: number, limit: number): Promise<AuditPage> {
    const db = this.ctx.db();
    const names = new Map((await db.selectFrom('users').select(['id', 'display_name']).execute()).map((r) => [r.id, r.display_name]));
    const total = (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0;
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').offset(offset).limit(limit).execute();
    return {
      total: Number(total),
      entries: rows.map((r) => ({
        seq: r.seq,
        time: r.time,
        actor: r.actor,
        actorName: r.actor === 'system' ? '系统' : (names.get(r.actor) ?? r.actor),
        role: r.role,
        action: r.action,
        subject: r.subject,
        subjectName: names.get(r.subject) ?? r.subject,
        payload: JSON.parse(r.payload) as unknown,
        hash: r.hash,
      })),
    };
  }

  async verify(checkpoint?: string): Promise<VerifyReport> {
    const cp = checkpoint ? parseCheckpoint(checkpoint) : undefined;
    if (checkpoint && !cp) throw new AppFailure('INVALID_INPUT', '检查点格式应为 序号:哈希');
    const report = await verifyAuditParallel(this.ctx.db(), { checkpoint: cp ?? undefined, trustedOrgFingerprint: this.orgFingerprint() });
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
    await this.ctx.audit({ action: 'audit.countersigned', subject: 'audit_log', payload: head, role: 'auditor' });
    return head;
  }
}
