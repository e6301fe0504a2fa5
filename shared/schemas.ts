import { z } from 'zod';
import { CLASSIFICATIONS, DISCLOSURES, PUBLISH_FORMS, REVIEW_MODES, SPECIAL_DOMAINS } from './workflow';

// Building blocks of the contract's input schemas. Text is NFC-normalized nowhere here
// (the stored words are the user's own); lone surrogates are refused because they cannot
// be stored, printed or exported as UTF-8.

const WELL_FORMED = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

export const str = () => z.string().refine(WELL_FORMED, '含有无法识别的字符');
export const none = z.undefined();
export const text = (max: number) => str().trim().min(1).max(max);
export const optText = (max: number) => str().trim().max(max);
export const id = z.string().min(1).max(64);
export const password = str().min(1).max(256);
export const username = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和连字符');

/** A real calendar day, YYYY-MM-DD: 2026-13-45 or 2026-02-30 are refused. */
export const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return y >= 1900 && y <= 2200 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, '不是有效的日期');

export const itemFieldsSchema = z
  .object({
    title: text(200),
    documentNumber: optText(100),
    issuer: text(100),
    department: text(60),
    formedOn: date,
    category: optText(60),
    keywords: z.array(text(30)).max(20),
    summary: optText(2000),
    disclosure: z.enum(DISCLOSURES),
    publishForm: z.enum(PUBLISH_FORMS),
    reviewMode: z.enum(REVIEW_MODES),
    applicationNo: optText(60).nullable(),
    applicationReceivedOn: date.nullable(),
    coProducers: z.array(text(100)).max(20),
    thirdParties: z.array(text(100)).max(20),
    classification: z.enum(CLASSIFICATIONS),
    classificationTerm: optText(60).nullable(),
    specialDomains: z.array(z.enum(SPECIAL_DOMAINS)),
    sensitive: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.reviewMode === '依申请审查' && (!v.applicationNo || !v.applicationReceivedOn))
      ctx.addIssue({ code: 'custom', message: '依申请审查须填写申请编号和收到申请的日期', path: ['applicationNo'] });
    if (v.classification !== 'none' && !v.classificationTerm)
      ctx.addIssue({ code: 'custom', message: '标有密级的须填写保密期限', path: ['classificationTerm'] });
  });

/** What an item is registered with (domain.md §3). */
export type ItemFields = z.output<typeof itemFieldsSchema>;

/** A registration with nothing filled in yet: the defaults the form and the services start from. */
export function emptyItemFields(over: Partial<ItemFields> = {}): ItemFields {
  return {
    title: '',
    documentNumber: '',
    issuer: '',
    department: '',
    formedOn: '',
    category: '',
    keywords: [],
    summary: '',
    disclosure: '主动公开',
    publishForm: '市、区网站公开',
    reviewMode: '主动审查',
    applicationNo: null,
    applicationReceivedOn: null,
    coProducers: [],
    thirdParties: [],
    classification: 'none',
    classificationTerm: null,
    specialDomains: [],
    sensitive: false,
    ...over,
  };
}
