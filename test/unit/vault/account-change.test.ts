import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createServices, type Services } from '../../../electron/app/services';
import { ADMINS, firstLogin, NEW_PASSWORD, ORG } from '../../helpers/setup';
import { refusal } from '../../helpers/refusal';
import { TEST_KDF, tempDir } from '../../helpers/tmp';

// One atomic account change: the process is killed (by itself, at a named point in the
// code) between the keyslot file and the store, and after the store committed. At the
// next open the change is rolled back or forward; never half-made, never unaudited.

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const INITIAL = 'Initial-Pass-1';
const FRESH = 'Brand-New-Pass-7';

async function folder() {
  const t = tempDir();
  cleanup = t.cleanup;
  const s = createServices({ dataDir: t.dir, kdf: TEST_KDF });
  const { recoveryCode } = await s.setup.run({ organizationName: ORG.name, organizationShortName: ORG.shortName, ...ADMINS });
  await firstLogin(s, ADMINS.sysAdmin);
  const liu = await s.accounts.create({ username: 'liu', displayName: '刘承办', department: '办公室', roles: ['handler'], initialPassword: INITIAL });
  await s.session.logout();
  await firstLogin(s, { username: 'liu', password: INITIAL });
  await s.close();
  return { dir: t.dir, recoveryCode, liuId: liu.id };
}

function killAt(dir: string, op: string, point: string, args: object) {
  const r = spawnSync(process.execPath, ['test/fixtures/faults/account.mjs', dir, op, JSON.stringify(args)], { env: { ...process.env, MISHEN_FAULT: point }, encoding: 'utf8' });
  expect(r.signal, r.stderr).toBe('SIGKILL');
}

async function reopen(dir: string): Promise<Services> {
  return createServices({ dataDir: dir, kdf: TEST_KDF });
}

async function canLogin(s: Services, username: string, password: string): Promise<boolean> {
  try {
    await s.session.login(username, password);
    await s.session.logout();
    return true;
  } catch {
    return false;
  }
}

async function actions(s: Services, action: string, subject?: string): Promise<number> {
  await s.session.login(ADMINS.auditor.username, NEW_PASSWORD).catch(async () => {
    await firstLogin(s, ADMINS.auditor);
  });
  const page = await s.audit.list({ offset: 0, limit: 500 });
  await s.session.logout();
  return page.entries.filter((e) => e.action === action && (!subject || e.subject === subject)).length;
}

const sys = { as: ADMINS.sysAdmin.username, asPassword: NEW_PASSWORD };

describe('an account change killed half-way', () => {
  it('create: rolled back before the store commits (the slot goes), forward after', async () => {
    const f = await folder();
    killAt(f.dir, 'create', 'account:keyslotsWritten', { ...sys, username: 'wang', password: INITIAL });
    let s = await reopen(f.dir);
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    expect(s.session.info().notices).toContain('上次的账号变更因程序中断未完成，已撤销该变更（钥匙槽文件已恢复到变更前）');
    await s.session.logout();
    expect(await canLogin(s, 'wang', INITIAL)).toBe(false);
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    // The name is free again: no orphan slot blocks it.
    await s.accounts.create({ username: 'wang', displayName: '王', department: '办公室', roles: ['handler'], initialPassword: INITIAL });
    await s.close();

    killAt(f.dir, 'create', 'account:storeCommitted', { ...sys, username: 'zhao', password: INITIAL });
    s = await reopen(f.dir);
    expect(await canLogin(s, 'zhao', INITIAL)).toBe(true);
    await s.close();
  });

  it('reset by the 系统管理员: the old password keeps working if the store never heard of it; the audited reset forces a change', async () => {
    const f = await folder();
    killAt(f.dir, 'reset', 'account:keyslotsWritten', { ...sys, id: f.liuId, password: FRESH });
    let s = await reopen(f.dir);
    expect(await canLogin(s, 'liu', NEW_PASSWORD)).toBe(true);
    expect(await canLogin(s, 'liu', FRESH)).toBe(false);
    await s.close();

    killAt(f.dir, 'reset', 'account:storeCommitted', { ...sys, id: f.liuId, password: FRESH });
    s = await reopen(f.dir);
    await s.session.login('liu', FRESH);
    expect(s.session.info().mustChangePassword).toBe(true);
    await s.session.logout();
    expect(await actions(s, 'user.passwordReset')).toBe(1);
    await s.close();
  });

  it('password change and the first key: all or nothing', async () => {
    const f = await folder();
    const liu = { as: 'liu', asPassword: NEW_PASSWORD };
    killAt(f.dir, 'password', 'account:keyslotsWritten', { ...liu, password: FRESH });
    let s = await reopen(f.dir);
    expect(await canLogin(s, 'liu', NEW_PASSWORD)).toBe(true);
    await s.close();
    killAt(f.dir, 'password', 'account:storeCommitted', { ...liu, password: FRESH });
    s = await reopen(f.dir);
    expect(await canLogin(s, 'liu', FRESH)).toBe(true);
    expect(await actions(s, 'auth.passwordChanged', f.liuId)).toBe(2); // the first change in setUp, and this one
    await s.close();
  });

  it('recovery with the code: rolled back or forward, and shown to the 安全审计员 at their next login', async () => {
    const f = await folder();
    killAt(f.dir, 'recovery', 'account:keyslotsWritten', { code: f.recoveryCode, username: ADMINS.secAdmin.username, password: FRESH });
    let s = await reopen(f.dir);
    expect(await canLogin(s, ADMINS.secAdmin.username, ADMINS.secAdmin.password)).toBe(true);
    await s.close();
    killAt(f.dir, 'recovery', 'account:storeCommitted', { code: f.recoveryCode, username: ADMINS.secAdmin.username, password: FRESH });
    s = await reopen(f.dir);
    expect(await canLogin(s, ADMINS.secAdmin.username, FRESH)).toBe(true);
    await s.session.login(ADMINS.auditor.username, ADMINS.auditor.password);
    expect(s.session.info().notices.join('\n')).toMatch(/使用恢复码重置账号“secadm”的密码/);
    await s.close();
  });
});

describe('三员 separation', () => {
  it('the 系统管理员 cannot reset, disable or re-role the 安全保密管理员 or the 安全审计员', async () => {
    const f = await folder();
    const s = await reopen(f.dir);
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    const users = await s.accounts.list();
    for (const username of [ADMINS.secAdmin.username, ADMINS.auditor.username]) {
      const u = users.find((x) => x.username === username)!;
      expect((await refusal(s.accounts.resetPassword(u.id, FRESH))).message).toMatch(/^三员账号不能由系统管理员重置、停用或变更角色/);
      expect((await refusal(s.accounts.setDisabled(u.id, true))).message).toMatch(/^三员账号不能由系统管理员重置/);
      expect((await refusal(s.accounts.update({ id: u.id, displayName: u.displayName, department: '', roles: ['handler'] }))).code).toBe('ROLE_CONFLICT');
    }
    await s.close();
  });
});
