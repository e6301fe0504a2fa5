import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';

// The poppler tools and a QR decoder, run on rendered forms as an auditor's machine would.

function withPdf<T>(pdf: Uint8Array, fn: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'mishen-forms-'));
  try {
    const path = join(dir, 'form.pdf');
    writeFileSync(path, pdf);
    return fn(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdftotext -layout`, of one page when given. */
export function layoutText(pdf: Uint8Array, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return withPdf(pdf, (p) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', ...range, p, '-'], { encoding: 'utf8' }));
}

/** The text without the page stamps, so that a paragraph broken over two pages reads as one. */
export function withoutStamps(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*(第\s*\d+\s*页\s*共\s*\d+\s*页|事项编号：|打印时审计检查点：|表单内容\s*SHA-256：)/.test(l))
    .join('\n');
}

/** The text with all white space removed: phrases survive the layout's column spacing. */
export const flat = (text: string): string => text.replace(/\s+/g, '');

/**
 * Whether `expected` appears in order within `text` (white space removed), at most `spread`
 * times its own length apart: text wrapped inside a narrow table cell is interleaved with
 * its neighbours' lines by the layout extraction.
 */
export function containsWrapped(text: string, expected: string, spread = 8): boolean {
  const hay = flat(text);
  const needle = flat(expected);
  for (let start = hay.indexOf(needle[0]!); start >= 0; start = hay.indexOf(needle[0]!, start + 1)) {
    let i = start;
    let k = 0;
    while (i < hay.length && k < needle.length && i - start <= needle.length * spread) {
      if (hay[i] === needle[k]) k++;
      i++;
    }
    if (k === needle.length) return true;
  }
  return false;
}

/** pdffonts' table: one row per font with its embedded flag. */
export function fonts(pdf: Uint8Array): Array<{ name: string; emb: string; sub: string }> {
  const out = withPdf(pdf, (p) => execFileSync('pdffonts', [p], { encoding: 'utf8' }));
  const rows = out.split('\n').slice(2).filter((l) => l.trim());
  return rows.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name type… encoding emb sub uni object ID: the flags are the 5th–3rd columns from the end.
    return { name: cols[0]!, emb: cols[cols.length - 5]!, sub: cols[cols.length - 4]! };
  });
}

/** Page images as PNG bytes, at `dpi`, first to last (or only the pages asked for). */
export function pageImages(pdf: Uint8Array, dpi: number, first?: number, last?: number): Buffer[] {
  return withPdf(pdf, (p, dir) => {
    const range = first ? ['-f', String(first), '-l', String(last ?? first)] : [];
    execFileSync('pdftoppm', ['-r', String(dpi), ...range, '-png', p, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.startsWith('page') && f.endsWith('.png'))
      .sort()
      .map((f) => readFileSync(join(dir, f)));
  });
}

/** Decodes the QR code on a page image. */
export async function readQr(png: Buffer): Promise<string | null> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
  return code ? code.data : null;
}

/** Dark pixels of a page image: a blank-glyph font shows as missing ink. */
export async function ink(png: Buffer): Promise<number> {
  const { data } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (const v of data) if (v < 128) n++;
  return n;
}
