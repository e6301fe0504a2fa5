import { z } from 'zod';
import { op } from '../define';
import { BUSINESS_ROLES } from '../roles';
import { date, id, itemFieldsSchema, optText, text } from '../schemas';
import type { ItemDetail, ItemSummary } from '../types';
import { CLASSIFICATIONS, CONSULTATION_CASES, CONSULTATION_KINDS, CONSULTATION_REPLIES, ESCALATION_ADDRESSEES, ESCALATION_MATTERS, GROUNDS, REOPEN_REASONS } from '../workflow';

// Review items: registration, opinions, letters and the records around a decision.
// Roles here are the first gate; the service checks the person and the item's state.

const business = { kind: 'user', roles: [...BUSINESS_ROLES] } as const;
const itemId = z.object({ itemId: id });

export const items = {
  register: op<ItemDetail>()({ input: itemFieldsSchema, access: { kind: 'user', roles: ['handler'] } }),
  list: op<ItemSummary[]>()({ input: z.object({ view: z.enum(['inbox', 'all', 'recheck', 'declassification']) }), access: business }),
  get: op<ItemDetail>()({ input: itemId, access: business }),
  submitOpinion: op<ItemDetail>()({
    input: z.object({
      itemId: id,
      stepId: id,
      opinionId: id,
      grounds: z.array(z.enum(GROUNDS)).max(GROUNDS.length),
      bases: z.array(id).max(50),
      reason: optText(4000),
      deferUntil: date.nullable().optional(),
    }),
    access: business,
  }),
  object: op<ItemDetail>()({ input: z.object({ itemId: id, text: text(4000) }), access: business }),
  escalate: op<ItemDetail>()({
    input: z.object({
      itemId: id,
      addressee: z.enum(ESCALATION_ADDRESSEES),
      authority: text(100),
      materials: z.array(text(100)).min(1),
      letterNumber: optText(100),
      sentOn: date,
      /** What the question concerns: it decides the reply limit (000 第十一条; 002 第十条). */
      matter: z.enum(ESCALATION_MATTERS).default('other'),
      /** The reply date the letter itself sets, where no rule gives a number. */
      deadline: date.nullable().default(null),
    }),
    access: { kind: 'user', roles: ['handler', 'reviewer'] },
  }),
  escalationReply: op<ItemDetail>()({
    input: z.object({
      itemId: id,
      escalationId: z.number().int(),
      replyOn: date,
      authority: text(100),
      documentNumber: optText(100),
      conclusion: text(2000),
    }),
    access: { kind: 'user', roles: ['handler', 'reviewer'] },
  }),
  consult: op<ItemDetail>()({
    input: z.object({
      itemId: id,
      kind: z.enum(CONSULTATION_KINDS),
      /** Which rule applies; by default another agency concerned, or the third party. */
      case: z.enum(CONSULTATION_CASES).optional(),
      party: text(100),
      matters: text(2000),
      sentOn: date,
      deadline: date.nullable(),
    }),
    access: { kind: 'user', roles: ['handler', 'reviewer'] },
  }),
  /** A letter planned at registration has gone out. */
  consultationSent: op<ItemDetail>()({
    input: z.object({ itemId: id, consultationId: z.number().int(), matters: text(2000), sentOn: date, deadline: date.nullable() }),
    access: { kind: 'user', roles: ['handler', 'reviewer'] },
  }),
  /** The coordinated result of a disagreement between agencies (000 协调 第七条; 001 协调 第九条; 003 协调 第六条; 004 附件7 第十条). */
  coordinate: op<ItemDetail>()({
    input: z.object({ itemId: id, consultationId: z.number().int(), authority: text(100), documentNumber: optText(100), decidedOn: date, agreed: z.boolean(), text: text(2000) }),
    access: { kind: 'user', roles: ['handler', 'reviewer'] },
  }),
  /** The reviewer corrects the item's classification (a file carries a mark the registration did not). */
  reclassify: op<ItemDetail>()({
    input: z.object({ itemId: id, classification: z.enum(CLASSIFICATIONS), classificationTerm: optText(60).nullable(), reason: text(2000) }),
    access: { kind: 'user', roles: ['reviewer', 'secrecyOffice'] },
  }),
  consultationReply: op<ItemDetail>()({
    input: z.object({ itemId: id, consultationId: z.number().int(), reply: z.enum(CONSULTATION_REPLIES), replyOn: date, reason: optText(2000) }),
    access: { kind: 'user', roles: ['handler', 'reviewer'] },
  }),
  override: op<ItemDetail>()({
    input: z.object({ itemId: id, consultationId: z.number().int(), decision: text(2000), reasons: text(4000), noticeSentOn: date }),
    access: { kind: 'user', roles: ['approver'] },
  }),
  declassify: op<ItemDetail>()({
    input: z.object({ itemId: id, decidedOn: date, documentNumber: text(100), authority: text(100), filedOn: date, filedWith: text(100) }),
    access: { kind: 'user', roles: ['reviewer', 'secrecyOffice'] },
  }),
  specialApproval: op<ItemDetail>()({
    input: z.object({ itemId: id, authority: text(100), documentNumber: text(100), approvedOn: date }),
    access: { kind: 'user', roles: ['handler'] },
  }),
  reopen: op<ItemDetail>()({ input: z.object({ itemId: id, reason: z.enum(REOPEN_REASONS) }), access: { kind: 'user', roles: ['reviewer'] } }),
  recall: op<ItemDetail>()({
    input: z.object({ itemId: id, discoveredOn: date, description: text(4000), measures: text(4000) }),
    access: { kind: 'user', roles: ['publisher', 'secrecyOffice'] },
  }),
};
