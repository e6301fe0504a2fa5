import type { KeyObject } from 'node:crypto';
import type { VerifyReport } from '../../shared/types';
import { fingerprint, importPublicKey, verifyEd25519 } from '../keys/crypto';
import type { DB } from '../store/database';
import { entryHash, GENESIS_HASH } from './entry';
import { keyEventOf, keyHistoryMismatch, storedKeys, TABLE_MISMATCH, type KeyEvent } from './key-history';

// Verification trusts nothing in the database but the chain itself: the organization
// key comes from the genesis entry (or must match a fingerprint the caller trusts),
// and each user's key history is rebuilt from the key registrations the chain holds,
// so a signature is checked against the key that user held at that point.

export interface Checkpoint {
  seq: number;
  hash: string;
}

export function parseCheckpoint(text: string): Checkpoint | null {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}

export interface VerifyOptions {
  checkpoint?: Checkpoint;
  trustedOrgFingerprint?: string;
}

export const KEY_EVENTS = {
  setup: 'system.setup',
  keyRegistered: 'user.keyRegistered',
  keyRevoked: 'user.keyRevoked',
} as const;

function b64key(value: unknown): Buffer | null {
  if (typeof value !== 'string') return null;
  const raw = Buffer.from(value, 'base64');
  return raw.length === 32 ? raw : null;
}

export async function verifyAudit(db: DB, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const keys = new Map<string, KeyObject>(); // fingerprint -> key
  const current = new Map<string, string>(); // actor id -> fingerprint of key in force
  let orgFp: string | null = null;
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let head: { seq: number; hash: string } | null = null;
  const bad = (seq: number, reason: string): VerifyReport => ({
    ok: false,
    checked: expected - 1,
    head,
    firstBad: { seq, reason },
  });

  const limit = opts.checkpoint?.seq ?? Number.MAX_SAFE_INTEGER;
  const keyEvents: KeyEvent[] = [];
  const rows = db.selectFrom('audit_log').selectAll().where('seq', '<=', limit).orderBy('seq').stream(200);
  for await (const row of rows) {
    if (row.seq !== expected) return bad(expected, `第 ${expected} 条记录缺失或顺序被改动`);
    if (row.prev_hash !== prevHash) return bad(row.seq, '前序哈希不符：记录被删除、插入或调换');
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      return bad(row.seq, '记录内容无法解析');
    }
    const fields = {
      seq: row.seq,
      time: row.time,
      actor: row.actor,
      role: row.role,
      action: row.action,
      subject: row.subject,
      payload,
      prevHash: row.prev_hash,
      signer: row.signer,
    };
    if (entryHash(fields) !== row.hash) return bad(row.seq, '记录内容被修改：哈希不符');

    const p = (payload ?? {}) as Record<string, unknown>;
    const ev = keyEventOf(row.seq, row.action, payload);
    if (ev) keyEvents.push(ev);
    if (row.seq === 1) {
      const orgKey = b64key((p.organization as Record<string, unknown> | undefined)?.publicKey);
      if (row.action !== KEY_EVENTS.setup || !orgKey) return bad(1, '首条记录不是系统初始化记录');
      orgFp = fingerprint(orgKey);
      if (opts.trustedOrgFingerprint && opts.trustedOrgFingerprint !== orgFp)
        return bad(1, '单位密钥指纹与受信任的指纹不符');
      keys.set(orgFp, importPublicKey(orgKey));
    }

    const signerOk = row.signer === orgFp || current.get(row.actor) === row.signer;
    if (!signerOk) return bad(row.seq, '签名密钥不是该操作人当时持有的密钥');
    const key = keys.get(row.signer);
    if (!key || !verifyEd25519(key, Buffer.from(row.hash, 'hex'), Buffer.from(row.signature, 'base64')))
      return bad(row.seq, '签名验证失败');

    // Key changes take effect after the entry that records them, and only when the
    // organization vouches for them.
    if (row.action === KEY_EVENTS.keyRegistered || row.action === KEY_EVENTS.keyRevoked) {
      if (row.signer !== orgFp) return bad(row.seq, '密钥登记必须由单位密钥签名');
      const userId = typeof p.userId === 'string' ? p.userId : null;
      if (!userId) return bad(row.seq, '密钥登记缺少用户');
      if (row.action === KEY_EVENTS.keyRegistered) {
        const raw = b64key(p.publicKey);
        if (!raw) return bad(row.seq, '密钥登记中的公钥无效');
        const fp = fingerprint(raw);
        keys.set(fp, importPublicKey(raw));
        current.set(userId, fp);
      } else {
        current.delete(userId);
      }
    }

    if (opts.checkpoint && row.seq === opts.checkpoint.seq && row.hash !== opts.checkpoint.hash)
      return bad(row.seq, '与检查点的哈希不符');
    prevHash = row.hash;
    head = { seq: row.seq, hash: row.hash };
    expected += 1;
  }
  if (opts.checkpoint && (head?.seq ?? 0) < opts.checkpoint.seq)
    return bad((head?.seq ?? 0) + 1, `审计记录在检查点（第 ${opts.checkpoint.seq} 条）之前被截断`);
  const mismatch = await keyHistoryMismatch(db, keyEvents, head?.seq ?? 0);
  if (mismatch !== null) return { ok: false, checked: head?.seq ?? 0, head, firstBad: { seq: mismatch, reason: TABLE_MISMATCH } };
  return { ok: true, checked: expected - 1, head, firstBad: null };
}

/**
 * The keys the trail vouches for: the organization key of the genesis entry and every
 * registered user key, each with its owner. For showing, entry by entry, whether a
 * signature holds; full verification (verifyAudit) also checks the order of key changes.
 */
export async function knownKeys(db: DB): Promise<Map<string, { key: KeyObject; owner: string }>> {
  // From the key history table (migration 0010): a few rows, not a pass over the chain.
  // Full verification checks that table against the chain.
  const keys = new Map<string, { key: KeyObject; owner: string }>();
  for (const r of await storedKeys(db)) {
    const raw = b64key(r.publicKey);
    if (raw) keys.set(fingerprint(raw), { key: importPublicKey(raw), owner: r.owner });
  }
  return keys;
}

export function entrySignatureValid(
  row: { seq: number; time: string; actor: string; role: string; action: string; subject: string; payload: string; prev_hash: string; signer: string; hash: string; signature: string },
  keys: Map<string, { key: KeyObject; owner: string }>,
): boolean {
  const k = keys.get(row.signer);
  if (!k || (k.owner !== 'org' && k.owner !== row.actor)) return false;
  const fields = { seq: row.seq, time: row.time, actor: row.actor, role: row.role, action: row.action, subject: row.subject, payload: JSON.parse(row.payload) as unknown, prevHash: row.prev_hash, signer: row.signer };
  if (entryHash(fields) !== row.hash) return false;
  return verifyEd25519(k.key, Buffer.from(row.hash, 'hex'), Buffer.from(row.signature, 'base64'));
}
