import { chineseDate, fillOrSkip, loadNoticeTemplate, type NoticeTemplateName } from './templates';

// A notice's data and template → the blocks of an official letter (GB/T 9704-2012):
// title, 申请编号, addressee, the sentences of its kind in order, closing, the agency and
// date on the right, then the notes. The blocks have the shape of the forms engine's
// layout blocks, which lays them out and renders them (electron/app/forms-wiring.ts).

export type NoticeBlock =
  | { t: 'title'; text: string }
  | { t: 'para'; text: string; size?: number; bold?: boolean; align?: 'left' | 'center' | 'right'; indent?: number; before?: number; after?: number; keepNext?: boolean }
  | { t: 'table'; widths: number[]; header?: string[]; rows: string[][]; size?: number; align?: Array<'left' | 'center' | 'right'> }
  | { t: 'space'; pt: number }
  | { t: 'keep'; blocks: NoticeBlock[] };

export type LetterTemplate = Exclude<NoticeTemplateName, 'common' | 'annual-report'>;

/** The data a notice prints: what its QR code's hash is taken over. */
export interface NoticeInput {
  template: LetterTemplate;
  org: string;
  /** The review item of the application: printed on each page, and where the PDF is archived. */
  itemId: string;
  number: string;
  addressee: string;
  date: string;
  /** The reply's variant: picks the `case.<subtype>` sentence. */
  subtype: string;
  vars: Record<string, string>;
  /** 部分公开: the public versions provided. */
  versions: Array<{ name: string; sha256: string }>;
}

/**
 * Sentence keys in order: `@key` is from application-common.json, `case` the variant's
 * sentence, `*versions` one line per public version.
 */
const ORDER: Record<LetterTemplate, string[]> = {
  receipt: ['received', 'request', 'form', 'limit', 'dueDate'],
  correction: ['@opening', 'finding', 'items', 'resubmit', 'unclear'],
  extension: ['@opening', 'reason', 'approval', 'dueDate'],
  'third-party': ['@openingThirdParty', 'concern', 'reply'],
  'third-party-applicant': ['@opening', 'consulted', 'limit', 'dueDate'],
  'third-party-notice': ['@openingThirdParty', 'consulted', 'decision'],
  agency: ['@openingThirdParty', 'joint', 'reply'],
  'public-already': ['@opening', 'finding', 'where', '@explain'],
  'public-provided': ['@opening', 'finding', 'scope', 'form', 'time', 'where', 'fee', '@explain'],
  'public-soon': ['@opening', 'finding', 'time', 'where', '@explain'],
  partial: ['@opening', 'finding', '*versions', 'form', 'reasons', 'basis', '@explain'],
  withheld: ['@opening', 'finding', 'reasons', 'basis', '@explain'],
  unable: ['@opening', 'case', 'otherAgency', '@explain'],
  'not-processed': ['@opening', 'case', '@explain'],
  other: ['@opening', 'case', '@explain'],
};

const body = (text: string): NoticeBlock => ({ t: 'para', text, indent: 2 });

export function composeNotice(d: NoticeInput, dir?: string): { title: string; blocks: NoticeBlock[] } {
  const order = ORDER[d.template];
  const own = order.filter((k) => !k.startsWith('@') && !k.startsWith('*') && k !== 'case');
  const t = loadNoticeTemplate(d.template, [...own, 'closing', ...(order.includes('*versions') ? ['version'] : [])], dir);
  const c = loadNoticeTemplate('common', ['number', 'addressee', ...order.filter((k) => k.startsWith('@')).map((k) => k.slice(1))], dir);
  const vars = { ...d.vars, number: d.number, addressee: d.addressee };
  const sentences: NoticeBlock[] = [];
  for (const key of order) {
    if (key === '*versions') {
      for (const v of d.versions) sentences.push(body(fillOrSkip(t.labels.version!, { ...vars, name: v.name, sha256: v.sha256 })!));
      continue;
    }
    const label = key.startsWith('@') ? c.labels[key.slice(1)] : key === 'case' ? t.labels[`case.${d.subtype}`] : t.labels[key];
    if (label === undefined) continue;
    const text = fillOrSkip(label, vars);
    if (text) sentences.push(body(text));
  }
  const blocks: NoticeBlock[] = [
    { t: 'title', text: t.title },
    { t: 'para', text: fillOrSkip(c.labels.number!, vars) ?? '', align: 'center', after: 8 },
    { t: 'para', text: fillOrSkip(c.labels.addressee!, vars) ?? '' },
    ...sentences,
    body(t.labels.closing!),
    {
      t: 'keep',
      blocks: [
        { t: 'space', pt: 24 },
        { t: 'para', text: d.org, align: 'right' },
        { t: 'para', text: chineseDate(d.date), align: 'right', after: 12 },
      ],
    },
    ...t.notes.map((n): NoticeBlock => ({ t: 'para', text: n, size: 10.5 })),
  ];
  return { title: t.title, blocks };
}
