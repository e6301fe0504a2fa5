import { SIZE, type Block } from '../layout';
import { chineseDate, fill, loadTemplate, type Template } from '../templates';
import type { ItemBrief } from '../types';

// Paragraph shapes shared by the forms: headings, body text with the two-character
// indent of official documents, label–value lines.

export const heading = (text: string): Block => ({ t: 'para', text, bold: true, indent: 2, before: 4, keepNext: true });
export const body = (text: string): Block => ({ t: 'para', text, indent: 2 });
export const small = (text: string): Block => ({ t: 'para', text, size: SIZE.small });

export const COMMON_ITEM_LABELS = ['title', 'documentNumber', 'issuer', 'department', 'formedOn', 'summary', 'none', 'blankDate', 'contact', 'signBlank'] as const;

export function common(dir?: string): Template {
  return loadTemplate('common', COMMON_ITEM_LABELS, dir);
}

/** Text or the template's word for nothing, so that an empty field is visibly empty. */
export const orNone = (c: Template, text: string | null | undefined): string => (text && text.trim() ? text : c.labels.none!);

export const dateOr = (c: Template, iso: string | null | undefined): string => (iso ? chineseDate(iso) : c.labels.blankDate!);

/** The item as letters describe it: name and 文号, description, formation date, issuer (001 协调 第七条 1). */
export function itemLines(c: Template, item: ItemBrief): Block[] {
  const L = c.labels;
  return [
    body(`${L.title}：《${item.title}》`),
    body(`${L.documentNumber}：${orNone(c, item.documentNumber)}`),
    body(`${L.summary}：${orNone(c, item.summary)}`),
    body(`${L.formedOn}：${chineseDate(item.formedOn)}`),
    body(`${L.issuer}：${orNone(c, item.issuer)}`),
    body(`${L.department}：${orNone(c, item.department)}`),
  ];
}

export { fill };
