import * as vocabulary from '../../../../../shared/documents';
import type { TableStep } from '../../../../../shared/documents';

// Where in a file a piece of text was found, read from the location the extractor
// recorded ("正文 第3段（隐藏文字）", "名单!B2（隐藏的行）", "第2页 注释（Text）",
// "文档属性：作者"). The document view uses it to rebuild paragraphs, tables and sheets,
// and to label every place a reader of the file would not see.

export interface Place {
  /** The part of the file the text belongs to, in reading order (正文, 页眉1, 批注, 工作表“名单”, 第2页…). */
  part: string;
  /** Chinese names of the hidden or easily missed places the text sits in. */
  hidden: string[];
  /** A spreadsheet cell, 1-based. */
  cell?: { row: number; col: number };
  /** A Word table cell: one step per table, outermost first (nested tables add steps). */
  table?: TableStep[];
}

/** A located piece of text as the documents ops return it; newer extractors may add a place kind. */
export interface SegmentLike {
  location: string;
  start: number;
  end: number;
  kind?: string;
  place?: string;
  part?: string;
  /** The Word table cell, for .docx files analysed since tables were recorded (older ones have none). */
  table?: unknown;
}

/** Location words → the place's name, as the regulations and Office name them. */
const HIDDEN: Array<[RegExp, string]> = [
  [/隐藏文字/, '隐藏文字'],
  [/修订：已删除/, '修订（已删除的文字）'],
  [/修订：插入/, '修订（插入的文字）'],
  [/修订/, '修订'],
  [/批注作者/, '批注作者'],
  [/批注/, '批注'],
  [/^页眉|^页脚| 页眉| 页脚|页眉页脚/, '页眉页脚'],
  [/^脚注|^尾注/, '脚注尾注'],
  [/文本框/, '文本框'],
  [/^文档属性/, '文档属性'],
  [/^自定义属性/, '自定义属性'],
  [/^自定义XML/i, '自定义XML'],
  [/深度隐藏的工作表/, '深度隐藏工作表'],
  [/隐藏的工作表/, '隐藏工作表'],
  [/隐藏的行/, '隐藏行'],
  [/隐藏的列/, '隐藏列'],
  [/^定义的名称/, '定义的名称'],
  [/^嵌入的/, '嵌入对象'],
  [/注释/, '注释'],
  [/^附件文件名/, '附件'],
  [/页面以外/, '页面以外的文字'],
  [/隐藏元素/, '隐藏元素'],
  [/^网页属性/, '网页属性'],
  [/^文件中附带的/, '附带的文件'],
  [/^PNG 文本|EXIF|XMP|IPTC|^GPS/i, '图片元数据'],
  [/^文档信息|^PDF 文档信息|元数据/, '文档信息'],
];

/**
 * The Chinese label of a place kind named by the extractor, when shared/documents.ts
 * carries a table of them (the extractor is growing new kinds, e.g. otherPart). Looked
 * up by shape rather than by name so that a new table needs no change here.
 */
function kindLabel(kind: string): string | null {
  for (const [name, value] of Object.entries(vocabulary)) {
    if (!/PLACE/i.test(name) || !value || typeof value !== 'object' || Array.isArray(value)) continue;
    const label = (value as Record<string, unknown>)[kind];
    if (typeof label === 'string') return label;
  }
  return null;
}

/** The place kind shared/documents.ts derives from a location, when it offers one. */
function derivedKind(location: string): string | undefined {
  const fn = (vocabulary as unknown as Record<string, unknown>)['placeKind'];
  return typeof fn === 'function' ? String((fn as (l: string) => unknown)(location)) : undefined;
}

const whole = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;

/**
 * The Word table cell a segment carries, when it is a well-formed address. A stored field
 * rather than location words: locations are printed on forms and matched by other readers,
 * and a table's drawing needs merged cells' spans. Anything malformed reads as no table,
 * so the text still shows, as a paragraph.
 */
export function tableOf(s: SegmentLike): TableStep[] | undefined {
  const t = s.table;
  if (!Array.isArray(t) || t.length === 0 || t.length > 32) return undefined;
  const steps: TableStep[] = [];
  for (const x of t as unknown[]) {
    if (!x || typeof x !== 'object') return undefined;
    const { table, row, col, rowSpan, colSpan } = x as Record<string, unknown>;
    if (!whole(table, 1e6) || !whole(row, 1e6) || !whole(col, 1e4)) return undefined;
    steps.push({ table, row, col, ...(whole(rowSpan, 1e6) && rowSpan > 1 ? { rowSpan } : {}), ...(whole(colSpan, 1e4) && colSpan > 1 ? { colSpan } : {}) });
  }
  return steps;
}

/** Column letters (A, Z, AA…) to a 1-based number. */
function column(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function placeOf(s: SegmentLike): Place {
  const loc = s.location;
  const hidden = HIDDEN.filter(([re]) => re.test(loc)).map(([, label]) => label);
  // A revision or a sheet note shadows its broader twin: one label is enough.
  const unique = hidden.filter(
    (h) => !(h === '修订' && hidden.some((x) => x.startsWith('修订（'))) && !(h === '隐藏工作表' && hidden.includes('深度隐藏工作表')) && !(h === '批注' && hidden.includes('批注作者')),
  );
  const kind = s.place ?? s.kind ?? derivedKind(loc);
  if (kind && kind !== 'body') {
    const label = kindLabel(kind);
    // A more precise label of ours (修订（已删除的文字）, 隐藏行) already says it.
    if (label && label !== '正文' && !unique.some((u) => u.includes(label) || label.includes(u))) unique.push(label);
  }
  const prefix = /^(文件中附带的[^：]*：)/.exec(loc)?.[1] ?? '';
  const rest = loc.slice(prefix.length);
  let m = /^(.+?)!([A-Z]{1,3})(\d+)/.exec(rest);
  // A cell's note is shown beside the sheet, not in the cell's place.
  if (m && /批注/.test(rest)) return { part: `${prefix}工作表“${m[1]}”的批注`, hidden: unique };
  if (m) return { part: `${prefix}工作表“${m[1]}”`, hidden: unique, cell: { row: Number(m[3]), col: column(m[2]!) } };
  m = /^(.+?) 第\d+段/.exec(rest);
  const table = tableOf(s);
  if (m) return { part: prefix + (s.part ?? m[1]!), hidden: unique, ...(table ? { table } : {}) };
  m = /^(第\d+页)/.exec(rest);
  if (m) return { part: prefix + m[1]!, hidden: unique };
  if (/^第\d+行$/.test(rest)) return { part: `${prefix}正文`, hidden: unique };
  const head = rest.split(/[：（]/)[0]!.trim();
  return { part: prefix + (s.part ?? (head || rest)), hidden: unique };
}

/** "A3" for a cell, as spreadsheets name them. */
export const cellName = (c: { row: number; col: number }) => {
  let n = c.col;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${c.row}`;
};
