import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { refusal as failure } from '../../helpers/refusal';
import { roleSetProblem } from '../../../shared/roles';
import { createServices, type Services as Core } from '../../../electron/app/services';
import { createRuntime } from '../../../electron/app/runtime';
import { verifyAudit } from '../../../electron/audit/verify';
import { charClasses, DEFAULT_POLICY, passwordProblem } from '../../../electron/auth/policy';
import { ADMINS, fakeClock, firstLogin, NEW_PASSWORD, setUpCore, type Clock } from '../../helpers/setup';
import { TEST_KDF, tempDir } from '../../helpers/tmp';

let dir: string;
let cleanup: () => void;
let core: Core;
let clock: Clock;
let recoveryCode: string;

const REVIEWER = { username: 'zhangsan', displayName: '张三', department: '保密办', roles: ['reviewer' as const], initialPassword: 'Initial-Pass-1' };


async function actions(): Promise<string[]> {
  return (await core.vault.db().selectFrom('audit_log').select('action').orderBy('seq').execute()).map((r) => r.action);
}

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  clock = fakeClock();
  const made = await setUpCore(dir, clock);
  core = made.core;
  recoveryCode = made.result.recoveryCode;
});
afterEach(async () => {
  await core.close();
  cleanup();
});

describe('setup', () => {
  it('prints an organization fingerprint and refuses to run twice', async () => {
    const again = await failure(core.setup.run({ organizationName: 'x', organizationShortName: 'x', ...ADMINS }));
    expect(again.code).toBe('ALREADY_SET_UP');
    const other = tempDir();
    try {
      const c = createServices({ dataDir: other.dir, kdf: TEST_KDF });
      const same = await failure(c.setup.run({ organizationName: 'x', organizationShortName: 'x', sysAdmin: ADMINS.sysAdmin, secAdmin: ADMINS.sysAdmin, auditor: ADMINS.auditor }));
      expect(same.message).toBe('三员必须使用三个不同的账号');
      const weak = await failure(c.setup.run({ organizationName: 'x', organizationShortName: 'x', ...ADMINS, auditor: { ...ADMINS.auditor, password: 'short' } }));
      expect(weak.code).toBe('WEAK_PASSWORD');
      expect(c.needsSetup).toBe(true);
    } finally {
      other.cleanup();
    }
  });
});

describe('login', () => {
  it('gives one message for an unknown user and a wrong password', async () => {
    const unknown = await failure(core.session.login('nobody', 'Whatever-123'));
    const wrong = await failure(core.session.login(ADMINS.sysAdmin.username, 'Whatever-123'));
    expect(unknown.message).toBe('用户名或密码错误');
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.code).toBe(unknown.code);
  });

  it('locks an account after five failures for thirty minutes, and audits it', async () => {
    for (let i = 0; i < 4; i++) expect((await failure(core.session.login('sysadm', `Wrong-Pass-${i}`))).code).toBe('LOGIN_FAILED');
    const fifth = await failure(core.session.login('sysadm', 'Wrong-Pass-5'));
    expect(fifth.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.message).toMatch(/^连续登录失败次数过多，账号已被锁定，请于 \d\d:\d\d 后再试/);
    // Even the right password is refused while locked.
    expect((await failure(core.session.login('sysadm', ADMINS.sysAdmin.password))).code).toBe('ACCOUNT_LOCKED');
    clock.advance(29 * 60_000);
    expect((await failure(core.session.login('sysadm', ADMINS.sysAdmin.password))).code).toBe('ACCOUNT_LOCKED');
    clock.advance(2 * 60_000);
    await core.session.login('sysadm', ADMINS.sysAdmin.password);
    const acts = await actions();
    expect(acts.filter((a) => a === 'auth.loginFailed')).toHaveLength(5);
    expect(acts.filter((a) => a === 'auth.accountLocked')).toHaveLength(1);
    expect(acts.at(-1)).toBe('auth.login');
  });

  it('locks unknown user names the same way, so lockout reveals nothing', async () => {
    for (let i = 0; i < 4; i++) await failure(core.session.login('ghost', `Wrong-Pass-${i}`));
    expect((await failure(core.session.login('ghost', 'Wrong-Pass-5'))).code).toBe('ACCOUNT_LOCKED');
  });

  it('a success resets the failure count', async () => {
    for (let i = 0; i < 4; i++) await failure(core.session.login('sysadm', `Wrong-Pass-${i}`));
    await core.session.login('sysadm', ADMINS.sysAdmin.password);
    await core.session.logout();
    expect((await failure(core.session.login('sysadm', 'Wrong-Again-1'))).code).toBe('LOGIN_FAILED');
  });

  it('requires the initial password to be changed first', async () => {
    const runtime = createRuntime({ dataDir: dir, kdf: TEST_KDF, host: 'browser-host', version: 't', now: clock.now });
    try {
      const d = runtime.dispatcher;
      const trusted = { trustedSender: true };
      expect((await d.dispatch('mishen:auth.login', { username: 'sysadm', password: ADMINS.sysAdmin.password }, trusted)).ok).toBe(true);
      const s = runtime.services.session.info();
      expect(s.mustChangePassword).toBe(true);
      const refused = await d.dispatch('mishen:users.list', undefined, trusted);
      expect(refused).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
      const same = await d.dispatch('mishen:auth.changePassword', { oldPassword: ADMINS.sysAdmin.password, newPassword: ADMINS.sysAdmin.password }, trusted);
      expect(same).toMatchObject({ ok: false, error: { message: '新密码不得与原密码相同' } });
      const weak = await d.dispatch('mishen:auth.changePassword', { oldPassword: ADMINS.sysAdmin.password, newPassword: 'alllowercase' }, trusted);
      expect(weak).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
      expect((await d.dispatch('mishen:auth.changePassword', { oldPassword: ADMINS.sysAdmin.password, newPassword: NEW_PASSWORD }, trusted)).ok).toBe(true);
      expect((await d.dispatch('mishen:users.list', undefined, trusted)).ok).toBe(true);
    } finally {
      await runtime.close();
    }
  });

  it('refuses a disabled account after checking its password', async () => {
    await firstLogin(core, ADMINS.sysAdmin);
    const u = await core.accounts.create(REVIEWER);
    await core.accounts.setDisabled(u.id, true);
    await core.session.logout();
    expect((await failure(core.session.login('zhangsan', REVIEWER.initialPassword))).code).toBe('ACCOUNT_DISABLED');
  });
});

