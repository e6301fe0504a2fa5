import { existsSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { BusinessRole } from '../../shared/roles';
import type { ItemFields } from '../../shared/types';
import { emptyItemFields } from '../../shared/schemas';
import type { Profile, StepDef } from '../../shared/workflow';
import type { ScryptParams } from '../keys/crypto';
import { shippedProfiles } from '../workflow/profiles';
import { createServices, type Services } from './services';

// `mishen demo`: a demonstration data folder for training, screenshots and the tests of
// every form: organization 演示单位, staff for every role, and items in every state
// under each of the five procedures, reached through the real services (so the trail
// is a real trail). Passwords are random and printed once.

export interface DemoAccount {
  username: string;
  displayName: string;
  role: string;
  password: string;
}

const STAFF: Array<{ username: string; displayName: string; department: string; roles: BusinessRole[] }> = [
  { username: 'liu', displayName: '刘承办', department: '办公室', roles: ['handler'] },
  { username: 'chen', displayName: '陈承办', department: '财政局', roles: ['handler'] },
  { username: 'wang', displayName: '王主任', department: '办公室', roles: ['deptHead'] },
  { username: 'zhao', displayName: '赵审查', department: '保密审查机构', roles: ['reviewer'] },
  { username: 'sun', displayName: '孙领导', department: '领导', roles: ['approver'] },
  { username: 'li', displayName: '李领导', department: '领导', roles: ['approver'] },
  { username: 'zhou', displayName: '周保密', department: '保密工作部门', roles: ['secrecyOffice'] },
  { username: 'wu', displayName: '吴发布', department: '信息中心', roles: ['publisher'] },
];

/** A random password the policy accepts for this user: short names (li, wu) can turn up inside random text. */
function password(username: string): string {
  for (;;) {
    const p = `Demo-${randomBytes(6).toString('base64url')}-9a`;
    if (!p.toLowerCase().includes(username.toLowerCase())) return p;
  }
}

/** A synthetic resident ID number with a valid check digit (never a real person's). */
function syntheticId(seq: number): string {
  const body = `150502${19700101 + (seq % 28)}${String(100 + seq).slice(-3)}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

function fields(title: string, over: Partial<ItemFields> = {}): ItemFields {
  return emptyItemFields({
    title,
    documentNumber: '演示发〔2026〕1号',
    issuer: '演示单位',
    department: '办公室',
    formedOn: '2026-11-02',
    category: '综合政务',
    keywords: ['演示'],
    summary: '演示用的政府信息。',
    ...over,
  });
}

type Goal = 'publish' | 'withhold' | 'defer' | 'escalate';

class Driver {
  constructor(
    private readonly s: Services,
    private readonly passwords: Map<string, string>,
  ) {}

  async as(username: string) {
    if (this.s.session.info().user?.username === username) return;
    if (this.s.session.currentUserId()) await this.s.session.logout();
    await this.s.session.login(username, this.passwords.get(username)!);
  }

  /** Who signs a step: one person per step, as separation of duties requires. */
  signer(step: StepDef): string {
    if (step.role === 'handler') return 'liu';
    if (step.role === 'deptHead') return 'wang';
    if (step.role === 'reviewer') return 'zhao';
    if (step.role === 'secrecyOffice') return 'zhou';
    return step.id === 'cityApproval' ? 'li' : 'sun';
  }

  /** Signs steps until the item reaches `stop` steps signed, or finishes, heading for `goal`. */
  async drive(profile: Profile, itemId: string, goal: Goal, stop = Infinity): Promise<void> {
    for (let signed = 0; signed < stop; signed++) {
      const item = await this.s.queries.get(itemId);
      if (item.status !== 'inReview' || !item.currentStepId) return;
      const step = profile.steps.find((x) => x.id === item.currentStepId)!;
      await this.as(this.signer(step));
      const want = { publish: 'PUBLISH', withhold: 'WITHHOLD', defer: 'DEFER', escalate: 'ESCALATE' }[goal];
      const pick =
        step.opinions.find((o) => o.effect === 'propose' && o.outcome === want && (want !== 'PUBLISH' || o.disclosure !== '依申请公开')) ??
        step.opinions.find((o) => o.effect === 'submit' || o.effect === 'approve') ??
        step.opinions.find((o) => o.effect === 'propose' && o.outcome === 'PUBLISH')!;
      const restrictive = pick.effect === 'propose' && pick.outcome !== 'PUBLISH';
      const cite = restrictive || pick.needsBasis;
      await this.s.items.opinion({
        itemId,
        stepId: step.id,
        opinionId: pick.id,
        grounds: restrictive ? ['PERSONAL_PRIVACY'] : [],
        bases: cite ? ['law-bmf'] : [],
        reason: cite ? '演示：依据《保密法》及其相关法律法规审查' : '',
        deferUntil: pick.outcome === 'DEFER' ? '2027-06-30' : null,
      });
      if (pick.outcome === 'ESCALATE') return;
    }
  }
}

export async function buildDemo(dataDir: string, opts: { kdf?: ScryptParams; now?: () => Date } = {}): Promise<{ accounts: DemoAccount[]; items: number }> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) throw new Error('演示数据只能建立在空的数据目录中');
  const s = createServices({ dataDir, kdf: opts.kdf, now: opts.now });
  const admins = { sysAdmin: 'sysadmin', secAdmin: 'secadmin', auditor: 'auditor' } as const;
  const passwords = new Map<string, string>();
  const initial = new Map<string, string>();
  for (const u of Object.values(admins)) initial.set(u, password(u));
  const admin = (role: keyof typeof admins, displayName: string) => ({ username: admins[role], displayName, password: initial.get(admins[role])! });
  await s.setup.run({ organizationName: '演示单位', organizationShortName: 'DEMO', sysAdmin: admin('sysAdmin', '系统管理员'), secAdmin: admin('secAdmin', '安全保密管理员'), auditor: admin('auditor', '安全审计员') });
  const first = async (username: string) => {
    const own = password(username);
    await s.session.login(username, initial.get(username)!);
    await s.session.changePassword(initial.get(username)!, own);
    passwords.set(username, own);
  };
  await first(admins.sysAdmin);
  for (const u of STAFF) {
    initial.set(u.username, password(u.username));
    await s.accounts.create({ username: u.username, displayName: u.displayName, department: u.department, roles: u.roles, initialPassword: initial.get(u.username)! });
  }
  await s.session.logout();
  for (const u of [...STAFF.map((x) => x.username), admins.secAdmin, admins.auditor]) {
    await first(u);
    await s.session.logout();
  }
  const d = new Driver(s, passwords);
  let items = 0;
  for (const profile of shippedProfiles()) {
    await d.as(admins.secAdmin);
    await s.profiles.activate(profile.id, profile.version);
    const make = async (title: string, over: Partial<ItemFields> = {}, file = true) => {
      await d.as('liu');
      const item = await s.items.register(fields(`${profile.shortName}：${title}`, over));
      if (file) await s.documents.attach(item.id, `${title}.txt`, Buffer.from(`${title}\n本文件为演示材料，不含个人信息。\n`, 'utf8').toString('base64'));
      items++;
      return item.id;
    };
    await make('待初审的通知');
    await d.drive(profile, await make('审查中的通知'), 'publish', 1);
    const published = await make('已批准公开的通知');
    await d.drive(profile, published, 'publish');
    await d.drive(profile, await make('不予公开的事项'), 'withhold');
    if (profile.steps.some((st) => st.opinions.some((o) => o.outcome === 'DEFER'))) await d.drive(profile, await make('暂缓公开的事项'), 'defer');
    const escalated = await make('报审待复的事项');
    await d.drive(profile, escalated, 'escalate');
    if ((await s.queries.get(escalated)).status === 'escalated') {
      await d.as('zhao');
      await s.letters.escalate({ itemId: escalated, addressee: '同级保密行政管理部门', authority: '演示县国家保密局', materials: ['申请事由的公文', '记载审查信息的载体', '保密审查意见'], letterNumber: '演示函〔2026〕1号', sentOn: '2026-11-20', matter: 'other', deadline: '2026-12-04' });
    }
    await d.drive(profile, await make('标有密级待解密的事项', { classification: '秘密', classificationTerm: '2025年12月31日' }), 'publish');
    const recalled = await make('已撤回的通知');
    await d.drive(profile, recalled, 'publish');
    await d.as('wu');
    await s.items.recall({ itemId: recalled, discoveredOn: '2026-11-21', description: '演示：发布后发现附件含有未处理的个人信息', measures: '演示：已从网站撤下并报告' });
    // A 公示名单 with synthetic ID numbers, waiting for the handler to decide its findings.
    await d.as('liu');
    const list = (await s.items.register(fields(`${profile.shortName}：城乡低保对象公示`))).id;
    await s.documents.attach(list, '公示名单.txt', Buffer.from(`城乡低保对象公示名单\n张演示 身份证号 ${syntheticId(items)}\n李演示 身份证号 ${syntheticId(items + 1)}\n`, 'utf8').toString('base64'));
    items++;
  }
  await s.close();
  const roleOf = (u: string) => STAFF.find((x) => x.username === u)?.displayName ?? u;
  const accounts: DemoAccount[] = [...passwords.entries()].map(([username, pw]) => ({
    username,
    displayName: roleOf(username),
    role: username === admins.sysAdmin ? '系统管理员' : username === admins.secAdmin ? '安全保密管理员' : username === admins.auditor ? '安全审计员' : (STAFF.find((x) => x.username === username)?.department ?? ''),
    password: pw,
  }));
  return { accounts, items };
}
