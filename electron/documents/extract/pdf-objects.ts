import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import { DocumentRefused, LIMITS } from '../limits';
import { inflateCapped } from './inflate';
import { shownStrings, singleByteText } from './pdf-content';
import type { Extraction, PartRecord, ReadInner, Segment } from './types';
import { walkXml } from './xml';

// The PDF beneath what a viewer shows: every string object (form field values, default
// values, tooltips and options; bookmarks; actions and JavaScript, as text, never run),
// every stream (attached files read by their own reader, XMP, JavaScript streams, other
// text), and the strings every content stream shows, decoded from the bytes when a font
// maps them badly. pdf.js has already read the pages; what it reported is not repeated.

const name = (d: PDFDict, key: string) => d.get(PDFName.of(key))?.toString().slice(1) ?? '';

/** Keys whose strings are structure (file ids, encryption, fonts' names). */
const SKIP_KEYS = new Set(['ID', 'O', 'U', 'OE', 'UE', 'Perms', 'DA', 'DS', 'BaseFont', 'FontName', 'FontFamily', 'CharSet', 'Registry', 'Ordering', 'CreationDate', 'ModDate', 'M']);

function labelFor(key: string, d: PDFDict): string {
  if (key === 'JS') return 'JavaScript（不执行）';
  if ((key === 'P' && ['D', 'R', 'r', 'A', 'a'].includes(name(d, 'S')) && !d.has(PDFName.of('Type'))) || name(d, 'Type') === 'PageLabel') return '页码标签';
  if (name(d, 'Type') === 'OCG') return '图层名称';
  if (name(d, 'Type') === 'StructElem' && ['Alt', 'ActualText', 'E'].includes(key)) return '替代文字';
  if (name(d, 'Type') === 'StructElem') return '结构标记';
  if (key === 'URI') return '链接地址';
  if (['T', 'TU', 'TM', 'V', 'DV', 'Opt'].includes(key) && (d.has(PDFName.of('FT')) || d.has(PDFName.of('Parent')) || d.has(PDFName.of('Kids')) || name(d, 'Subtype') === 'Widget')) return '表单域';
  if (key === 'Title' && (d.has(PDFName.of('Parent')) || d.has(PDFName.of('First'))) && !d.has(PDFName.of('Type'))) return '书签';
  if (['F', 'UF', 'Desc'].includes(key) && (name(d, 'Type') === 'Filespec' || d.has(PDFName.of('EF')))) return '附件';
  if (name(d, 'Type') === 'Annot' || d.has(PDFName.of('Subtype')) && d.has(PDFName.of('Rect'))) return '注释';
  if (d.has(PDFName.of('S')) && name(d, 'Type') !== 'StructElem') return '动作';
  return 'PDF 对象中的文字';
}

const stripped = (t: string) => t.replace(/\s+/g, '');

interface Walk {
  doc: PDFDocument;
  segments: Segment[];
  known: Set<string>;
  knownText: string;
  jsRefs: Set<string>;
  /** Font programs and their tables: glyph data, never text. */
  fontRefs: Set<string>;
  files: Map<string, string>;
}

function addText(w: Walk, location: string, text: string): void {
  const t = text.replace(/\0/g, '').trim();
  if (!t || w.known.has(t)) return;
  const s = stripped(t);
  if (s.length > 1 && w.knownText.length < 1_000_000 && w.knownText.includes(s)) return;
  w.known.add(t);
  w.segments.push({ location, text: t, cell: `${location}#${w.segments.length}` });
}

