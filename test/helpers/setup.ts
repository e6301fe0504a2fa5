import { createServices, type Services, type ServicesOptions } from '../../electron/app/services';
import { TEST_KDF } from './tmp';

export const ORG = { name: '某某市人民政府办公室（测试）', shortName: 'TESTGOV' };
export const ADMINS = {
  sysAdmin: { username: 'sysadm', displayName: '系统管理员甲', password: 'Sys-Admin-2026!' },
  secAdmin: { username: 'secadm', displayName: '安全保密管理员乙', password: 'Sec-Admin-2026!' },
  auditor: { username: 'auditor', displayName: '安全审计员丙', password: 'Audit-Or-2026!' },
};
export const NEW_PASSWORD = 'My-Own-Pass-99';

export interface Clock {
  now: () => Date;
  advance: (ms: number) => void;
}

export function fakeClock(start = new Date('2026-11-20T09:00:00+08:00')): Clock {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

/** A core with setup done; returns it with its recovery code. */
export async function setUpCore(dataDir: string, clock?: Clock, extra: Partial<ServicesOptions> = {}) {
  const core = createServices({ dataDir, kdf: TEST_KDF, now: clock?.now, ...extra });
  const result = await core.setup.run({
    organizationName: ORG.name,
    organizationShortName: ORG.shortName,
    ...ADMINS,
  });
  return { core, result };
}

/** Logs an administrator in for the first time and changes the initial password. */
export async function firstLogin(core: Services, who: { username: string; password: string }, newPassword = NEW_PASSWORD) {
  await core.session.login(who.username, who.password);
  await core.session.changePassword(who.password, newPassword);
}
