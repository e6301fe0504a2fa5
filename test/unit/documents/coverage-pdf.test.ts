import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { analyzeFile, expectAllReported } from './coverage/check';
import { PDF_MARKERS, pdfWithMarkers } from './coverage/pdf-build';

// PDF: a marker in every place the format lets text live, and every kind of object
// either read or listed as 未读取 with its reason.

describe('pdf coverage', () => {
  it('reports every planted marker', async () => {
    const a = await analyzeFile(await pdfWithMarkers(), 'coverage.pdf');
    expectAllReported(a, PDF_MARKERS);
  });

  it('names the places and lists what it could not read', async () => {
    const a = await analyzeFile(await pdfWithMarkers(), 'coverage.pdf');
    const where = (m: string) => a.segments.filter((s) => a.text.slice(s.start, s.end).includes(m)).map((s) => s.location);
    expect(where('MARK-pdf-field-tooltip')).toEqual([expect.stringMatching(/^表单域/)]);
    expect(where('MARK-pdf-outline')).toEqual([expect.stringMatching(/^书签/)]);
    expect(where('MARK-pdf-js-stream')).toEqual([expect.stringMatching(/^JavaScript（不执行）/)]);
    expect(where('MARK-pdf-nocmap')).toEqual([expect.stringMatching(/^第1页 内容流（未经字符映射的文字）/)]);
    expect(where('MARK-pdf-attached-docx')).toEqual([expect.stringMatching(/^附件“名单\.docx”：正文/)]);
    // What pdf.js already reported is not repeated by the object walk.
    expect(where('MARK-pdf-page')).toEqual(['第1页']);
    expect(where('MARK-pdf-annot-text')).toHaveLength(1);
    expect(where('MARK-pdf-title')).toHaveLength(1);
    for (const p of a.parts) if (!p.read) expect(p.reason, p.name).toBeTruthy();
    expect(a.parts.find((p) => p.what === '图像')).toMatchObject({ read: false, reason: expect.stringMatching(/不做识别/) });
    expect(a.parts.find((p) => p.name === '附件“名单.docx”')).toMatchObject({ read: true });
    expect(a.parts.some((p) => p.name.startsWith('附件“名单.docx” › word/document.xml'))).toBe(true);
  });

  it('lists text drawn in a two-byte font with no character map as 未读取', async () => {
    const doc = await PDFDocument.create();
    const ctx = doc.context;
    const page = doc.addPage([595, 842]);
    const cid = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'CIDFontType2', BaseFont: 'Hidden', CIDSystemInfo: { Registry: ctx.obj('Adobe'), Ordering: ctx.obj('Identity'), Supplement: 0 }, DW: 1000 }));
    const font = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'Hidden', Encoding: 'Identity-H', DescendantFonts: [cid] }));
    page.node.setFontDictionary(PDFName.of('F9'), font);
    page.node.addContentStream(ctx.register(ctx.stream('BT /F9 12 Tf 50 700 Td <00410042004300440045> Tj ET')));
    const a = await analyzeFile(await doc.save(), 'unmapped.pdf');
    expect(a.parts.find((p) => p.reason?.includes('字体没有字符映射表'))).toMatchObject({ name: expect.stringContaining('第1页'), read: false });
  });
});