function walkObject(w: Walk, obj: PDFObject | undefined, at: string, key: string, parent: PDFDict | null, depth: number): void {
  if (!obj || depth > 32) return;
  if (obj instanceof PDFString || obj instanceof PDFHexString) {
    if (!SKIP_KEYS.has(key)) addText(w, `${parent ? labelFor(key, parent) : 'PDF 对象中的文字'}：${at} /${key}`, obj.decodeText());
  } else if (obj instanceof PDFArray) {
    for (let i = 0; i < obj.size(); i++) walkObject(w, obj.get(i), at, key, parent, depth + 1);
  } else if (obj instanceof PDFDict) {
    for (const [k, v] of obj.entries()) {
      const kn = k.toString().slice(1);
      if (kn === 'JS' && v instanceof PDFRef) w.jsRefs.add(v.toString());
      if ((kn.startsWith('FontFile') || kn === 'CIDToGIDMap' || kn === 'CIDSet') && v instanceof PDFRef) w.fontRefs.add(v.toString());
      if (kn === 'EF' && v instanceof PDFDict) {
        const fileName = [obj.get(PDFName.of('UF')), obj.get(PDFName.of('F'))].find((x) => x instanceof PDFString || x instanceof PDFHexString) as PDFString | undefined;
        for (const [, ref] of v.entries()) if (ref instanceof PDFRef) w.files.set(ref.toString(), fileName?.decodeText() ?? '附件');
      }
      // A file specification's /F is the legacy name of /UF, often mangled: /UF alone is reported.
      if (kn === 'F' && obj.has(PDFName.of('UF')) && !(v instanceof PDFDict)) continue;
      walkObject(w, v, at, kn, obj, depth + 1);
    }
  }
}

/** A stream's bytes, Flate through the capped inflater; null when its filter is not one this reads. */
function decode(s: PDFRawStream): Uint8Array | null {
  const f = s.dict.get(PDFName.of('Filter'));
  const filters = f instanceof PDFArray ? f.asArray().map((x) => x.toString().slice(1)) : f ? [f.toString().slice(1)] : [];
  if (filters.every((x) => x === 'FlateDecode' || x === 'Fl')) {
    let data: Uint8Array = s.contents;
    for (let i = 0; i < filters.length; i++) data = inflateCapped(data, LIMITS.pdfStreamBytes, 'PDF 文件中的一个数据流');
    return data;
  }
  // Only filters whose output is bounded by their input: LZW can expand thousands of times
  // with no cap here, so it is listed as not decoded rather than risk the machine.
  const bounded = filters.every((x) => ['ASCIIHexDecode', 'AHx', 'ASCII85Decode', 'A85', 'FlateDecode', 'Fl'].includes(x) || (['RunLengthDecode', 'RL'].includes(x) && s.contents.length <= 1 << 20));
  if (!bounded) return null;
  try {
    return decodePDFRawStream(s).decode();
  } catch {
    return null;
  }
}

interface Counts {
  content: number;
  images: number;
  fonts: number;
  binary: number;
  undecodable: Set<string>;
  unmapped: Set<number>;
}

/** Fonts of a resource dictionary: which show two-byte codes with no map to Unicode. */
function unmappedFonts(res: PDFDict | undefined): Set<string> {
  const out = new Set<string>();
  const fonts = res?.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [k, v] of fonts?.entries() ?? []) {
    const f = v instanceof PDFRef ? res!.context.lookupMaybe(v, PDFDict) : v instanceof PDFDict ? v : undefined;
    if (!f) continue;
    const kn = k.toString().slice(1);
    if (name(f, 'Subtype') !== 'Type0') continue;
    out.add(`2:${kn}`);
    // Without ToUnicode, a predefined CMap of a known character collection (UniGB-UCS2-H over
    // Adobe-GB1) still maps to text; Identity codes over an Identity collection map to nothing.
    const descendant = f.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookupMaybe(0, PDFDict);
    const ordering = descendant?.lookupMaybe(PDFName.of('CIDSystemInfo'), PDFDict)?.get(PDFName.of('Ordering'));
    const known = ordering instanceof PDFString || ordering instanceof PDFHexString ? /GB1|CNS1|Japan1|Korea1|KR/.test(ordering.decodeText()) : false;
    const identity = !(f.get(PDFName.of('Encoding')) instanceof PDFName) || /^\/Identity-[HV]$/.test(String(f.get(PDFName.of('Encoding'))));
    if (!f.has(PDFName.of('ToUnicode')) && identity && !known) out.add(`nomap:${kn}`);
  }
  return out;
}

