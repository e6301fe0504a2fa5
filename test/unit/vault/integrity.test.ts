import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createServices, type Services } from '../../../electron/app/services';
import { openRaw } from '../../../electron/store/database';
import { ADMINS, firstLogin, NEW_PASSWORD, ORG } from '../../helpers/setup';
import { refusal } from '../../helpers/refusal';
import { TEST_KDF, tempDir } from '../../helpers/tmp';

// No wipe, no silent rollback: setup never runs over data; an older database, an older
// keyslot file or a lost write-ahead log after a crash is reported, never accepted
// silently; a damaged slot is corruption, not a wrong password.

let cleanup: () => void = () => {};
afterEach(() => cleanup());
const INITIAL = 'Initial-Pass-1';
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

async function folder(): Promise<{ dir: string; s: Services; liuId: string }> {
  const t = tempDir();
  cleanup = t.cleanup;
  const s = createServices({ dataDir: t.dir, kdf: TEST_KDF });
  await s.setup.run({ organizationName: ORG.name, organizationShortName: ORG.shortName, ...ADMINS });
  await firstLogin(s, ADMINS.sysAdmin);
  const liu = await s.accounts.create({ username: 'liu', displayName: '刘承办', department: '办公室', roles: ['handler'], initialPassword: INITIAL });
  await s.close();
  return { dir: t.dir, s, liuId: liu.id };
}

async function noticesAt(dir: string, who = { username: ADMINS.sysAdmin.username, password: NEW_PASSWORD }): Promise<string[]> {
  const s = createServices({ dataDir: dir, kdf: TEST_KDF });
  try {
    await s.session.login(who.username, who.password);
    return s.session.info().notices;
  } finally {
    await s.close();
  }
}

describe('setup never wipes', () => {
  it('with keyslots.json deleted, setup is refused and the database is left as it was', async () => {
    const { dir } = await folder();
    const before = sha(join(dir, 'mishen.db'));
    rmSync(join(dir, 'keyslots.json'));
    const s = createServices({ dataDir: dir, kdf: TEST_KDF });
    expect(s.needsSetup).toBe(true);
    const r = await refusal(s.setup.run({ organizationName: '攻击者', organizationShortName: 'X', ...ADMINS }));
    expect(r.message).toMatch(/^数据目录中已有数据（mishen\.db），但找不到钥匙槽文件 keyslots\.json。为防止覆盖审查记录和审计日志，不能在此重新初始化/);
    expect(sha(join(dir, 'mishen.db'))).toBe(before);
    expect(existsSync(join(dir, 'keyslots.json'))).toBe(false);
  });
});

describe('rollback and loss detection', () => {
  it('an older copy of the database is reported at login and recorded for the auditor', async () => {
    const { dir, liuId } = await folder();
    copyFileSync(join(dir, 'mishen.db'), join(dir, 'old.db'));
    const s = createServices({ dataDir: dir, kdf: TEST_KDF });
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    await s.accounts.resetPassword(liuId, 'Reset-After-Leak-9');
    await s.close();
    copyFileSync(join(dir, 'old.db'), join(dir, 'mishen.db'));
    const notices = await noticesAt(dir);
    expect(notices.join('\n')).toMatch(/数据库比钥匙槽文件记录的审计位置（第 \d+ 条）旧或不一致/);
    const auditor = await noticesAt(dir, { username: ADMINS.auditor.username, password: ADMINS.auditor.password });
    expect(auditor.join('\n')).toMatch(/自您上次登录以来.*数据库比钥匙槽文件记录的审计位置/);
  });

  it('an older keyslot file, bringing back a password reset after a leak, is reported', async () => {
    const { dir, liuId } = await folder();
    copyFileSync(join(dir, 'keyslots.json'), join(dir, 'old-keyslots.json'));
    const s = createServices({ dataDir: dir, kdf: TEST_KDF });
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    await s.accounts.resetPassword(liuId, 'Reset-After-Leak-9');
    await s.close();
    copyFileSync(join(dir, 'old-keyslots.json'), join(dir, 'keyslots.json'));
    const notices = await noticesAt(dir);
    expect(notices.join('\n')).toMatch(/钥匙槽文件比数据库旧（可能被替换为旧副本）/);
  });

  it('a missing write-ahead log after an unclean stop is reported', async () => {
    const { dir } = await folder();
    // The app died while running (its marker stays), and someone removed the -wal.
    writeFileSync(join(dir, 'mishen.running'), '12345');
    rmSync(join(dir, 'mishen.db-wal'), { force: true });
    const notices = await noticesAt(dir);
    expect(notices.join('\n')).toMatch(/上次运行未正常结束，且数据库的预写日志文件（mishen\.db-wal）缺失或为空/);
    // A clean stop leaves no marker: the next open says nothing.
    expect((await noticesAt(dir)).join()).not.toMatch(/预写日志/);
  });

  it('a store that fails SQLite’s quick_check at start is reported at login and recorded for the auditor', async () => {
    const { dir } = await folder();
    const s = createServices({ dataDir: dir, kdf: TEST_KDF });
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    const key = Buffer.from(s.vault.dataKey());
    await s.close();
    // A constraint the stored row breaks: only quick_check reads it, no query of the open does.
    const raw = openRaw(join(dir, 'mishen.db'), key);
    raw.unsafeMode(true);
    raw.pragma('writable_schema=ON');
    raw.prepare("UPDATE sqlite_master SET sql = substr(sql, 1, length(sql) - 1) || ', CHECK (bundle_sequence < 0))' WHERE name = 'organization'").run();
    raw.close();
    const notices = await noticesAt(dir);
    expect(notices.join('\n')).toMatch(/数据库结构检查（quick_check）发现问题：CHECK constraint failed in organization；请从备份恢复/);
    const auditor = await noticesAt(dir, { username: ADMINS.auditor.username, password: ADMINS.auditor.password });
    expect(auditor.join('\n')).toMatch(/自您上次登录以来.*quick_check/);
  });
});

