import type { Services } from '../../../electron/app/services';
import type { Redactor } from '../../../electron/publication/public-versions';
import { contract } from '../../../shared/contract';
import type { InputOf } from '../../../shared/define';
import { fakeClock, setUpCore, type Clock } from '../../helpers/setup';
import { residentId } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/tmp';
import { as, PLAIN, REASONED, staffUp, type Workflow } from '../../helpers/workflow';
import { layoutText, withoutStamps } from '../forms/pdf-tools';

// What the application tests share: a core with staff under a profile, an applicant with
// synthetic data, the operations called through the contract's schemas (defaults applied,
// as the dispatcher does), the review of an application's item to each decision, and a
// printed notice read back with pdftotext.

/** A stand-in redaction engine for plain text (the real engine has its own tests). */
export const textRedactor: Redactor = {
  async redact({ bytes, name, targets }) {
    let text = Buffer.from(bytes).toString('utf8');
    for (const t of targets) text = text.split(t.text).join('〔已删除〕');
    return { bytes: Buffer.from(text, 'utf8'), name, type: 'txt', removals: targets.map((t) => ({ kind: t.kind })), notes: [] };
  },
  async prove({ publicVersion, removed }) {
    const text = Buffer.from(publicVersion).toString('utf8');
    const problems = removed.filter((r) => text.includes(r)).map(() => '公开版本中仍含有已删除的内容');
    return { ok: problems.length === 0, problems, detail: null };
  },
};

export const ID_NUMBER = residentId('150502', '19800101', '031');
export const APPLICANT = {
  receivedVia: '信函' as const,
  applicantKind: 'person' as const,
  applicantName: '王某某',
  idType: '居民身份证' as const,
  idNumber: ID_NUMBER,
  contact: '13912345678',
  address: '某市某街道',
  purpose: '了解拆迁补偿标准',
  deliveryForm: '纸质' as const,
};

export interface Env {
  core: Services;
  wf: Workflow;
  clock: Clock;
  /** The data folder: database, WAL and keyslots. */
  dir: string;
  close(): Promise<void>;
}

export async function setUp(now: string, profile = 'tongliao'): Promise<Env> {
  const t = tempDir();
  const clock = fakeClock(new Date(now));
  const core = (await setUpCore(t.dir, clock, { redactor: textRedactor })).core;
  const wf = await staffUp(core, profile);
  await as(core, 'liu');
  return {
    core,
    wf,
    clock,
    dir: t.dir,
    close: async () => {
      await core.close();
      t.cleanup();
    },
  };
}

/** The application operations as the dispatcher calls them: input parsed by the contract first. */
export function ops(core: Services) {
  const a = contract.applications;
  return {
    register: (i: InputOf<typeof a.register>) => core.applications.register(a.register.input.parse(i)),
    reply: (i: InputOf<typeof a.reply>) => core.applications.reply(a.reply.input.parse(i)),
    extend: (i: InputOf<typeof a.extend>) => core.applications.extend(a.extend.input.parse(i)),
    page: (i: InputOf<typeof a.page>) => core.applications.page(a.page.input.parse(i)),
    thirdParty: (i: InputOf<typeof a.thirdPartyLetter>) => {
      const p = a.thirdPartyLetter.input.parse(i);
      return core.applications.thirdPartyLetter(p.applicationId, p.party, p.letterOn, p.kind, p.concern);
    },
  };
}

export const day = (clock: Clock, iso: string) => clock.advance(new Date(`${iso}T09:00:00+08:00`).getTime() - clock.now().getTime());

/** The notice as paper: pdftotext, stamps removed, white space removed. */
export async function noticeText(core: Services, applicationId: string, notice: Parameters<Services['applicationPrinting']['notice']>[1]): Promise<string> {
  const f = await core.applicationPrinting.notice(applicationId, notice, null);
  return withoutStamps(layoutText(f.pdf)).replace(/\s+/g, '');
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** 通辽's review of an application's item to a decision: all public, partly public (with its public version), or withheld. */
export async function review(env: Env, itemId: string, outcome: 'PUBLISH' | 'PUBLISH_PART' | 'WITHHOLD'): Promise<void> {
  const { core, wf } = env;
  await as(core, 'liu');
  if (outcome === 'PUBLISH_PART') {
    const doc = await core.documents.attach(itemId, '补偿名单.txt', b64(`拆迁补偿名单\n张小明 身份证号 ${residentId('150502', '19750505', '017')}\n`));
    const found = (await core.documents.get(doc.id)).findings;
    await core.findings.decideMany(found.filter((f) => f.kind === 'ID_CARD').map((f) => f.id), 'confirmed', '身份证号码');
    const rest = found.filter((f) => f.kind !== 'ID_CARD').map((f) => f.id);
    if (rest.length) await core.findings.decideMany(rest, 'dismissed', '姓名依法公开');
  }
  const opinion = { PUBLISH: 'onRequest', PUBLISH_PART: 'partial', WITHHOLD: 'withhold' }[outcome];
  const why = outcome === 'PUBLISH' ? PLAIN : REASONED;
  await wf.opinion({ itemId, stepId: 'initial', opinionId: opinion, ...why });
  await as(core, 'zhao');
  await wf.opinion({ itemId, stepId: 'review', opinionId: opinion, ...why });
  if (outcome === 'PUBLISH_PART') {
    await as(core, 'zhou');
    for (const d of await core.documents.list(itemId)) await core.publicVersions.produce(d.id);
    await wf.opinion({ itemId, stepId: 'confirm', opinionId: 'confirm', ...PLAIN });
  }
  await as(core, 'sun');
  await wf.opinion({ itemId, stepId: 'approval', opinionId: 'approve', ...PLAIN });
  await as(core, 'liu');
}