describe('idle lock', () => {
  it('locks after ten idle minutes and unlocks with the password', async () => {
    await firstLogin(core, ADMINS.sysAdmin);
    clock.advance(9 * 60_000);
    expect(core.session.authView().locked).toBe(false);
    clock.advance(10 * 60_000);
    expect(core.session.authView().locked).toBe(true);
    expect((await failure(core.session.unlock('Wrong-Pass-1'))).message).toBe('密码错误');
    await core.session.unlock(NEW_PASSWORD);
    expect(core.session.authView().locked).toBe(false);
    expect(await actions()).toEqual(expect.arrayContaining(['auth.sessionLocked', 'auth.loginFailed', 'auth.sessionUnlocked']));
  });

  it('locks at once when the user asks, recorded as the user’s lock', async () => {
    await firstLogin(core, ADMINS.sysAdmin);
    expect((await core.session.lockNow()).locked).toBe(true);
    expect(core.session.authView().locked).toBe(true);
    await core.session.unlock(NEW_PASSWORD);
    const entry = (await core.vault.db().selectFrom('audit_log').select(['action', 'payload']).where('action', '=', 'auth.sessionLocked').execute()).at(-1)!;
    expect(JSON.parse(entry.payload)).toEqual({ reason: 'user' });
  });

  it('activity keeps the session open', async () => {
    await firstLogin(core, ADMINS.sysAdmin);
    for (let i = 0; i < 5; i++) {
      clock.advance(8 * 60_000);
      core.session.touch();
    }
    expect(core.session.authView().locked).toBe(false);
  });

  it('follows the idle minutes the 安全保密管理员 sets', async () => {
    await firstLogin(core, ADMINS.secAdmin);
    await core.policy.update({ ...DEFAULT_POLICY, idleLockMinutes: 2, maxFailedLogins: 3 });
    clock.advance(2 * 60_000);
    expect(core.session.authView().locked).toBe(true);
    const slots = JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8'));
    expect(slots.lockout).toEqual({ maxFailed: 3, minutes: 30 });
  });
});

