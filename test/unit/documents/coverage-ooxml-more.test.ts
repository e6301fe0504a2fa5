import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipEntries } from '../../../electron/documents/zip';
import { docx } from '../../helpers/fixtures';
import { analyzeFile, expectEveryPartListed } from './coverage/check';
import { docxWithMarkers } from './coverage/docx-build';
import { xlsxWithMarkers } from './coverage/xlsx-build';

// The places beyond the body that ECMA-376 allows (styles, themes, numbering, charts,
// SmartArt, custom sheet properties, legacy VML): named for people, Office's own names
// kept out, and a part that is not well-formed XML still searched and listed as 未读取.

type A = Awaited<ReturnType<typeof analyzeFile>>;
const where = (a: A, m: string) => a.segments.filter((s) => a.text.slice(s.start, s.end).includes(m)).map((s) => s.location);

describe('docx places beyond the body', () => {
  it('names style, theme, numbering, chart and SmartArt text for people', async () => {
    const a = await analyzeFile(docxWithMarkers(), 'coverage.docx');
    expect(where(a, 'MARK-docx-style-name')).toEqual([expect.stringMatching(/^样式名称：word\/styles\.xml/)]);
    expect(where(a, 'MARK-docx-style-alias')).toEqual([expect.stringMatching(/^样式名称：word\/styles\.xml/)]);
    expect(where(a, 'MARK-docx-theme-name')).toEqual([expect.stringMatching(/^主题名称：word\/theme\/theme1\.xml/)]);
    expect(where(a, 'MARK-docx-numbering-lvltext')).toEqual([expect.stringMatching(/^编号：word\/numbering\.xml/)]);
    expect(where(a, 'MARK-docx-smartart-data')).toEqual([expect.stringMatching(/^SmartArt 图形/)]);
    expect(where(a, 'MARK-docx-chart-title')).toEqual([expect.stringMatching(/^图表/)]);
    expect(where(a, 'MARK-docx-chart-data')[0]).toMatch(/^嵌入文件“word\/embeddings\/Microsoft_Excel_Sheet1\.xlsx”/);
    expect(where(a, 'MARK-docx-footnote-separator')).toEqual([expect.stringMatching(/^脚注/)]);
    expect(where(a, 'MARK-docx-header-first')).toEqual([expect.stringMatching(/^页眉2/)]);
    expect(where(a, 'MARK-docx-template-path')).toEqual([expect.stringMatching(/^外部链接：word\/_rels\/settings\.xml\.rels/)]);
    expect(where(a, 'MARK-docx-altchunk')[0]).toMatch(/^嵌入文件“word\/afchunk1\.htm”/);
    expect(where(a, 'MARK-docx-thumbnail')[0]).toMatch(/^嵌入文件“docProps\/thumbnail\.jpeg”/);
  });

  it('keeps Office\'s own style and theme names out', async () => {
    const a = await analyzeFile(docxWithMarkers(), 'coverage.docx');
    // Built-in styles (no customStyle) and themes named Office… are what Word writes into every file.
    for (const name of ['heading 1', 'Normal', 'Calibri Light', 'Placeholder Text']) expect(a.text, name).not.toContain(name);
    expect(where(a, 'MARK-docx-glossary-style')).toEqual([expect.stringMatching(/^样式名称：word\/glossary\/styles\.xml/)]);
    expect(a.segments.filter((s) => /theme1\.xml/.test(s.location)).map((s) => a.text.slice(s.start, s.end))).toEqual(['MARK-docx-theme-name', 'MARK-docx-fontscheme-name']);
  });

  it('lists every part of an embedded package under its own name', async () => {
    const buf = docxWithMarkers();
    const a = await analyzeFile(buf, 'coverage.docx');
    for (const inner of ['word/embeddings/Microsoft_Excel_Sheet1.xlsx', 'word/embeddings/Microsoft_Excel_Worksheet.xlsx']) {
      const names = zipEntries(unzipSync(buf)[inner]!).map((e) => `${inner} › ${e.name}`);
      const listed = new Set(a.parts.map((p) => p.name));
      expect(names.filter((n) => !listed.has(n)), inner).toEqual([]);
    }
  });
});

describe('xlsx places beyond the cells', () => {
  it('reads a worksheet custom property as its UTF-16 text', async () => {
    const a = await analyzeFile(xlsxWithMarkers(), 'coverage.xlsx');
    expect(where(a, 'MARK-xlsx-customproperty')).toEqual(['工作表自定义属性：xl/customProperty1.bin']);
    expect(a.parts.find((p) => p.name === 'xl/customProperty1.bin')).toMatchObject({ read: true, what: '工作表自定义属性' });
  });

  it('reports a user-defined cell style and a number format\'s own text, not built-in names or date words', async () => {
    const a = await analyzeFile(xlsxWithMarkers(), 'coverage.xlsx');
    expect(where(a, 'MARK-xlsx-cellstyle-name')).toEqual([expect.stringMatching(/^样式名称：xl\/styles\.xml/)]);
    expect(where(a, 'MARK-xlsx-numfmt-literal')).toEqual([expect.stringMatching(/^数字格式：xl\/styles\.xml/)]);
    // 常规 is built in (builtinId), yyyy"年"m"月" only dates: neither is reported.
    expect(a.segments.filter((s) => s.location.includes('xl/styles.xml')).map((s) => a.text.slice(s.start, s.end))).toEqual(['"MARK-xlsx-numfmt-literal"@', 'MARK-xlsx-cellstyle-name']);
  });
});

describe('an alt chunk with no reader of its own', () => {
  it('is searched as plain text and listed as 未读取 with the reason', async () => {
    const rtf = strToU8('{\\rtf1\\ansi MARK-alt-rtf \\u24352?\\u19977?}');
    const buf = zipSync({ ...unzipSync(docx({ body: ['正文'] })), 'word/afchunk2.rtf': rtf });
    const a = await analyzeFile(buf, 'rtf.docx');
    expect(a.text).toContain('MARK-alt-rtf');
    expect(a.parts.find((p) => p.name === 'word/afchunk2.rtf')).toMatchObject({ read: false, reason: expect.stringMatching(/无法解码/) });
    expectEveryPartListed(a, buf);
  });
});

describe('a part that is not well-formed XML', () => {
  const vml = `<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shape id="_x0000_s1025"><v:textbox><div><font face="宋体">第一行<br>MARK-broken-vml</font></div></v:textbox></v:shape></xml>`;
  const build = () => zipSync({ ...unzipSync(docx({ body: ['正文'] })), 'word/drawings/vmlDrawing1.vml': strToU8(vml) });

  it('is still searched, once, and listed as 未读取 with the reason', async () => {
    const buf = build();
    const a = await analyzeFile(buf, 'broken.docx');
    expect(where(a, 'MARK-broken-vml')).toEqual([expect.stringMatching(/word\/drawings\/vmlDrawing1\.vml（文字，宽松读取）$/)]);
    expect(a.parts.find((p) => p.name === 'word/drawings/vmlDrawing1.vml')).toMatchObject({ read: false, reason: expect.stringMatching(/XML 结构不完整/) });
    expectEveryPartListed(a, buf);
    expect(a.warnings.some((w) => w.includes('未能读取'))).toBe(true);
  });
});
