import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { extract } from '../../../electron/documents/analyze';
import { createRedactor } from '../../../electron/redaction';
import { xlsx, type SheetSpec } from '../../helpers/fixtures';
import { residentId } from '../../helpers/synthetic';
import { entries, unzipGrep } from './tools';

// Every place the import reads in a workbook, redacted and checked by unzipping and
// searching, by the import extractor, by ExcelJS opening the result, and by the proof.

const ID = residentId('330106', '19880512', '234');
const KEEP = '其余内容照常公开';
const redactor = createRedactor();
const targets = [{ text: ID, kind: 'ID_CARD', ground: 'PERSONAL_PRIVACY' }];

async function run(sheets: SheetSpec[], names: Record<string, string> = {}, value = ID) {
  const src = xlsx(sheets, names);
  const out = await redactor.redact({ bytes: src, name: '名单.xlsx', targets: [{ ...targets[0]!, text: value }] });
  const proof = await redactor.prove({ original: src, publicVersion: out.bytes, name: out.name, removed: [value] });
  const segments = (await extract(out.bytes, out.name)).extraction.segments;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(out.bytes) as never);
  return { src, out, proof, segments, book };
}

const visible = (cells: SheetSpec['cells']): SheetSpec => ({ name: '公示', cells: [['A1', KEEP, 's'], ...cells] });

