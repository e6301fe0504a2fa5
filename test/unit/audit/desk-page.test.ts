import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services';
import { userPage } from '../../../electron/auth/users';
import { contract } from '../../../shared/contract';
import type { InputOf } from '../../../shared/define';
import { ADMINS, fakeClock, firstLogin, setUpCore, type Clock } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';
import { as, fields, staffUp, type Workflow } from '../../helpers/workflow';

// The auditor's desk reads pages from SQL: filters by person, action group, item title
// and Beijing date narrow the total; counts per action group follow the other filters;
// names and words replace ids. The 系统管理员's user list pages, sorts and filters likewise.

let core: Services;
let cleanup: () => void;
let clock: Clock;
let wf: Workflow;
let itemId: string;
let liu: string;

const page = (i: InputOf<typeof contract.audit.page>) => core.audit.page(contract.audit.page.input.parse(i));

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  clock = fakeClock(new Date('2026-11-20T09:00:00+08:00'));
  core = (await setUpCore(t.dir, clock)).core;
  wf = await staffUp(core, 'tongliao');
  clock.advance(24 * 3600_000); // 2026-11-21 Beijing
  await as(core, 'liu');
  liu = core.session.info().user!.id;
  itemId = (await wf.register(fields({ title: '关于道路改造的公告' }))).id;
  await wf.register(fields({ title: '关于绿化养护的通知' }));
  await core.session.logout();
  clock.advance(24 * 3600_000); // 2026-11-22 Beijing
  await firstLogin(core, ADMINS.auditor);
});
afterAll(async () => {
  await core.close();
  cleanup();
});

describe('audit.page', () => {
  it('pages newest first with the total, and resolves names, roles and actions to Chinese', async () => {
    const all = await page({ pageSize: 5 });
    expect(all.entries).toHaveLength(5);
    expect(all.total).toBe(all.head!.seq);
    expect(all.entries.map((e) => e.seq)).toEqual([all.head!.seq, all.head!.seq - 1, all.head!.seq - 2, all.head!.seq - 3, all.head!.seq - 4]);
    const second = await page({ pageSize: 5, page: 2 });
    expect(second.entries[0]!.seq).toBe(all.head!.seq - 5);
    const setup = (await page({ actions: ['system.setup'] })).entries[0]!;
    expect(setup).toMatchObject({ actorName: '系统', roleLabel: '系统', actionLabel: '系统初始化', subjectName: '本单位' });
  });

  it('filters by person and action, and counts the action groups under the other filters', async () => {
    const r = await page({ actor: liu });
    expect(r.total).toBeGreaterThan(2);
    expect(r.entries.every((e) => e.actorName === '刘承办')).toBe(true);
    const groups = Object.fromEntries(r.groups.map((g) => [g.label, g.count]));
    expect(groups['审查事项']).toBe(2);
    expect(groups['登录与会话']).toBe(r.total - 2);
    const reg = await page({ actor: liu, actions: ['item.registered'] });
    expect(reg.total).toBe(2);
    expect(reg.entries[0]).toMatchObject({ roleLabel: '承办人', actionLabel: '登记事项' });
    // The group counts do not narrow with the action filter: they say what choosing another group would show.
    expect(reg.groups).toEqual(r.groups);
  });

  it('filters by item title text, with LIKE wildcards taken literally', async () => {
    const r = await page({ item: '道路改造' });
    expect(r.total).toBe(1);
    expect(r.entries[0]).toMatchObject({ subject: itemId, subjectName: '关于道路改造的公告', actionLabel: '登记事项' });
    expect(r.entries[0]!.details.find((d) => d.label === '内容')?.value).toMatch(/^登记“关于道路改造的公告”/);
    expect((await page({ item: '%' })).total).toBe(0);
  });

  it('filters by Beijing date range', async () => {
    const day21 = await page({ from: '2026-11-21', to: '2026-11-21' });
    expect(day21.total).toBeGreaterThan(0);
    expect(day21.entries.every((e) => e.time >= '2026-11-20T16:00:00.000Z' && e.time < '2026-11-21T16:00:00.000Z')).toBe(true);
    expect(day21.entries.some((e) => e.action === 'item.registered')).toBe(true);
    const day20 = await page({ from: '2026-11-20', to: '2026-11-20' });
    const day22 = await page({ from: '2026-11-22' });
    expect(day20.total + day21.total + day22.total).toBe(day21.head!.seq);
    expect((await page({ from: '2030-01-01' })).total).toBe(0);
  });

  it('is refused to anyone but the auditor', () => {
    expect(contract.audit.page.access).toEqual({ kind: 'user', roles: ['auditor'] });
    expect(contract.users.page.access).toEqual({ kind: 'user', roles: ['sysAdmin'] });
  });
});

describe('users.page', () => {
  const users = (i: InputOf<typeof contract.users.page>) =>
    userPage(core.session.context().db(), contract.users.page.input.parse(i), core.vault.slots(), clock.now());

  it('filters by role, department, status and text, sorts and pages', async () => {
    const all = await users({ pageSize: 100 });
    expect(all.total).toBe(3 + 7);
    expect(all.departments).toContain('办公室');
    const reviewers = await users({ role: 'reviewer' });
    expect(reviewers.users.map((u) => u.username).sort()).toEqual(['qian', 'zhao']);
    expect((await users({ text: '领导' })).users.map((u) => u.displayName).sort()).toEqual(['孙领导', '李领导']);
    expect((await users({ text: '_' })).total).toBe(0);
    const byName = await users({ sort: 'username', order: 'desc', pageSize: 5 });
    expect(byName.users.map((u) => u.username)).toEqual([...all.users.map((u) => u.username)].sort().reverse().slice(0, 5));
    const p2 = await users({ sort: 'username', order: 'desc', pageSize: 5, page: 2 });
    expect(p2.users.map((u) => u.username)).toEqual([...all.users.map((u) => u.username)].sort().reverse().slice(5, 10));
    expect((await users({ department: '办公室' })).total).toBe(7);
    expect((await users({ status: 'active' })).total).toBe(10);
  });

  it('knows disabled and locked accounts', async () => {
    await core.session.logout();
    await core.session.login(ADMINS.sysAdmin.username, 'My-Own-Pass-99');
    const li = (await users({ text: 'li' })).users.find((u) => u.username === 'li')!;
    await core.accounts.setDisabled(li.id, true);
    await core.session.logout();
    for (let i = 0; i < 10; i++) await core.session.login('sun', 'wrong-password').catch(() => undefined);
    await core.session.login(ADMINS.sysAdmin.username, 'My-Own-Pass-99');
    expect((await users({ status: 'disabled' })).users.map((u) => u.username)).toEqual(['li']);
    const locked = await users({ status: 'locked' });
    expect(locked.users.map((u) => u.username)).toEqual(['sun']);
    expect(locked.users[0]!.lockedUntil).not.toBeNull();
    expect((await users({ status: 'active' })).total).toBe(8);
  });
});
