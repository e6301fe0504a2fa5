import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../electron/redaction';
import { MOBILE, residentId } from '../../helpers/synthetic';

const ID = residentId('330106', '19880512', '234');
const redactor = createRedactor();
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const target = (text: string, kind = 'ID_CARD', mask?: string) => ({ text, kind, ground: 'PERSONAL_PRIVACY', mask });

describe('txt', () => {
  it('removes every occurrence, also spaced or full-width, and the proof passes', async () => {
    const fullWidth = [...ID].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const spaced = `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`;
    const src = enc(`公示名单\n张小明 ${ID}\n李四 ${fullWidth}\n王五 ${spaced}\n联系电话 ${MOBILE}\n`);
    const out = await redactor.redact({ bytes: src, name: '名单.txt', targets: [target(ID), target(MOBILE, 'MOBILE', 'mobile-middle')] });
    const text = dec(out.bytes);
    expect(text).not.toContain(ID);
    expect(text.match(/〔已删除〕/g)).toHaveLength(3);
    expect(text).toContain('139****5678');
    expect(text).toContain('公示名单');
    expect(out.name).toBe('名单（公开版本）.txt');
    const proof = await redactor.prove({ original: src, publicVersion: out.bytes, name: out.name, removed: [ID, MOBILE] });
    expect(proof.problems).toEqual([]);
    expect(proof.ok).toBe(true);
  });

  it('the proof refuses a version that still holds the value, in any encoding, and says where', async () => {
    for (const bytes of [
      enc(`x ${ID.slice(0, 9)}\u200b${ID.slice(9)} y`),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`名单 ${ID}`, 'utf16le')]),
      new Uint8Array(new TextEncoder().encode(`张小明`)),
    ]) {
      const proof = await redactor.prove({ original: bytes, publicVersion: bytes, name: 'a.txt', removed: [ID, '张小明'] });
      expect(proof.ok).toBe(false);
      expect(proof.problems.join()).toMatch(/仍出现在公开版本的/);
      expect(proof.problems.join()).not.toContain(ID);
    }
  });
});

describe('html', () => {
  it('masks text split across elements and drops comments, scripts, hidden elements and data-* attributes', async () => {
    const src = enc(
      `<!doctype html><html><head><title>公示</title><script>var id="${ID}"</script></head><body><!-- ${ID} -->` +
        `<p data-id="${ID}" onclick="x()">张小明 ${ID.slice(0, 8)}<b>${ID.slice(8)}</b></p>` +
        `<div style="display:none">${MOBILE}</div><span hidden>内部</span><img alt="${ID}" src="a.png"><p>其余内容照常公开</p></body></html>`,
    );
    const out = await redactor.redact({ bytes: src, name: 'a.html', targets: [target(ID)] });
    const html = dec(out.bytes);
    expect(html).not.toContain(ID);
    expect(html).not.toContain(ID.slice(8));
    expect(html).not.toContain(MOBILE);
    expect(html).not.toMatch(/<script|<!--|data-id|onclick|hidden/);
    expect(html).toContain('张小明 〔已删除〕');
    expect(html).toContain('其余内容照常公开');
    expect(out.notes.join()).toMatch(/网页注释/);
    const proof = await redactor.prove({ original: src, publicVersion: out.bytes, name: out.name, removed: [ID] });
    expect(proof.problems).toEqual([]);
    const bad = await redactor.prove({ original: src, publicVersion: src, name: 'a.html', removed: [ID] });
    expect(bad.ok).toBe(false);
    expect(bad.problems.join()).toMatch(/网页注释|脚本|data-/);
  });
});
