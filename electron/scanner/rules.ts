import { z } from 'zod';
import defaults from '../../resources/rules/default.json';

import { FINDING_KINDS, type FindingKind } from '../../shared/documents';
import { DEFAULT_NUMBER_CONTEXT, numberContextSchema } from './numbers';

export { FINDING_KINDS, type FindingKind };

// Rule words and character sets go into the detectors' patterns, which never reach past a
// line (the scanner's native pass relies on it): no line break or cell boundary in a
// word, and only Chinese characters in the sets written into a character class.
const words = z.array(
  z
    .string()
    .min(1)
    .refine((w) => !/[\n\r]/.test(w) && !w.includes('\u001f'), '规则中的词语不能包含换行符或单元格分隔符'),
);
const hanzi = (what: string) => z.string().regex(/^[\u4e00-\u9fa5]+$/, `${what}只能由汉字组成`);
export const rulesSchema = z.object({
  format: z.literal('mishen-rules/1'),
  name: z.string(),
  classification: z.object({
    marks: words,
    stars: words,
    labels: words,
    internal: words,
    /** 紧急程度 words that share a line with the mark (GB/T 9704). */
    urgency: words.default([]),
    /** 保密期限 written as words after the star: 长期, 启用前. */
    terms: words.default([]),
  }),
  processInfo: words,
  specialDomains: words,
  context: z.partialRecord(z.enum(FINDING_KINDS), words),
  regionCodes: z.array(z.string().regex(/^\d{2}$/)),
  plateProvinces: hanzi('车牌省份简称'),
  surnames: hanzi('姓氏'),
  /** Two-character words that begin with a surname but are not names (金额, 方案…). */
  nameStopwords: words.default([]),
  /** Column headers and field labels (身份证号, 手机, 联系电话…): never a person's name. */
  nameLabels: words.default([]),
  addressUnits: words,
  addressDetail: words,
  addressEnd: words,
  /** Labels of business numbers (运单号, 订单号…) that keep a number from being an ID or a card. */
  numberContext: numberContextSchema.default(DEFAULT_NUMBER_CONTEXT),
});
export type Rules = z.output<typeof rulesSchema>;

/** One term of the organization's negative list or basis library. */
export interface ListTerm {
  basisId: string;
  kind: string;
  term?: string;
  pattern?: string;
}

export const defaultRules = (): Rules => rulesSchema.parse(defaults);
