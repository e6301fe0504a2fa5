import type { Services } from '../../electron/app/services';
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

/** The workflow's services under the names the tests use. */
export function workflowOf(core: Services) {
  return {
    register: core.items.register.bind(core.items),
    opinion: core.items.opinion.bind(core.items),
    object: core.items.object.bind(core.items),
    reopen: core.items.reopen.bind(core.items),
    recall: core.items.recall.bind(core.items),
    get: core.queries.get.bind(core.queries),
    list: core.queries.list.bind(core.queries),
    escalate: core.letters.escalate.bind(core.letters),
    escalationReply: core.letters.escalationReply.bind(core.letters),
    consult: core.letters.consult.bind(core.letters),
    consultationReply: core.letters.consultationReply.bind(core.letters),
    override: core.letters.override.bind(core.letters),
    declassify: core.records.declassify.bind(core.records),
    specialApproval: core.records.specialApproval.bind(core.records),
    activateProfile: core.profiles.activate.bind(core.profiles),
    saveProfile: core.profiles.save.bind(core.profiles),
    listProfiles: core.profiles.list.bind(core.profiles),
    previewCalendar: core.calendar.preview.bind(core.calendar),
    importCalendar: core.calendar.import.bind(core.calendar),
  };
}
export type Workflow = ReturnType<typeof workflowOf>;

/** Creates the staff (each with a changed password) and activates a profile. */
export async function staffUp(core: Services, profileId: string): Promise<Workflow> {
  await firstLogin(core, ADMINS.sysAdmin);
  for (const [username, s] of Object.entries(STAFF))
    await core.accounts.create({ username, displayName: s.displayName, department: '办公室', roles: s.roles, initialPassword: 'Initial-Pass-1' });
  await core.session.logout();
  for (const username of Object.keys(STAFF)) {
    await firstLogin(core, { username, password: 'Initial-Pass-1' }, NEW_PASSWORD);
    await core.session.logout();
  }
  await firstLogin(core, ADMINS.secAdmin);
  const wf = workflowOf(core);
  await wf.activateProfile(profileId, 1);
  await core.session.logout();
  return wf;
}

export async function as(core: Services, username: string): Promise<void> {
  if (core.session.info().user) await core.session.logout();
  await core.session.login(username, NEW_PASSWORD);
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
