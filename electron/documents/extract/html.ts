import { parse } from 'parse5';
import { DocumentRefused } from '../limits';
import { valueCarriesText } from './ooxml/texty';
import { decodeText, type Node } from './decode';
import type { Extraction, PartRecord, ReadInner, Segment } from './types';

// A web page as a reader of its source finds it: visible and hidden text, comments,
// every attribute value that can carry text, <template> and <noscript> content, form
// values, inline scripts and styles (as text, never run), and data: URLs decoded — an
// embedded picture or document goes to its own reader.

/** Attributes shown to people: reported whatever their shape (a one-word name is still a name). */
const TEXT_ATTRS = new Set(['alt', 'title', 'content', 'value', 'placeholder', 'aria-label', 'aria-description', 'data-original-title', 'label', 'summary', 'abbr', 'download', 'name']);
/** Attributes of layout and behaviour, whose values are never what a person wrote. */
const STRUCTURE_ATTRS = new Set(['class', 'rel', 'type', 'lang', 'dir', 'charset', 'width', 'height', 'target', 'method', 'role', 'tabindex', 'align', 'valign', 'border', 'colspan', 'rowspan', 'cellpadding', 'cellspacing', 'http-equiv', 'crossorigin', 'integrity', 'referrerpolicy', 'loading', 'decoding', 'sizes', 'media', 'autocomplete', 'enctype', 'accept', 'xmlns', 'viewbox', 'd', 'transform', 'fill', 'stroke', 'points']);
const BLOCKS = new Set(['p', 'div', 'td', 'th', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'title', 'option', 'textarea', 'caption', 'dt', 'dd', 'pre', 'blockquote']);
const DATA_URL = /data:([\w.+-]+\/[\w.+-]+)?((?:;[\w-]+=[\w.-]+)*)(;base64)?,([^"'\s)]*)/gi;

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|xhtml\+xml)|image\/svg\+xml)/i;

interface Ctx {
  segments: Segment[];
  parts: PartRecord[];
  inner: ReadInner | null;
  block: number;
  depth: number;
  /** data: URLs found during the walk, decoded after it. */
  pending: Array<Promise<void>>;
}

function decodeDataUrl(mime: string, base64: boolean, payload: string): Uint8Array | null {
  try {
    return base64 ? Uint8Array.from(Buffer.from(decodeURIComponent(payload), 'base64')) : new TextEncoder().encode(decodeURIComponent(payload));
  } catch {
    return null;
  }
}

/** Every data: URL in `value`: its text, or the file it carries read by that file's reader. */
async function dataUrls(value: string, where: string, ctx: Ctx): Promise<void> {
  for (const m of value.matchAll(DATA_URL)) {
    const mime = (m[1] ?? 'text/plain').toLowerCase();
    const name = `内嵌数据 ${mime}（${where}）`;
    const bytes = decodeDataUrl(mime, Boolean(m[3]), m[4] ?? '');
    if (!bytes) {
      ctx.parts.push({ name, what: '内嵌数据（data: URL）', read: false, reason: '编码已损坏，无法解码' });
      continue;
    }
    const location = `网页内嵌数据（${where}）`;
    if (mime === 'text/html' && ctx.depth < 3) {
      walk(parse(decodeText(bytes)) as unknown as Node, false, location, ctx, undefined);
      ctx.parts.push({ name, what: '内嵌数据（data: URL）', read: true });
    } else if (TEXT_TYPES.test(mime)) {
      const text = decodeText(bytes).trim();
      if (text) ctx.segments.push({ location, text });
      ctx.parts.push({ name, what: '内嵌数据（data: URL）', read: true });
    } else if (ctx.inner) {
      try {
        const found = await ctx.inner(bytes, name);
        for (const s of found.segments) ctx.segments.push({ ...s, location: `${location}：${s.location}` });
        ctx.parts.push({ name, what: '内嵌数据（data: URL）', read: true });
      } catch (e) {
        if (e instanceof DocumentRefused && /炸弹|过大/.test(e.message)) throw e;
        ctx.parts.push({ name, what: '内嵌数据（data: URL）', read: false, reason: e instanceof DocumentRefused ? e.message : '无法解析' });
      }
    } else ctx.parts.push({ name, what: '内嵌数据（data: URL）', read: false, reason: '嵌套层数超过上限，未读取' });
  }
}

