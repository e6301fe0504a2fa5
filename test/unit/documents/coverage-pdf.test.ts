import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { docx } from '../../helpers/fixtures';
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

describe('pdf places beyond pages and fields', () => {
  it('names page labels, layers, structure alt text, and reads a file attached by an annotation', async () => {
    const a = await analyzeFile(await pdfWithMarkers(), 'coverage.pdf');
    // Whole markers only: MARK-pdf-annot-file is not MARK-pdf-annot-file-desc.
    const where = (m: string) => a.segments.filter((s) => new RegExp(`${m}(?![\\w-])`).test(a.text.slice(s.start, s.end))).map((s) => s.location);
    expect(where('MARK-pdf-label-prefix')).toEqual([expect.stringMatching(/^页码标签/)]);
    expect(where('MARK-pdf-ocg-name')).toEqual([expect.stringMatching(/^图层名称/)]);
    expect(where('MARK-pdf-struct-alt')).toEqual([expect.stringMatching(/^替代文字/)]);
    expect(where('MARK-pdf-redact-overlay')).toEqual([expect.stringMatching(/^注释/)]);
    expect(where('MARK-pdf-aa-open-js')).toEqual([expect.stringMatching(/^JavaScript（不执行）/)]);
    expect(where('MARK-pdf-annot-file')).toEqual([expect.stringMatching(/^附件“批注附件\.docx”：正文/)]);
    expect(a.parts.find((p) => p.name === '附件“批注附件.docx”')).toMatchObject({ read: true });
  });
});

describe('pdf attachments within the limits', () => {
  it('reads attached files recursively and lists one past the nesting limit as 未读取', async () => {
    const wrap = async (file: Uint8Array, name: string) => {
      const doc = await PDFDocument.create();
      doc.addPage([200, 200]);
      await doc.attach(file, name, { mimeType: 'application/octet-stream' });
      return doc.save();
    };
    let file: Uint8Array = docx({ body: ['MARK-pdf-deepest'] });
    file = await wrap(file, '第3层.docx');
    const two = await wrap(file, '第2层.pdf');
    // Two levels down is read; four levels down is past LIMITS.nestingDepth (3).
    const a2 = await analyzeFile(await wrap(two, '第1层.pdf'), 'two.pdf');
    expect(a2.text).toContain('MARK-pdf-deepest');
    const deep = await wrap(await wrap(await wrap(two, '第1层.pdf'), '第0层.pdf'), '外层.pdf');
    const a = await analyzeFile(deep, 'deep.pdf');
    expect(a.text).not.toContain('MARK-pdf-deepest');
    expect(a.parts.some((p) => !p.read && /嵌套层数/.test(p.reason ?? ''))).toBe(true);
  });
});
