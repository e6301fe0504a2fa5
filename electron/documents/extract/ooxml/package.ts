import { DocumentRefused } from '../../limits';
import { safeUnzip, zipEntries } from '../../zip';
import type { Extraction, PartRecord, ReadInner, Segment } from '../types';
import { binaryKind, printableStrings } from './binary';
import { NOTHING_HANDLED, walkGeneric, walkRels, type Handled } from './generic';
import { FORMATTING_PART, formattingHandled } from './formatting';
import { LENIENT_REASON, walkLenient } from './lenient';
import { localName } from './texty';

// An Office Open XML package read part by part. The format's reader (docx.ts, xlsx.ts)
// names the known places first; then every part of the package is walked: every XML
// part's text and text-carrying attributes, every relationship target that leaves the
// package, every embedded file through the reader of its own type (recursively, within
// the limits). Whatever no reader understands is listed as 未读取 with the reason.

const WORD_TEXT = new Set(['w:t', 'w:delText', 'w:instrText', 'w:delInstrText']);
const HEADER_FOOTER = new Set(['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter']);
const CORE = new Set(['dc:title', 'dc:subject', 'dc:creator', 'cp:keywords', 'dc:description', 'cp:lastModifiedBy', 'cp:category', 'cp:contentStatus', 'Company', 'Manager', 'Template']);

/** What the format's reader already read in a part it walked. */
function handledIn(part: string): Handled {
  if (/^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/.test(part))
    return { text: (path) => WORD_TEXT.has(path.at(-1) ?? ''), attribute: (el, attr) => el === 'w:comment' && attr === 'w:author' };
  if (part.startsWith('xl/worksheets/'))
    return { text: (path) => { const leaf = localName(path.at(-1) ?? ''); return leaf === 'v' || HEADER_FOOTER.has(leaf) || (leaf === 't' && path.some((p) => localName(p) === 'is')); }, attribute: () => false };
  if (part === 'xl/sharedStrings.xml') return { text: (path) => localName(path.at(-1) ?? '') === 't' && !path.some((p) => localName(p) === 'rPh'), attribute: () => false };
  if (part === 'xl/workbook.xml') return { text: (path) => localName(path.at(-1) ?? '') === 'definedName', attribute: (el, attr) => (localName(el) === 'sheet' || localName(el) === 'definedName') && attr === 'name' };
  if (part.startsWith('xl/') && /comments|threadedComment/i.test(part)) return { text: () => true, attribute: () => false };
  if (part === 'docProps/custom.xml') return { text: () => true, attribute: (el, attr) => localName(el) === 'property' && attr === 'name' };
  if (/^customXml\/item\d+\.xml$/.test(part)) return { text: () => true, attribute: () => false };
  if (part === 'docProps/core.xml' || part === 'docProps/app.xml') return { text: (path) => CORE.has(path.at(-1) ?? ''), attribute: () => false };
  return NOTHING_HANDLED;
}

const looksLikeXml = (name: string, b: Uint8Array) => {
  // An alt chunk (a web page or text Word imports into the body) goes to its own reader.
  if (/\.(html?|mht|mhtml|txt|rtf)$/i.test(name)) return false;
  if (/\.(xml|rels|vml|svg)$/i.test(name)) return true;
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && i < 64 && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
  return b[i] === 0x3c; // '<'
};

/** Refusals that protect the machine stop the whole import; any other failure of one part is listed as 未读取. */
const fatal = (e: unknown) => e instanceof DocumentRefused && /炸弹|过大|过多|嵌套超过/.test(e.message);

export interface PackageOptions {
  /** Reads an embedded file one level deeper; null when the nesting limit is reached. */
  inner: ReadInner | null;
  /** Put before every location of this package (an embedded package's name). */
  prefix?: string;
}