function walk(n: Node, hidden: boolean, where: string, ctx: Ctx, cell: string | undefined): void {
  if (n.nodeName === '#comment') {
    if (n.data?.trim()) ctx.segments.push({ location: '网页注释', text: n.data.trim() });
    return;
  }
  if (n.nodeName === '#text') {
    if (n.value?.trim()) {
      ctx.segments.push({ location: `${where}${hidden ? '（隐藏元素）' : ''}`, text: n.value.trim(), ...(cell ? { cell } : {}) });
      if (n.value.includes('data:')) ctx.pending.push(dataUrls(n.value, where, ctx));
    }
    return;
  }
  const attrs = n.attrs ?? [];
  const style = attrs.find((a) => a.name === 'style')?.value ?? '';
  const isHidden = hidden || attrs.some((a) => a.name === 'hidden' || (a.name === 'type' && a.value.toLowerCase() === 'hidden')) || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
  for (const a of attrs) {
    const v = a.value.trim();
    if (!v) continue;
    const at = `${n.nodeName} ${a.name}`;
    if (v.includes('data:')) ctx.pending.push(dataUrls(v, at, ctx));
    if (a.name === 'srcdoc' && ctx.depth < 3) {
      walk(parse(v) as unknown as Node, isHidden, `网页内嵌页面（${at}）`, { ...ctx, depth: ctx.depth + 1 }, undefined);
      continue;
    }
    const shown = /^data:/i.test(v) ? v.slice(0, v.indexOf(',') + 1) : v;
    if (TEXT_ATTRS.has(a.name) || a.name === 'style' || a.name.startsWith('on') || (!STRUCTURE_ATTRS.has(a.name) && valueCarriesText(shown)))
      ctx.segments.push({ location: `网页属性（${at}）`, text: a.name === 'style' || a.name.startsWith('on') ? v : shown });
  }
  let here = where;
  let inCell = cell;
  if (BLOCKS.has(n.nodeName)) {
    ctx.block += 1;
    // Inside <noscript>, <template> or an embedded page, a block keeps saying where it is.
    const within = /^网页(正文|标题)/.test(where) ? '网页正文' : where.replace(/ 第\d+块$/, '');
    here = n.nodeName === 'title' ? '网页标题' : `${within} 第${ctx.block}块`;
    // Every text node of one table cell shares the cell, so a number split by <b> still joins.
    if (n.nodeName === 'td' || n.nodeName === 'th') inCell = `第${ctx.block}块`;
  }
  if (n.nodeName === 'script' || n.nodeName === 'style') here = `网页${n.nodeName === 'script' ? '脚本' : '样式'}`;
  if (n.nodeName === 'noscript') here = '网页 noscript 内容';
  if (n.nodeName === 'template') here = '网页模板（template）';
  for (const c of n.childNodes ?? []) walk(c, isHidden, here, ctx, inCell);
  if (n.content) walk(n.content, isHidden, n.nodeName === 'template' ? '网页模板（template）' : here, ctx, inCell);
}

function start(b: Uint8Array, inner: ReadInner | null): Ctx {
  // Scripting off: <noscript> content is parsed as the elements a reader without scripts sees.
  const doc = parse(decodeText(b), { scriptingEnabled: false }) as unknown as Node;
  const ctx: Ctx = { segments: [], parts: [{ name: '网页（HTML）', what: '整个文件', read: true }], inner, block: 0, depth: 0, pending: [] };
  walk(doc, false, '网页正文', ctx, undefined);
  return ctx;
}

/** Visible text, and what a reader of the source finds: comments, hidden elements, attributes, scripts. */
export async function extractHtml(b: Uint8Array, inner: ReadInner | null = null): Promise<Extraction> {
  const ctx = start(b, inner);
  // data: URLs are decoded after the walk, in the order found; they may read embedded files.
  while (ctx.pending.length) await ctx.pending.shift();
  return { segments: ctx.segments, warnings: [], pages: null, parts: ctx.parts };
}

/** The same without reading files carried in data: URLs (their text parts are still decoded). */
export function extractHtmlText(b: Uint8Array): Extraction {
  const ctx = start(b, null);
  return { segments: ctx.segments, warnings: [], pages: null, parts: ctx.parts };
}
