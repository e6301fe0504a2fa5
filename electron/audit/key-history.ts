import type { DB } from '../store/database';

// The key history table (migration 0010) is a copy of the chain's key events, for the
// item page. Verification collects the same events while it walks the chain and
// compares: a row added, changed or removed in the table alone is reported.

export interface KeyEvent {
  seq: number;
  action: string;
  owner: string | null;
  publicKey: string | null;
}

const KEY_ACTIONS = new Set(['system.setup', 'user.keyRegistered', 'user.keyRevoked']);

/** The key event an entry of the chain records, as the table should hold it, or null. */
export function keyEventOf(seq: number, action: string, payload: unknown): KeyEvent | null {
  if (!KEY_ACTIONS.has(action) || (action === 'system.setup' && seq !== 1)) return null;
  const p = (payload ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  if (action === 'system.setup') return { seq, action, owner: 'org', publicKey: str((p.organization as Record<string, unknown> | undefined)?.publicKey) };
  return { seq, action, owner: str(p.userId), publicKey: action === 'user.keyRegistered' ? str(p.publicKey) : null };
}

export const TABLE_MISMATCH = '密钥历史表与审计日志不符：密钥记录被单独添加、修改或删除';

/** The first sequence number where the table and the chain's key events differ, or null. */
export async function keyHistoryMismatch(db: DB, fromChain: readonly KeyEvent[], uptoSeq: number): Promise<number | null> {
  const rows = await db.selectFrom('audit_keys').selectAll().where('seq', '<=', uptoSeq).orderBy('seq').execute();
  const n = Math.max(rows.length, fromChain.length);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const c = fromChain[i];
    if (!r || !c || r.seq !== c.seq || r.action !== c.action || r.owner !== c.owner || r.public_key !== c.publicKey) return Math.min(r?.seq ?? Infinity, c?.seq ?? Infinity);
  }
  return null;
}

/** The keys as the table holds them: raw public key (base64) with its owner ('org' for the organization). */
export async function storedKeys(db: DB): Promise<Array<{ owner: string; publicKey: string }>> {
  const rows = await db.selectFrom('audit_keys').select(['owner', 'public_key']).where('public_key', 'is not', null).orderBy('seq').execute();
  return rows.filter((r) => r.owner !== null).map((r) => ({ owner: r.owner!, publicKey: r.public_key! }));
}
