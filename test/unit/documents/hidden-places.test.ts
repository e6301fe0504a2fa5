import { describe, expect, it } from 'vitest';
import { analyze } from '../../../electron/documents/analyze';
import { defaultRules } from '../../../electron/scanner/rules';
import { docx, jpeg, pdf, png, xlsx } from '../../helpers/fixtures';
import { residentId } from '../../helpers/synthetic';

// For each place a reader could find text, a file is built in code with a synthetic ID
// planted there, and the scanner must find it and say where.

const ID = residentId('330106', '19880512', '234');
const rules = defaultRules();

async function idLocations(buf: Uint8Array, name: string): Promise<string[]> {
  const a = await analyze(buf, name, rules, []);
  return a.findings.filter((f) => f.kind === 'ID_CARD' && f.text.replace(/\D/g, '') === ID.replace(/\D/g, '')).map((f) => f.location);
}

describe('docx: every hidden place', () => {
  const cases: Array<[string, Parameters<typeof docx>[0], RegExp]> = [
    ['body', { body: [`身份证号：${ID}`] }, /^正文 第1段$/],
    ['header', { header: ID }, /^页眉1 第1段$/],
    ['footer', { footer: ID }, /^页脚1 第1段$/],
    ['footnote', { footnote: ID }, /^脚注 第1段$/],
    ['endnote', { endnote: ID }, /^尾注 第1段$/],
    ['comment', { comment: { author: '张审核', text: `核对：${ID}` } }, /^批注 第1段$/],
    ['tracked insertion', { inserted: ID }, /修订：插入的文字/],
    ['tracked deletion', { deleted: ID }, /修订：已删除的文字/],
    ['hidden text', { hidden: ID }, /隐藏文字/],
    ['text box', { textbox: ID }, /文本框/],
    ['core properties', { core: { 'dc:subject': ID } }, /^文档属性：主题$/],
    ['custom properties', { custom: { 经办人证件: ID } }, /^自定义属性：经办人证件$/],
    ['custom XML', { customXml: ID }, /^自定义XML：customXml\/item1\.xml$/],
    ['embedded object name', { embedded: `${ID}.xlsx` }, /^嵌入的对象$/],
  ];
  for (const [label, parts, where] of cases)
    it(label, async () => {
      const locations = await idLocations(docx(parts), 'a.docx');
      expect(locations).toHaveLength(1);
      expect(locations[0]).toMatch(where);
    });

  it('reports comment authors', async () => {
    const a = await analyze(docx({ comment: { author: '张审核', text: '请核对' } }), 'a.docx', rules, []);
    expect(a.segments.map((s) => s.location)).toContain('批注作者');
    expect(a.text).toContain('张审核');
  });
});

describe('xlsx: every hidden place', () => {
  it('visible, hidden and very hidden sheets, hidden rows and columns', async () => {
    const book = xlsx([
      { name: '公示', cells: [['A1', '姓名', 's'], ['B2', ID, 's']] },
      { name: '底稿', state: 'hidden', cells: [['C3', ID, 'inline']] },
      { name: '原始', state: 'veryHidden', cells: [['D4', ID, 's']] },
      { name: '行列', cells: [['A5', ID, 's'], ['E1', ID, 's']], hiddenRows: [5], hiddenCols: [5] },
    ]);
    const locations = await idLocations(book, 'b.xlsx');
    expect(locations.sort()).toEqual(['公示!B2', '底稿!C3（隐藏的工作表）', '原始!D4（深度隐藏的工作表）', '行列!A5（隐藏的行）', '行列!E1（隐藏的列）'].sort());
  });

  it('cell notes and defined names', async () => {
    const book = xlsx([{ name: 'S', cells: [['A1', '名单', 's']], note: { ref: 'A1', author: '李会计', text: `备注：${ID}` } }], { 核对号: `"${ID}"` });
    expect((await idLocations(book, 'b.xlsx')).sort()).toEqual(['S!A1 批注', '定义的名称：核对号'].sort());
  });

  it('long digit strings stored as numbers, and numbers that lost digits', async () => {
    const lost = '1.10101199003078E+17';
    const a = await analyze(xlsx([{ name: 'S', cells: [['A1', ID.replace('X', '0').slice(0, 17) + '0', 'n'], ['A2', lost, 'n']] }]), 'b.xlsx', rules, []);
    expect(a.text).toContain('110101199003078000');
    expect(a.warnings.some((w) => w.includes('S!A2') && w.includes('已经丢失'))).toBe(true);
    expect(a.warnings.some((w) => w.includes('S!A1'))).toBe(true);
    const exact = residentId('110101', '19751201', '018');
    expect(/^\d{18}$/.test(exact)).toBe(true);
    const stored = await analyze(xlsx([{ name: 'S', cells: [['B1', exact, 'n']] }]), 'b.xlsx', rules, []);
    expect(stored.findings.find((f) => f.kind === 'ID_CARD')?.location).toBe('S!B1');
  });
});

