import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { entryHash } from '../../../electron/audit/entry';
import { verifyAudit } from '../../../electron/audit/verify';
import { verifyAuditParallel } from '../../../electron/audit/verify-parallel';
import { signEd25519 } from '../../../electron/keys/crypto';
import { signerFromPrivateKey } from '../../../electron/audit/append';
import type { Schema } from '../../../electron/store/schema';
import { swapEntries, tamperTrail } from '../../helpers/tamper-trail';

// A store with a realistic trail, then opened behind the application's back (as an
// attacker holding the data key would) to edit the audit table directly.

let cleanup: () => void;
let raw: BetterSqlite3.Database;
let db: Kysely<Schema>;
let secAdminKey: Buffer;
let sysAdminId: string;

beforeEach(async () => {
  ({ cleanup, raw, db, secAdminKey, sysAdminId } = await tamperTrail());
});
afterEach(async () => {
  await db.destroy();
  cleanup();
});

const count = () => (raw.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
const head = () => raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };

// Both verifiers give the same report: the sequential pass, and the one across cores.
const VERIFIERS: Array<[string, typeof verifyAudit]> = [
  ['sequential', verifyAudit],
  ['parallel', (db, opts) => verifyAuditParallel(db, { ...opts, workers: 2 })],
];

describe.each(VERIFIERS)('audit verification (%s)', (_name, verify) => {
  it('passes on the untouched trail', async () => {
    const r = await verify(db);
    expect(r).toMatchObject({ ok: true, checked: count(), firstBad: null });
    expect(count()).toBeGreaterThan(12);
    // Entries by the sysAdmin after the password change are signed by their own key.
    const signers = raw.prepare('SELECT DISTINCT signer FROM audit_log WHERE actor = ?').all(sysAdminId);
    expect(signers.length).toBe(2);
  });

  it('names an entry whose field was changed', async () => {
    raw.prepare("UPDATE audit_log SET payload = json_set(payload, '$.department', '财务科') WHERE seq = 8").run();
    expect((await verify(db)).firstBad).toEqual({ seq: 8, reason: '记录内容被修改：哈希不符' });
  });

  it('names a deleted middle entry', async () => {
    raw.prepare('DELETE FROM audit_log WHERE seq = 6').run();
    const r = await verify(db);
    expect(r.ok).toBe(false);
    expect(r.firstBad!.seq).toBe(6);
  });

  it('names two swapped entries', async () => {
    swapEntries(raw, 7, 8);
    expect((await verify(db)).firstBad!.seq).toBe(7);
  });

  it('catches entries cut from the end against a checkpoint', async () => {
    const checkpoint = head();
    raw.prepare('DELETE FROM audit_log WHERE seq > ?').run(checkpoint.seq - 3);
    // Without an outside anchor a shortened chain is still a valid chain...
    expect((await verify(db)).ok).toBe(true);
    // ...the checkpoint printed on a form or countersigned by the auditor catches it.
    const r = await verify(db, { checkpoint });
    expect(r.ok).toBe(false);
    expect(r.firstBad!.seq).toBe(checkpoint.seq - 2);
    expect(r.firstBad!.reason).toMatch(/截断/);
  });

  it('catches a checkpoint whose hash differs', async () => {
    const cp = head();
    expect((await verify(db, { checkpoint: { seq: cp.seq, hash: 'f'.repeat(64) } })).firstBad!.reason).toMatch(/检查点/);
  });

  it("catches an old entry re-signed with another user's key", async () => {
    const row = raw.prepare("SELECT * FROM audit_log WHERE actor = ? AND action = 'user.created' ORDER BY seq LIMIT 1").get(sysAdminId) as Record<string, unknown> & { seq: number };
    const other = signerFromPrivateKey(secAdminKey);
    const fields = {
      seq: row.seq, time: row.time as string, actor: row.actor as string, role: row.role as string, action: row.action as string,
      subject: row.subject as string, payload: JSON.parse(row.payload as string) as unknown, prevHash: row.prev_hash as string, signer: other.fingerprint,
    };
    const hash = entryHash(fields);
    const signature = signEd25519(secAdminKey, Buffer.from(hash, 'hex')).toString('base64');
    raw.prepare('UPDATE audit_log SET signer = ?, hash = ?, signature = ? WHERE seq = ?').run(other.fingerprint, hash, signature, row.seq);
    expect((await verify(db)).firstBad).toEqual({ seq: row.seq, reason: '签名密钥不是该操作人当时持有的密钥' });
  });

  it("catches a signature made with another key under the right name", async () => {
    const row = raw.prepare("SELECT seq, hash FROM audit_log WHERE actor = ? AND action = 'user.created' ORDER BY seq LIMIT 1").get(sysAdminId) as { seq: number; hash: string };
    const forged = signEd25519(secAdminKey, Buffer.from(row.hash, 'hex')).toString('base64');
    raw.prepare('UPDATE audit_log SET signature = ? WHERE seq = ?').run(forged, row.seq);
    expect((await verify(db)).firstBad).toEqual({ seq: row.seq, reason: '签名验证失败' });
  });

  it('rejects a chain whose organization key is not the trusted one', async () => {
    const r = await verify(db, { trustedOrgFingerprint: `sha256:${'0'.repeat(64)}` });
    expect(r.firstBad).toEqual({ seq: 1, reason: '单位密钥指纹与受信任的指纹不符' });
  });
});