describe('xlsx: every hidden place', () => {
  const cases: Array<[string, SheetSpec[], Record<string, string>?]> = [
    ['shared string', [visible([['B2', `身份证号 ${ID}`, 's']])]],
    ['inline string', [visible([['B2', ID, 'inline']])]],
    ['number', [visible([['B2', ID.replace('X', '0').slice(0, 17) + '0', 'n']])]],
    ['hidden sheet', [visible([]), { name: '底稿', state: 'hidden', cells: [['C3', ID, 'inline']] }]],
    ['very hidden sheet', [visible([]), { name: '原始', state: 'veryHidden', cells: [['D4', ID, 's']] }]],
    ['hidden row and column', [{ name: '行列', cells: [['A1', KEEP, 's'], ['A5', ID, 's'], ['E1', ID, 's']], hiddenRows: [5], hiddenCols: [5] }]],
    ['cell note', [{ ...visible([]), note: { ref: 'A1', author: '李会计', text: `备注：${ID}` } }]],
    ['defined name', [visible([])], { 核对号: `"${ID}"` }],
  ];
  for (const [label, sheets, names] of cases)
    it(label, async () => {
      const planted = label === 'number' ? ID.replace('X', '0').slice(0, 17) + '0' : ID;
      const { src, out, proof, segments } = await run(sheets, names, planted);
      expect(unzipGrep(src, planted).length).toBeGreaterThan(0);
      expect(unzipGrep(out.bytes, planted)).toEqual([]);
      const text = segments.map((s) => s.text).join('\n');
      expect(text).toContain(KEEP);
      expect(text).not.toContain(planted);
      expect(proof.problems).toEqual([]);
    });

  it('lists the hidden sheets it removed, shows hidden rows, drops notes and their authors', async () => {
    const { out, book } = await run([
      { ...visible([['B2', ID, 's']]), note: { ref: 'A1', author: '李会计', text: '请核对' }, hiddenRows: [2] },
      { name: '底稿', state: 'hidden', cells: [['C3', '内部数据', 'inline'], ['C4', '只在底稿中的共享字符串', 's']] },
    ]);
    expect(unzipGrep(out.bytes, '内部数据')).toEqual([]);
    expect(unzipGrep(out.bytes, '只在底稿中的共享字符串')).toEqual([]);
    expect(out.notes.join('\n')).toContain('删除了隐藏的工作表“底稿”');
    expect(out.notes.join('\n')).toMatch(/批注/);
    expect(book.worksheets.map((w) => w.name)).toEqual(['公示']);
    expect(book.getWorksheet('公示')!.getCell('B2').value).toBe('〔已删除〕');
    expect(book.getWorksheet('公示')!.getRow(2).hidden).toBe(false);
    expect(unzipGrep(out.bytes, '李会计')).toEqual([]);
    expect(entries(out.bytes).some((e) => /comments/.test(e))).toBe(false);
  });

  it('a workbook written by ExcelJS (styles, notes in VML, a hidden sheet, core properties) comes out clean and opens', async () => {
    const wb = new ExcelJS.Workbook();
    wb.creator = '张制表';
    wb.lastModifiedBy = '李修改';
    const ws = wb.addWorksheet('公示');
    ws.getCell('A1').value = KEEP;
    ws.getCell('A1').font = { bold: true };
    ws.getCell('B2').value = `身份证号 ${ID}`;
    ws.getCell('B2').note = `核对人 王核对 ${ID}`;
    ws.getCell('C2').value = { formula: 'LEN(B2)', result: 23 };
    const hidden = wb.addWorksheet('底稿', { state: 'veryHidden' });
    hidden.getCell('A1').value = '底稿内容';
    const src = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(unzipGrep(src, ID).length).toBeGreaterThan(0);
    const out = await redactor.redact({ bytes: src, name: 'a.xlsx', targets: [{ ...targets[0]!, mask: 'id-region-last' }] });
    for (const gone of [ID, '王核对', '张制表', '李修改', '底稿内容']) expect(unzipGrep(out.bytes, gone)).toEqual([]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(out.bytes) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['公示']);
    const sheet = book.getWorksheet('公示')!;
    expect(sheet.getCell('A1').value).toBe(KEEP);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('B2').value).toBe(`身份证号 330106${'*'.repeat(11)}${ID.at(-1)}`);
    expect(sheet.getCell('B2').note).toBeUndefined();
    expect(sheet.getCell('C2').formula).toBe('LEN(B2)');
    const proof = await redactor.prove({ original: src, publicVersion: out.bytes, name: out.name, removed: [ID] });
    expect(proof.problems).toEqual([]);
  });

  it('hidden rows and columns can be removed instead of shown', async () => {
    const src = xlsx([{ name: '行列', cells: [['A1', KEEP, 's'], ['A5', '隐藏行的内容', 's'], ['E1', '隐藏列的内容', 's'], ['B2', '可见内容', 's']], hiddenRows: [5], hiddenCols: [5] }]);
    const out = await createRedactor({ hiddenRowsAndColumns: 'remove' }).redact({ bytes: src, name: 'a.xlsx', targets: [] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(out.bytes) as never);
    const ws = book.getWorksheet('行列')!;
    expect(ws.getCell('A5').value).toBeNull();
    expect(ws.getCell('E1').value).toBeNull();
    expect(ws.getCell('B2').value).toBe('可见内容');
    expect(out.notes.join('\n')).toContain('删除了隐藏的行和列中的 2 个单元格');
    expect(unzipGrep(out.bytes, '隐藏行的内容')).toEqual([]);
    expect(unzipGrep(out.bytes, '隐藏列的内容')).toEqual([]);
    // The reviewer's choice for one file, through the call, overrides the engine's default.
    const perCall = await createRedactor().redact({ bytes: src, name: 'a.xlsx', targets: [], hiddenRowsAndColumns: 'remove' });
    expect(unzipGrep(perCall.bytes, '隐藏行的内容')).toEqual([]);
    const shown = await createRedactor({ hiddenRowsAndColumns: 'remove' }).redact({ bytes: src, name: 'a.xlsx', targets: [], hiddenRowsAndColumns: 'reveal' });
    expect(unzipGrep(shown.bytes, '隐藏行的内容')).not.toEqual([]);
  });

  it('a removed number becomes text; a formula reading it loses its cached value', async () => {
    const num = ID.replace('X', '0').slice(0, 17) + '0';
    const src = xlsx([visible([['B2', num, 'n']])]);
    // A formula cell whose cached value repeats the removed number, and one that only depends on it.
    const withFormula = await patchSheet(src, `<c r="C2"><f>B2</f><v>${num}</v></c><c r="D2"><f>LEN(B2)</f><v>18</v></c>`);
    const out = await redactor.redact({ bytes: withFormula, name: 'a.xlsx', targets: [{ ...targets[0]!, text: num }] });
    expect(unzipGrep(out.bytes, num)).toEqual([]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(out.bytes) as never);
    const ws = book.getWorksheet('公示')!;
    expect(ws.getCell('B2').value).toBe('〔已删除〕');
    expect(ws.getCell('C2').formula).toBe('B2');
    expect(ws.getCell('D2').formula).toBe('LEN(B2)');
    expect((ws.getCell('D2').value as { result?: unknown }).result).toBeUndefined();
    expect(out.notes.join('\n')).toMatch(/公式/);
  });
});

async function patchSheet(book: Uint8Array, extraCell: string): Promise<Uint8Array> {
  const { unzipSync, zipSync, strToU8, strFromU8 } = await import('fflate');
  const files = unzipSync(book);
  files['xl/worksheets/sheet1.xml'] = strToU8(strFromU8(files['xl/worksheets/sheet1.xml']!).replace('</row><row r="2">', '</row><row r="2">').replace(/(<row r="2">.*?)(<\/row>)/, `$1${extraCell}$2`));
  return zipSync(files);
}
