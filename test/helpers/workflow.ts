import type { Core } from '../../electron/app/core';
import { Workflow } from '../../electron/workflow/service';
import type { BusinessRole } from '../../shared/roles';
import type { ItemFields } from '../../shared/types';
import { ADMINS, firstLogin, NEW_PASSWORD } from './setup';

export const STAFF: Record<string, { displayName: string; roles: BusinessRole[] }> = {
  liu: { displayName: '刘承办', roles: ['handler'] },
  wang: { displayName: '王主任', roles: ['deptHead'] },
  zhao: { displayName: '赵审查', roles: ['reviewer'] },
  qian: { displayName: '钱审查', roles: ['reviewer'] },
  sun: { displayName: '孙领导', roles: ['approver'] },
  li: { displayName: '李领导', roles: ['approver'] },
  zhou: { displayName: '周保密', roles: ['secrecyOffice'] },
};

/** Creates the staff (each with a changed password) and activates a profile. */
export async function staffUp(core: Core, profileId: string): Promise<Workflow> {
  await firstLogin(core, ADMINS.sysAdmin);
  for (const [username, s] of Object.entries(STAFF))
    await core.createUser({ username, displayName: s.displayName, department: '办公室', roles: s.roles, initialPassword: 'Initial-Pass-1' });
  await core.logout();
  for (const username of Object.keys(STAFF)) {
    await firstLogin(core, { username, password: 'Initial-Pass-1' }, NEW_PASSWORD);
    await core.logout();
  }
  await firstLogin(core, ADMINS.secAdmin);
  const wf = new Workflow(core.workflowContext());
  await wf.activateProfile(profileId, 1);
  await core.logout();
  return wf;
}

export async function as(core: Core, username: string): Promise<void> {
  if (core.sessionInfo().user) await core.logout();
  await core.login(username, NEW_PASSWORD);
}

export function fields(over: Partial<ItemFields> = {}): ItemFields {
  return {
    title: '关于2026年度城区道路改造工程的公告',
    documentNumber: '某政办发〔2026〕12号',
    issuer: '某某县人民政府办公室',
    department: '办公室',
    formedOn: '2026-11-20',
    category: '城乡建设',
    keywords: ['道路', '改造'],
    summary: '公布道路改造工程范围和工期。',
    disclosure: '主动公开',
    publishForm: '网站公开',
    reviewMode: '主动审查',
    applicationNo: null,
    applicationReceivedOn: null,
    coProducers: [],
    thirdParties: [],
    classification: 'none',
    classificationTerm: null,
    specialDomains: [],
    sensitive: false,
    ...over,
  };
}

export const REASONED = { grounds: ['PERSONAL_PRIVACY' as const], bases: ['law-bmf'], reason: '附件含有个人身份信息' };
export const PLAIN = { grounds: [], bases: [], reason: '' };
