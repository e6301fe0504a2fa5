import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import type { Services } from '../../../electron/app/services';
import { TABLE_MISMATCH } from '../../../electron/audit/key-history';
import { knownKeys, verifyAudit } from '../../../electron/audit/verify';
import { verifyAuditParallel } from '../../../electron/audit/verify-parallel';
import { ADMINS, firstLogin, setUpCore } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';

// The key history table is derived from the chain; both verifiers compare them, so a key
// slipped into (or removed from) the table alone is reported, though the chain is intact.

let core: Services;
let cleanup: () => void;
beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  core = (await setUpCore(t.dir)).core;
  await firstLogin(core, ADMINS.sysAdmin);
  await core.accounts.create({ username: 'user0', displayName: '用户0', department: '办公室', roles: ['handler'], initialPassword: 'Initial-Pass-0' });
}, 60_000);
afterAll(async () => {
  await core.close();
  cleanup();
});

describe('key history', () => {
  it('holds the chain’s keys and is checked against the chain by verification', async () => {
    const db = core.vault.db();
    const rows = await db.selectFrom('audit_keys').selectAll().orderBy('seq').execute();
    expect(rows[0]).toMatchObject({ seq: 1, action: 'system.setup', owner: 'org' });
    expect(rows.filter((r) => r.action === 'user.keyRegistered').length).toBeGreaterThanOrEqual(1);
    const keys = await knownKeys(db);
    expect([...keys.values()].map((k) => k.owner)).toContain('org');
    for (const verify of [verifyAudit, verifyAuditParallel]) expect((await verify(db)).ok).toBe(true);

    const forged = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
    const head = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow()).m);
    await db.insertInto('audit_keys').values({ seq: head - 1, action: 'user.keyRegistered', owner: 'intruder', public_key: Buffer.from(forged, 'base64url').toString('base64') }).execute();
    for (const verify of [verifyAudit, verifyAuditParallel]) {
      const report = await verify(db);
      expect(report.ok).toBe(false);
      expect(report.firstBad).toEqual({ seq: head - 1, reason: TABLE_MISMATCH });
    }
    await db.deleteFrom('audit_keys').where('owner', '=', 'intruder').execute();
    await db.deleteFrom('audit_keys').where('seq', '=', rows[1]!.seq).execute();
    expect((await verifyAuditParallel(db)).firstBad).toEqual({ seq: rows[1]!.seq, reason: TABLE_MISMATCH });
  }, 60_000);
});