describe('accounts and the three administrators', () => {
  it('keeps the three administrator roles exclusive', () => {
    expect(roleSetProblem(['sysAdmin', 'auditor'])).toMatch(/三员/);
    expect(roleSetProblem(['secAdmin', 'reviewer'])).toMatch(/不得兼任/);
    expect(roleSetProblem(['handler', 'reviewer'])).toBeNull();
    expect(roleSetProblem([])).toBe('至少需要一个角色');
  });

  it('never lets an administrator hold a business role or a user hold an administrator role', async () => {
    await firstLogin(core, ADMINS.sysAdmin);
    const users = await core.accounts.list();
    const auditor = users.find((u) => u.username === 'auditor')!;
    expect((await failure(core.accounts.update({ id: auditor.id, displayName: 'x', department: 'y', roles: ['auditor', 'reviewer'] }))).code).toBe('ROLE_CONFLICT');
    expect((await failure(core.accounts.update({ id: auditor.id, displayName: 'x', department: 'y', roles: ['sysAdmin'] }))).code).toBe('ROLE_CONFLICT');
    expect((await failure(core.accounts.create({ ...REVIEWER, roles: ['auditor'] as never }))).code).toBe('ROLE_CONFLICT');
    const u = await core.accounts.create({ ...REVIEWER, roles: ['handler', 'reviewer'] as never });
    expect(u.roles).toEqual(['handler', 'reviewer']);
    expect((await failure(core.accounts.update({ id: u.id, displayName: '张三', department: '保密办', roles: ['reviewer', 'secAdmin'] }))).code).toBe('ROLE_CONFLICT');
    // Names and departments of administrators may still be corrected.
    expect((await core.accounts.update({ id: auditor.id, displayName: '审计员丁', department: '信息中心', roles: ['auditor'] })).displayName).toBe('审计员丁');
  });

  it('refuses duplicate user names and weak initial passwords, leaving nothing behind', async () => {
    await firstLogin(core, ADMINS.sysAdmin);
    await core.accounts.create(REVIEWER);
    const slotsBefore = readFileSync(join(dir, 'keyslots.json'), 'utf8');
    expect((await failure(core.accounts.create({ ...REVIEWER, username: 'ZhangSan' }))).message).toBe('用户名“zhangsan”已存在');
    expect((await failure(core.accounts.create({ ...REVIEWER, username: 'lisi', initialPassword: 'abc' }))).code).toBe('WEAK_PASSWORD');
    expect(JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8')).slots).toHaveLength(JSON.parse(slotsBefore).slots.length);
  });

  it('resets a password: the old one stops working, the user must change it and gets a new key', async () => {
    await firstLogin(core, ADMINS.sysAdmin);
    const u = await core.accounts.create(REVIEWER);
    await core.session.logout();
    await firstLogin(core, { username: 'zhangsan', password: REVIEWER.initialPassword });
    await core.session.logout();
    await core.session.login('sysadm', NEW_PASSWORD);
    const reset = await core.accounts.resetPassword(u.id, 'Reset-Pass-77');
    expect(reset.mustChangePassword).toBe(true);
    await core.session.logout();
    expect((await failure(core.session.login('zhangsan', NEW_PASSWORD))).code).toBe('LOGIN_FAILED');
    await firstLogin(core, { username: 'zhangsan', password: 'Reset-Pass-77' }, 'Second-Own-Pass-2');
    const keys = await core.vault.db().selectFrom('audit_log').select('action').where('subject', '=', u.id).where('action', 'in', ['user.keyRegistered', 'user.keyRevoked']).orderBy('seq').execute();
    expect(keys.map((k) => k.action)).toEqual(['user.keyRegistered', 'user.keyRevoked', 'user.keyRegistered']);
    expect((await verifyAudit(core.vault.db())).ok).toBe(true);
  });

  it('an administrator unlocks a locked account', async () => {
    await firstLogin(core, ADMINS.sysAdmin);
    const u = await core.accounts.create(REVIEWER);
    await core.session.logout();
    for (let i = 0; i < 5; i++) await failure(core.session.login('zhangsan', `Wrong-Pass-${i}`));
    await core.session.login('sysadm', NEW_PASSWORD);
    expect((await core.accounts.list()).find((x) => x.id === u.id)!.lockedUntil).not.toBeNull();
    expect((await core.accounts.unlock(u.id)).lockedUntil).toBeNull();
    await core.session.logout();
    await core.session.login('zhangsan', REVIEWER.initialPassword);
  });

  it('the recovery code gives a lost administrator a new initial password', async () => {
    expect((await failure(core.recovery.recover('0000-0000-0000-0000-0000-0000-00', 'sysadm', 'Recovered-Pass-1'))).message).toBe('恢复码错误');
    await core.recovery.recover(recoveryCode, 'sysadm', 'Recovered-Pass-1');
    await core.session.login('sysadm', 'Recovered-Pass-1');
    expect(core.session.info().mustChangePassword).toBe(true);
    expect(await actions()).toContain('auth.recoveryUsed');
  });

  it('keeps a verifiable trail through all of it', async () => {
    await firstLogin(core, ADMINS.sysAdmin);
    await core.accounts.create(REVIEWER);
    await core.session.logout();
    await firstLogin(core, ADMINS.auditor);
    // Appends that overlap in time still form one chain.
    await Promise.all(Array.from({ length: 20 }, (_, i) => core.session.context().audit({ action: 'test.concurrent', subject: `s${i}`, payload: { i } })));
    const head = await core.audit.countersign();
    const report = await core.audit.verify(`${head.seq}:${head.hash}`);
    expect(report).toMatchObject({ ok: true, firstBad: null });
    const page = await core.audit.list({ offset: 0, limit: 500 });
    const created = page.entries.find((e) => e.action === 'user.created' && e.actorName === '系统管理员甲');
    expect(created?.subjectName).toBe('张三');
  });
});

describe('password rules (GB/T 22239 §8.1.4.1)', () => {
  it('needs length and three character classes, and never the user name', () => {
    expect(charClasses('abcDEF123!')).toBe(4);
    expect(passwordProblem(DEFAULT_POLICY, 'Ab1!')).toMatch(/不得少于 10 位/);
    expect(passwordProblem(DEFAULT_POLICY, 'abcdefghij1')).toMatch(/至少 3 类/);
    expect(passwordProblem(DEFAULT_POLICY, 'Zhangsan-123', 'zhangsan')).toBe('密码不得包含用户名');
    expect(passwordProblem(DEFAULT_POLICY, 'Good-Pass-123', 'zhangsan')).toBeNull();
  });
});
