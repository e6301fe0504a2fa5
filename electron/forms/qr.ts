import QRCode from 'qrcode';
import { rgb, type PDFPage } from 'pdf-lib';

// The QR code on every page, drawn as vector modules so it stays sharp at any print
// resolution. Dark modules of a row are merged into one rectangle.

export interface QrPayload {
  item: string;
  seq: number;
  head: string;
  sha256: string;
}

export function qrText(p: QrPayload): string {
  return JSON.stringify({ item: p.item, seq: p.seq, head: p.head, sha256: p.sha256 });
}

/**
 * One module is 1.44 pt (0.508 mm): exactly 2 pixels at 100 dpi, 4 at 200, 6 at 300 and
 * 12 at 600. With the code's corner on that same grid, counted from the page's top-left
 * corner as rasterizers count, a scan or a printer at those resolutions never smears a
 * module across two pixels. Level L keeps one item's code at 53 modules (27 mm).
 */
const MODULE = 1.44;

/** The side of the code for `text`, in points, when drawn at the grid module size. */
export function qrSide(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: 'L' }).modules.size * MODULE;
}

/**
 * Draws the code with its right edge at `right` and its bottom at or above `bottom`,
 * never taller than `maxSide` (a sheet of many items shrinks its code off the grid).
 * The quiet zone is the blank margin around it.
 */
export function drawQr(page: PDFPage, text: string, right: number, bottom: number, maxSide: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'L' });
  const n = qr.modules.size;
  const m = Math.min(MODULE, maxSide / n);
  const side = n * m;
  const height = page.getHeight();
  // Snap the top-left corner to the pixel grid (0.72 pt at 100 dpi) measured from the page's top-left.
  const px = 0.72;
  const left = Math.floor((right - side) / px) * px;
  const top = Math.floor((height - bottom - side) / px) * px;
  const y = height - top - side;
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      page.drawRectangle({ x: left + start * m, y: y + side - (r + 1) * m, width: (c - start) * m, height: m, color: rgb(0, 0, 0) });
    }
  }
}
