import { z } from 'zod';
import { op } from '../define';
import { BUSINESS_ROLES } from '../roles';
import { date, id, itemFieldsSchema, optText, text } from '../schemas';
import type { ItemDetail, ItemPage, ItemSearchPage, ItemStats, ItemSummary } from '../types';
import { ROLES } from '../roles';
import { CLASSIFICATIONS, ITEM_STATUSES, CONSULTATION_CASES, CONSULTATION_KINDS, CONSULTATION_REPLIES, ESCALATION_ADDRESSEES, ESCALATION_MATTERS, GROUNDS, REOPEN_REASONS } from '../workflow';

// Review items: registration, opinions, letters and the records around a decision.
// Roles here are the first gate; the service checks the person and the item's state.

const business = { kind: 'user', roles: [...BUSINESS_ROLES] } as const;
const itemId = z.object({ itemId: id });

/** The columns a list may be sorted by; ties are broken by id, so paging is stable. */
export const ITEM_SORTS = ['createdAt', 'formedOn', 'title', 'documentNumber', 'status', 'due'] as const;
export const LIST_VIEWS = ['inbox', 'all', 'recheck', 'declassification'] as const;
const paging = {
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
};
/** One page of a list, filtered and sorted by the main process (never in the renderer). */
export const itemPageInput = z.object({
  view: z.enum(LIST_VIEWS),
  status: z.array(z.enum(ITEM_STATUSES)).max(ITEM_STATUSES.length).optional(),
  /** The role acting on the current step (e.g. 'reviewer'). */
  stepRole: z.enum(ROLES).optional(),
  department: optText(100).optional(),
  profileId: id.optional(),
  /** Only items with a running deadline that is past (true) or not (false). */
  overdue: z.boolean().optional(),
  /** 成文日期 range, inclusive. */
  formedFrom: date.optional(),
  formedTo: date.optional(),
  /** Part of the title or 文号 (plain substring, any length). */
  text: optText(100).optional(),
  sort: z.enum(ITEM_SORTS).default('createdAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  ...paging,
});

export const items = {
  register: op<ItemDetail>()({ input: itemFieldsSchema, access: { kind: 'user', roles: ['handler'] } }),
  list: op<ItemSummary[]>()({ input: z.object({ view: z.enum(['inbox', 'all', 'recheck', 'declassification']) }), access: business }),
  page: op<ItemPage>()({ input: itemPageInput, access: business }),
  /** Full-text search over titles, 文号, keywords, summaries and the files' text, within need-to-know. */
  search: op<ItemSearchPage>()({ input: z.object({ query: text(100), ...paging }), access: business }),
  /** The figures on a person's start page (counts within need-to-know). */
  stats: op<ItemStats>()({ input: z.object({}), access: business }),
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
