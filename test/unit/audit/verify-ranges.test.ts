import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { entryHash } from '../../../electron/audit/entry';
import { signerFromPrivateKey } from '../../../electron/audit/append';
import { TABLE_MISMATCH } from '../../../electron/audit/key-history';
import { verifyAudit, type VerifyOptions } from '../../../electron/audit/verify';
import { verifyAuditParallel, verifyWays } from '../../../electron/audit/verify-parallel';
import { fingerprintOf } from '../../../electron/audit/verify-worker.mjs';
import { fingerprint, signEd25519 } from '../../../electron/keys/crypto';
import type { Schema } from '../../../electron/store/schema';
import { swapEntries, tamperTrail } from '../../helpers/tamper-trail';

// Verification by sequence ranges, each read by a worker from its own connection, must
// give exactly the report of the single pass: for each kind of tampering and for range
// sizes that put the tampered entry at the start, the end and the middle of a range.

let cleanup: () => void;
let raw: BetterSqlite3.Database;
let db: Kysely<Schema>;
let dataKey: Buffer;
let secAdminKey: Buffer;
let sysAdminId: string;

beforeEach(async () => {
  ({ cleanup, raw, db, dataKey, secAdminKey, sysAdminId } = await tamperTrail());
}, 60_000);
afterEach(async () => {
  await db.destroy();
  cleanup();
});

const CHUNKS = [1, 2, 3, 5, 7, 1000];
const head = () => raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
const ranged = (opts: VerifyOptions, chunk: number, key = dataKey) => verifyAuditParallel(db, { ...opts, workers: 2, minEntries: 0, chunk, store: { dataKey: key } });

/** The single pass's report, after checking every range size gives the same. */
async function sameAsSingle(opts: VerifyOptions = {}) {
  const single = await verifyAudit(db, opts);
  const before = { ...verifyWays };
  for (const chunk of CHUNKS) expect({ chunk, report: await ranged(opts, chunk) }).toEqual({ chunk, report: single });
  // Every report came from the ranges, none from a fallback.
  expect(verifyWays).toEqual({ ...before, ranges: before.ranges + CHUNKS.length });
  return single;
}

const resign = (seq: number, signKey: Buffer, changes: Record<string, unknown> = {}) => {
  const row = { ...(raw.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as Record<string, unknown>), ...changes };
  const signer = signerFromPrivateKey(signKey);
  const fields = {
    seq, time: row.time as string, actor: row.actor as string, role: row.role as string, action: row.action as string,
    subject: row.subject as string, payload: JSON.parse(row.payload as string) as unknown, prevHash: row.prev_hash as string, signer: signer.fingerprint,
  };
  const hash = entryHash(fields);
  const signature = signEd25519(signKey, Buffer.from(hash, 'hex')).toString('base64');
  raw.prepare('UPDATE audit_log SET payload = ?, signer = ?, hash = ?, signature = ? WHERE seq = ?').run(row.payload, signer.fingerprint, hash, signature, seq);
};

