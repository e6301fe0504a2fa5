import { z } from 'zod';
import { op } from '../define';
import { BUSINESS_ROLES } from '../roles';
import { date, id, none, optText } from '../schemas';

// Printed forms and letters, made in the main process as PDF (what is printed is what is
// archived): the renderer shows, saves and prints the bytes it receives.

/** The forms printed from one item; the register has its own operation. */
export const ITEM_FORM_KINDS = ['record', 'review-table', 'escalation', 'consultation', 'third-party', 'override-notice', 'declassification', 'leak-report'] as const;
export type ItemFormKindId = (typeof ITEM_FORM_KINDS)[number];

export const FORM_KIND_LABELS: Record<ItemFormKindId, string> = {
  record: '保密审查记录',
  'review-table': '信息发布保密审查表',
  escalation: '报审函',
  consultation: '征求意见函',
  'third-party': '征求第三方意见书',
  'override-notice': '决定公开政府信息告知书',
  declassification: '解密备案报告',
  'leak-report': '泄密问题报告',
};

export interface PrintedFormView {
  /** The PDF, base64. */
  pdf: string;
  sha256: string;
  /** What the QR code on every page holds: the SHA-256 of the data printed. */
  contentSha256: string;
  pages: number;
  checkpoint: { seq: number; head: string };
}

const business = { kind: 'user', roles: [...BUSINESS_ROLES] } as const;

export const forms = {
  print: op<PrintedFormView>()({
    input: z.object({
      kind: z.enum(ITEM_FORM_KINDS),
      itemId: id,
      /** Which escalation or consultation a letter is about; the latest when absent. */
      ref: z.number().int().min(1).optional(),
      date: date.nullable().optional(),
      contact: optText(100).optional(),
    }),
    access: business,
  }),
  /** One 《信息发布保密审查表》 listing several items (the 序号 column). */
  printSheet: op<PrintedFormView>()({ input: z.object({ itemIds: z.array(id).min(1).max(20), date: date.nullable() }), access: business }),
  printRegister: op<PrintedFormView>()({ input: none, access: { kind: 'user', roles: ['publisher', 'secrecyOffice', 'reviewer'] } }),
};
