import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../electron/documents/analyze';
import { LIMITS } from '../../../electron/documents/limits';
import { defaultRules } from '../../../electron/scanner/rules';
import { docx, pdf, png } from '../../helpers/fixtures';
import { deepDocx, jpegClaiming, pdfFlateBomb, pngClaiming, pngSpecText } from '../../helpers/badfiles';
import { refusal } from '../../helpers/refusal';
import { residentId } from '../../helpers/synthetic';

const rules = defaultRules();
const ID = residentId('110101', '19800101', '002');
const CHINESE = /[\u4e00-\u9fff]/;

describe('files built to exhaust the reader', () => {
  it('refuses a docx nested deeper than the cap, with a Chinese message', async () => {
    const e = await refusal(analyze(deepDocx(LIMITS.xmlDepth + 10), 'deep.docx', rules, []));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/嵌套超过/);
  });

  it('still reads a docx nested within the cap', async () => {
    const a = await analyze(deepDocx(50), 'ok.docx', rules, []);
    expect(a.text).toContain('深');
  });

  it('refuses a Flate bomb inside a PDF before pdf.js decodes it', async () => {
    const e = await refusal(analyze(pdfFlateBomb(LIMITS.pdfStreamBytes + 1024 * 1024), 'bomb.pdf', rules, []));
    expect(e.message).toMatch(/压缩炸弹/);
  });

  it('refuses images whose header claims 60000×60000 pixels, before decoding', async () => {
    for (const [buf, name] of [[pngClaiming(60_000, 60_000), 'big.png'], [jpegClaiming(60_000, 60_000), 'big.jpg']] as const) {
      const e = await refusal(analyze(buf, name, rules, []));
      expect(e.message).toMatch(/60000×60000/);
      expect(e.message).toMatch(CHINESE);
    }
  });

  it('reads zlib-wrapped PNG zTXt and compressed iTXt chunks (PNG specification)', async () => {
    const a = await analyze(pngSpecText({ zTXt: ['Author', ID], iTXt: ['Description', `身份证 ${ID}`] }), 'spec.png', rules, []);
    expect(a.findings.filter((f) => f.kind === 'ID_CARD').map((f) => f.location)).toEqual(['PNG 文本（Author）', 'PNG 文本（Description）']);
  });

  it('refuses a PNG text chunk that inflates past its cap', async () => {
    const bomb = zlibSync(new Uint8Array(LIMITS.imageTextBytes + 1024), { level: 9 });
    const e = await refusal(analyze(pngSpecText({ zTXtBytes: bomb }), 'bomb.png', rules, []));
    expect(e.message).toMatch(/压缩炸弹/);
  });

  it('reads a docx appended to a PDF (a polyglot) and warns about it', async () => {
    const both = new Uint8Array(Buffer.concat([pdf({ pages: ['公开的正文'] }), docx({ body: [`附件 ${ID}`] })]));
    const a = await analyze(both, 'both.pdf', rules, []);
    expect(a.type).toBe('pdf');
    expect(a.warnings.join()).toMatch(/还附带一份Word 文档（docx）/);
    expect(a.findings.filter((f) => f.kind === 'ID_CARD').map((f) => f.location)).toEqual([expect.stringMatching(/^文件中附带的Word 文档（docx）：/)]);
  });

  it('warns about data after the end of a PNG, and not about a clean one', async () => {
    const clean = png({});
    expect((await analyze(clean, 'a.png', rules, [])).warnings.join()).not.toMatch(/两种格式/);
    const tail = new Uint8Array(Buffer.concat([clean, Buffer.from('%PDF-1.7 hidden')]));
    expect((await analyze(tail, 'b.png', rules, [])).warnings.join()).toMatch(/含有PDF 文件（一个文件同时是两种格式）/);
    expect((await analyze(pdf({ pages: ['正文'] }), 'c.pdf', rules, [])).warnings.join()).not.toMatch(/两种格式/);
  });
});
