import { z } from 'zod';
import { op } from '../define';
import { BUSINESS_ROLES } from '../roles';
import { id, optText, text } from '../schemas';
import { FINDING_KINDS, type DocumentDetail, type DocumentView, type FindingView, type TextPage } from '../documents';

// Carrier files and the findings the scanner reports in them.

const business = { kind: 'user', roles: [...BUSINESS_ROLES] } as const;

export const documents = {
  attach: op<DocumentView>()({
    // Base64 of at most 50 MB; the main process checks the decoded size again.
    input: z.object({ itemId: id, name: text(255), content: z.string().min(1).max(70_000_000) }),
    access: business,
  }),
  list: op<DocumentView[]>()({ input: z.object({ itemId: id }), access: business }),
  get: op<DocumentDetail>()({ input: z.object({ documentId: id }), access: business }),
  /** The original file's bytes, to show its pages: only to those with full access. */
  original: op<{ name: string; type: string; base64: string }>()({ input: z.object({ documentId: id }), access: business }),
  text: op<TextPage>()({
    input: z.object({ documentId: id, offset: z.number().int().min(0), length: z.number().int().min(1).max(20_000) }),
    access: business,
  }),
};

export const findings = {
  // Whoever acts on the item's current step decides its findings (the handler's 初审
  // included, 000 第十八条第（一）项); the service checks the person and the step.
  decide: op<FindingView>()({
    input: z.object({ findingId: z.number().int(), decision: z.enum(['confirmed', 'dismissed']), reason: optText(1000) }),
    access: business,
  }),
  /** Many findings, one decision and one reason: one audit entry listing every finding. */
  decideMany: op<FindingView[]>()({
    input: z.object({ findingIds: z.array(z.number().int()).min(1).max(5000), decision: z.enum(['confirmed', 'dismissed']), reason: optText(1000) }),
    access: business,
  }),
  mark: op<FindingView>()({
    input: z.object({ documentId: id, start: z.number().int().min(0), end: z.number().int().min(1), kind: z.enum(FINDING_KINDS), reason: optText(1000) }),
    access: business,
  }),
};