describe('audit verification by ranges', () => {
  it('passes the untouched trail, with and without checkpoint and trusted fingerprint', async () => {
    expect((await sameAsSingle()).ok).toBe(true);
    expect((await sameAsSingle({ checkpoint: head() })).ok).toBe(true);
    const org = raw.prepare('SELECT public_key FROM organization').get() as { public_key: Buffer } | undefined;
    if (org) expect((await sameAsSingle({ trustedOrgFingerprint: fingerprint(org.public_key) })).ok).toBe(true);
  });

  it('names a changed field', async () => {
    raw.prepare("UPDATE audit_log SET payload = json_set(payload, '$.department', '财务科') WHERE seq = 8").run();
    expect((await sameAsSingle()).firstBad).toEqual({ seq: 8, reason: '记录内容被修改：哈希不符' });
  });

  it('names a payload that no longer parses', async () => {
    raw.prepare("UPDATE audit_log SET payload = '{' WHERE seq = 5").run();
    expect((await sameAsSingle()).firstBad).toEqual({ seq: 5, reason: '记录内容无法解析' });
  });

  for (const seq of [1, 6, 7]) {
    it(`names a removed entry (${seq})`, async () => {
      raw.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq);
      expect((await sameAsSingle()).firstBad!.seq).toBe(seq);
    });
  }

  it('names two removed entries in a row by the first', async () => {
    raw.prepare('DELETE FROM audit_log WHERE seq IN (9, 10)').run();
    expect((await sameAsSingle()).firstBad!.seq).toBe(9);
  });

  it('names two swapped entries', async () => {
    swapEntries(raw, 7, 8);
    expect((await sameAsSingle()).firstBad!.seq).toBe(7);
  });

  it('names an entry re-hashed and re-signed whole (its successor’s link breaks)', async () => {
    resign(6, secAdminKey, { payload: JSON.stringify({ text: '改写' }) });
    const r = await sameAsSingle();
    expect(r.firstBad!.seq).toBe(6);
  });

  it('catches entries cut from the end against a checkpoint, and a wrong checkpoint hash', async () => {
    const cp = head();
    expect((await sameAsSingle({ checkpoint: { seq: cp.seq, hash: 'f'.repeat(64) } })).firstBad!.reason).toMatch(/检查点/);
    raw.prepare('DELETE FROM audit_log WHERE seq > ?').run(cp.seq - 3);
    expect((await sameAsSingle()).ok).toBe(true);
    const r = await sameAsSingle({ checkpoint: cp });
    expect(r.firstBad).toEqual({ seq: cp.seq - 2, reason: `审计记录在检查点（第 ${cp.seq} 条）之前被截断` });
  });

  it("catches an entry re-signed with another user's key", async () => {
    const seq = (raw.prepare("SELECT seq FROM audit_log WHERE actor = ? AND action = 'user.created' ORDER BY seq LIMIT 1").get(sysAdminId) as { seq: number }).seq;
    resign(seq, secAdminKey);
    expect((await sameAsSingle()).firstBad).toEqual({ seq, reason: '签名密钥不是该操作人当时持有的密钥' });
  });

  it('catches a signature made with another key under the right name', async () => {
    const row = raw.prepare("SELECT seq, hash FROM audit_log WHERE actor = ? AND action = 'user.created' ORDER BY seq LIMIT 1").get(sysAdminId) as { seq: number; hash: string };
    raw.prepare('UPDATE audit_log SET signature = ? WHERE seq = ?').run(signEd25519(secAdminKey, Buffer.from(row.hash, 'hex')).toString('base64'), row.seq);
    expect((await sameAsSingle()).firstBad).toEqual({ seq: row.seq, reason: '签名验证失败' });
  });

  it('catches a removed key registration at the first entry that needed the key', async () => {
    const seq = (raw.prepare("SELECT seq FROM audit_log WHERE action = 'user.keyRegistered' ORDER BY seq LIMIT 1").get() as { seq: number }).seq;
    raw.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq);
    expect((await sameAsSingle()).firstBad!.seq).toBe(seq);
  });

  it('rejects an organization key that is not the trusted one', async () => {
    expect((await sameAsSingle({ trustedOrgFingerprint: `sha256:${'0'.repeat(64)}` })).firstBad).toEqual({ seq: 1, reason: '单位密钥指纹与受信任的指纹不符' });
  });

  it('reports a key history row the chain does not hold', async () => {
    const h = head();
    raw.prepare('INSERT INTO audit_keys (seq, action, owner, public_key) VALUES (?, ?, ?, ?)').run(h.seq - 1, 'user.keyRegistered', 'intruder', randomBytes(32).toString('base64'));
    expect((await sameAsSingle()).firstBad).toEqual({ seq: h.seq - 1, reason: TABLE_MISMATCH });
  });

  it('falls back to reading on the main thread when the workers cannot open the store', async () => {
    raw.prepare("UPDATE audit_log SET payload = json_set(payload, '$.department', '财务科') WHERE seq = 8").run();
    const single = await verifyAudit(db);
    const feeding = verifyWays.feeding;
    expect(await ranged({}, 3, randomBytes(32))).toEqual(single);
    expect(verifyWays.feeding).toBe(feeding + 1);
  });

  it('computes fingerprints as the key module does', () => {
    const key = randomBytes(32);
    expect(fingerprintOf(key)).toBe(fingerprint(key));
  });

  it('reports progress up to the whole trail', async () => {
    const seen: number[] = [];
    const r = await verifyAuditParallel(db, { workers: 2, minEntries: 0, chunk: 4, store: { dataKey }, onProgress: (f) => seen.push(f) });
    expect(r.ok).toBe(true);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1]!))).toBe(true);
  });
});
