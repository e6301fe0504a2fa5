import { strToU8, unzipSync, zipSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractDocx } from '../../../electron/documents/extract/docx';
import { extractImage } from '../../../electron/documents/extract/image';
import { extractPdf } from '../../../electron/documents/extract/pdf';
import { extractXlsx } from '../../../electron/documents/extract/xlsx';
import type { Extraction } from '../../../electron/documents/extract/types';
import { defaultRules } from '../../../electron/scanner/rules';
import { createScanner } from '../../../electron/scanner/scanner';
import { crc32, docx, jpeg, png, xlsx } from '../../helpers/fixtures';
import { residentId } from '../../helpers/synthetic';
import { layoutPdf, row } from './layout-pdf';

// Issue 18 through the extractors: GPS positions, PNG text compressed as the PNG spec
// says, marks in headers and footers, radicals in a PDF text layer, and filled shapes
// drawn over PDF text.

const scanner = createScanner({ rules: defaultRules() });
const findings = (e: Extraction) => scanner.scan(e.segments).findings;
const COVERED = (n: number) => `第 ${n} 页有填充图形覆盖在文字上：看起来已遮盖，但文字仍在文件中`;

describe('GPS position in image metadata', () => {
  it('is a finding at the place the image extractor names', async () => {
    const e = await extractImage(jpeg({ description: '现场照片', gps: [39.9042, 116.4074] }), 'jpg');
    const gps = findings(e).filter((f) => f.location === 'GPS 位置');
    expect(gps).toHaveLength(1);
    expect(gps[0]).toMatchObject({ kind: 'GPS_POSITION', ground: 'PERSONAL_PRIVACY' });
    expect(gps[0]!.text).toMatch(/纬度 39\.90\d+，经度 116\.40\d+/);
  });

  it('is not reported for an image without a position', async () => {
    const e = await extractImage(jpeg({ description: '现场照片' }), 'jpg');
    expect(findings(e).filter((f) => f.kind === 'ADDRESS')).toEqual([]);
  });
});

describe('PNG text chunks compressed with zlib, as the PNG specification says', () => {
  /** The fixture PNG with its one text chunk of `type` replaced by `data` (length and CRC rewritten). */
  function withChunk(base: Buffer, type: 'zTXt' | 'iTXt', data: Buffer): Uint8Array {
    const at = base.indexOf(type, 0, 'latin1') - 4;
    const len = base.readUInt32BE(at);
    const chunk = Buffer.alloc(12 + data.length);
    chunk.writeUInt32BE(data.length, 0);
    chunk.write(type, 4, 'latin1');
    data.copy(chunk, 8);
    chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
    return new Uint8Array(Buffer.concat([base.subarray(0, at), chunk, base.subarray(at + 12 + len)]));
  }
  const ids = (e: Extraction) => findings(e).filter((f) => f.kind === 'ID_CARD').map((f) => f.text);

  it('zTXt is read and scanned', async () => {
    const id = residentId('440305', '19870203', '512');
    const data = Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), Buffer.from(zlibSync(Buffer.from(`ID ${id}`, 'latin1')))]);
    expect(ids(await extractImage(withChunk(Buffer.from(png({ zTXt: ['Comment', 'x'] })), 'zTXt', data), 'png'))).toEqual([id]);
  });

  it('compressed iTXt is read as UTF-8 and scanned', async () => {
    const id = residentId('370202', '19920417', '083');
    // keyword, NUL, compression flag 1, method 0, empty language tag, empty translated keyword.
    const data = Buffer.concat([Buffer.from('Description\0\x01\0\0\0', 'latin1'), Buffer.from(zlibSync(Buffer.from(`身份证号 ${id}`, 'utf8')))]);
    const e = await extractImage(withChunk(Buffer.from(png({ iTXt: ['Description', 'x'] })), 'iTXt', data), 'png');
    expect(ids(e)).toEqual([id]);
    expect(findings(e).find((f) => f.kind === 'ID_CARD')!.confidence).toBeGreaterThan(0.9); // 身份证 read as text
  });
});

