import { z } from 'zod';
import { BUSINESS_ROLES } from './roles';

// The review vocabulary (domain.md §3–§6) and the schema of a review profile. Profiles
// are data (resources/profiles/*.json); this file only says what shape they have.

export const OUTCOMES = ['PUBLISH', 'PUBLISH_PART', 'WITHHOLD', 'DEFER', 'ESCALATE'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  PUBLISH: '全部公开',
  PUBLISH_PART: '区分处理后部分公开',
  WITHHOLD: '不予公开',
  DEFER: '暂缓公开',
  ESCALATE: '报审',
};

export const GROUNDS = [
  'MARKED_SECRET',
  'UNMARKED_SECRET',
  'TERM_EXTENDED',
  'COMMERCIAL_SECRET',
  'PERSONAL_PRIVACY',
  'APPROVAL_MISSING',
  'SECURITY_STABILITY',
  'PROCESS_INFO',
  'INTERNAL_AFFAIRS',
  'LAW_PROHIBITED',
  'OTHER',
] as const;
export type Ground = (typeof GROUNDS)[number];
export const GROUND_LABELS: Record<Ground, string> = {
  MARKED_SECRET: '标有密级（秘密/机密/绝密）且在保密期限内',
  UNMARKED_SECRET: '虽未标密级，但属于国家秘密',
  TERM_EXTENDED: '保密期限已满但需延长',
  COMMERCIAL_SECRET: '商业秘密',
  PERSONAL_PRIVACY: '个人隐私',
  APPROVAL_MISSING: '需经批准而未获批准',
  SECURITY_STABILITY: '公开后可能危及国家安全、公共安全、经济安全和社会稳定',
  PROCESS_INFO: '正在调查、讨论、处理过程中的信息（过程性信息）',
  INTERNAL_AFFAIRS: '内部事务信息',
  LAW_PROHIBITED: '法律、行政法规禁止公开',
  OTHER: '其他不宜公开的情形',
};

export const DISCLOSURES = ['主动公开', '依申请公开', '部分公开', '不予公开'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];

