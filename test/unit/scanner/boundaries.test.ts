import { describe, expect, it } from 'vitest';
import { extractDocx } from '../../../electron/documents/extract/docx';
import { extractPdf } from '../../../electron/documents/extract/pdf';
import { extractHtml, extractText } from '../../../electron/documents/extract/text';
import type { Extraction } from '../../../electron/documents/extract/types';
import { extractXlsx } from '../../../electron/documents/extract/xlsx';
import { defaultRules } from '../../../electron/scanner/rules';
import { createScanner, luhn } from '../../../electron/scanner/scanner';
import { xlsx } from '../../helpers/fixtures';
import { luhnCard, MOBILE, residentId } from '../../helpers/synthetic';
import { layoutPdf, row } from './layout-pdf';
import { docxTable, html } from './table-docs';

// Issue 18, class 2: number joining never crosses a spreadsheet cell, a table column or a
// table cell, and still joins a number broken across a line inside a paragraph.

const scanner = createScanner({ rules: defaultRules() });
const found = (e: Extraction, kind: string) => scanner.scan(e.segments).findings.filter((f) => f.kind === kind);

// A 16-digit card split in two halves: joined, the halves pass Luhn as one "bank card".
const CARD = luhnCard('622202', 16);
const [LEFT, RIGHT] = [CARD.slice(0, 8), CARD.slice(8)];

/** An ID and one digit that, written before it, make a 19-digit run that passes Luhn. */
function idWithLuhnLead(): [string, string] {
  for (let seq = 100; seq < 999; seq++) {
    const id = residentId('320102', '19851111', String(seq));
    if (!/^\d{18}$/.test(id)) continue;
    for (const d of '3456') if (luhn(d + id)) return [d, id];
  }
  throw new Error('no such pair');
}
const [LEAD, ID] = idWithLuhnLead();

describe('spreadsheet cells', () => {
  it('are never joined into one number, and the ID in one cell is found there', () => {
    const e = extractXlsx(
      xlsx([{ name: '名单', cells: [['A1', '序号', 's'], ['B1', '身份证号', 's'], ['A2', LEAD, 'n'], ['B2', ID, 's'], ['C2', LEFT, 'n'], ['D2', RIGHT, 'n']] }]),
    );
    expect(found(e, 'BANK_CARD')).toEqual([]);
    expect(found(e, 'ID_CARD').map((f) => [f.text, f.location])).toEqual([[ID, '名单!B2']]);
  });

  it('keep header cells from being names, and read a form laid out label | value', () => {
    const id = residentId('510104', '19791230', '318');
    const e = extractXlsx(
      xlsx([
        { name: '名单', cells: [['A1', '姓名', 's'], ['B1', '身份证号', 's'], ['C1', '手机', 's'], ['A2', '赵海燕', 's'], ['B2', id, 's'], ['C2', MOBILE, 'n']] },
        { name: '登记表', cells: [['A1', '姓名', 's'], ['B1', '钱立新', 's'], ['A2', '联系电话', 's'], ['B2', '13800001111', 's']] },
      ]),
    );
    expect(found(e, 'PERSON_NAME').map((f) => [f.text, f.location])).toEqual([
      ['赵海燕', '名单!A2'],
      ['钱立新', '登记表!B1'],
    ]);
    expect(found(e, 'MOBILE').map((f) => f.location)).toEqual(['名单!C2', '登记表!B2']);
  });

  it('end a line for negative-list patterns, as they do in the stored text', () => {
    const withPattern = createScanner({ rules: defaultRules(), terms: [{ basisId: 'p', kind: 'negative', pattern: '工程.*名单' }] });
    const cells = [{ location: 'A1', text: '工程', cell: 'A1' }, { location: 'B1', text: '名单', cell: 'B1' }];
    expect(withPattern.scan(cells).findings).toEqual([]);
    expect(withPattern.scan([{ location: 'A1', text: '工程与名单' }]).findings.map((f) => f.text)).toEqual(['工程与名单']);
  });

  it('would have joined without the boundary (the scanner honours the cell mark)', () => {
    const segs = [{ location: 'A', text: LEFT }, { location: 'B', text: RIGHT }];
    expect(scanner.scan(segs).findings.map((f) => f.kind)).toEqual(['BANK_CARD']);
    expect(scanner.scan(segs.map((s) => ({ ...s, cell: s.location }))).findings).toEqual([]);
  });
});

describe('Word table cells', () => {
  it('are never joined, while a paragraph before the table is read as before', () => {
    const e = extractDocx(docxTable([['序号', '身份证号', '卡号前段', '卡号后段'], [LEAD, ID, LEFT, RIGHT]], { before: [`联系电话：${MOBILE}`] }));
    expect(found(e, 'BANK_CARD')).toEqual([]);
    expect(found(e, 'ID_CARD').map((f) => f.text)).toEqual([ID]);
    expect(found(e, 'MOBILE').map((f) => f.text)).toEqual([MOBILE]);
    expect(e.segments.find((s) => s.text === ID)?.location).toMatch(/^正文 第\d+段$/); // location unchanged for other readers
  });
});

describe('web page table cells', () => {
  it('are never joined, but a number split by markup inside one cell still is', () => {
    const e = extractHtml(html(`<table><tr><td>${LEAD}</td><td>${ID}</td><td>${LEFT}</td><td>${RIGHT}</td></tr></table><p>卡号 <b>${LEFT}</b>${RIGHT}</p>`));
    expect(found(e, 'ID_CARD').map((f) => f.text)).toEqual([ID]);
    const cards = found(e, 'BANK_CARD');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.location).not.toBe(e.segments.find((s) => s.text === LEFT)!.location);
  });
});

describe('plain text columns', () => {
  it('does not join tab-separated columns or rows, but joins a number broken across lines', () => {
    const table = extractText(new TextEncoder().encode(`序号\t身份证号\t卡号\n${LEAD}\t${ID}\t${LEFT}\n${RIGHT}\t无\t无\n`));
    expect(found(table, 'BANK_CARD')).toEqual([]);
    expect(found(table, 'ID_CARD').map((f) => f.text)).toEqual([ID]);
    const para = extractText(new TextEncoder().encode(`申请人的银行卡号为${LEFT}\n${RIGHT}，身份证号码${ID.slice(0, 10)}\n${ID.slice(10)}。\n`));
    expect(found(para, 'BANK_CARD')).toHaveLength(1);
    expect(found(para, 'ID_CARD')).toHaveLength(1);
  });
});

describe('PDF table columns', () => {
  it('are set apart by a tab, so digits of neighbouring columns are not joined', async () => {
    const e = await extractPdf(
      layoutPdf([
        [
          ...row(780, [[50, '序号'], [90, '身份证号'], [230, '卡号前段'], [310, '卡号后段']]),
          ...row(760, [[50, LEAD], [90, ID], [230, LEFT], [310, RIGHT]]),
          { text: `银行卡号：${LEFT}`, x: 50, y: 700 },
          { text: `${RIGHT}，以上为申请人提供。`, x: 50, y: 682 },
        ],
      ]),
    );
    expect(e.segments[0]!.text).toContain(`${LEAD}\t${ID}\t${LEFT}\t${RIGHT}`);
    expect(found(e, 'ID_CARD').map((f) => f.text)).toEqual([ID]);
    // The only card is the one broken across two lines of the paragraph.
    expect(found(e, 'BANK_CARD').map((f) => f.text.replace(/\s/g, ''))).toEqual([CARD]);
  });
});