describe('marks in headers and footers', () => {
  it('are found in a Word header and footer with their place', () => {
    const e = extractDocx(docx({ body: ['关于做好某某工作的通知'], header: '000128　机 密★1年　特急', footer: '秘密　　　第 1 页' }));
    const marks = findings(e).filter((f) => f.kind === 'CLASSIFICATION_MARK');
    expect(marks.map((f) => [f.location.replace(/ .*/, ''), f.text]).sort()).toEqual([
      ['页眉1', '机 密★1年'],
      ['页脚1', '秘密'],
    ].sort());
  });

  it('are found in a spreadsheet page header and footer', () => {
    const book = Buffer.from(xlsx([{ name: '名单', cells: [['A1', '序号', 's']] }]));
    // Put a page header and footer into the sheet, as Excel writes them.
    const files = unzipSync(book);
    const sheet = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
    files['xl/worksheets/sheet1.xml'] = strToU8(
      sheet.replace('</worksheet>', '<headerFooter><oddHeader>&amp;L&amp;"宋体,常规"&amp;12机密★1年&amp;R特急</oddHeader><oddFooter>&amp;C第 &amp;P 页&amp;R秘密</oddFooter></headerFooter></worksheet>'),
    );
    const e = extractXlsx(zipSync(files));
    expect(e.segments.filter((s) => /页眉|页脚/.test(s.location)).map((s) => [s.location, s.text])).toEqual([
      ['名单 页眉', '机密★1年\t特急'],
      ['名单 页脚', '第  页\t秘密'],
    ]);
    expect(findings(e).filter((f) => f.kind === 'CLASSIFICATION_MARK').map((f) => [f.location, f.text])).toEqual([
      ['名单 页眉', '机密★1年'],
      ['名单 页脚', '秘密'],
    ]);
  });

  it('are found at the top of a PDF page laid out as GB/T 9704 does', async () => {
    const e = await extractPdf(layoutPdf([[...row(800, [[50, '000128'], [120, '秘 密 ★ 6 个月'], [400, '特急']]), { text: '关于做好某某工作的通知', x: 150, y: 740 }]]));
    expect(findings(e).filter((f) => f.kind === 'CLASSIFICATION_MARK').map((f) => f.text)).toEqual(['秘 密 ★ 6 个月']);
  });
});

describe('radicals in a PDF text layer', () => {
  it('match keywords and context', async () => {
    const id = residentId();
    const e = await extractPdf(layoutPdf([[{ text: `⾝份证号：${id}`, x: 50, y: 780 }, { text: '⻓期有效', x: 50, y: 760 }]]));
    const hit = findings(e).find((f) => f.kind === 'ID_CARD');
    expect(hit?.text).toBe(id);
    expect(hit!.confidence).toBeGreaterThan(0.9);
  });
});

describe('what a PDF page hides: filled shapes over text, text outside the page', () => {
  const id = residentId('110101', '19900307', '222');
  const text = [...row(780, [[50, '申请人身份证号'], [150, id]]), { text: '以下为正文。', x: 50, y: 760 }];

  it('warn on the page where a box is painted over text that is still there', async () => {
    const e = await extractPdf(layoutPdf([[{ text: '第一页没有遮盖', x: 50, y: 780 }], [...text, { rect: [148, 776, 120, 14] }]]));
    expect(e.warnings).toEqual([COVERED(2)]);
    expect(findings(e).some((f) => f.kind === 'ID_CARD' && f.text === id)).toBe(true); // the text is still read
  });

  it('warn for a white box too (it hides the text on the page as well)', async () => {
    const e = await extractPdf(layoutPdf([[...text, { rect: [148, 776, 120, 14], gray: 1 }]]));
    expect(e.warnings).toEqual([COVERED(1)]);
  });

  it('warn when the box is drawn under a transformation matrix', async () => {
    const e = await extractPdf(layoutPdf([[...text, { raw: 'q 2 0 0 2 0 0 cm 0 0 0 rg 74 388 60 7 re f Q' }], [...text, { raw: 'q 2 0 0 2 0 0 cm 0 0 0 rg 74 300 60 7 re f Q' }]]));
    expect(e.warnings).toEqual([COVERED(1)]); // on page 2 the scaled box lies below the text
  });

  it('text drawn outside the page is read and warned about (pdf.js leaves it out of the page text)', async () => {
    const e = await extractPdf(layoutPdf([[...text, { text: `备注：身份证号${id}`, x: 620, y: 500 }, { text: '手机13912345678', x: 60, y: 900 }]]));
    expect(e.segments.find((s) => s.location === '第1页')!.text).not.toContain('备注');
    expect(e.segments.find((s) => s.location === '第1页（页面以外的文字）')?.text).toBe(`备注：身份证号${id}\n手机13912345678\n`);
    expect(e.warnings).toEqual(['第 1 页有文字位于页面范围以外：阅读时看不到，但文字仍在文件中']);
  });

  it('do not warn for shading behind text or for an underline', async () => {
    const e = await extractPdf(layoutPdf([[{ rect: [40, 770, 300, 24], gray: 0.9 }, ...text, { rect: [150, 776, 108, 0.8] }]]));
    expect(e.warnings).toEqual([]);
  });
});
