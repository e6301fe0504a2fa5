import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { tempDir } from '../../helpers/tmp';

// Independent readers for the redaction tests: fflate + a plain substring search for
// office files, poppler and qpdf for PDF, exiftool for images. None of them shares code
// with the engine or its proof.

const squash = (s: string) => s.replace(/\s+/g, '');

/** Zip entries whose bytes (as UTF-8, tags kept or stripped) contain `needle`. */
export function unzipGrep(bytes: Uint8Array, needle: string): string[] {
  const hits: string[] = [];
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    const text = new TextDecoder().decode(data);
    if (text.includes(needle) || squash(text.replace(/<[^>]*>/g, '')).includes(needle)) hits.push(name);
  }
  return hits;
}

export function entries(bytes: Uint8Array): string[] {
  return Object.keys(unzipSync(bytes));
}

function withFile<T>(bytes: Uint8Array, ext: string, fn: (path: string) => T): T {
  const t = tempDir('mishen-redact-');
  try {
    const path = join(t.dir, `f${ext}`);
    writeFileSync(path, bytes);
    return fn(path);
  } finally {
    t.cleanup();
  }
}

export const pdftotext = (bytes: Uint8Array): string => withFile(bytes, '.pdf', (p) => execFileSync('pdftotext', ['-enc', 'UTF-8', p, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));

export const qpdfCheck = (bytes: Uint8Array): { status: number | null; out: string } =>
  withFile(bytes, '.pdf', (p) => {
    const r = spawnSync('qpdf', ['--check', p], { encoding: 'utf8' });
    return { status: r.status, out: r.stdout + r.stderr };
  });

export const exiftool = (bytes: Uint8Array, ext: string): string =>
  withFile(bytes, ext, (p) => execFileSync('exiftool', ['-a', '-u', '-G1', p], { encoding: 'utf8' }));

export { squash };
