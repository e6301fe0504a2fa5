import { describe, expect, it } from 'vitest';
import { analyze } from '../../../electron/documents/analyze';
import { extractDocx } from '../../../electron/documents/extract/docx';
import { defaultRules } from '../../../electron/scanner/rules';
import { docxBody, docxWithTables } from '../../helpers/docx-table';
import { residentId } from '../../helpers/synthetic';

// Every paragraph of a Word table cell says which table, row and grid column it sits in,
// nested tables and merged cells included, while its location words stay as they were.

const ID = residentId();
const doc = docxWithTables({ value: ID, hidden: '隐藏的备注' });
const plain = (x: unknown) => (x === undefined ? x : (JSON.parse(JSON.stringify(x)) as unknown));
const tableOf = (text: string) => plain(extractDocx(doc).segments.find((s) => s.text === text)?.table);

describe('Word table cells in the extractor', () => {
  it('number tables in document order and give row and column of a plain 2×3 table', () => {
    expect(tableOf('序号')).toEqual([{ table: 1, row: 1, col: 1 }]);
    expect(tableOf('身份证号')).toEqual([{ table: 1, row: 1, col: 3 }]);
    expect(tableOf(ID)).toEqual([{ table: 1, row: 2, col: 3 }]);
    expect(tableOf('隐藏的备注')).toEqual([{ table: 1, row: 2, col: 3 }]);
  });

  it('keep paragraphs outside tables as they were, in document order', () => {
    const e = extractDocx(doc);
    const body = e.segments.filter((s) => s.location.startsWith('正文'));
    expect(body.map((s) => s.text)).toEqual(['表前的段落', '序号', '姓名', '身份证号', '1', '测试甲', ID, '隐藏的备注', '两表之间', '合并两列', '纵向合并', '左', '内甲', '内乙', '内表之后', '表后的段落']);
    for (const t of ['表前的段落', '两表之间', '表后的段落']) expect(tableOf(t)).toBeUndefined();
    // The location words readers match and forms print are unchanged.
    expect(body.find((s) => s.text === ID)?.location).toMatch(/^正文 第\d+段$/);
    expect(body.find((s) => s.text === '隐藏的备注')?.location).toMatch(/^正文 第\d+段（隐藏文字）$/);
  });

  it('place cells after a merged cell in their grid column and span merged cells', () => {
    expect(tableOf('合并两列')).toEqual([{ table: 2, row: 1, col: 1, colSpan: 2 }]);
    expect(tableOf('纵向合并')).toEqual([{ table: 2, row: 1, col: 3, rowSpan: 2 }]);
    expect(tableOf('左')).toEqual([{ table: 2, row: 2, col: 1 }]);
  });

  it('give a nested table its own number and keep the outer cell', () => {
    expect(tableOf('内甲')).toEqual([{ table: 2, row: 2, col: 2 }, { table: 3, row: 1, col: 1 }]);
    expect(tableOf('内乙')).toEqual([{ table: 2, row: 2, col: 2 }, { table: 3, row: 1, col: 2 }]);
    expect(tableOf('内表之后')).toEqual([{ table: 2, row: 2, col: 2 }]);
  });

  it('number tables per part', () => {
    const h = extractDocx(doc).segments.find((s) => s.text === '页眉表格');
    expect(h?.location).toMatch(/^页眉1 第1段$/);
    expect(plain(h?.table)).toEqual([{ table: 1, row: 1, col: 1 }]);
  });

  it('attribute text in a vertical-merge continuation to the first cell', () => {
    const e = extractDocx(docxWithTables({ value: ID, continuation: '续行文字' }));
    expect(plain(e.segments.find((s) => s.text === '续行文字')?.table)).toEqual([{ table: 2, row: 1, col: 3, rowSpan: 2 }]);
    // The cells after it in its row keep their own columns.
    expect(plain(e.segments.find((s) => s.text === '左')?.table)).toEqual([{ table: 2, row: 2, col: 1 }]);
  });

  it('widen a cell for a legacy horizontal merge and skip grid columns before a row', () => {
    const c = (t: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}<w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:tc>`;
    const e = extractDocx(
      docxBody(
        `<w:tbl><w:tr>${c('甲', '<w:hMerge w:val="restart"/>')}${c('乙', '<w:hMerge/>')}${c('丙')}</w:tr>` +
          `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${c('丁')}${c('戊')}</w:tr></w:tbl>`,
      ),
    );
    const at = (t: string) => plain(e.segments.find((s) => s.text === t)?.table);
    expect(at('甲')).toEqual([{ table: 1, row: 1, col: 1, colSpan: 2 }]);
    expect(at('乙')).toEqual([{ table: 1, row: 1, col: 1, colSpan: 2 }]);
    expect(at('丙')).toEqual([{ table: 1, row: 1, col: 3 }]);
    expect(at('丁')).toEqual([{ table: 1, row: 2, col: 2 }]);
    expect(at('戊')).toEqual([{ table: 1, row: 2, col: 3 }]);
  });

  it('reach the stored segments through the analysis, with the finding in the cell', async () => {
    const a = await analyze(doc, '表格.docx', defaultRules(), []);
    const f = a.findings.find((x) => x.kind === 'ID_CARD');
    expect(f?.text).toBe(ID);
    const seg = a.segments.find((s) => s.start <= f!.start && f!.end <= s.end) as { table?: unknown; location: string };
    expect(plain(seg.table)).toEqual([{ table: 1, row: 2, col: 3 }]);
    // The finding names its cell after the paragraph, for the printed form read beside the paper.
    expect(f!.location).toBe(`${seg.location}（表格1 第2行第3列）`);
    expect(a.segments.find((s) => a.text.slice(s.start, s.end) === '表前的段落')).not.toHaveProperty('table');
  });
});
