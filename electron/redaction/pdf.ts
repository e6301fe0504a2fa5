import { guardPdfStreams } from '../documents/extract/pdf-guard';
import { DocumentRefused, LIMITS } from '../documents/limits';
import { findAll } from './match';
import { Memory, pdfium, saveCopy, type Box } from './pdfium';
import { cleanPdf } from './pdf-clean';
import type { Plan } from './plan';
import type { Area } from './types';

// PDF: true removal with PDFium. Each target is found in the page's text (modulo the
// proof's normalization), the boxes of its characters are taken from PDFium, and the
// glyphs under them are deleted from the content stream (EPDFText_RedactInRect, also
// inside form XObjects) and a filled box is drawn there; an image wholly under a box is
// deleted. The page is read again to make sure. Then the document is saved whole and
// rebuilt without annotations, attachments, scripts, forms, layers, Info or XMP.

const FPDF_PAGEOBJ_PATH = 2;
const FPDF_PAGEOBJ_IMAGE = 3;
const FPDF_PAGEOBJ_SHADING = 4;
const FPDF_PAGEOBJ_FORM = 5;
/** Device space for converting the reviewer's fractions: fine enough for sub-point precision. */
const DEVICE = 100_000;

interface PageText {
  text: string;
  /** UTF-16 index in `text` → PDFium character index. */
  charAt: number[];
}

function pageText(P: Awaited<ReturnType<typeof pdfium>>, tp: number): PageText {
  const n = P.FPDFText_CountChars(tp);
  let text = '';
  const charAt: number[] = [];
  for (let i = 0; i < n; i++) {
    const cp = P.FPDFText_GetUnicode(tp, i);
    const s = cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : ' ';
    for (let k = 0; k < s.length; k++) charAt.push(i);
    text += s;
  }
  return { text, charAt };
}

const overlaps = (a: Box, b: Box) => a.left < b.right && a.right > b.left && a.bottom < b.top && a.top > b.bottom;
const inside = (inner: Box, outer: Box) => inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.bottom >= outer.bottom - 1 && inner.top <= outer.top + 1;