/** The content streams' own strings, where pdf.js did not report them (`pageText`: what it did). */
function contentFallback(w: Walk, data: Uint8Array, res: PDFDict | undefined, where: string, pageText: string, counts: Counts, page: number | null): void {
  const fonts = unmappedFonts(res);
  const known = stripped(pageText);
  for (const piece of shownStrings(data)) {
    if (piece.font && fonts.has(`2:${piece.font}`)) {
      // Two-byte codes mean nothing without the font's map; a font with none is unreadable.
      if (fonts.has(`nomap:${piece.font}`) && page !== null) counts.unmapped.add(page);
      continue;
    }
    const text = singleByteText(piece.bytes);
    if (!text || known.includes(stripped(text))) continue;
    addText(w, `${where}（未经字符映射的文字）`, text);
  }
}

export async function readPdfObjects(buf: Uint8Array, known: Segment[], inner: ReadInner | null): Promise<Pick<Extraction, 'segments' | 'warnings' | 'parts'>> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(buf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return { segments: [], warnings: [], parts: [{ name: 'PDF 对象与数据流', what: 'PDF 内部结构', read: false, reason: '对象结构无法解析，只读取了页面文字和注释' }] };
  }
  if (doc.isEncrypted)
    return { segments: [], warnings: [], parts: [{ name: 'PDF 对象与数据流', what: 'PDF 内部结构', read: false, reason: '文件已加密：页面文字和注释已由阅读器解密读取，其他对象中的文字无法检查' }] };
  const pageTexts = known.filter((s) => /^第\d+页/.test(s.location));
  const w: Walk = { doc, segments: [], known: new Set(known.map((s) => s.text.trim())), knownText: stripped(known.map((s) => s.text).join('')), jsRefs: new Set(), fontRefs: new Set(), files: new Map() };
  const counts: Counts = { content: 0, images: 0, fonts: 0, binary: 0, undecodable: new Set(), unmapped: new Set() };
  const warnings: string[] = [];
  const parts: PartRecord[] = [];
  const contentRefs = new Set<string>();

  // Page content streams, with the page's fonts and text.
  doc.getPages().forEach((page, i) => {
    const n = i + 1;
    const res = page.node.Resources();
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    const chunks: Uint8Array[] = [];
    for (const ref of refs) {
      contentRefs.add(ref.toString());
      const s = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
      if (!(s instanceof PDFRawStream)) continue;
      const data = decode(s);
      if (data) chunks.push(data);
      else counts.undecodable.add(`第${n}页内容流`);
    }
    counts.content += chunks.length;
    const text = pageTexts.filter((s) => s.location === `第${n}页` || s.location.startsWith(`第${n}页（`)).map((s) => s.text).join('');
    contentFallback(w, Buffer.concat(chunks.flatMap((c) => [c, Buffer.from('\n')])), res, `第${n}页 内容流`, text, counts, n);
  });

  const streams: Array<[PDFRef, PDFRawStream]> = [];
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    walkObject(w, obj instanceof PDFRawStream ? obj.dict : obj, `第${ref.objectNumber}号对象`, '', null, 0);
    if (obj instanceof PDFRawStream) streams.push([ref, obj]);
  }
  for (const [ref, s] of streams) {
    if (contentRefs.has(ref.toString())) continue;
    const at = `第${ref.objectNumber}号对象`;
    const type = name(s.dict, 'Type');
    const sub = name(s.dict, 'Subtype');
    if (sub === 'Image') {
      counts.images++;
      // A JPEG keeps its camera metadata (EXIF, XMP, comments) inside the PDF too.
      if (inner && isJpeg(s) && counts.images <= 200) await imageMetadata(w, s.contents, at, inner);
      continue;
    }
    if (type === 'XRef' || type === 'ObjStm') continue;
    if (w.fontRefs.has(ref.toString()) || s.dict.has(PDFName.of('Length1')) || ['Type1C', 'CIDFontType0C', 'OpenType'].includes(sub)) {
      counts.fonts++;
      continue;
    }
    let data: Uint8Array | null;
    try {
      data = decode(s);
    } catch (e) {
      if (e instanceof DocumentRefused) throw e;
      data = null;
    }
    if (!data) {
      counts.undecodable.add(at);
      continue;
    }
    if (type === 'EmbeddedFile') parts.push(...(await attachment(w, data, w.files.get(ref.toString()) ?? at, inner, warnings)));
    else if (sub === 'Form') {
      counts.content++;
      contentFallback(w, data, s.dict.lookupMaybe(PDFName.of('Resources'), PDFDict), `图形对象或外观流 ${at}`, '', counts, null);
    } else if (type === 'Metadata' || sub === 'XML') xmpText(w, data, at);
    else if (w.jsRefs.has(ref.toString())) addText(w, `JavaScript（不执行）：${at}`, new TextDecoder().decode(data));
    else {
      const text = singleByteText(data.subarray(0, 1 << 20));
      if (text && !/begincmap|^%!PS-AdobeFont/.test(text)) addText(w, `PDF 数据流中的文字：${at}`, new TextDecoder().decode(data));
      else if (!text) counts.binary++;
    }
  }

  parts.unshift(
    { name: `页面内容流和图形对象（${counts.content} 个）`, what: '内容流', read: true },
    { name: '表单域、书签、注释、动作、JavaScript 等对象中的文字', what: 'PDF 对象', read: true },
  );
  if (counts.images) parts.push({ name: `图像（${counts.images} 个）`, what: '图像', read: false, reason: '图像中的文字不做识别，请人工查看（JPEG 图像的元数据已读取）' });
  if (counts.fonts) parts.push({ name: `字体（${counts.fonts} 个）`, what: '嵌入字体', read: false, reason: '字形数据，不含文档文字' });
  if (counts.binary) parts.push({ name: `其他二进制数据流（${counts.binary} 个）`, what: '数据流', read: false, reason: '二进制数据，无法解析' });
  for (const u of counts.undecodable) parts.push({ name: u, what: '数据流', read: false, reason: '编码方式无法解码' });
  if (counts.unmapped.size) {
    const pages = [...counts.unmapped].sort((a, b) => a - b).join('、');
    parts.push({ name: `第${pages}页中部分字体写出的文字`, what: '内容流', read: false, reason: '字体没有字符映射表，文字无法提取，请人工逐页审读' });
    warnings.push(`第${pages}页有文字所用字体没有字符映射表，这些文字无法自动审查，请人工逐页审读`);
  }
  return { segments: w.segments, warnings, parts };
}

