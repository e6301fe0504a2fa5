import { strToU8, unzipSync, zipSync } from 'fflate';
import { docx } from '../../helpers/fixtures';

// A .docx whose body holds paragraphs and a table, built on the shared fixture's package.

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const p = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;

export function docxTable(rows: string[][], opts: { before?: string[]; header?: string } = {}): Uint8Array {
  const files = unzipSync(docx({ body: ['x'], ...(opts.header ? { header: opts.header } : {}) }));
  const table = `<w:tbl>${rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${p(c)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;
  files['word/document.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${(opts.before ?? []).map(p).join('')}${table}</w:body></w:document>`,
  );
  return zipSync(files);
}

export const html = (body: string) => new TextEncoder().encode(`<!doctype html><html><head><meta charset="utf-8"><title>测试</title></head><body>${body}</body></html>`);

/** The same .docx with a table appended to its body (after the fixture's paragraphs). */
export function withDocxTable(file: Uint8Array, rows: string[][]): Uint8Array {
  const files = unzipSync(file);
  const table = `<w:tbl>${rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${p(c)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;
  files['word/document.xml'] = strToU8(new TextDecoder().decode(files['word/document.xml']).replace('</w:body>', `${table}</w:body>`));
  return zipSync(files);
}
