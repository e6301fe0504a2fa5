import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRaw, WrongKeyError } from '../../../electron/store/database';
import { KeyslotFile } from '../../../electron/store/keyslots';
import { createBackup } from '../../../electron/vault/backup';
import { restoreBackup } from '../../../electron/vault/restore';
import { ADMINS, NEW_PASSWORD } from '../../helpers/setup';
import { refusal } from '../../helpers/refusal';
import { TEST_KDF, tempDir } from '../../helpers/tmp';
import { auditActions, checkFolder, open, prepareFolder, recoveryOpens } from './rotation-helpers';

// The 安全保密管理员 rotates the data key: the store is re-encrypted under a new key, their
// own slot and the recovery code move at once, every other account at its next login
// (through the bridge until then), and the old key opens nothing once all have moved.

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function folder() {
  const t = tempDir('mishen-rotation-');
  cleanups.push(t.cleanup);
  return t.dir;
}

const opensWith = (file: string, key: Buffer): boolean => {
  try {
    openRaw(file, key).close();
    return true;
  } catch (err) {
    if (err instanceof WrongKeyError) return false;
    throw err;
  }
};

async function rotateAsSecAdmin(dir: string) {
  const s = open(dir);
  await s.session.login(ADMINS.secAdmin.username, NEW_PASSWORD);
  const oldKey = Buffer.from(s.vault.dataKey());
  const result = await s.keys.rotate(NEW_PASSWORD);
  const newKey = Buffer.from(s.vault.dataKey());
  await s.session.logout();
  await s.close();
  return { oldKey, newKey, result };
}

