import { describe, expect, it } from 'vitest';
import { extract } from '../../../electron/documents/analyze';
import { createRedactor } from '../../../electron/redaction';
import { pdf } from '../../helpers/fixtures';
import { residentId, MOBILE } from '../../helpers/synthetic';
import { cjkPdf, pdfWithFormXObject } from './pdf-files';
import { pdftotext, qpdfCheck, squash } from './tools';

// PDF redaction removes the glyphs (not a box over them), keeps the rest of the text
// layer, and writes one clean revision: checked with poppler and qpdf, the import
// extractor (pdf.js) and the proof.

const ID = residentId('330106', '19880512', '234');
const redactor = createRedactor();
const targets = [{ text: ID, kind: 'ID_CARD', ground: 'PERSONAL_PRIVACY' }];

async function redactAndCheck(src: Uint8Array, removed = [ID]) {
  const out = await redactor.redact({ bytes: src, name: '公示.pdf', targets: removed.map((text) => ({ ...targets[0]!, text })) });
  const proof = await redactor.prove({ original: src, publicVersion: out.bytes, name: out.name, removed });
  const imported = (await extract(out.bytes, out.name)).extraction.segments.map((s) => s.text).join('\n');
  return { out, proof, imported, qpdf: qpdfCheck(out.bytes) };
}

describe('pdf', () => {
  it('removes the value from the page text; the rest stays (pdftotext, qpdf, pdf.js, proof)', async () => {
    const src = await cjkPdf({ lines: [['低保对象公示名单', `张小明 身份证号 ${ID} 住址不详`, '其余内容照常公开'], [`第二页 ${ID}`, `联系电话 ${MOBILE}`]] });
    expect(squash(pdftotext(src))).toContain(ID);
    const { out, proof, imported, qpdf } = await redactAndCheck(src);
    const text = squash(pdftotext(out.bytes));
    expect(text).not.toContain(ID);
    // Not even a piece of it: every 6-digit window of the number is gone.
    for (let i = 0; i + 6 <= ID.length; i++) expect(text).not.toContain(ID.slice(i, i + 6));
    expect(text).toContain('其余内容照常公开');
    expect(text).toContain('张小明身份证号');
    expect(text).toContain('住址不详');
    expect(text).toContain(MOBILE);
    expect(squash(imported)).not.toContain(ID);
    expect(qpdf.status, qpdf.out).toBe(0);
    expect(proof.problems).toEqual([]);
    expect(out.removals).toEqual([
      expect.objectContaining({ where: '第1页', count: 1 }),
      expect.objectContaining({ where: '第2页', count: 1 }),
    ]);
    expect(out.type).toBe('pdf');
  });

  it('a value under a black box someone drew is really gone after redaction', async () => {
    const src = await cjkPdf({ lines: [[`身份证号 ${ID}`, '其余内容照常公开']], blackBoxOverLine: 0 });
    expect(squash(pdftotext(src))).toContain(ID);
    const { out, proof } = await redactAndCheck(src);
    expect(squash(pdftotext(out.bytes))).not.toContain(ID);
    expect(proof.ok).toBe(true);
  });

  it('annotations, attachments, the Info dictionary and XMP are gone; one revision', async () => {
    const src = await cjkPdf({ lines: [['其余内容照常公开']], info: ID, annotation: `核对 ${ID}`, attachment: { name: `${ID}.txt`, text: ID } });
    const before = await redactor.prove({ original: src, publicVersion: src, name: 'a.pdf', removed: [ID] });
    expect(before.ok).toBe(false);
    expect(before.problems.join('\n')).toMatch(/注释|附件|文档信息/);
    const { out, proof, qpdf } = await redactAndCheck(src);
    expect(qpdf.status, qpdf.out).toBe(0);
    expect(proof.problems).toEqual([]);
    expect(Buffer.from(out.bytes).toString('latin1').match(/%%EOF/g)).toHaveLength(1);
    expect(squash(pdftotext(out.bytes))).toContain('其余内容照常公开');
  });

  it('text inside a form XObject is removed too', async () => {
    const src = await pdfWithFormXObject([`抬头 ${ID} 抬头`], '其余内容照常公开');
    expect(squash(pdftotext(src))).toContain(ID);
    const { out, proof, qpdf } = await redactAndCheck(src);
    const text = squash(pdftotext(out.bytes));
    expect(text).not.toContain(ID);
    expect(text).toContain('其余内容照常公开');
    expect(text.match(/抬头/g)).toHaveLength(2);
    expect(qpdf.status, qpdf.out).toBe(0);
    expect(proof.problems).toEqual([]);
  });

  it('the test fixture with a CMap font (pdf.js reads it): page text, annotation, info and XMP', async () => {
    const src = pdf({ pages: [`公示名单\n张小明 身份证号 ${ID} 住址不详\n其余内容照常公开`], annotation: ID, info: { Title: ID }, xmpCreator: ID, attachmentName: `${ID}.txt` });
    const { out, proof, imported, qpdf } = await redactAndCheck(src);
    expect(imported).toContain('其余内容照常公开');
    expect(squash(imported)).toContain('张小明身份证号');
    expect(imported).not.toContain(ID);
    expect(qpdf.status, qpdf.out).toBe(0);
    expect(proof.problems).toEqual([]);
    expect(out.notes.join('\n')).toMatch(/注释/);
  });
});
