import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { docx, jpeg, pdf, png, xlsx } from '../../helpers/fixtures';
import { analyzeFile, expectEveryPartListed } from './coverage/check';

// No part of a file is skipped silently: every file the tests build lists its parts, and
// a part no reader understands is listed as 未读取 with the reason.

const files: Array<[string, () => Uint8Array | Promise<Uint8Array>]> = [
  ['a.docx', () => docx({ body: ['正文'], header: '页眉', comment: { author: '甲', text: '批注' }, embedded: 'x.bin' })],
  ['b.xlsx', () => xlsx([{ name: 'S', cells: [['A1', '值', 's']], note: { ref: 'A1', author: '乙', text: '备注' } }], { 名称: '"x"' })],
  ['c.pdf', () => pdf({ pages: ['第一页'], annotation: '注释', attachmentName: '附件.txt', info: { Title: '标题' }, xmpCreator: '作者' })],
  ['d.png', () => png({ tEXt: ['Comment', '说明'] })],
  ['e.jpg', () => jpeg({ description: '描述', xmpTitle: '标题' })],
  ['f.html', () => new TextEncoder().encode('<!doctype html><p>正文</p>')],
  ['g.txt', () => new TextEncoder().encode('纯文本')],
];

describe('every file lists its parts', () => {
  it.each(files)('%s', async (name, build) => {
    const buf = await build();
    const a = await analyzeFile(buf, name);
    expect(a.parts.length).toBeGreaterThan(0);
    for (const p of a.parts) {
      expect(p.what, p.name).toBeTruthy();
      if (!p.read) expect(p.reason, p.name).toBeTruthy();
    }
    if (name.endsWith('.docx') || name.endsWith('.xlsx')) expectEveryPartListed(a, buf);
  });

  it('a part of an unknown kind is 未读取 with a reason, and its printable text is still searched', async () => {
    const base = unzipSync(docx({ body: ['正文'] }));
    const odd = Buffer.concat([Buffer.from([0, 1, 2, 3, 0xff, 0xfe]), Buffer.from('\\\\server\\share\\MARK-unknown-part.dat'), Buffer.from([0, 0, 0xff])]);
    const buf = zipSync({ ...base, 'word/activeX/activeX1.bin': odd, 'word/unknown.dat': strToU8('\x00\x01\x02') });
    const a = await analyzeFile(buf, 'odd.docx');
    expectEveryPartListed(a, buf);
    expect(a.parts.find((p) => p.name === 'word/activeX/activeX1.bin')).toMatchObject({ read: false, reason: expect.stringMatching(/无法解析/) });
    expect(a.parts.find((p) => p.name === 'word/unknown.dat')).toMatchObject({ read: false });
    expect(a.text).toContain('MARK-unknown-part');
  });
});
