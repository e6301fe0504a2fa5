import { describe, expect, it } from 'vitest';
import { strToU8, zipSync, zlibSync } from 'fflate';
import { createRedactor } from '../../../electron/redaction';
import { rawPlaces } from '../../../electron/redaction/raw';
import { proofNormalize } from '../../../electron/redaction/normalize';
import { residentId } from '../../helpers/synthetic';

// The raw reader of the proof finds a value however it is stored: in any of the
// encodings found on 内网 PCs, compressed, spread over markup, full-width or with
// zero-width characters between its digits.

const ID = residentId('330106', '19880512', '234');
const NAME = '张小明';
const found = (bytes: Uint8Array, value: string) => [...rawPlaces(bytes)].filter((p) => p.text.includes(proofNormalize(value))).map((p) => p.where);
const gb18030 = (s: string) => {
  // TextEncoder has no GB18030: build the bytes from a decoder round trip over the two-byte range.
  const out: number[] = [];
  const dec = new TextDecoder('gb18030');
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
      continue;
    }
    let hit = false;
    for (let a = 0x81; a <= 0xfe && !hit; a++)
      for (let b = 0x40; b <= 0xfe && !hit; b++)
        if (dec.decode(Uint8Array.of(a, b)) === ch) {
          out.push(a, b);
          hit = true;
        }
  }
  return Uint8Array.from(out);
};

describe('the raw reader', () => {
  it('reads UTF-8, UTF-16 LE/BE at either alignment, GB18030', () => {
    expect(found(strToU8(`a${ID}`), ID).length).toBeGreaterThan(0);
    expect(found(Buffer.from(`a${NAME}`, 'utf16le'), NAME).length).toBeGreaterThan(0);
    expect(found(Buffer.concat([Buffer.from([0]), Buffer.from(NAME, 'utf16le')]), NAME).length).toBeGreaterThan(0);
    expect(found(Buffer.from(Buffer.from(`${NAME}`, 'utf16le').swap16()), NAME).join()).toMatch(/UTF-16BE/);
    expect(found(gb18030(`名单 ${NAME}`), NAME).join()).toMatch(/GB18030/);
  });

  it('normalizes: full-width digits, zero-width characters, whitespace', () => {
    const full = [...ID].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(found(strToU8(full), ID).length).toBeGreaterThan(0);
    expect(found(strToU8(`${ID.slice(0, 4)}\u200b${ID.slice(4, 10)}\u00a0 ${ID.slice(10)}`), ID).length).toBeGreaterThan(0);
  });

  it('opens zip entries (also a zip inside a zip) and strips markup', () => {
    const inner = zipSync({ 'xl/sharedStrings.xml': strToU8(`<si><r><t>${ID.slice(0, 7)}</t></r><r><t>${ID.slice(7)}</t></r></si>`) });
    const outer = zipSync({ 'word/embeddings/book.xlsx': inner });
    expect(found(outer, ID).join()).toContain('word/embeddings/book.xlsx');
  });

  it('inflates PDF streams and decodes hex strings', () => {
    const content = `BT <FEFF${Buffer.from(NAME, 'utf16le').swap16().toString('hex')}> Tj ET`;
    const data = zlibSync(strToU8(content));
    const pdf = Buffer.concat([Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1')]);
    expect(found(pdf, NAME).join()).toMatch(/十六进制字符串/);
  });

  it('PNG compressed text chunks', () => {
    const body = Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), zlibSync(strToU8(ID))]);
    const chunk = Buffer.alloc(12 + body.length);
    chunk.writeUInt32BE(body.length, 0);
    chunk.write('zTXt', 4, 'latin1');
    body.copy(chunk, 8);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk]);
    expect(found(png, ID).join()).toMatch(/zTXt/);
  });
});

describe('the proof', () => {
  const redactor = createRedactor();
  it('records both hashes and refuses without naming the value', async () => {
    const a = strToU8(`x ${ID}`);
    const b = strToU8('x 〔已删除〕');
    const ok = await redactor.prove({ original: a, publicVersion: b, name: 'a.txt', removed: [ID] });
    expect(ok.ok).toBe(true);
    expect(ok.detail).toMatchObject({ originalSha256: expect.stringMatching(/^[0-9a-f]{64}$/), publicSha256: expect.stringMatching(/^[0-9a-f]{64}$/), searched: 1 });
    const bad = await redactor.prove({ original: a, publicVersion: a, name: 'a.txt', removed: [ID] });
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatch(/^已删除的内容“33\*+44”（18 字）仍出现在公开版本的第1行（导入程序读取）$/);
    expect(JSON.stringify(bad)).not.toContain(ID);
  });

  it('refuses a file it cannot identify', async () => {
    const proof = await redactor.prove({ original: Uint8Array.of(1), publicVersion: Uint8Array.of(0, 1, 2, 3, 0, 0, 0, 0, 0, 0), name: 'a.bin', removed: [ID] });
    expect(proof.ok).toBe(false);
  });
});
