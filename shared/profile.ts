import { z } from 'zod';
import { BUSINESS_ROLES, ROLE_LABELS } from './roles';
import { DISCLOSURES, OUTCOME_LABELS, OUTCOMES, REVIEW_MODES } from './terms';

// The schema of a review profile: one regulation's procedure as data (steps, opinion
// words, limits, consultation rules, citations). Profiles live in
// resources/profiles/*.json; this file only says what shape they have.

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
    /** Some regulations want every opinion, 公开 included, to cite its 依据 (seed 003 第十一条). */
    needsBasis: z.boolean().default(false),
    /** A word the regulation does not use, added by the agency: shown as its own addition. */
    agencyAddition: z.boolean().default(false),
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
  /**
   * always; sensitive: only for items marked sensitive; partial: only when the standing
   * proposal is 部分公开 (the confirmation of a redaction); partialSecret: 部分公开 of an
   * item whose secret content was involved. The article that asks for it is `article`.
   */
  when: z.enum(['always', 'sensitive', 'partial', 'partialSecret']).default('always'),
  opinions: z.array(opinionSchema).min(1),
});

/**
 * When and how another agency or a third party is consulted, per case, as the
 * regulation says: when the letter must go out, how long the reply may take, and
 * whether silence past that counts as consent. No rule: the letter's own deadline,
 * and silence never consents.
 */
export const consultationRuleSchema = z.object({
  case: z.enum(['concernsAgency', 'jointProduction', 'thirdParty']),
  reviewMode: z.enum([...REVIEW_MODES, 'any']).default('any'),
  /** Working days from formation (主动审查) or receipt of the application (依申请审查). */
  sendWithinDays: z.number().int().min(1).nullable().default(null),
  replyDays: z.number().int().min(1).nullable().default(null),
  silence: z.enum(['consent', 'none']).default('none'),
  /** Publication needs the other side's written consent (silence never consents). */
  writtenConsent: z.boolean().default(false),
  article: text,
});
export type ConsultationRule = z.output<typeof consultationRuleSchema>;

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
      /** Replaced by `consultations`; kept so profiles saved before still load. */
      agencySilenceIsConsent: z.boolean().optional(),
      /** The 保密工作部门's reply limit when an item is escalated to it (seed 002 第十条). */
      secrecyOfficeReplyDays: z.number().int().min(1).nullable().default(null),
      applicationReplyDays: z.number().int().min(1).nullable().default(20),
      /** Publishing over a third party's refusal for the public interest, only where granted. */
      publicInterestOverride: z.boolean().default(false),
      consultations: z.array(consultationRuleSchema).default([]),
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
  return { grounds: restrictive, basis: restrictive || o.needsBasis, reason: restrictive || o.needsReason || o.needsBasis || o.effect === 'sendBack' };
}

// --- words for the procedure editor and its diff ----------------------------------

export const EFFECT_LABELS: Record<OpinionDef['effect'], string> = { submit: '报送（不提出意见）', propose: '提出审查意见', approve: '同意现有意见', sendBack: '退回' };
export const WHEN_LABELS: Record<StepDef['when'], string> = { always: '每个事项', sensitive: '仅限敏感内容', partial: '拟部分公开时', partialSecret: '涉密内容拟部分公开时' };
export const LIMIT_LABELS = {
  publishWithinDays: '主动公开期限（工作日）',
  escalationReplyDays: '报审答复期限（工作日）',
  agencyReplyDays: '有关机关答复期限（工作日）',
  secrecyOfficeReplyDays: '保密工作部门答复期限（工作日）',
  applicationReplyDays: '答复申请期限（工作日）',
} as const;
/** What each cited article is cited for: the keys of `limits.articles`, never shown themselves. */
export const CITATION_LABELS: Record<string, string> = {
  publishWithinDays: '主动公开期限',
  escalationReplyDays: '报审答复期限',
  agencyReplyDays: '有关机关答复期限',
  secrecyOfficeReplyDays: '保密工作部门答复期限',
  applicationReplyDays: '答复申请期限',
  publicInterestOverride: '公共利益决定',
  escalationMaterials: '报审材料',
  declassification: '解密',
  yearlyDeclassification: '年度解密清理',
  partialConfirmation: '部分公开确认',
  recheck: '不予公开事项年度复查',
  withheldFiling: '不予公开备案',
  coordination: '协调',
  referral: '转交办理',
  leakReport: '泄密报告',
  allOpinionsNeedBasis: '意见须引用依据',
};
const STEP_FIELD_LABELS: Record<string, string> = { name: '环节名称', role: '签署角色', signer: '签署人', article: '条款', instruction: '办理说明', limitDays: '办理期限', when: '适用条件' };
const OPINION_FIELD_LABELS: Record<string, string> = { label: '意见用语', effect: '效果', outcome: '结果', disclosure: '公开属性', sendBackTo: '退回到', needsReason: '须说明理由', needsBasis: '须引用依据', agencyAddition: '本单位增加的用语' };