/** Walks every part of the package after `known` (the format reader's result) and merges both. */
export async function readPackage(buf: Uint8Array, known: Extraction, opts: PackageOptions): Promise<Extraction> {
  const prefix = opts.prefix ?? '';
  const files = safeUnzip(buf, () => true);
  const readByKnown = new Set((known.parts ?? []).map((p) => p.name));
  const segments: Segment[] = [...known.segments];
  const warnings = [...known.warnings];
  const parts: PartRecord[] = [];
  for (const { name } of zipEntries(buf)) {
    if (name.endsWith('/')) continue; // a folder entry, not a part
    const data = files.get(name);
    if (!data) continue;
    try {
      if (name.endsWith('.rels')) {
        walkRels(data, name, segments, prefix);
        parts.push({ name, what: '关系（链接目标）', read: true });
      } else if (looksLikeXml(name, data)) {
        // Into its own list first: a part that fails halfway must not leave half its text behind.
        const found: Segment[] = [];
        walkGeneric(data, name, FORMATTING_PART.test(name) ? formattingHandled(name) : readByKnown.has(name) ? handledIn(name) : NOTHING_HANDLED, found, prefix);
        segments.push(...found);
        parts.push({ name, what: 'XML 部分', read: true });
      } else parts.push(...(await readEmbedded(name, data, opts, segments, warnings)));
    } catch (e) {
      if (fatal(e)) throw e;
      if (looksLikeXml(name, data) && e instanceof DocumentRefused && /已损坏/.test(e.message)) {
        walkLenient(data, name, segments, prefix);
        parts.push({ name, what: 'XML 部分', read: false, reason: LENIENT_REASON });
        continue;
      }
      parts.push({ name, what: looksLikeXml(name, data) ? 'XML 部分' : '嵌入的文件', read: false, reason: e instanceof DocumentRefused ? e.message : '已损坏，无法解析' });
    }
  }
  const unread = parts.filter((p) => !p.read && !/不含文档文字/.test(p.reason ?? ''));
  if (unread.length && !prefix)
    warnings.push(`文件中有 ${unread.length} 个部分未能读取（${[...new Set(unread.map((p) => p.what))].join('、')}），请在“文件组成”中查看并人工核对`);
  return { segments, warnings, pages: known.pages, parts: parts.map((p) => ({ ...p, name: `${prefix}${p.name}` })) };
}

/** An embedded file or a binary part: its own reader when there is one, else 未读取. */
async function readEmbedded(name: string, data: Uint8Array, opts: PackageOptions, segments: Segment[], warnings: string[]): Promise<PartRecord[]> {
  const prefix = opts.prefix ?? '';
  const inner = opts.inner;
  const kind = binaryKind(name);
  let failure: string | null = null;
  if (kind.text) {
    const text = new TextDecoder(kind.text).decode(data).replace(/\0+$/, '');
    if (text.trim()) segments.push({ location: `${prefix}${kind.what}：${name}`, text: text.trim(), part: name, cell: `${prefix}${name}` });
    return [{ name, what: kind.what, read: true }];
  }
  if (inner && kind.what !== '嵌入字体') {
    let found: Extraction | null = null;
    try {
      found = await inner(data, name);
    } catch (e) {
      if (fatal(e)) throw e;
      // A type no reader accepts, or a damaged file: described below as a binary part.
      if (e instanceof DocumentRefused && !/无法识别文件类型/.test(e.message)) failure = e.message;
    }
    if (found) {
      const here = `${prefix}嵌入文件“${name}”`;
      for (const s of found.segments) segments.push({ ...s, location: `${here}：${s.location}`, cell: s.cell ? `${here}:${s.cell}` : `${here}` });
      // An image with no text says so for itself; inside a package that is not news.
      for (const w of found.warnings) if (!/图片中的文字无法自动识别/.test(w)) warnings.push(`${here}：${w}`);
      // RTF and MHT have no reader here: their source was searched as plain text, escapes and encodings undecoded.
      const source = /\.(rtf|mht|mhtml)$/i.test(name) ? { read: false, reason: '此格式没有专门的读取程序，只按纯文本检查了源码，其中转义或编码的文字（如 RTF 中的中文）无法解码，请人工核对' } : { read: true };
      return [{ name, what: '嵌入的文件', ...source }, ...(found.parts ?? []).map((p) => ({ ...p, name: `${name} › ${p.name}` }))];
    }
  }
  const reason = !inner ? '嵌套层数超过上限，未读取' : kind.what.includes('OLE') ? kind.unread : (failure ?? kind.unread);
  const record: PartRecord = { name, what: kind.what, read: false, ...(reason ? { reason } : {}) };
  if (kind.strings) {
    const strings = printableStrings(data);
    strings.forEach((t, i) => segments.push({ location: `${prefix}${kind.what}中的可打印文字：${name}`, text: t, part: name, cell: `${prefix}${name}#${i}` }));
  }
  return [record];
}
