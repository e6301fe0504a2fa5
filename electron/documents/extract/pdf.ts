import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DocumentRefused, LIMITS } from '../limits';
import { guardPdfStreams } from './pdf-guard';
import { readPdfObjects } from './pdf-objects';
import type { Extraction, ReadInner, Segment } from './types';

// pdf.js in Node, with its own CJK character maps and standard fonts from the package
// folder: nothing is fetched. Page text, annotations, attached file names, the info
// dictionary and XMP metadata.

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;
const load = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

function flat(prefix: string, value: unknown, out: Segment[]): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (value.trim()) out.push({ location: prefix, text: value.trim() });
  } else if (Array.isArray(value)) value.forEach((v) => flat(prefix, v, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) flat(`${prefix}：${k}`, v, out);
}

interface Item {
  str?: string;
  width?: number;
  transform?: number[];
  hasEOL?: boolean;
}

/**
 * A page's text in reading order. Items on one line set apart by a wide gap are table
 * columns and get a tab between them; a line with columns ends with a tab too, so the
 * scanner never joins digits across a column or from one table row into the next, while
 * a number broken at the end of a paragraph's line still joins.
 */
function pageText(items: readonly object[]): string {
  let text = '';
  let columns = false;
  let prev: { end: number; y: number } | null = null;
  for (const item of items as Item[]) {
    if (typeof item.str !== 'string') continue;
    const t = item.transform ?? [1, 0, 0, 1, 0, 0];
    const size = Math.hypot(t[0]!, t[1]!) || 10;
    const x = t[4]!;
    const y = t[5]!;
    const width = item.width ?? 0;
    const sameLine = prev !== null && Math.abs(y - prev.y) < size / 2;
    const blank = item.str.trim() === '';
    if (sameLine && ((blank && width > 1.05 * size) || (!blank && x - prev!.end > 1.05 * size))) {
      text += '\t';
      columns = true;
      if (!blank) text += item.str;
    } else text += item.str;
    prev = { end: x + width, y };
    if (item.hasEOL) {
      text += columns ? '\t\n' : '\n';
      columns = false;
      prev = null;
    }
  }
  return text;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const mul = (m: Matrix, n: readonly number[]): Matrix => [
  m[0] * n[0]! + m[2] * n[1]!,
  m[1] * n[0]! + m[3] * n[1]!,
  m[0] * n[2]! + m[2] * n[3]!,
  m[1] * n[2]! + m[3] * n[3]!,
  m[0] * n[4]! + m[2] * n[5]! + m[4],
  m[1] * n[4]! + m[3] * n[5]! + m[5],
];
type Box = [number, number, number, number];
function boxOf(m: Matrix, x0: number, y0: number, x1: number, y1: number): Box {
  const pts = [[x0, y0], [x1, y0], [x0, y1], [x1, y1]].map(([x, y]) => [m[0] * x! + m[2] * y! + m[4], m[1] * x! + m[3] * y! + m[5]]);
  const xs = pts.map((p) => p[0]!);
  const ys = pts.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
const area = (b: Box) => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
const overlap = (a: Box, b: Box) => area([Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]);

interface Glyph {
  width?: number;
  unicode?: string;
  isSpace?: boolean;
}

/**
 * What a page's drawing hides from a reader while its text stays in the file:
 * - `covered`: a filled shape is painted over text already drawn (a "redaction" made by
 *   drawing a box). Shapes behind text (cell shading) are painted before it and do not
 *   count; an underline covers too little of a string to count.
 * - `offPage`: text drawn outside the page, which pdf.js leaves out of the page's text.
 * Follows the operator list: the CTM, the text matrix, each shown string's box, and each
 * filled path's bounding box.
 */
function pageDrawing(OPS: Record<string, number>, fns: readonly number[], args: readonly unknown[], view: readonly number[]): { covered: boolean; offPage: string } {
  let covered = false;
  const offPage: Array<{ str: string; x: number; end: number; y: number; size: number }> = [];
  const [vx0 = 0, vy0 = 0, vx1 = 0, vy1 = 0] = view;
  const fills = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  let ctm: Matrix = IDENTITY;
  let alpha = 1;
  const stack: Array<{ ctm: Matrix; alpha: number }> = [];
  let tm: Matrix = IDENTITY;
  let lm: Matrix = IDENTITY;
  let size = 0;
  let leading = 0;
  let charSpacing = 0;
  let wordSpacing = 0;
  let hScale = 1;
  const drawn: Box[] = [];
  const moveLine = (tx: number, ty: number) => {
    lm = mul(lm, [1, 0, 0, 1, tx, ty]);
    tm = lm;
  };
  const show = (glyphs: unknown) => {
    if (!Array.isArray(glyphs)) return;
    let advance = 0;
    let ink = false;
    let outside: { str: string; x: number; end: number; y: number; size: number } | null = null;
    const m = mul(ctm, tm);
    const scale = Math.hypot(m[0], m[1]);
    for (const g of glyphs as Array<Glyph | number>) {
      if (typeof g === 'number') advance -= (g / 1000) * size * hScale;
      else if (g) {
        const step = (((g.width ?? 0) * size) / 1000 + charSpacing + (g.isSpace ? wordSpacing : 0)) * hScale;
        const x = m[0] * advance + m[4];
        const y = m[1] * advance + m[5];
        if (g.unicode && (x + Math.abs(m[0] * step) < vx0 || x > vx1 || y < vy0 || y > vy1)) {
          outside ??= { str: '', x, end: x, y, size: Math.abs(size) * scale };
          outside.str += g.unicode;
          outside.end = x + m[0] * step;
        }
        advance += step;
        if (g.unicode?.trim()) ink = true;
      }
    }
    if (outside?.str.trim()) offPage.push(outside);
    const h = Math.abs(size);
    if (ink && advance) drawn.push(boxOf(m, Math.min(0, advance), -0.2 * h, Math.max(0, advance), 0.8 * h));
    tm = mul(tm, [1, 0, 0, 1, advance, 0]);
  };
  for (let i = 0; i < fns.length; i++) {
    const fn = fns[i]!;
    const a = (args[i] ?? []) as unknown[];
    const num = (k: number) => Number(a[k] ?? 0);
    switch (fn) {
      case OPS.save:
        stack.push({ ctm, alpha });
        break;
      case OPS.restore:
      case OPS.paintFormXObjectEnd:
        ({ ctm, alpha } = stack.pop() ?? { ctm, alpha });
        break;
      case OPS.transform:
        ctm = mul(ctm, a.map(Number));
        break;
      case OPS.paintFormXObjectBegin:
        stack.push({ ctm, alpha });
        if (Array.isArray(a[0]) || ArrayBuffer.isView(a[0])) ctm = mul(ctm, Array.from(a[0] as ArrayLike<number>));
        break;
      case OPS.setGState:
        for (const [k, v] of (Array.isArray(a[0]) ? a[0] : []) as Array<[string, unknown]>) if (k === 'ca') alpha = Number(v);
        break;
      case OPS.beginText:
        tm = lm = IDENTITY;
        break;
      case OPS.setFont:
        size = num(1);
        break;
      case OPS.setLeading:
        leading = num(0);
        break;
      case OPS.setCharSpacing:
        charSpacing = num(0);
        break;
      case OPS.setWordSpacing:
        wordSpacing = num(0);
        break;
      case OPS.setHScale:
        hScale = num(0) / 100;
        break;
      case OPS.setTextMatrix: {
        const m = (Array.isArray(a[0]) || ArrayBuffer.isView(a[0]) ? Array.from(a[0] as ArrayLike<number>) : a.map(Number)) as Matrix;
        tm = lm = m;
        break;
      }
      case OPS.moveText:
        moveLine(num(0), num(1));
        break;
      case OPS.setLeadingMoveText:
        leading = -num(1);
        moveLine(num(0), num(1));
        break;
      case OPS.nextLine:
        moveLine(0, -leading);
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        show(a[0]);
        break;
      case OPS.nextLineShowText:
        moveLine(0, -leading);
        show(a[0]);
        break;
      case OPS.nextLineSetSpacingShowText:
        wordSpacing = num(0);
        charSpacing = num(1);
        moveLine(0, -leading);
        show(a[2]);
        break;
      case OPS.constructPath: {
        // pdf.js 5: [paint operator, path data, bounding box in user space].
        const bbox = a[2] as ArrayLike<number> | null | undefined;
        if (!fills.has(Number(a[0])) || alpha <= 0 || !bbox || bbox.length < 4) break;
        const shape = boxOf(ctm, bbox[0]!, bbox[1]!, bbox[2]!, bbox[3]!);
        if (drawn.some((t) => overlap(t, shape) >= 0.5 * area(t))) covered = true;
        break;
      }
    }
  }
  // Laid out like the page's own text: pieces on one line joined, columns apart by a tab.
  const items = offPage.map((o, i) => {
    const next = offPage[i + 1];
    return { str: o.str, width: o.end - o.x, transform: [o.size, 0, 0, o.size, o.x, o.y], hasEOL: !next || Math.abs(next.y - o.y) >= o.size / 2 };
  });
  return { covered, offPage: pageText(items) };
}

export async function extractPdf(buf: Uint8Array, onPage?: (done: number, total: number) => void, inner: ReadInner | null = null): Promise<Extraction> {
  guardPdfStreams(buf);
  const lib = await load();
  const task = lib.getDocument({
    data: new Uint8Array(buf),
    cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    useWorkerFetch: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'PasswordException') throw new DocumentRefused('PDF 文件设有密码，无法读取，请提供未加密的文件');
    throw new DocumentRefused('PDF 文件已损坏或不完整，无法读取');
  }
  try {
    if (doc.numPages > LIMITS.pdfPages) throw new DocumentRefused(`PDF 页数过多（${doc.numPages} 页，上限 ${LIMITS.pdfPages} 页）`);
    const segments: Segment[] = [];
    const warnings: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = pageText(content.items);
      if (text.trim()) {
        segments.push({ location: `第${n}页`, text });
        const ops = await page.getOperatorList();
        const drawing = pageDrawing(lib.OPS, ops.fnArray, ops.argsArray, page.view);
        if (drawing.covered) warnings.push(`第 ${n} 页有填充图形覆盖在文字上：看起来已遮盖，但文字仍在文件中`);
        if (drawing.offPage.trim()) {
          segments.push({ location: `第${n}页（页面以外的文字）`, text: drawing.offPage });
          warnings.push(`第 ${n} 页有文字位于页面范围以外：阅读时看不到，但文字仍在文件中`);
        }
      }
      for (const a of await page.getAnnotations()) {
        const parts = [a.titleObj?.str, a.contentsObj?.str, a.fieldValue, a.alternativeText, a.file?.filename].filter(
          (x): x is string => typeof x === 'string' && x.trim() !== '',
        );
        for (const p of parts) segments.push({ location: `第${n}页 注释（${a.subtype ?? '注释'}）`, text: p });
      }
      page.cleanup();
      onPage?.(n, doc.numPages);
    }
    const attachments = (await doc.getAttachments()) as Record<string, { filename?: string }> | null;
    for (const [key, a] of Object.entries(attachments ?? {})) segments.push({ location: '附件文件名', text: a.filename ?? key });
    const meta = await doc.getMetadata().catch(() => null);
    if (meta) {
      const info = meta.info as Record<string, unknown>;
      for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer']) flat(`文档信息：${key}`, info[key], segments);
      flat('文档信息：自定义', info['Custom'], segments);
      const xmp = meta.metadata;
      if (xmp) for (const [k, v] of xmp) flat(`XMP：${k}`, v, segments);
    }
    // Beneath the pages: form fields, bookmarks, actions, attachments, every stream.
    const deep = await readPdfObjects(buf, segments, inner);
    segments.push(...deep.segments);
    warnings.push(...deep.warnings);
    if (!segments.some((s) => /^第\d+页$/.test(s.location))) warnings.push('PDF 中没有可提取的文字（可能是扫描件），请人工逐页审读');
    return { segments, warnings, pages: doc.numPages, parts: [{ name: `页面文字和注释（${doc.numPages} 页）`, what: '页面', read: true }, ...(deep.parts ?? [])] };
  } finally {
    await doc.destroy();
  }
}
