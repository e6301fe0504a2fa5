import { describe, expect, it } from 'vitest';
import { placeOf, tableOf } from '../../../renderer/src/pages/item/documents/places';
import { layout, type Flow, type WordTable } from '../../../renderer/src/pages/item/documents/word-tables';
import type { TableStep } from '../../../shared/documents';

// The item page reads a Word table cell from the stored segment and lays paragraphs and
// tables out in document order, merged and nested cells included.

const seg = (location: string, table?: unknown) => ({ location, start: 0, end: 1, ...(table === undefined ? {} : { table }) });

describe('places: Word table cells', () => {
  it('keeps the part and labels and adds the table address of a paragraph in a cell', () => {
    expect(placeOf(seg('正文 第7段', [{ table: 1, row: 2, col: 3 }]))).toEqual({ part: '正文', hidden: [], table: [{ table: 1, row: 2, col: 3 }] });
    const hidden = placeOf(seg('页眉1 第2段（隐藏文字）', [{ table: 2, row: 1, col: 1, colSpan: 2 }, { table: 3, row: 1, col: 2 }]));
    expect(hidden.part).toBe('页眉1');
    expect(hidden.hidden).toEqual(expect.arrayContaining(['隐藏文字', '页眉页脚']));
    expect(hidden.table).toEqual([{ table: 2, row: 1, col: 1, colSpan: 2 }, { table: 3, row: 1, col: 2 }]);
  });

  it('reads old segments and malformed addresses as plain paragraphs', () => {
    expect(placeOf(seg('正文 第3段'))).toEqual({ part: '正文', hidden: [] });
    for (const bad of [[], 'x', [{ table: 1, row: 0, col: 1 }], [{ table: 1, row: 1 }], [null], [{ table: 1.5, row: 1, col: 1 }]]) expect(tableOf(seg('正文 第3段', bad))).toBeUndefined();
    // Spans of one are no spans; odd spans are dropped, the cell is kept.
    expect(tableOf(seg('正文 第1段', [{ table: 1, row: 1, col: 1, rowSpan: 1, colSpan: 'x' }]))).toEqual([{ table: 1, row: 1, col: 1 }]);
  });

  it('leaves spreadsheet cells as they were', () => {
    expect(placeOf(seg('名单!B2'))).toEqual({ part: '工作表“名单”', hidden: [], cell: { row: 2, col: 2 } });
  });
});

type P = { text: string; table?: TableStep[] };
const pieces = (list: Array<[string, TableStep[]?]>): P[] => list.map(([text, table]) => ({ text, ...(table ? { table } : {}) }));
const flatten = (f: Flow<P>): unknown[] => f.map((x) => (x.kind === 'piece' ? x.piece.text : { 表格: x.table.id, rows: x.table.rows.map((r) => r.cells.map(cell)) }));
const cell = (c: WordTable<P>['rows'][number]['cells'][number]) => {
  const span = `${c.rowSpan > 1 ? `↓${c.rowSpan}` : ''}${c.colSpan > 1 ? `→${c.colSpan}` : ''}`;
  const inner = flatten(c.flow);
  return span ? { span, inner } : inner;
};

describe('laying out Word tables', () => {
  it('puts paragraphs and tables in document order, cells in their rows and columns, gaps empty', () => {
    const f = layout(
      pieces([
        ['前'],
        ['甲', [{ table: 1, row: 1, col: 1 }]],
        ['乙', [{ table: 1, row: 1, col: 3 }]],
        ['丙', [{ table: 1, row: 2, col: 2 }]],
        ['丙二', [{ table: 1, row: 2, col: 2 }]],
        ['中'],
        ['丁', [{ table: 2, row: 1, col: 1 }]],
        ['后'],
      ]),
      (p) => p.table,
    );
    expect(flatten(f)).toEqual([
      '前',
      { 表格: 1, rows: [[['甲'], [], ['乙']], [[], ['丙', '丙二'], []]] },
      '中',
      { 表格: 2, rows: [[['丁']]] },
      '后',
    ]);
  });

  it('spans merged cells and draws a nested table inside its cell', () => {
    const f = layout(
      pieces([
        ['合并', [{ table: 1, row: 1, col: 1, colSpan: 2 }]],
        ['纵', [{ table: 1, row: 1, col: 3, rowSpan: 2 }]],
        ['左', [{ table: 1, row: 2, col: 1 }]],
        ['内甲', [{ table: 1, row: 2, col: 2 }, { table: 2, row: 1, col: 1 }]],
        ['内乙', [{ table: 1, row: 2, col: 2 }, { table: 2, row: 1, col: 2 }]],
        ['内后', [{ table: 1, row: 2, col: 2 }]],
      ]),
      (p) => p.table,
    );
    expect(flatten(f)).toEqual([
      {
        表格: 1,
        rows: [
          [{ span: '→2', inner: ['合并'] }, { span: '↓2', inner: ['纵'] }],
          [['左'], [{ 表格: 2, rows: [[['内甲'], ['内乙']]] }, '内后']],
        ],
      },
    ]);
  });

  it('never lets a merge cover a cell with text or reach below the last row', () => {
    const f = layout(
      pieces([
        ['宽', [{ table: 1, row: 1, col: 1, colSpan: 3 }]],
        ['挤', [{ table: 1, row: 1, col: 2 }]],
        ['长', [{ table: 1, row: 2, col: 1, rowSpan: 9 }]],
      ]),
      (p) => p.table,
    );
    expect(flatten(f)).toEqual([{ 表格: 1, rows: [[['宽'], ['挤'], []], [['长'], [], []]] }]);
  });
});