export const PUBLISH_FORMS = ['网站公开', '依申请公开', '其他'] as const;
export const REVIEW_MODES = ['主动审查', '依申请审查'] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];
export const CLASSIFICATIONS = ['none', '秘密', '机密', '绝密'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const SPECIAL_DOMAINS = [
  '农产品质量安全状况',
  '重大传染病疫情',
  '重大动物疫情',
  '重要地理信息数据',
  '统计信息',
  '财政信息',
  '旅游发展',
  '重大项目',
  '民生工程',
] as const;

export const ITEM_STATUSES = [
  'inReview',
  'escalated',
  'awaitingDeclassification',
  'approved',
  'withheld',
  'deferred',
  'recalled',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const STATUS_LABELS: Record<ItemStatus, string> = {
  inReview: '审查中',
  escalated: '报审待复',
  awaitingDeclassification: '待办理解密手续',
  approved: '已批准公开',
  withheld: '不予公开',
  deferred: '暂缓公开',
  recalled: '已撤回',
};

/** Still moving through the review: letters may be sent, files attached, findings decided. */
export const OPEN_STATUSES = ['inReview', 'escalated', 'awaitingDeclassification'] as const satisfies readonly ItemStatus[];
/** Decided: the date of decision is kept and the item leaves the inbox. */
export const FINISHED_STATUSES = ['approved', 'withheld', 'deferred'] as const satisfies readonly ItemStatus[];
/** Withheld or deferred items come back for re-examination (004 附件6 第十二条). */
export const RECHECK_STATUSES = ['withheld', 'deferred'] as const satisfies readonly ItemStatus[];
export const isOpenStatus = (s: string): boolean => (OPEN_STATUSES as readonly string[]).includes(s);
export const isFinishedStatus = (s: string): boolean => (FINISHED_STATUSES as readonly string[]).includes(s);

/** How a person stands to an item; the one rule behind every "may this person act" check. */
export function participation(
  item: { createdBy: string; signedBy: Readonly<Record<string, readonly string[]>> },
  user: { id: string; roles: readonly string[] },
): { registrant: boolean; signed: boolean; participant: boolean } {
  const registrant = item.createdBy === user.id;
  const signed = Object.values(item.signedBy).some((ids) => ids.includes(user.id));
  return { registrant, signed, participant: registrant || signed || user.roles.includes('reviewer') };
}

// --- choice lists the contract and the screens share ----------------------------------

export const REOPEN_REASONS = ['应予公开而认定为不宜公开', '情势变化，不予公开的情形已不存在', '暂缓公开期满'] as const;
export const ESCALATION_ADDRESSEES = ['上级主管部门', '同级保密行政管理部门'] as const;
export const CONSULTATION_KINDS = ['agency', 'thirdParty'] as const;
export const CONSULTATION_KIND_LABELS: Record<(typeof CONSULTATION_KINDS)[number], string> = { agency: '有关机关', thirdParty: '第三方' };
export const CONSULTATION_REPLIES = ['agree', 'disagree'] as const;
export const CONSULTATION_REPLY_LABELS: Record<(typeof CONSULTATION_REPLIES)[number], string> = { agree: '同意公开', disagree: '不同意公开' };
/** agree, disagree, deemed (silence past the deadline counts as consent), pending, overdue. */
export const CONSULTATION_STANDINGS = ['agree', 'disagree', 'deemed', 'pending', 'overdue'] as const;
export const CONSULTATION_STANDING_LABELS: Record<(typeof CONSULTATION_STANDINGS)[number], string> = {
  agree: '同意公开',
  disagree: '不同意公开',
  deemed: '逾期未答复，视为同意',
  pending: '待答复',
  overdue: '已逾期，未答复',
};
export const BASIS_KINDS = ['law', 'scope', 'determined', 'rule', 'negative'] as const;
export type BasisKind = (typeof BASIS_KINDS)[number];

// --- profiles --------------------------------------------------------------------

const text = z.string().min(1);

export const opinionSchema = z
  .object({
    id: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
    /** The regulation's own words, shown on screen and printed on the forms. */
    label: text,
    /**
     * submit: hands the item on without a proposal (the handler's 报送);
     * propose: proposes an outcome; approve: accepts the standing proposal;
     * sendBack: returns the item to an earlier step.
     */
    effect: z.enum(['submit', 'propose', 'approve', 'sendBack']),
    outcome: z.enum(OUTCOMES).optional(),
    disclosure: z.enum(DISCLOSURES).optional(),
    sendBackTo: z.string().optional(),
    /** Not publishing in full always needs grounds, a basis and a reason; some words need a reason anyway. */
    needsReason: z.boolean().default(false),
  })
  .superRefine((o, ctx) => {
    if (o.effect === 'propose' && !o.outcome) ctx.addIssue({ code: 'custom', message: `意见“${o.label}”须指明结果（outcome）` });
    if (o.effect !== 'propose' && o.outcome) ctx.addIssue({ code: 'custom', message: `意见“${o.label}”不提出结果，不应有 outcome` });
    if (o.effect === 'sendBack' && !o.sendBackTo) ctx.addIssue({ code: 'custom', message: `意见“${o.label}”须指明退回到哪一步` });
  });

export const stepSchema = z.object({
  id: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
  name: text,
  role: z.enum(BUSINESS_ROLES),
  /** Who signs, in the regulation's words (printed on the record). */
  signer: text,
  article: text,
  instruction: z.string().optional(),
  checklist: z.array(text).default([]),
  limitDays: z.number().int().min(1).nullable().default(null),
  /** 'sensitive': the step applies only to items marked sensitive (阿尔山 附件10 第五条). */
  when: z.enum(['always', 'sensitive']).default('always'),
  opinions: z.array(opinionSchema).min(1),
});

export const profileSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.number().int().min(1),
    name: text,
    shortName: text,
    source: text,
    basedOn: z.object({ id: z.string(), version: z.number().int() }).nullable().default(null),
    steps: z.array(stepSchema).min(2),
    limits: z.object({
      publishWithinDays: z.number().int().min(1).nullable(),
      escalationReplyDays: z.number().int().min(1).nullable(),
      agencyReplyDays: z.number().int().min(1).nullable(),
      agencySilenceIsConsent: z.boolean(),
      articles: z.record(z.string(), z.string()).default({}),
    }),
  })
  .superRefine((p, ctx) => {
    const ids = p.steps.map((s) => s.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: '步骤编号重复' });
    if (p.steps[0]!.role !== 'handler') ctx.addIssue({ code: 'custom', message: '第一步必须由承办人办理' });
    if (p.steps[0]!.when !== 'always') ctx.addIssue({ code: 'custom', message: '第一步不能是条件步骤' });
    p.steps.forEach((s, i) => {
      for (const o of s.opinions)
        if (o.sendBackTo && !ids.slice(0, i).includes(o.sendBackTo))
          ctx.addIssue({ code: 'custom', message: `“${s.name}”的意见“${o.label}”只能退回到此前的步骤` });
    });
    if (!p.steps.some((s) => s.opinions.some((o) => o.effect === 'propose' && (o.outcome === 'PUBLISH' || o.outcome === 'PUBLISH_PART'))))
      ctx.addIssue({ code: 'custom', message: '至少要有一个可以提出公开意见的步骤' });
  });

export type OpinionDef = z.output<typeof opinionSchema>;
export type StepDef = z.output<typeof stepSchema>;
export type Profile = z.output<typeof profileSchema>;

/** Every outcome other than full publication names grounds, a basis and a reason (domain §4). */
export function opinionNeeds(o: OpinionDef): { grounds: boolean; basis: boolean; reason: boolean } {
  const restrictive = o.effect === 'propose' && o.outcome !== 'PUBLISH';
  return { grounds: restrictive, basis: restrictive, reason: restrictive || o.needsReason || o.effect === 'sendBack' };
}
