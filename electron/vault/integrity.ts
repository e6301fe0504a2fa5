import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { auditHead } from '../audit/append';
import type { DB } from '../store/database';
import type { KeyslotFile } from '../store/keyslots';
import { KEYSLOT_COUNTER_KEY, settlePendingChange } from './account-change';

// Loss and rollback detection at open. The keyslot file's anchor (MAC'd with a key
// from the data key) says how new the store must be; the store says how new the
// keyslot file must be; a marker file says whether the last session ended cleanly.
// Nothing found here is accepted silently: it becomes a notice at login and an audit
// entry the auditor sees.

export const RUNNING_MARKER = 'mishen.running';

export interface Files {
  db: string;
  marker: string;
}

/** Before opening the store: an unclean stop whose write-ahead log has gone missing. */
export function uncleanStopProblem(files: Files): string | null {
  if (!existsSync(files.marker)) return null;
  const wal = `${files.db}-wal`;
  if (!existsSync(wal) || statSync(wal).size === 0)
    return '上次运行未正常结束，且数据库的预写日志文件（mishen.db-wal）缺失或为空：最近已确认的操作可能已丢失，请安全审计员对照最近打印的检查点核查';
  return null;
}

export function markRunning(files: Files): void {
  writeFileSync(files.marker, String(process.pid), { mode: 0o600 });
}

export function markStopped(files: Files): void {
  rmSync(files.marker, { force: true });
}

/** After opening: finish an interrupted account change, then compare the two files. */
export async function checkAgainstKeyslots(ks: KeyslotFile, db: DB, dataKey: Buffer): Promise<string[]> {
  const problems: string[] = [];
  const settled = await settlePendingChange(ks, db, dataKey);
  if (settled === 'back') problems.push('上次的账号变更因程序中断未完成，已撤销该变更（钥匙槽文件已恢复到变更前）');
  if (!ks.anchorValid(dataKey)) problems.push('钥匙槽文件的完整性校验失败：该文件可能被篡改或替换');
  const anchor = ks.anchor;
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEYSLOT_COUNTER_KEY).executeTakeFirst();
  const storeCounter = Number(row?.value ?? 0);
  if (anchor && anchor.counter < storeCounter)
    problems.push('钥匙槽文件比数据库旧（可能被替换为旧副本）：此后重置或修改过的密码可能重新生效，请安全保密管理员立即核查');
  if (anchor?.head) {
    const head = await auditHead(db);
    const at = await sql<{ hash: string }>`SELECT hash FROM audit_log WHERE seq = ${anchor.head.seq}`.execute(db);
    if (!head || head.seq < anchor.head.seq || at.rows[0]?.hash !== anchor.head.hash)
      problems.push(`数据库比钥匙槽文件记录的审计位置（第 ${anchor.head.seq} 条）旧或不一致：数据库可能被替换为旧副本，已确认的操作可能丢失`);
  }
  return problems;
}
