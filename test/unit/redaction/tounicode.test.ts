import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../electron/redaction';
import { pruneCMap } from '../../../electron/redaction/tounicode';
import { residentId } from '../../helpers/synthetic';
import { cjkPdf } from './pdf-files';
import { pdftotext, qpdfCheck } from './tools';

// A subset font's ToUnicode map lists its glyphs in first-use order, so after the words
// are gone from the page the map still spells them. The map is cut down to what the pages
// still show: a removed name is found neither by pdftotext nor by the raw proof.

const ID = residentId('150502', '19800101', '041');
const target = (text: string, kind = 'PERSON_NAME') => ({ text, kind, ground: 'PERSONAL_PRIVACY' });

describe('ToUnicode maps of subset fonts', () => {
  it('a removed Chinese name leaves no trace in the font map, and the proof passes', async () => {
    const bytes = await cjkPdf({ lines: [['某某村低保对象公示', `赵钱孙 身份证号 ${ID}`, '以上名单公示七天']] });
    const r = createRedactor();
    const made = await r.redact({ bytes, name: '公示.pdf', targets: [target('赵钱孙'), target(ID, 'ID_CARD')] });
    expect(made.notes.join()).toMatch(/从字体的字符映射表中删除了 \d+ 个/);
    const proof = await r.prove({ original: bytes, publicVersion: made.bytes, name: made.name, removed: ['赵钱孙', ID] });
    expect(proof.problems).toEqual([]);
    expect(proof.ok).toBe(true);
    const text = pdftotext(made.bytes);
    expect(text).not.toMatch(/[赵钱孙]/);
    expect(text).toContain('以上名单公示七天');
    expect(qpdfCheck(made.bytes).status).toBe(0);
    // The characters still on the page keep their mapping: the text layer stays searchable.
    const doc = await PDFDocument.load(made.bytes);
    expect(doc.getPageCount()).toBe(1);
  });

  it('text under a drawn area is searched by the proof and gone from the file', async () => {
    const bytes = await cjkPdf({ lines: [['某某村低保对象公示', '名单见附件', '内部备注此行只供内部参考']] });
    const r = createRedactor();
    // The third line: baseline 110 pt from the top of an 842 pt page, 12 pt type.
    const made = await r.redact({ bytes, name: '公示.pdf', targets: [], areas: [{ page: 1, x: 0.05, y: 0.112, width: 0.9, height: 0.03 }] });
    expect(made.alsoRemoved).toEqual(['内部备注此行只供内部参考']);
    const proof = await r.prove({ original: bytes, publicVersion: made.bytes, name: made.name, removed: made.alsoRemoved! });
    expect(proof.ok).toBe(true);
    expect(pdftotext(made.bytes)).not.toContain('内部备注');
    expect(pdftotext(made.bytes)).toContain('名单见附件');
  });

  it('rewrites bfchar and bfrange entries (both forms) and keeps the rest of the CMap', () => {
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '1 begincodespacerange <0000> <FFFF> endcodespacerange',
      '2 beginbfchar\n<0003> <0020>\n<0004> <8D75>\nendbfchar',
      '2 beginbfrange\n<0010> <0012> <4E00>\n<0020> <0021> [<94B1> <5B59>]\nendbfrange',
      'endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n');
    const keepOnly = new Set([0x4e01, 0x5b59]);
    const r = pruneCMap(cmap, (s) => [...s].every((c) => keepOnly.has(c.codePointAt(0)!) || c === ' '))!;
    expect(r.dropped).toBe(4);
    expect(r.cmap).toContain('3 beginbfchar\n<0003> <0020>\n<0011> <4E01>\n<0021> <5B59>\nendbfchar');
    expect(r.cmap).not.toContain('beginbfrange');
    expect(r.cmap.startsWith('/CIDInit /ProcSet findresource begin')).toBe(true);
    expect(r.cmap).toContain('1 begincodespacerange <0000> <FFFF> endcodespacerange');
    expect(r.cmap.trim().endsWith('endcmap CMapName currentdict /CMap defineresource pop end end')).toBe(true);
  });
});

describe('partial masks in PDF', () => {
  it('an ID number masked to keep its region code and last digit is written over its black box; a name mask falls back to removal', async () => {
    const bytes = await cjkPdf({ lines: [['某某村低保对象公示', `赵钱孙 身份证号 ${ID}`]] });
    const r = createRedactor();
    const made = await r.redact({ bytes, name: '公示.pdf', targets: [{ ...target(ID, 'ID_CARD'), mask: 'id-region-last' }, { ...target('赵钱孙'), mask: 'name-surname' }] });
    const text = pdftotext(made.bytes);
    expect(text).toContain(`${ID.slice(0, 6)}***********${ID.slice(-1)}`);
    expect(text).not.toContain(ID);
    expect(text).not.toMatch(/[赵钱孙]/);
    expect(made.notes.join()).toMatch(/有 1 处部分遮盖含有中文/);
    expect(made.removals).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'ID_CARD', replacement: `${ID.slice(0, 6)}***********${ID.slice(-1)}` })]));
    expect((await r.prove({ original: bytes, publicVersion: made.bytes, name: made.name, removed: [ID, '赵钱孙'] })).ok).toBe(true);
    expect(qpdfCheck(made.bytes).status).toBe(0);
  });
});