describe('the keyslot file', () => {
  it('a flipped bit is reported as damage and does not count towards the lockout', async () => {
    const { dir } = await folder();
    const file = join(dir, 'keyslots.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const slot = data.slots.find((x: { kind: string; failures: number }) => x.kind === 'user' && x.failures === 0);
    const ct = Buffer.from(slot.wrapped.ct, 'base64');
    ct[0]! ^= 1;
    slot.wrapped.ct = ct.toString('base64');
    writeFileSync(file, JSON.stringify(data));
    const s = createServices({ dataDir: dir, kdf: TEST_KDF });
    const attempts = await Promise.all(
      [ADMINS.sysAdmin.username, ADMINS.secAdmin.username, ADMINS.auditor.username, 'liu'].map(async (u) => {
        const r = await refusal(s.session.login(u, 'whatever-it-is-1'));
        return r.message;
      }),
    );
    expect(attempts.filter((m) => m.startsWith('钥匙槽文件已损坏'))).toHaveLength(1);
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.slots.find((x: { id: string }) => x.id === slot.id).failures).toBe(0);
  });

  it('refuses KDF parameters outside the bounds', async () => {
    const { dir } = await folder();
    const file = join(dir, 'keyslots.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.slots[0].kdf.N = 2 ** 30;
    writeFileSync(file, JSON.stringify(data));
    const s = createServices({ dataDir: dir, kdf: TEST_KDF });
    expect((await refusal(s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD))).message).toBe('钥匙槽文件（keyslots.json）格式无效或已损坏：请从备份恢复该文件');
  });

  it('keeps the lockout of an unknown name across a restart', async () => {
    const { dir } = await folder();
    let s = createServices({ dataDir: dir, kdf: TEST_KDF });
    for (let i = 0; i < 5; i++) await refusal(s.session.login('ghost', 'wrong-pass-1'));
    s = createServices({ dataDir: dir, kdf: TEST_KDF });
    expect((await refusal(s.session.login('ghost', 'wrong-pass-1'))).code).toBe('ACCOUNT_LOCKED');
  });

  it('data files are readable by their owner only', async () => {
    const { dir } = await folder();
    const s = createServices({ dataDir: dir, kdf: TEST_KDF });
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    for (const f of ['mishen.db', 'mishen.db-wal', 'mishen.db-shm', 'keyslots.json']) expect((statSync(join(dir, f)).mode & 0o777).toString(8), f).toBe('600');
    expect((statSync(dir).mode & 0o777).toString(8)).toBe('700');
    await s.close();
  });
});

describe('the checks before anyone logs in', () => {
  it('name a lost write-ahead log, a damaged keyslot file and a missing database; nothing for a sound folder or an open store', async () => {
    const { dir } = await folder();
    const fresh = () => createServices({ dataDir: dir, kdf: TEST_KDF });
    expect(fresh().startupProblems()).toEqual([]);

    // Died while running, write-ahead log gone.
    writeFileSync(join(dir, 'mishen.running'), '12345');
    expect(fresh().startupProblems().join('\n')).toMatch(/上次运行未正常结束，且数据库的预写日志文件（mishen\.db-wal）缺失或为空/);
    // While a store is open, the marker is its own: nothing to say.
    const open = fresh();
    await open.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    expect(open.startupProblems()).toEqual([]);
    await open.close();
    expect(fresh().startupProblems()).toEqual([]);

    const slots = readFileSync(join(dir, 'keyslots.json'), 'utf8');
    writeFileSync(join(dir, 'keyslots.json'), slots.slice(0, 40));
    expect(fresh().startupProblems()).toEqual(['钥匙槽文件（keyslots.json）格式无效或已损坏：请从备份恢复该文件']);
    writeFileSync(join(dir, 'keyslots.json'), slots);

    rmSync(join(dir, 'mishen.db'));
    expect(fresh().startupProblems()).toEqual(['数据库文件（mishen.db）缺失：钥匙槽文件在而数据库不在，请从备份恢复数据库，不要重新初始化']);
  });

  it('a login with the database missing is refused and creates no empty database in its place', async () => {
    const { dir } = await folder();
    rmSync(join(dir, 'mishen.db'));
    rmSync(join(dir, 'mishen.db-wal'), { force: true });
    rmSync(join(dir, 'mishen.db-shm'), { force: true });
    const s = createServices({ dataDir: dir, kdf: TEST_KDF });
    const r = await refusal(s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD));
    expect(r.message).toMatch(/数据库文件（mishen\.db）缺失/);
    expect(existsSync(join(dir, 'mishen.db'))).toBe(false);
    await s.close();
  });
});
