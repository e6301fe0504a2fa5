import { emptyItemFields } from '../../shared/schemas';
import type { Services } from '../../electron/app/services';
import { contract } from '../../shared/contract';
import type { InputOf, OperationDef, ParsedInputOf } from '../../shared/define';
import { shippedProfiles } from '../../electron/workflow/profiles';
import type { BusinessRole } from '../../shared/roles';
import type { ItemFields } from '../../shared/types';
import { ADMINS, firstLogin, NEW_PASSWORD, setUpCore, type Clock } from './setup';
import { tempDir } from './tmp';

export const STAFF: Record<string, { displayName: string; roles: BusinessRole[] }> = {
  liu: { displayName: '刘承办', roles: ['handler'] },
  wang: { displayName: '王主任', roles: ['deptHead'] },
  zhao: { displayName: '赵审查', roles: ['reviewer'] },
  qian: { displayName: '钱审查', roles: ['reviewer'] },
  sun: { displayName: '孙领导', roles: ['approver'] },
  li: { displayName: '李领导', roles: ['approver'] },
  zhou: { displayName: '周保密', roles: ['secrecyOffice'] },
};

/**
 * The workflow's services under the names the tests use. Inputs go through the
 * contract's own schemas first, as they do through the dispatcher (defaults applied).
 */
export function workflowOf(core: Services) {
  const via =
    <D extends OperationDef, R>(def: D, fn: (input: ParsedInputOf<D>) => R) =>
    (input: InputOf<D>): R =>
      fn(def.input.parse(input) as ParsedInputOf<D>);
  const i = contract.items;
  return {
    register: via(i.register, (x) => core.items.register(x)),
    opinion: via(i.submitOpinion, (x) => core.items.opinion(x)),
    object: (itemId: string, text: string) => core.items.object(itemId, text),
    reopen: (itemId: string, reason: string) => core.items.reopen(itemId, reason),
    recall: via(i.recall, (x) => core.items.recall(x)),
    reclassify: via(i.reclassify, (x) => core.items.reclassify(x)),
    get: (id: string) => core.queries.get(id),
    list: (view: Parameters<Services['queries']['list']>[0]) => core.queries.list(view),
    escalate: via(i.escalate, (x) => core.letters.escalate(x)),
    escalationReply: via(i.escalationReply, (x) => core.letters.escalationReply(x)),
    consult: via(i.consult, (x) => core.letters.consult(x)),
    consultationSent: via(i.consultationSent, (x) => core.letters.consultationSent(x)),
    consultationReply: via(i.consultationReply, (x) => core.letters.consultationReply(x)),
    coordinate: via(i.coordinate, (x) => core.letters.coordinate(x)),
    override: via(i.override, (x) => core.letters.override(x)),
    declassify: via(i.declassify, (x) => core.records.declassify(x)),
    specialApproval: via(i.specialApproval, (x) => core.records.specialApproval(x)),
    activateProfile: (id: string, version: number) => core.profiles.activate(id, version),
    saveProfile: (definition: string) => core.profiles.save(definition),
    listProfiles: () => core.profiles.list(),
    previewCalendar: (text: string) => core.calendar.preview(text),
    importCalendar: (text: string) => core.calendar.import(text),
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
  await wf.activateProfile(profileId, shippedProfiles().find((p) => p.id === profileId)!.version);
  await core.session.logout();
  return wf;
}

/**
 * Two people outside the 办公室 for need-to-know tests: 马承办, a handler of 财政局, and the
 * website's publisher (each with a changed password). Run after staffUp, logged out.
 */
export async function outsiders(core: Services): Promise<void> {
  await core.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
  await core.accounts.create({ username: 'ma', displayName: '马承办', department: '财政局', roles: ['handler'], initialPassword: 'Initial-Pass-1' });
  await core.accounts.create({ username: 'pub', displayName: '网站编辑', department: '信息中心', roles: ['publisher'], initialPassword: 'Initial-Pass-1' });
  await core.session.logout();
  for (const username of ['ma', 'pub']) {
    await firstLogin(core, { username, password: 'Initial-Pass-1' });
    await core.session.logout();
  }
}

/** A new data folder set up, with the staff and `profileId` active; close() closes and removes it. */
export async function workflowStore(profileId: string, clock?: Clock): Promise<{ core: Services; wf: Workflow; close: () => Promise<void> }> {
  const t = tempDir();
  const core = (await setUpCore(t.dir, clock)).core;
  const wf = await staffUp(core, profileId);
  return {
    core,
    wf,
    close: async () => {
      await core.close();
      t.cleanup();
    },
  };
}

export async function as(core: Services, username: string): Promise<void> {
  if (core.session.info().user) await core.session.logout();
  await core.session.login(username, NEW_PASSWORD);
}

export function fields(over: Partial<ItemFields> = {}): ItemFields {
  return emptyItemFields({
    title: '关于2026年度城区道路改造工程的公告',
    documentNumber: '某政办发〔2026〕12号',
    issuer: '某某县人民政府办公室',
    department: '办公室',
    formedOn: '2026-11-20',
    category: '城乡建设',
    keywords: ['道路', '改造'],
    summary: '公布道路改造工程范围和工期。',
    ...over,
  });
}

export const REASONED = { grounds: ['PERSONAL_PRIVACY' as const], bases: ['law-bmf'], reason: '附件含有个人身份信息' };
export const PLAIN = { grounds: [], bases: [], reason: '' };
