import { parse } from 'parse5';
import type { Extraction, Segment } from './types';

/** UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 — the encodings found on 内网 PCs. */
export function decodeText(b: Uint8Array): string {
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(b);
  } catch {
    return new TextDecoder('gb18030').decode(b);
  }
}

export function extractText(b: Uint8Array): Extraction {
  const text = decodeText(b);
  const segments: Segment[] = [];
  // A line laid out in columns (tab-separated) is a table row: its numbers are not joined
  // with the rows around it, as a number broken across two lines of a paragraph would be.
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    segments.push(line.includes('\t') ? { location: `第${i + 1}行`, text: line, cell: `第${i + 1}行` } : { location: `第${i + 1}行`, text: line });
  });
  return { segments, warnings: [], pages: null };
}

/** The parse5 tree as the readers walk it (text, comments, attributes, templates). */
export interface Node {
  nodeName: string;
  value?: string;
  data?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
  content?: Node;
}

const ATTRS = new Set(['alt', 'title', 'content', 'value', 'placeholder', 'aria-label', 'data-original-title']);

/** Visible text, and what a reader of the source finds: comments, hidden elements, attributes, scripts. */
export function extractHtml(b: Uint8Array): Extraction {
  const doc = parse(decodeText(b)) as unknown as Node;
  const segments: Segment[] = [];
  let block = 0;
  const walk = (n: Node, hidden: boolean, where: string, cell?: string) => {
    if (n.nodeName === '#comment') {
      if (n.data?.trim()) segments.push({ location: '网页注释', text: n.data.trim() });
      return;
    }
    if (n.nodeName === '#text') {
      if (n.value?.trim()) segments.push({ location: `${where}${hidden ? '（隐藏元素）' : ''}`, text: n.value.trim(), ...(cell ? { cell } : {}) });
      return;
    }
    const attrs = n.attrs ?? [];
    const style = attrs.find((a) => a.name === 'style')?.value ?? '';
    const isHidden = hidden || attrs.some((a) => a.name === 'hidden') || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
    for (const a of attrs) if (ATTRS.has(a.name) && a.value.trim()) segments.push({ location: `网页属性（${n.nodeName} ${a.name}）`, text: a.value.trim() });
    let here = where;
    let inCell = cell;
    if (['p', 'div', 'td', 'th', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'title'].includes(n.nodeName)) {
      block += 1;
      here = n.nodeName === 'title' ? '网页标题' : `网页正文 第${block}块`;
      // Every text node of one table cell shares the cell, so a number split by <b> still joins.
      if (n.nodeName === 'td' || n.nodeName === 'th') inCell = `第${block}块`;
    }
    if (n.nodeName === 'script' || n.nodeName === 'style') here = `网页${n.nodeName === 'script' ? '脚本' : '样式'}`;
    for (const c of n.childNodes ?? []) walk(c, isHidden, here, inCell);
    if (n.content) walk(n.content, isHidden, here, inCell);
  };
  walk(doc, false, '网页正文');
  return { segments, warnings: [], pages: null };
}
