import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../electron/redaction';
import { residentId } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/tmp';
import { cjkPdf } from './pdf-files';
import { pdftotext, qpdfCheck, squash } from './tools';

// Areas the reviewer draws: filled in an image's pixels; on a PDF page the text under
// them is removed and the pixels of a scanned page under them are painted black, while
// the rest of the picture stays.

const ID = residentId('330106', '19880512', '234');
const redactor = createRedactor();

async function pixel(bytes: Uint8Array, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(Buffer.from(bytes)).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

/** The first image stored in a PDF, extracted by poppler's pdfimages (not rendered: the stored pixels). */
function firstImage(bytes: Uint8Array): Uint8Array {
  const t = tempDir('mishen-images-');
  try {
    writeFileSync(join(t.dir, 'a.pdf'), bytes);
    execFileSync('pdfimages', ['-png', '-f', '1', '-l', '1', join(t.dir, 'a.pdf'), join(t.dir, 'img')]);
    return readFileSync(join(t.dir, 'img-000.png'));
  } finally {
    t.cleanup();
  }
}

/** Page 1 of a PDF rendered by poppler at 20 dpi, as a PNG. */
function render(bytes: Uint8Array): Uint8Array {
  const t = tempDir('mishen-render-');
  try {
    writeFileSync(join(t.dir, 'a.pdf'), bytes);
    execFileSync('pdftoppm', ['-r', '20', '-f', '1', '-l', '1', '-png', '-singlefile', join(t.dir, 'a.pdf'), join(t.dir, 'p')]);
    return readFileSync(join(t.dir, 'p.png'));
  } finally {
    t.cleanup();
  }
}

describe('areas', () => {
  it('an image: the area is filled, the rest is untouched', async () => {
    const src = await sharp({ create: { width: 40, height: 40, channels: 3, background: { r: 255, g: 255, b: 255 } } }).png().toBuffer();
    const out = await redactor.redact({ bytes: src, name: 'a.png', targets: [], areas: [{ x: 0.25, y: 0.25, width: 0.5, height: 0.5 }] });
    expect(await pixel(out.bytes, 20, 20)).toEqual([0, 0, 0]);
    expect(await pixel(out.bytes, 2, 2)).toEqual([255, 255, 255]);
    expect(out.notes.join()).toMatch(/区域/);
  });

  it('a PDF page: the text under the area is removed, the lines around it stay', async () => {
    const src = await cjkPdf({ lines: [['低保对象公示名单', `身份证号 ${ID}`, '其余内容照常公开']] });
    // Line 2 has its baseline at y = 756 pt on an 842 pt page; the area spans it, origin top left.
    const area = { page: 1, x: 0, y: (842 - 770) / 842, width: 1, height: 18 / 842 };
    const out = await redactor.redact({ bytes: src, name: 'a.pdf', targets: [], areas: [area] });
    const text = squash(pdftotext(out.bytes));
    expect(text).not.toContain(ID);
    expect(text).not.toContain('身份证号');
    expect(text).toContain('低保对象公示名单');
    expect(text).toContain('其余内容照常公开');
    expect(qpdfCheck(out.bytes).status).toBe(0);
  });

  it('a scanned page: the pixels under the area are painted black, the rest of the scan stays', async () => {
    const scan = await sharp({ create: { width: 200, height: 280, channels: 3, background: { r: 200, g: 0, b: 0 } } }).png().toBuffer();
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    page.drawImage(await doc.embedPng(scan), { x: 0, y: 0, width: 595, height: 842 });
    const src = await doc.save();
    const out = await redactor.redact({ bytes: src, name: 'scan.pdf', targets: [], areas: [{ page: 1, x: 0, y: 0, width: 0.5, height: 0.5 }] });
    expect(qpdfCheck(out.bytes).status).toBe(0);
    const png = render(out.bytes);
    const { width, height } = await sharp(Buffer.from(png)).metadata();
    const inArea = await pixel(png, Math.floor(width! * 0.2), Math.floor(height! * 0.2));
    const outside = await pixel(png, Math.floor(width! * 0.8), Math.floor(height! * 0.8));
    expect(Math.max(...inArea)).toBeLessThan(30);
    expect(outside[0]).toBeGreaterThan(150);
    expect(outside[1]).toBeLessThan(50);
    // The stored image itself changed, not only what is drawn over it.
    const stored = firstImage(out.bytes);
    expect(Math.max(...(await pixel(stored, 20, 20)))).toBeLessThan(30);
    expect((await pixel(stored, 180, 260))[0]).toBeGreaterThan(150);
  });

  it('refuses areas outside the page and areas on formats without pages', async () => {
    await expect(redactor.redact({ bytes: new TextEncoder().encode('abc'), name: 'a.txt', targets: [], areas: [{ x: 0, y: 0, width: 0.5, height: 0.5 }] })).rejects.toThrow(/区域/);
    await expect(redactor.redact({ bytes: new TextEncoder().encode('abc'), name: 'a.txt', targets: [], areas: [{ x: 0.8, y: 0, width: 0.5, height: 0.5 }] })).rejects.toThrow(/区域/);
  });
});