describe('data-key rotation', () => {
  it('re-encrypts the store, moves the secAdmin and the recovery code at once, the others at their next login, then drops the bridge', async () => {
    const dir = folder();
    const { recoveryCode } = await prepareFolder(dir);
    const keyslotsBefore = readFileSync(join(dir, 'keyslots.json'), 'utf8');
    const { oldKey, newKey, result } = await rotateAsSecAdmin(dir);

    expect(newKey.equals(oldKey)).toBe(false);
    expect(result.recoveryCode).not.toBe(recoveryCode);
    expect(opensWith(join(dir, 'mishen.db'), oldKey)).toBe(false);
    expect(opensWith(join(dir, 'mishen.db'), newKey)).toBe(true);
    expect(result.status.waiting.map((w) => w.username).sort()).toEqual([ADMINS.auditor.username, ADMINS.sysAdmin.username, 'liu'].sort());
    expect(result.status.recoveryWaiting).toBe(false);
    expect(result.status.bridgeActive).toBe(true);
    expect(result.status.lastRotation).not.toBeNull();
    // The keyslot file names no key: neither key's bytes appear in it.
    const keyslots = readFileSync(join(dir, 'keyslots.json'), 'utf8');
    for (const k of [oldKey, newKey]) for (const enc of ['hex', 'base64'] as const) expect(keyslots).not.toContain(k.toString(enc));

    // The old recovery code is gone, the new one works.
    const s = open(dir);
    await s.session.login(ADMINS.secAdmin.username, NEW_PASSWORD);
    expect(await recoveryOpens(s, recoveryCode)).toBe(false);
    expect(await recoveryOpens(s, result.recoveryCode)).toBe(true);
    await s.session.logout();

    // Each login moves that account; the status follows.
    for (const u of ['liu', ADMINS.sysAdmin.username]) {
      await s.session.login(u, NEW_PASSWORD);
      await s.session.logout();
    }
    await s.session.login(ADMINS.secAdmin.username, NEW_PASSWORD);
    let status = await s.keys.status();
    expect(status.waiting.map((w) => w.username)).toEqual([ADMINS.auditor.username]);
    expect(status.bridgeActive).toBe(true);
    await s.session.logout();
    await s.session.login(ADMINS.auditor.username, NEW_PASSWORD);
    await s.session.logout();
    await s.session.login(ADMINS.secAdmin.username, NEW_PASSWORD);
    status = await s.keys.status();
    expect(status).toMatchObject({ waiting: [], recoveryWaiting: false, bridgeActive: false });
    await s.session.logout();

    const actions = await auditActions(s);
    await s.close();
    const rotated = actions.filter((a) => a.action === 'keys.rotated');
    expect(rotated).toHaveLength(1);
    expect(actions.filter((a) => a.action === 'keys.slotRewrapped')).toHaveLength(3);
    expect(actions.filter((a) => a.action === 'keys.bridgesRemoved')).toHaveLength(1);
    // No key material in the trail.
    for (const a of actions) for (const k of [oldKey, newKey]) for (const enc of ['hex', 'base64'] as const) expect(a.payload).not.toContain(k.toString(enc));

    // With the bridge gone, the old key opens nothing: not even the keyslot file from before.
    const stale = join(dir, 'stale-keyslots.json');
    writeFileSync(stale, keyslotsBefore);
    const old = KeyslotFile.load(stale, TEST_KDF);
    const unwrapped = await old.unwrap((await old.findByUsername('liu'))!, NEW_PASSWORD);
    expect(unwrapped!.dataKey.equals(oldKey)).toBe(true);
    expect(opensWith(join(dir, 'mishen.db'), unwrapped!.dataKey)).toBe(false);
    const current = KeyslotFile.load(join(dir, 'keyslots.json'), TEST_KDF);
    expect(current.keys?.bridges).toEqual([]);

    const check = await checkFolder(dir, result.recoveryCode);
    expect(check).toMatchObject({ refused: [], recovery: true, items: 2, documents: 2, chainOk: true, leftovers: [] });
  }, 240_000);

  it('refuses a wrong password and changes nothing', async () => {
    const dir = folder();
    const { recoveryCode } = await prepareFolder(dir);
    const s = open(dir);
    await s.session.login(ADMINS.secAdmin.username, NEW_PASSWORD);
    const before = Buffer.from(s.vault.dataKey());
    expect((await refusal(s.keys.rotate('Not-The-Password-1'))).code).toBe('LOGIN_FAILED');
    expect(s.vault.dataKey().equals(before)).toBe(true);
    expect(await s.keys.status()).toMatchObject({ lastRotation: null, waiting: [], bridgeActive: false });
    await s.session.logout();
    await s.close();
    expect(opensWith(join(dir, 'mishen.db'), before)).toBe(true);
    expect((await checkFolder(dir, recoveryCode)).refused).toEqual([]);
  }, 240_000);

  it('a write that lands after the copy (even one with no audit entry) aborts the rotation and leaves everything as it was', async () => {
    const dir = folder();
    const { recoveryCode } = await prepareFolder(dir);
    const s = open(dir);
    await s.session.login(ADMINS.secAdmin.username, NEW_PASSWORD);
    const before = Buffer.from(s.vault.dataKey());
    const copy = s.vault.vacuumInto.bind(s.vault);
    // A background write right after the snapshot: the copy would silently miss it.
    s.vault.vacuumInto = (file: string) => {
      copy(file);
      (s.vault as unknown as { unlocked: { store: { raw: { prepare(q: string): { run(): void } } } } }).unlocked.store.raw
        .prepare("INSERT INTO settings (key, value) VALUES ('rotation-test', 'late write')")
        .run();
    };
    expect((await refusal(s.keys.rotate(NEW_PASSWORD))).code).toBe('CONFLICT');
    expect(s.vault.dataKey().equals(before)).toBe(true);
    const row = await s.vault.db().selectFrom('settings').select('value').where('key', '=', 'rotation-test').executeTakeFirst();
    expect(row?.value).toBe('late write');
    await s.session.logout();
    await s.close();
    expect(KeyslotFile.load(join(dir, 'keyslots.json'), TEST_KDF).rotation).toBeNull();
    expect(await checkFolder(dir, recoveryCode)).toMatchObject({ refused: [], recovery: true, items: 2, chainOk: true, leftovers: [] });
  }, 240_000);

  it('two rotations before anyone else logs in: the bridges chain, every account still opens', async () => {
    const dir = folder();
    await prepareFolder(dir);
    const first = await rotateAsSecAdmin(dir);
    const second = await rotateAsSecAdmin(dir);
    expect(second.result.status.waiting).toHaveLength(3);
    expect(KeyslotFile.load(join(dir, 'keyslots.json'), TEST_KDF).keys?.bridges).toHaveLength(2);
    expect(opensWith(join(dir, 'mishen.db'), first.newKey)).toBe(false);
    const check = await checkFolder(dir, second.result.recoveryCode);
    expect(check).toMatchObject({ refused: [], recovery: true, items: 2, documents: 2, chainOk: true });
    expect(KeyslotFile.load(join(dir, 'keyslots.json'), TEST_KDF).keys?.bridges).toEqual([]);
  }, 240_000);

  it('the recovery code from the rotation resets an account that never logged in again', async () => {
    const dir = folder();
    await prepareFolder(dir);
    const { result } = await rotateAsSecAdmin(dir);
    const s = open(dir);
    await s.recovery.recover(result.recoveryCode, 'liu', 'Recovered-Pass-5');
    await s.session.login('liu', 'Recovered-Pass-5');
    expect(s.session.info().mustChangePassword).toBe(true);
    await s.session.logout();
    await s.session.login(ADMINS.secAdmin.username, NEW_PASSWORD);
    expect((await s.keys.status()).waiting.map((w) => w.username)).not.toContain('liu');
    await s.session.logout();
    await s.close();
  }, 240_000);

  it('a backup made before the rotation restores under the old key; one made after restores with the bridge', async () => {
    const dir = folder();
    await prepareFolder(dir);
    const backups = folder();
    let s = open(dir);
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    const before = await createBackup(s.vault, backups, new Date('2026-11-20T10:00:00+08:00'));
    await s.session.logout();
    await s.close();
    const { oldKey } = await rotateAsSecAdmin(dir);
    // (on a copy: opening sets the journal mode, which would change the backed-up file)
    const copy = join(folder(), 'copy.db');
    writeFileSync(copy, readFileSync(join(before.path, 'mishen.db')));
    expect(opensWith(copy, oldKey)).toBe(true);

    s = open(dir);
    await s.session.login(ADMINS.secAdmin.username, NEW_PASSWORD);
    const after = await createBackup(s.vault, backups, new Date('2026-11-20T11:00:00+08:00'));
    await s.session.logout();
    await s.close();
    for (const b of [before, after]) {
      const target = join(folder(), 'data');
      mkdirSync(target);
      // liu has not logged in since the rotation: in the later backup the slot needs the bridge.
      const report = await restoreBackup({ from: b.path, dataDir: target, username: 'liu', password: NEW_PASSWORD, kdf: TEST_KDF });
      expect(report.items).toBeGreaterThanOrEqual(2);
    }
  }, 240_000);
});