type Shown = string | number | boolean | null | undefined;
function shown(field: string, v: Shown, stepNames: Map<string, string>): string {
  if (v === null || v === undefined || v === '') return '（无）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (field === 'role') return ROLE_LABELS[v as keyof typeof ROLE_LABELS] ?? String(v);
  if (field === 'effect') return EFFECT_LABELS[v as OpinionDef['effect']] ?? String(v);
  if (field === 'outcome') return OUTCOME_LABELS[v as keyof typeof OUTCOME_LABELS] ?? String(v);
  if (field === 'when') return WHEN_LABELS[v as StepDef['when']] ?? String(v);
  if (field === 'sendBackTo') return `“${stepNames.get(String(v)) ?? String(v)}”`;
  if (field === 'limitDays' || field in LIMIT_LABELS) return `${v} 个工作日`;
  return String(v);
}

/**
 * What changed from one version of a procedure to another, one readable line per field
 * (第2步 签署角色：保密审查机构 → 分管领导). Steps and opinions are matched by their ids,
 * so a reordered step reads as moved, not as every field changed.
 */
export function profileDiff(before: Profile, after: Profile): string[] {
  const out: string[] = [];
  const names = new Map([...before.steps, ...after.steps].map((s) => [s.id, s.name]));
  const line = (where: string, field: string, label: string, a: Shown, b: Shown) => {
    if ((a ?? null) !== (b ?? null)) out.push(`${where}${label}：${shown(field, a, names)} → ${shown(field, b, names)}`);
  };
  line('', 'name', '名称', before.name, after.name);
  line('', 'shortName', '简称', before.shortName, after.shortName);
  line('', 'source', '制度来源', before.source, after.source);
  const oldAt = new Map(before.steps.map((s, i) => [s.id, i]));
  after.steps.forEach((s, i) => {
    const j = oldAt.get(s.id);
    const where = `第${i + 1}步 `;
    if (j === undefined) return void out.push(`新增第${i + 1}步“${s.name}”（${ROLE_LABELS[s.role]}）`);
    const o = before.steps[j]!;
    if (j !== i) out.push(`“${s.name}”由第${j + 1}步移至第${i + 1}步`);
    for (const f of Object.keys(STEP_FIELD_LABELS)) line(where, f, STEP_FIELD_LABELS[f]!, o[f as keyof StepDef] as Shown, s[f as keyof StepDef] as Shown);
    for (const c of o.checklist) if (!s.checklist.includes(c)) out.push(`${where}删除核对事项：${c}`);
    for (const c of s.checklist) if (!o.checklist.includes(c)) out.push(`${where}新增核对事项：${c}`);
    const oldOps = new Map(o.opinions.map((x) => [x.id, x]));
    for (const x of s.opinions) {
      const y = oldOps.get(x.id);
      if (!y) {
        out.push(`${where}新增意见“${x.label}”（${EFFECT_LABELS[x.effect]}）`);
        continue;
      }
      for (const f of Object.keys(OPINION_FIELD_LABELS)) line(`${where}意见“${y.label}”`, f, OPINION_FIELD_LABELS[f]!, y[f as keyof OpinionDef] as Shown, x[f as keyof OpinionDef] as Shown);
    }
    for (const y of o.opinions) if (!s.opinions.some((x) => x.id === y.id)) out.push(`${where}删除意见“${y.label}”`);
  });
  for (const [i, s] of before.steps.entries()) if (!after.steps.some((x) => x.id === s.id)) out.push(`删除原第${i + 1}步“${s.name}”`);
  for (const [k, label] of Object.entries(LIMIT_LABELS)) line('期限 ', k, label.replace(/（工作日）$/, ''), before.limits[k as keyof typeof LIMIT_LABELS], after.limits[k as keyof typeof LIMIT_LABELS]);
  line('', 'publicInterestOverride', '可作公共利益决定', before.limits.publicInterestOverride, after.limits.publicInterestOverride);
  for (const k of new Set([...Object.keys(before.limits.articles), ...Object.keys(after.limits.articles)]))
    line('引用条款 ', 'article', CITATION_LABELS[k] ?? '其他', before.limits.articles[k], after.limits.articles[k]);
  if (JSON.stringify(before.limits.consultations) !== JSON.stringify(after.limits.consultations)) out.push('征求意见规则有改动（见“高级”）');
  return out;
}
