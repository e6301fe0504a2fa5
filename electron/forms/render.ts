import { createHash } from 'node:crypto';
import { PDFDocument, rgb } from 'pdf-lib';
import { canonicalJson } from '../audit/entry';
import { composeForm } from './compose';
import { embedFonts, type FontFiles } from './fonts';
import { A4, AREA, Layout, MM, SIZE, type Block, type Op } from './layout';
import { drawQr, qrText, type QrPayload } from './qr';
import { fill, loadTemplate } from './templates';
import type { Checkpoint, FormInputs, FormKind } from './types';

// The forms engine: a kind, its data and the audit checkpoint → A4 PDF bytes.
//
// What the QR code's sha256 is: a form cannot hold the hash of its own bytes, so the
// code holds the SHA-256 of the *content data* — RFC 8785 canonical JSON of
// {kind, data}, the very data filled into the template. Anyone holding the paper and
// the trail recomputes it from the recorded data. The PDF's own SHA-256 (of the bytes
// rendered with that QR code) is returned too; the service stores both and the audit
// entry of the printing names both. Rendering is deterministic: the same data,
// checkpoint and printing time give the same bytes.

export interface RenderOptions {
  /** The time written into the PDF's metadata; fixed so that a re-render is byte-identical. */
  printedAt?: Date;
  fonts?: FontFiles;
  /** The agency's own templates (resources/forms/<kind>.json overrides). */
  templatesDir?: string;
}

export interface RenderedForm {
  pdf: Uint8Array;
  pages: number;
  /** SHA-256 of the PDF bytes. */
  sha256: string;
  /** SHA-256 of the canonical content data; the value inside the QR code. */
  contentSha256: string;
  qr: QrPayload;
}

const COMMON_LABELS = ['itemId', 'page', 'checkpoint', 'contentHash'] as const;
/** The code sits in the bottom margin, 5 mm above the paper's edge (where printers reach), clear of the type area. */
const QR_BOTTOM = 5 * MM;
const QR_MAX = 28 * MM;
const STAMP = 9;

export function contentSha256<K extends FormKind>(kind: K, data: FormInputs[K]): string {
  return createHash('sha256').update(canonicalJson({ kind, data }), 'utf8').digest('hex');
}

export const shortHash = (h: string): string => h.slice(0, 12);

export async function renderForm<K extends FormKind>(kind: K, data: FormInputs[K], checkpoint: Checkpoint, opts: RenderOptions = {}): Promise<RenderedForm> {
  const { title, blocks } = composeForm(kind, data, opts.templatesDir);
  const contentHash = contentSha256(kind, data);
  const qr: QrPayload = { item: data.itemId, seq: checkpoint.seq, head: checkpoint.head, sha256: contentHash };
  const pdf = await renderBlocks(blocks, { title, org: data.org, qr, templatesDir: opts.templatesDir }, opts);
  return { pdf: pdf.bytes, pages: pdf.pages, sha256: createHash('sha256').update(pdf.bytes).digest('hex'), contentSha256: contentHash, qr };
}

export interface Stamp {
  title: string;
  org: string;
  qr: QrPayload;
  templatesDir?: string;
}

/** Blocks → the A4 PDF with the stamp and QR code every form carries; shared by the forms of items, applications and the trail. */
export async function renderBlocks(blocks: Block[], stamp: Stamp, opts: RenderOptions): Promise<{ bytes: Uint8Array; pages: number }> {
  const doc = await PDFDocument.create();
  const at = opts.printedAt ?? new Date();
  doc.setTitle(stamp.title);
  doc.setAuthor(stamp.org);
  doc.setCreator('密审台');
  doc.setProducer('密审台');
  doc.setLanguage('zh-CN');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const fonts = await embedFonts(doc, opts.fonts);
  const layout = new Layout(fonts.measure).add(blocks);
  const common = loadTemplate('common', COMMON_LABELS, stamp.templatesDir);
  const total = layout.pages.length;
  const code = qrText(stamp.qr);
  layout.pages.forEach((ops, i) => {
    const page = doc.addPage([A4.width, A4.height]);
    const draw = (op: Op) => {
      if (op.k === 'text') page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: op.bold ? fonts.bold : fonts.regular, color: rgb(0, 0, 0) });
      else page.drawLine({ start: { x: op.x1, y: op.y1 }, end: { x: op.x2, y: op.y2 }, thickness: op.width, color: rgb(0, 0, 0) });
    };
    ops.forEach(draw);
    // The stamp lives in the bottom margin, below the type area, on every page.
    const pageText = fill(common.labels.page!, { n: i + 1, m: total });
    const w = fonts.measure.width(pageText, SIZE.small, false);
    draw({ k: 'text', x: (A4.width - w) / 2, y: 24 * MM, text: pageText, size: SIZE.small, bold: false });
    const lines = [
      fill(common.labels.itemId!, { itemId: stamp.qr.item }),
      fill(common.labels.checkpoint!, { seq: stamp.qr.seq, head: shortHash(stamp.qr.head) }),
      fill(common.labels.contentHash!, { hash: shortHash(stamp.qr.sha256) }),
    ];
    lines.forEach((text, j) => draw({ k: 'text', x: AREA.left, y: (17 - j * 4.5) * MM, text, size: STAMP, bold: false }));
    drawQr(page, code, AREA.right, QR_BOTTOM, QR_MAX);
  });
  const bytes = await doc.save();
  return { bytes, pages: total };
}
