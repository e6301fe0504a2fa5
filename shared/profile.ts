import { z } from 'zod';
import { BUSINESS_ROLES } from './roles';
import { DISCLOSURES, OUTCOMES, REVIEW_MODES } from './terms';

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