export async function redactPdf(buf: Uint8Array, plan: Plan, areas: readonly Area[] = []): Promise<{ bytes: Uint8Array; notes: string[]; underAreas: string[] }> {
  guardPdfStreams(buf);
  const P = await pdfium();
  const mem = new Memory(P);
  const notes: string[] = [];
  const docPtr = mem.bytes(buf);
  const doc = P.FPDF_LoadMemDocument(docPtr, buf.length, '');
  if (!doc) {
    mem.free();
    throw new DocumentRefused(P.FPDF_GetLastError() === 4 ? 'PDF 文件设有密码，无法制作公开版本' : 'PDF 文件已损坏，无法制作公开版本');
  }
  let redactedPages = 0;
  let imagesRemoved = 0;
  let areaObjects = 0;
  let masksNotDrawn = 0;
  /** The text the reviewer's areas covered, line by line: the proof searches for it too. */
  const underAreas: string[] = [];
  const survived: number[] = [];
  /** Every character the pages show after redaction: the fonts' maps keep only these. */
  const shown = new Set<number>();
  const show = (t: string) => {
    for (const ch of t) shown.add(ch.codePointAt(0)!);
  };
  try {
    const pages = P.FPDF_GetPageCount(doc);
    if (pages > LIMITS.pdfPages) throw new DocumentRefused(`PDF 页数过多（${pages} 页）`);
    const box = mem.alloc(32);
    for (let n = 0; n < pages; n++) {
      const page = P.FPDF_LoadPage(doc, n);
      if (!page) throw new DocumentRefused(`PDF 第 ${n + 1} 页无法读取`);
      try {
        const tp = P.FPDFText_LoadPage(page);
        const { text, charAt } = pageText(P, tp);
        const spans = plan.needles.length ? findAll(text, plan.compiled) : [];
        const rects: Box[] = [];
        const spanBoxes: Box[] = [];
        /** Each value found: where its masked form goes, if its template keeps part of it. */
        const pending: Array<{ needle: number; box: Box | null }> = [];
        for (const s of spans) {
          const first = rects.length;
          // One box per line of the value: characters whose boxes share a baseline band.
          let line: Box | null = null;
          for (const i of new Set(charAt.slice(s.start, s.end))) {
            if (!P.FPDFText_GetCharBox(tp, i, box, box + 8, box + 16, box + 24)) continue;
            const [left, right, bottom, top] = mem.doubles(box, 4) as [number, number, number, number];
            if (right - left <= 0 || top - bottom <= 0) continue;
            // Shrunk a little, so the glyphs on either side are not caught by the edge.
            const dx = (right - left) * 0.15;
            const dy = (top - bottom) * 0.15;
            const c = { left: left + dx, right: right - dx, bottom: bottom + dy, top: top - dy };
            if (line && c.bottom < line.top && c.top > line.bottom && c.left >= line.left) line = union([line, c])!;
            else {
              if (line) rects.push(line);
              line = c;
            }
          }
          if (line) rects.push(line);
          const u = union(rects.slice(first));
          if (u) spanBoxes.push(u);
          pending.push({ needle: s.needle, box: rects[first] ?? null });
        }
        const drawn = areas.filter((a) => (a.page ?? 1) === n + 1).map((a) => areaBox(P, mem, page, a));
        for (const d of drawn) underAreas.push(...boundedText(P, mem, tp, d));
        P.FPDFText_ClosePage(tp);
        if (drawn.length) areaObjects += clearAreas(P, mem, page, drawn);
        rects.push(...drawn);
        if (!rects.length) {
          show(text);
          continue;
        }
        for (const r of rects) {
          const p = mem.rectF(r);
          P.EPDFText_RedactInRect(page, p, true, true);
        }
        // Images that lie wholly under a removed value's box go as well.
        const objBox = mem.alloc(16);
        for (let i = P.FPDFPage_CountObjects(page) - 1; i >= 0; i--) {
          const obj = P.FPDFPage_GetObject(page, i);
          if (P.FPDFPageObj_GetType(obj) !== FPDF_PAGEOBJ_IMAGE) continue;
          if (!P.FPDFPageObj_GetBounds(obj, objBox, objBox + 4, objBox + 8, objBox + 12)) continue;
          const [left, bottom, right, top] = mem.floats(objBox, 4) as [number, number, number, number];
          const ob = { left, bottom, right, top };
          if (spanBoxes.some((b) => inside(ob, b)) && P.FPDFPage_RemoveObject(page, obj)) {
            P.FPDFPageObj_Destroy(obj);
            imagesRemoved++;
          }
        }
        for (const p of pending) {
          const replacement = plan.replacements[p.needle]!;
          const partial = replacement !== plan.removedMarker;
          const drawn = partial && p.box !== null && drawMask(P, mem, doc, page, p.box, replacement);
          if (partial && !drawn) masksNotDrawn++;
          plan.record(p.needle, `第${n + 1}页`, 1, drawn ? replacement : '（删除并以黑框标示）');
        }
        P.FPDFPage_GenerateContent(page);
        redactedPages++;
        // Read the page again: what is still there was not removed.
        const again = P.FPDFText_LoadPage(page);
        const after = pageText(P, again).text;
        show(after);
        if (findAll(after, plan.compiled).length) survived.push(n + 1);
        P.FPDFText_ClosePage(again);
      } finally {
        P.FPDF_ClosePage(page);
      }
    }
    // A file opened without a user password may still carry owner-password encryption: the public version does not.
    if (P.EPDF_IsEncrypted(doc) && !P.EPDF_RemoveEncryption(doc)) throw new DocumentRefused('PDF 文件的加密无法去除，不能制作公开版本');
    const saved = saveCopy(P, doc);
    let cleaned: Awaited<ReturnType<typeof cleanPdf>>;
    try {
      cleaned = await cleanPdf(saved, shown);
    } catch {
      throw new DocumentRefused('PDF 文件的结构无法重建，不能制作公开版本');
    }
    if (redactedPages) notes.push(`在 ${redactedPages} 页中删除了文字（真正从内容中删除，原处以黑框标示；选用部分遮盖的，遮盖后的内容以白字写在黑框上）`);
    if (masksNotDrawn) notes.push(`有 ${masksNotDrawn} 处部分遮盖含有中文（如姓名），PDF 中无法写入，已整体删除`);
    if (areas.length) notes.push(`按审查人划定的 ${areas.length} 个区域删除了其中的文字，区域内的图片像素填为黑色，图形一并删除（共处理 ${areaObjects} 个对象）`);
    if (imagesRemoved) notes.push(`删除了 ${imagesRemoved} 个完全位于删除区域内的图片`);
    if (survived.length) notes.push(`第 ${survived.join('、')} 页仍能读出要删除的内容（可能位于无法逐字删除的对象中），公开版本将无法通过核验`);
    notes.push(...cleaned.notes);
    notes.push('扫描件（图片形式的页面）中的文字不能自动识别和删除，请人工审看');
    return { bytes: cleaned.bytes, notes, underAreas };
  } finally {
    P.FPDF_CloseDocument(doc);
    mem.free();
  }
}

