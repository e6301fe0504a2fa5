import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Services as Core } from '../../../electron/app/services';
import { openRaw, WrongKeyError } from '../../../electron/store/database';
import { KeyslotFile } from '../../../electron/store/keyslots';
import { randomKey } from '../../../electron/keys/crypto';
import { ADMINS, firstLogin, NEW_PASSWORD, ORG, setUpCore } from '../../helpers/setup';
import { TEST_KDF, tempDir } from '../../helpers/tmp';

// Everything at rest is encrypted: the database, its WAL and SHM, the keyslot file and
// anything in the temp folder must not contain a name or a title in plain bytes.

const PLANTED_TITLE = '关于某某县2026年度拟提拔干部名单的请示（测试标题）';
const REVIEWER = { username: 'reviewer-zhang', displayName: '审查员张三丰', department: '保密办' };

let dir: string;
let cleanup: () => void;
let core: Core;
let recoveryCode: string;
let tmpBefore: Set<string>;

beforeAll(async () => {
  tmpBefore = new Set(readdirSync(tmpdir()));
  ({ dir, cleanup } = tempDir());
  const made = await setUpCore(dir);
  core = made.core;
  recoveryCode = made.result.recoveryCode;
  await firstLogin(core, ADMINS.sysAdmin);
  await core.accounts.create({ ...REVIEWER, roles: ['reviewer'], initialPassword: 'Initial-Pass-1' });
  // Plant an item title the way later features will store text: in a signed record.
  await core.session.context().audit({ action: 'test.planted', subject: 'item-1', payload: { title: PLANTED_TITLE } });
  // Keep the database open (WAL and SHM exist) while the bytes are scanned.
});
afterAll(async () => {
  await core.close();
  cleanup();
});

function needles(): Array<[string, Buffer]> {
  const texts = [ORG.name, PLANTED_TITLE, REVIEWER.displayName, REVIEWER.username, ...Object.values(ADMINS).flatMap((a) => [a.username, a.displayName])];
  return texts.flatMap((t) => [
    [t, Buffer.from(t, 'utf8')],
    [`${t} (utf16)`, Buffer.from(t, 'utf16le')],
  ]);
}

function filesUnder(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(d, e.name)) : e.isFile() ? [join(d, e.name)] : [],
  );
}

describe('encryption at rest', () => {
  it('leaves no plaintext name or title in the database, WAL, SHM or keyslot file', () => {
    const files = ['mishen.db', 'mishen.db-wal', 'mishen.db-shm', 'keyslots.json'].map((f) => join(dir, f));
    for (const f of files) expect(existsSync(f), f).toBe(true);
    expect(statSync(join(dir, 'mishen.db-wal')).size).toBeGreaterThan(0);
    for (const f of filesUnder(dir)) {
      const bytes = readFileSync(f);
      for (const [label, needle] of needles()) expect(bytes.includes(needle), `${label} in ${f}`).toBe(false);
    }
  });

  it('leaves nothing new in the temp folder', () => {
    const created = readdirSync(tmpdir()).filter((n) => !tmpBefore.has(n) && join(tmpdir(), n) !== dir);
    for (const name of created) {
      const p = join(tmpdir(), name);
      const files = statSync(p).isDirectory() ? filesUnder(p) : [p];
      for (const f of files) {
        const bytes = readFileSync(f);
        for (const [label, needle] of needles()) expect(bytes.includes(needle), `${label} in ${f}`).toBe(false);
      }
    }
  });

  it('cannot be read by plain SQLite or with a wrong key', () => {
    const plain = new Database(join(dir, 'mishen.db'), { readonly: true });
    expect(() => plain.prepare('SELECT * FROM users').all()).toThrow(/not a database|encrypted/i);
    plain.close();
    expect(() => openRaw(join(dir, 'mishen.db'), randomKey())).toThrow(WrongKeyError);
  });

  it('opens with a user password and with the recovery code', async () => {
    const ks = KeyslotFile.load(join(dir, 'keyslots.json'), TEST_KDF);
    const slot = await ks.findByUsername(ADMINS.sysAdmin.username);
    const byPassword = await ks.unwrap(slot!, NEW_PASSWORD);
    const byCode = await ks.unwrap(ks.recoverySlot()!, recoveryCode);
    expect(byPassword).not.toBeNull();
    expect(byCode!.dataKey.equals(byPassword!.dataKey)).toBe(true);
    const raw = openRaw(join(dir, 'mishen.db'), byCode!.dataKey);
    const names = raw.prepare('SELECT username FROM users ORDER BY username').all() as Array<{ username: string }>;
    raw.close();
    expect(names.map((n) => n.username)).toContain(REVIEWER.username);
  });
});
