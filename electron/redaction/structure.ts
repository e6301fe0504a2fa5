import { unzipSync } from 'fflate';
import { parse } from 'parse5';
import { decodeText } from '../documents/extract/text';
import { walkXml } from '../documents/extract/xml';
import type { DocumentType } from '../documents/sniff';
import { pdfStreams } from './raw';

// Structural checks of a public version: the places that must not exist at all,
// whatever text they hold. Each problem names the place in the reviewer's words.

const FORBIDDEN_PARTS: Array<[RegExp, string]> = [
  [/(^|\/)comments[^/]*\.xml$|threadedComments|commentsExtended|commentsIds|commentsExtensible/i, '批注'],
  [/(^|\/)people\.xml$|(^|\/)persons\//i, '批注人员名单'],
  [/^customXml\//, '自定义 XML'],
  [/^docProps\/custom\.xml$/, '自定义属性'],
  [/vbaProject|vbaData/i, '宏代码（vbaProject）'],
  [/\/embeddings\//, '嵌入的对象'],
  [/\/activeX\//, 'ActiveX 控件'],
  [/externalLinks?\//, '外部链接'],
  [/^docProps\/thumbnail\./i, '文档缩略图'],
  [/^xl\/revisions\//, '共享工作簿的修订记录'],
];

function officeChecks(buf: Uint8Array, type: 'docx' | 'xlsx'): string[] {
  const problems: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(buf);
  } catch {
    return ['公开版本的压缩结构无法读取'];
  }
  for (const name of Object.keys(files)) for (const [re, label] of FORBIDDEN_PARTS) if (re.test(name)) problems.push(`公开版本仍含有${label}部件（${name}）`);
  const core = files['docProps/core.xml'];
  if (core) {
    walkXml(core, 'docProps/core.xml', {
      text: (t, path) => {
        const leaf = path.at(-1) ?? '';
        if (t.trim() && !['dcterms:created', 'dcterms:modified'].includes(leaf)) problems.push(`公开版本的文档属性中仍有内容（${leaf}）`);
      },
    });
  }
  const app = files['docProps/app.xml'];
  if (app) walkXml(app, 'docProps/app.xml', { text: (t, path) => ['Company', 'Manager', 'HyperlinkBase'].includes(path.at(-1) ?? '') && t.trim() && problems.push(`公开版本的文档属性中仍有${path.at(-1)}`) });
  for (const [name, data] of Object.entries(files)) {
    if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue;
    const seen = new Set<string>();
    walkXml(data, name, {
      open: (tag) => {
        const n = tag.name;
        if (type === 'docx' && ['w:del', 'w:ins', 'w:moveFrom', 'w:moveTo', 'w:delText'].includes(n)) seen.add('修订记录');
        if (type === 'docx' && ['w:vanish', 'w:specVanish'].includes(n) && !['0', 'false', 'off'].includes(String(tag.attributes['w:val'] ?? ''))) seen.add('隐藏文字');
        if (type === 'docx' && ['w:commentReference', 'w:commentRangeStart'].includes(n)) seen.add('批注标记');
        if (n === 'sheet' && ['hidden', 'veryHidden'].includes(String(tag.attributes['state'] ?? ''))) seen.add('隐藏的工作表');
        if (n === 'Relationship' && String(tag.attributes['TargetMode'] ?? '') === 'External' && /oleObject|externalLink|attachedTemplate|subDocument/i.test(String(tag.attributes['Type'] ?? ''))) seen.add('外部引用');
        if (n === 'legacyDrawing' || n === 'oleObject' || n === 'o:OLEObject') seen.add('嵌入对象或批注框');
      },
    });
    for (const s of seen) problems.push(`公开版本的“${name}”中仍有${s}`);
  }
  return problems;
}

const PDF_NAMES: Array<[RegExp, string]> = [
  [/\/Annots(?![A-Za-z0-9])/, '注释（/Annots）'],
  [/\/EmbeddedFiles?(?![A-Za-z0-9])/, '附件（/EmbeddedFiles）'],
  [/\/JavaScript(?![A-Za-z0-9])/, '脚本（/JavaScript）'],
  [/\/JS(?![A-Za-z0-9])/, '脚本（/JS）'],
  [/\/AcroForm(?![A-Za-z0-9])/, '表单域（/AcroForm）'],
  [/\/OCProperties(?![A-Za-z0-9])/, '可选内容图层（/OCProperties）'],
  [/\/Metadata(?![A-Za-z0-9])/, 'XMP 元数据（/Metadata）'],
  [/\/Info(?![A-Za-z0-9])/, '文档信息字典（/Info）'],
];

function pdfChecks(buf: Uint8Array): string[] {
  const problems: string[] = [];
  const text = new TextDecoder('latin1').decode(buf);
  const eofs = text.match(/%%EOF/g)?.length ?? 0;
  if (eofs !== 1) problems.push(`公开版本有 ${eofs} 个修订版本（%%EOF），应只有一个`);
  // Object streams hide dictionaries from a scan of the file bytes: look inside them too.
  const streams = pdfStreams(buf).map((s) => new TextDecoder('latin1').decode(s.data.subarray(0, Math.min(s.data.length, 4 * 1024 * 1024))));
  for (const [re, label] of PDF_NAMES) if (re.test(text) || streams.some((s) => re.test(s))) problems.push(`公开版本仍含有${label}`);
  return problems;
}

const PNG_ALLOWED = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'pHYs', 'bKGD', 'sBIT']);

function imageChecks(buf: Uint8Array, type: 'png' | 'jpg'): string[] {
  const problems: string[] = [];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (type === 'png') {
    for (let off = 8; off + 12 <= buf.length; ) {
      const len = view.getUint32(off);
      const t = new TextDecoder('latin1').decode(buf.subarray(off + 4, off + 8));
      if (!PNG_ALLOWED.has(t)) problems.push(`公开版本的图片仍含有 ${t} 数据块`);
      off += 12 + len;
    }
    return problems;
  }
  for (let off = 2; off + 4 <= buf.length; ) {
    if (buf[off] !== 0xff) break;
    const marker = buf[off + 1]!;
    if (marker === 0xda) break; // start of scan: metadata comes before it
    const len = view.getUint16(off + 2);
    if (marker === 0xfe) problems.push('公开版本的图片仍含有注释（COM）');
    else if (marker >= 0xe1 && marker <= 0xef && marker !== 0xee) problems.push(`公开版本的图片仍含有元数据段（APP${marker - 0xe0}）`);
    off += 2 + len;
  }
  return problems;
}

interface HtmlNode {
  nodeName: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: HtmlNode[];
  content?: HtmlNode;
}

export function htmlChecks(buf: Uint8Array): string[] {
  const found = new Set<string>();
  const walk = (n: HtmlNode) => {
    if (n.nodeName === '#comment') found.add('网页注释');
    if (n.nodeName === 'script') found.add('脚本');
    for (const a of n.attrs ?? []) {
      if (a.name.startsWith('data-')) found.add('data- 属性');
      if (a.name === 'hidden' || (a.name === 'style' && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.value))) found.add('隐藏元素');
      if (/^on/i.test(a.name)) found.add('脚本属性');
    }
    for (const c of n.childNodes ?? []) walk(c);
    if (n.content) walk(n.content);
  };
  walk(parse(decodeText(buf)) as unknown as HtmlNode);
  return [...found].map((f) => `公开版本的网页仍含有${f}`);
}

export function structuralChecks(buf: Uint8Array, type: DocumentType): string[] {
  switch (type) {
    case 'docx':
    case 'xlsx':
      return officeChecks(buf, type);
    case 'pdf':
      return pdfChecks(buf);
    case 'png':
    case 'jpg':
      return imageChecks(buf, type);
    case 'html':
      return htmlChecks(buf);
    default:
      return [];
  }
}