function isJpeg(s: PDFRawStream): boolean {
  const f = s.dict.get(PDFName.of('Filter'));
  const only = f instanceof PDFArray ? (f.size() === 1 ? f.get(0) : undefined) : f;
  return only?.toString() === '/DCTDecode' && s.contents[0] === 0xff && s.contents[1] === 0xd8;
}

async function imageMetadata(w: Walk, data: Uint8Array, at: string, inner: ReadInner): Promise<void> {
  try {
    const found = await inner(data, at);
    for (const s of found.segments) addText(w, `PDF 中的图片（${at}）：${s.location}`, s.text);
  } catch (e) {
    if (e instanceof DocumentRefused && /炸弹|过大/.test(e.message)) throw e;
  }
}

async function attachment(w: Walk, data: Uint8Array, fileName: string, inner: ReadInner | null, warnings: string[]): Promise<PartRecord[]> {
  const label = `附件“${fileName}”`;
  if (!inner) return [{ name: label, what: '附件', read: false, reason: '嵌套层数超过上限，未读取' }];
  try {
    const found = await inner(data, fileName);
    for (const s of found.segments) w.segments.push({ ...s, location: `${label}：${s.location}`, cell: `${label}:${s.cell ?? ''}` });
    for (const m of found.warnings) warnings.push(`${label}：${m}`);
    return [{ name: label, what: '附件', read: true }, ...(found.parts ?? []).map((p) => ({ ...p, name: `${label} › ${p.name}` }))];
  } catch (e) {
    if (e instanceof DocumentRefused && /炸弹|过大/.test(e.message)) throw e;
    return [{ name: label, what: '附件', read: false, reason: e instanceof DocumentRefused ? e.message : '无法解析' }];
  }
}

/** XMP packets: every element's text; pdf.js reports the common ones, the rest is new. */
function xmpText(w: Walk, data: Uint8Array, at: string): void {
  let text = '';
  try {
    walkXml(data, `XMP 元数据（${at}）`, {
      text: (t) => (text += t),
      close: (el) => {
        if (text.trim()) addText(w, `XMP 元数据：${el}`, text);
        text = '';
      },
    });
  } catch (e) {
    if (!(e instanceof DocumentRefused)) throw e;
  }
}
