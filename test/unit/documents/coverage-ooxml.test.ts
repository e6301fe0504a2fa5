import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docx } from '../../helpers/fixtures';
import { residentId } from '../../helpers/synthetic';
import { analyzeFile, expectAllReported, expectEveryPartListed, missing } from './coverage/check';
import { DOCX_MARKERS, docxWithMarkers } from './coverage/docx-build';
import { XLSX_MARKERS, xlsxWithMarkers } from './coverage/xlsx-build';

// Office Open XML: a marker in every place the format lets text live, and every part of
// the package either read or listed as 未读取 with its reason.

describe('docx coverage', () => {
  it('reports every planted marker', async () => {
    const a = await analyzeFile(docxWithMarkers(), 'coverage.docx');
    expectAllReported(a, DOCX_MARKERS);
  });

  it('lists every part, read or 未读取 with the reason', async () => {
    const buf = docxWithMarkers();
    const a = await analyzeFile(buf, 'coverage.docx');
    expectEveryPartListed(a, buf);
    const unread = Object.fromEntries(a.parts.filter((p) => !p.read).map((p) => [p.name, p.reason]));
    expect(unread['word/vbaProject.bin']).toMatch(/宏代码/);
    expect(unread['word/embeddings/oleObject1.bin']).toMatch(/二进制对象/);
    expect(unread['word/fonts/font1.odttf']).toMatch(/字形数据/);
    expect(a.parts.find((p) => p.name === 'word/embeddings/Microsoft_Excel_Worksheet.xlsx')).toMatchObject({ read: true });
    expect(a.parts.some((p) => p.name.startsWith('word/embeddings/Microsoft_Excel_Worksheet.xlsx › xl/worksheets/'))).toBe(true);
    expect(a.warnings.some((w) => w.includes('未能读取'))).toBe(true);
  });

  it('names the places for people and does not repeat known places', async () => {
    const a = await analyzeFile(docxWithMarkers(), 'coverage.docx');
    const where = (m: string) => a.segments.filter((s) => a.text.slice(s.start, s.end).includes(m)).map((s) => s.location);
    expect(where('MARK-docx-descr')).toEqual([expect.stringMatching(/^替代文字：word\/document\.xml/)]);
    expect(where('MARK-docx-docvar')).toEqual([expect.stringMatching(/^文档变量/)]);
    expect(where('MARK-docx-mailto')).toEqual([expect.stringMatching(/^外部链接：word\/_rels\/document\.xml\.rels/)]);
    expect(where('MARK-docx-embedded-xlsx')[0]).toMatch(/^嵌入文件“word\/embeddings\/Microsoft_Excel_Worksheet\.xlsx”：S!A1/);
    // Known places are reported once, by their own reader.
    for (const m of ['MARK-docx-body', 'MARK-docx-comment', 'MARK-docx-cauthor', 'MARK-docx-core-title', 'MARK-docx-custom-prop', 'MARK-docx-customxml', 'MARK-docx-insert'])
      expect(where(m), m).toHaveLength(1);
    // Style names and ids are structure, not text.
    expect(a.text).not.toContain('Normal');
  });

  it('finds an ID number in a place only the generic walk reads', async () => {
    const ID = residentId('330106', '19880512', '234');
    const buf = docxWithMarkers();
    const files = { ...Object.fromEntries([['word/settings.xml', strToU8(`<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docVars><w:docVar w:name="证件" w:val="${ID}"/></w:docVars></w:settings>`)]]) };
    const { unzipSync } = await import('fflate');
    const a = await analyzeFile(zipSync({ ...unzipSync(buf), ...files }), 'id.docx');
    expect(a.findings.filter((f) => f.kind === 'ID_CARD').map((f) => f.location)).toEqual([expect.stringMatching(/^文档变量/)]);
  });

  it('lists an embedded file past the nesting limit as 未读取', async () => {
    let file = docx({ body: ['最内层 MARK-docx-deep'] });
    for (let i = 0; i < 4; i++) file = xlsxWithMarkers({ only: `第${i}层`, embedded: file });
    const a = await analyzeFile(file, 'deep.xlsx');
    expect(missing(a, ['MARK-docx-deep'])).toEqual(['MARK-docx-deep']);
    expect(a.parts.some((p) => !p.read && /嵌套层数/.test(p.reason ?? ''))).toBe(true);
  });
});

describe('xlsx coverage', () => {
  const embedded = docx({ body: ['MARK-xlsx-embedded-docx'] });

  it('reports every planted marker', async () => {
    const a = await analyzeFile(xlsxWithMarkers({ embedded }), 'coverage.xlsx');
    expectAllReported(a, [...XLSX_MARKERS, 'MARK_xlsx_defname']);
  });

  it('lists every part, read or 未读取 with the reason', async () => {
    const buf = xlsxWithMarkers({ embedded });
    const a = await analyzeFile(buf, 'coverage.xlsx');
    expectEveryPartListed(a, buf);
    expect(a.parts.filter((p) => !p.read)).toEqual([]);
  });

  it('keeps the known places and names the new ones', async () => {
    const a = await analyzeFile(xlsxWithMarkers({ embedded }), 'coverage.xlsx');
    const where = (m: string) => a.segments.filter((s) => a.text.slice(s.start, s.end).includes(m)).map((s) => s.location);
    expect(where('MARK-xlsx-hidden-row')).toEqual(['公示!A3（隐藏的行）']);
    expect(where('MARK-xlsx-veryhidden-sheet')).toEqual([expect.stringContaining('深度隐藏的工作表')]);
    expect(where('MARK-xlsx-dv-prompt')).toEqual([expect.stringMatching(/^数据验证/)]);
    expect(where('MARK-xlsx-formula')).toEqual([expect.stringMatching(/^公式/)]);
    expect(where('MARK-xlsx-chart-title')).toEqual([expect.stringMatching(/^图表/)]);
    expect(where('MARK-xlsx-pivot-item')).toEqual([expect.stringMatching(/^数据透视表缓存/)]);
    expect(where('MARK-xlsx-ext-path')).toEqual([expect.stringMatching(/^外部链接/)]);
    for (const m of ['MARK-xlsx-shared', 'MARK-xlsx-comment', 'MARK-xlsx-threaded', 'MARK-xlsx-header', 'MARK-xlsx-defvalue']) expect(where(m), m).toHaveLength(1);
  });
});
