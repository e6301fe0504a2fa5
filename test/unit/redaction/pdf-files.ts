import { PDFDocument, PDFName, PDFString, rgb } from 'pdf-lib';
import { embedFonts } from '../../../electron/forms/fonts';

// PDFs with an embedded Chinese font (Noto Serif SC, subset), so poppler's pdftotext
// can read them back without language packs: the independent check of PDF redaction.
// The forms module's embedding is used because it pads fontkit's glyph records, without
// which most glyphs of a subset print blank.

export interface Spec {
  lines: string[][];
  info?: string;
  annotation?: string;
  attachment?: { name: string; text: string };
  /** Draw a black rectangle over the first line's second half (the "boxes drawn over text" case). */
  blackBoxOverLine?: number;
  image?: boolean;
}

export async function cjkPdf(spec: Spec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = (await embedFonts(doc)).regular;
  for (const lines of spec.lines) {
    const page = doc.addPage([595, 842]);
    lines.forEach((l, i) => page.drawText(l, { x: 50, y: 780 - i * 24, size: 12, font }));
    if (spec.blackBoxOverLine !== undefined) page.drawRectangle({ x: 40, y: 780 - spec.blackBoxOverLine * 24 - 4, width: 500, height: 18, color: rgb(0, 0, 0) });
    if (spec.annotation) {
      const annot = doc.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [100, 100, 120, 120], Contents: PDFString.of(spec.annotation) });
      page.node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(annot)]));
    }
  }
  if (spec.info) {
    doc.setTitle(spec.info);
    doc.setAuthor(spec.info);
  }
  if (spec.attachment) await doc.attach(Buffer.from(spec.attachment.text, 'utf8'), spec.attachment.name, { mimeType: 'text/plain' });
  return doc.save({ useObjectStreams: true });
}

/** The lines drawn inside a form XObject (an embedded page), as a stamp or letterhead would be. */
export async function pdfWithFormXObject(lines: string[], outside: string): Promise<Uint8Array> {
  const inner = await PDFDocument.load(await cjkPdf({ lines: [lines] }));
  const doc = await PDFDocument.create();
  const font = (await embedFonts(doc)).regular;
  const [embedded] = await doc.embedPdf(inner, [0]);
  const page = doc.addPage([595, 842]);
  page.drawPage(embedded!, { x: 0, y: 0 });
  page.drawText(outside, { x: 50, y: 400, size: 12, font });
  return doc.save();
}
