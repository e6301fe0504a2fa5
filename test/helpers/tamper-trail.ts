import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { openRaw } from '../../electron/store/database';
import { KeyslotFile } from '../../electron/store/keyslots';
import type { Schema } from '../../electron/store/schema';
import { ADMINS, firstLogin, NEW_PASSWORD, setUpCore } from './setup';
import { TEST_KDF, tempDir } from './tmp';

/**
 * A store with a realistic trail, then opened behind the application's back (as an
 * attacker holding the data key would), with the triggers that forbid editing the audit
 * table dropped, so that tests can tamper with it directly.
 */
export interface TamperTrail {
  dir: string;
  cleanup: () => void;
  raw: BetterSqlite3.Database;
  db: Kysely<Schema>;
  dataKey: Buffer;
  secAdminKey: Buffer;
  sysAdminId: string;
}

export async function tamperTrail(): Promise<TamperTrail> {
  const { dir, cleanup } = tempDir();
  const { core, result } = await setUpCore(dir);
  await firstLogin(core, ADMINS.sysAdmin);
  for (let i = 0; i < 4; i++)
    await core.accounts.create({ username: `user${i}`, displayName: `用户${i}`, department: '办公室', roles: ['handler'], initialPassword: `Initial-Pass-${i}` });
  await core.session.logout();
  await firstLogin(core, ADMINS.secAdmin);
  await core.session.logout();
  await core.close();

  const ks = KeyslotFile.load(join(dir, 'keyslots.json'), TEST_KDF);
  const opened = await ks.unwrap(ks.recoverySlot()!, result.recoveryCode);
  const secAdminKey = (await ks.unwrap((await ks.findByUsername(ADMINS.secAdmin.username))!, NEW_PASSWORD))!.signingKey!;
  const dataKey = Buffer.from(opened!.dataKey);
  const raw = openRaw(join(dir, 'mishen.db'), dataKey);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
  const sysAdminId = (raw.prepare("SELECT id FROM users WHERE username = 'sysadm'").get() as { id: string }).id;
  return { dir, cleanup, raw, db, dataKey, secAdminKey, sysAdminId };
}

/** Swaps every column of two entries but their sequence numbers: each keeps a valid signature, in the wrong place. */
export function swapEntries(raw: BetterSqlite3.Database, a: number, b: number): void {
  const rowA = raw.prepare('SELECT * FROM audit_log WHERE seq = ?').get(a) as Record<string, unknown>;
  const rowB = raw.prepare('SELECT * FROM audit_log WHERE seq = ?').get(b) as Record<string, unknown>;
  const put = raw.prepare('UPDATE audit_log SET time=@time, actor=@actor, role=@role, action=@action, subject=@subject, payload=@payload, prev_hash=@prev_hash, signer=@signer, hash=@hash, signature=@signature WHERE seq=@target');
  put.run({ ...rowB, target: a });
  put.run({ ...rowA, target: b });
}