describe('pdf', () => {
  it('page text with CJK character maps, annotations, attachment names, info and XMP', async () => {
    const file = pdf({
      pages: ['关于拟表彰人员的公示', `王小明 身份证号 ${ID}`],
      annotation: `复核：${ID}`,
      attachmentName: `${ID}.xlsx`,
      info: { Title: '公示', Author: ID },
      xmpCreator: ID,
    });
    const a = await analyze(file, 'c.pdf', rules, []);
    expect(a.pages).toBe(2);
    expect(a.text).toContain('关于拟表彰人员的公示');
    const locations = a.findings.filter((f) => f.kind === 'ID_CARD').map((f) => f.location);
    expect(locations).toEqual(expect.arrayContaining(['第2页', '第1页 注释（Text）', '附件文件名', '文档信息：Author']));
    expect(locations.some((l) => l.startsWith('XMP：dc:creator'))).toBe(true);
    expect(a.findings.find((f) => f.kind === 'PERSON_NAME')?.text).toBe('王小明');
  });
});

describe('images', () => {
  it('JPEG EXIF, GPS and XMP', async () => {
    const a = await analyze(jpeg({ description: `ID ${ID}`, artist: '张摄影', gps: [39.9042, 116.4074], xmpTitle: `照片 ${ID}` }), 'd.jpg', rules, []);
    const locations = a.findings.filter((f) => f.kind === 'ID_CARD').map((f) => f.location);
    expect(locations).toEqual(expect.arrayContaining(['EXIF：ImageDescription', 'XMP：dc：title：value']));
    expect(a.segments.find((s) => s.location === 'EXIF：Artist')).toBeDefined();
    expect(a.segments.some((s) => s.location === 'GPS 位置')).toBe(true);
    expect(a.text).toMatch(/纬度 39\.90\d+，经度 116\.40\d+/);
    expect(a.warnings).toContain('图片带有 GPS 拍摄位置，公开前须清除');
  });

  it('PNG text chunks (tEXt, zTXt, iTXt)', async () => {
    const a = await analyze(png({ tEXt: ['Comment', `id=${ID}`], zTXt: ['Author', ID], iTXt: ['Description', `身份证 ${ID}`] }), 'e.png', rules, []);
    expect(a.findings.filter((f) => f.kind === 'ID_CARD').map((f) => f.location)).toEqual(['PNG 文本（Comment）', 'PNG 文本（Author）', 'PNG 文本（Description）']);
  });
});

describe('text and html', () => {
  it('html text, comments, hidden elements and attributes', async () => {
    const html = `<!doctype html><html><head><title>公示</title><meta name="author" content="${ID}"></head><body><p>正文</p><!-- ${ID} --><div style="display:none">${ID}</div><img alt="${ID}"></body></html>`;
    const a = await analyze(new TextEncoder().encode(html), 'f.html', rules, []);
    const locations = a.findings.filter((f) => f.kind === 'ID_CARD').map((f) => f.location);
    expect(locations).toEqual(expect.arrayContaining(['网页注释', '网页属性（meta content）', '网页属性（img alt）']));
    expect(locations.some((l) => l.includes('隐藏元素'))).toBe(true);
  });

  it('GB18030 text files', async () => {
    const gbk = Buffer.from([0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0x3a, ...Buffer.from(ID)]); // 身份证:
    const a = await analyze(gbk, 'g.txt', rules, []);
    expect(a.text.startsWith('身份证:')).toBe(true);
    expect(a.findings[0]).toMatchObject({ kind: 'ID_CARD', location: '第1行' });
  });
});

describe('legacy .doc', () => {
  it('reads the body of a Word 97 binary document', async () => {
    const { doc } = await import('../../helpers/fixtures');
    const file = await doc(['关于补贴发放的公示', `王小明 身份证号 ${ID}`]);
    const a = await analyze(file, 'h.doc', rules, []);
    expect(a.type).toBe('doc');
    expect(a.findings.find((f) => f.kind === 'ID_CARD')).toMatchObject({ text: ID, location: '正文 第2段' });
  });
});