/** The text PDFium finds inside a box, split into lines, without blanks. */
function boundedText(P: Awaited<ReturnType<typeof pdfium>>, mem: Memory, tp: number, b: Box): string[] {
  const n = P.FPDFText_GetBoundedText(tp, b.left, b.top, b.right, b.bottom, 0, 0);
  if (n <= 0) return [];
  const buf = mem.alloc((n + 1) * 2);
  P.FPDFText_GetBoundedText(tp, b.left, b.top, b.right, b.bottom, buf, n + 1);
  const units = Array.from({ length: n }, (_, i) => P.pdfium.getValue(buf + i * 2, 'i16') & 0xffff);
  return String.fromCharCode(...units)
    .split(/[\r\n]+/)
    .map((l) => l.replace(/\s+/g, ''))
    .filter((l) => l.length >= 2);
}

/** The reviewer's area (fractions of the displayed page) in page space, through PDFium's own mapping (rotation, crop box). */
function areaBox(P: Awaited<ReturnType<typeof pdfium>>, mem: Memory, page: number, a: Area): Box {
  const xy = mem.alloc(16);
  const corner = (fx: number, fy: number) => {
    P.FPDF_DeviceToPage(page, 0, 0, DEVICE, DEVICE, 0, Math.round(fx * DEVICE), Math.round(fy * DEVICE), xy, xy + 8);
    return mem.doubles(xy, 2) as [number, number];
  };
  const [x1, y1] = corner(a.x, a.y);
  const [x2, y2] = corner(a.x + a.width, a.y + a.height);
  return { left: Math.min(x1, x2), right: Math.max(x1, x2), bottom: Math.min(y1, y2), top: Math.max(y1, y2) };
}

/**
 * Under an area: an upright image gets the covered pixels painted black and is stored
 * anew (a scanned page keeps the rest of its picture); a rotated or skewed image,
 * a shading touching the area, and drawings and forms wholly inside it are deleted.
 * Returns how many objects were changed or deleted.
 */
function clearAreas(P: Awaited<ReturnType<typeof pdfium>>, mem: Memory, page: number, boxes: Box[]): number {
  const b = mem.alloc(24);
  let n = 0;
  for (let i = P.FPDFPage_CountObjects(page) - 1; i >= 0; i--) {
    const obj = P.FPDFPage_GetObject(page, i);
    const type = P.FPDFPageObj_GetType(obj);
    if (![FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_IMAGE, FPDF_PAGEOBJ_SHADING, FPDF_PAGEOBJ_FORM].includes(type)) continue;
    if (!P.FPDFPageObj_GetBounds(obj, b, b + 4, b + 8, b + 12)) continue;
    const [left, bottom, right, top] = mem.floats(b, 4) as [number, number, number, number];
    const ob = { left, bottom, right, top };
    const touching = boxes.filter((x) => overlaps(ob, x));
    if (!touching.length) continue;
    if (type === FPDF_PAGEOBJ_IMAGE && fillImage(P, mem, obj, touching)) {
      n++;
      continue;
    }
    const whole = type === FPDF_PAGEOBJ_IMAGE || type === FPDF_PAGEOBJ_SHADING || boxes.some((x) => inside(ob, x));
    if (whole && P.FPDFPage_RemoveObject(page, obj)) {
      P.FPDFPageObj_Destroy(obj);
      n++;
    }
  }
  return n;
}

