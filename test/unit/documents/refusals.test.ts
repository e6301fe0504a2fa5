import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { analyze } from '../../../electron/documents/analyze';
import { DocumentRefused } from '../../../electron/documents/limits';
import { sniff } from '../../../electron/documents/sniff';
import { defaultRules } from '../../../electron/scanner/rules';
import { docx, pdf, xlsx } from '../../helpers/fixtures';
import { residentId } from '../../helpers/synthetic';

const rules = defaultRules();
async function refusal(buf: Uint8Array, name = 'x.docx'): Promise<string> {
  try {
    await analyze(buf, name, rules, []);
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentRefused);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('file type by content', () => {
  it('reads a docx named .pdf as a docx, and says so', async () => {
    const a = await analyze(docx({ body: [residentId()] }), '通知.pdf', rules, []);
    expect(a.type).toBe('docx');
    expect(a.warnings[0]).toBe('文件扩展名为“.pdf”，但内容是Word 文档（docx），已按实际类型读取');
    expect(a.findings.some((f) => f.kind === 'ID_CARD')).toBe(true);
  });
  it('tells the types apart', () => {
    expect(sniff(docx({}))).toBe('docx');
    expect(sniff(xlsx([{ name: 'S', cells: [] }]))).toBe('xlsx');
    expect(sniff(pdf({ pages: ['x'] }))).toBe('pdf');
    expect(sniff(strToU8('<html><body><p>x</p></body></html>'))).toBe('html');
    expect(sniff(strToU8('纯文本'))).toBe('txt');
    expect(sniff(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('doc');
    expect(sniff(zipSync({ 'a.txt': strToU8('x') }))).toBeNull();
  });
});

describe('refusals, each with a Chinese reason', () => {
  it('unknown and empty files', async () => {
    expect(await refusal(Uint8Array.from([0, 1, 2, 3, 0, 0, 0, 9]))).toMatch(/^无法识别文件类型/);
    expect(await refusal(new Uint8Array())).toBe('文件是空的');
  });

  it('truncated archives', async () => {
    const full = docx({ body: ['内容'.repeat(200)] });
    expect(await refusal(full.subarray(0, Math.floor(full.length * 0.6)))).toMatch(/损坏或不完整/);
  });

  it('a zip bomb', async () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(await refusal(bomb)).toMatch(/压缩比异常.*压缩炸弹/);
  });

  it('too many entries', async () => {
    const files: Record<string, Uint8Array> = { 'word/document.xml': strToU8('<w:document/>') };
    for (let i = 0; i < 5_001; i++) files[`word/media/f${i}.txt`] = strToU8('x');
    expect(await refusal(zipSync(files))).toMatch(/压缩包内文件过多/);
  });

  it('broken PDFs', async () => {
    const good = pdf({ pages: ['公示'] });
    expect(await refusal(good.subarray(0, 200), 'a.pdf')).toMatch(/PDF 文件已损坏或不完整/);
  });
});

describe('broken legacy documents', () => {
  it('an OLE header followed by nothing useful', async () => {
    const junk = new Uint8Array(4096);
    junk.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await refusal(junk, 'x.doc')).toMatch(/Word 97-2003 文档已损坏/);
  });
});