/** Paints the parts of an upright image under the boxes black, in its own pixels. False when it cannot. */
function fillImage(P: Awaited<ReturnType<typeof pdfium>>, mem: Memory, obj: number, boxes: Box[]): boolean {
  const m = mem.alloc(24);
  if (!P.FPDFPageObj_GetMatrix(obj, m)) return false;
  const [a, mb, mc, d, e, f] = mem.floats(m, 6) as [number, number, number, number, number, number];
  if (Math.abs(mb) > 1e-6 || Math.abs(mc) > 1e-6 || a <= 0 || d <= 0) return false;
  const bitmap = P.FPDFImageObj_GetBitmap(obj);
  if (!bitmap) return false;
  try {
    const w = P.FPDFBitmap_GetWidth(bitmap);
    const h = P.FPDFBitmap_GetHeight(bitmap);
    for (const box of boxes) {
      // Image space: u to the right, v up, the unit square mapped by (a 0 0 d e f); row 0 is the top.
      const u0 = Math.max(0, Math.floor(((box.left - e) / a) * w));
      const u1 = Math.min(w, Math.ceil(((box.right - e) / a) * w));
      const r0 = Math.max(0, Math.floor((1 - (box.top - f) / d) * h));
      const r1 = Math.min(h, Math.ceil((1 - (box.bottom - f) / d) * h));
      if (u1 > u0 && r1 > r0) P.FPDFBitmap_FillRect(bitmap, u0, r0, u1 - u0, r1 - r0, 0xff000000);
    }
    return P.FPDFImageObj_SetBitmap(0, 0, obj, bitmap);
  } finally {
    P.FPDFBitmap_Destroy(bitmap);
  }
}

/**
 * Writes a partly masked value (150502***********1) in white on the black box that
 * replaced it, in a standard font; only ASCII can be written that way, so a Chinese
 * mask (张*) is left removed whole. False when nothing was written.
 */
function drawMask(P: Awaited<ReturnType<typeof pdfium>>, mem: Memory, doc: number, page: number, box: Box, text: string): boolean {
  if (!/^[\x20-\x7e]+$/.test(text)) return false;
  // The character boxes were shrunk by 15% each side: the glyph height is about 0.7 of the type size.
  const size = Math.min(24, Math.max(5, (box.top - box.bottom) / 0.7 / 0.7));
  const obj = P.FPDFPageObj_NewTextObj(doc, 'Helvetica', size);
  if (!obj) return false;
  const ws = mem.alloc((text.length + 1) * 2);
  for (let i = 0; i <= text.length; i++) P.pdfium.setValue(ws + i * 2, i < text.length ? text.charCodeAt(i) : 0, 'i16');
  if (!P.FPDFText_SetText(obj, ws)) {
    P.FPDFPageObj_Destroy(obj);
    return false;
  }
  P.FPDFPageObj_SetFillColor(obj, 255, 255, 255, 255);
  P.FPDFPageObj_Transform(obj, 1, 0, 0, 1, box.left, box.bottom);
  P.FPDFPage_InsertObject(page, obj);
  return true;
}

function union(rects: Box[]): Box | null {
  if (!rects.length) return null;
  return rects.reduce((a, b) => ({ left: Math.min(a.left, b.left), right: Math.max(a.right, b.right), bottom: Math.min(a.bottom, b.bottom), top: Math.max(a.top, b.top) }));
}
