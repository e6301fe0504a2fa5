import fontkit from '@pdf-lib/fontkit';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { agencyFonts, defaultFonts } from '../../../electron/forms/fonts';
import { contentSha256, renderForm } from '../../../electron/forms/render';
import { CHECKPOINT, INPUTS, ITEM_ID, KINDS, recordInput } from './fixtures';
import { containsWrapped, flat, fonts, layoutText, pageImages, readQr } from './pdf-tools';

const AT = new Date('2026-11-25T08:00:00Z');
const PREVIEWS = '/work/form-previews';

describe('forms engine', () => {
  it('embeds every font, as a subset', async () => {
    for (const kind of KINDS) {
      const r = await renderForm(kind, INPUTS[kind] as never, CHECKPOINT, { printedAt: AT });
      const list = fonts(r.pdf);
      expect(list.length).toBeGreaterThan(0);
      for (const f of list) {
        expect(f.emb, `${kind}: ${f.name}`).toBe('yes');
        expect(f.sub, `${kind}: ${f.name}`).toBe('yes');
      }
    }
  });

  it('keeps every glyph of the subset identical to the font it came from', async () => {
    // Guards the padding of glyph records (fonts.ts): without it, glyphs after the first
    // odd-length record print blank while pdftotext still reads the text.
    const r = await renderForm('record', INPUTS.record, CHECKPOINT, { printedAt: AT });
    const doc = await PDFDocument.load(r.pdf);
    const original = fontkit.create(readFileSync(defaultFonts().regular));
    let compared = 0;
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Subtype'))?.toString() !== '/Type0') continue;
      if (!obj.get(PDFName.of('BaseFont'))!.toString().includes('Regular')) continue;
      const cmap = new TextDecoder().decode(decodePDFRawStream(doc.context.lookup(obj.get(PDFName.of('ToUnicode')) as PDFRef) as PDFRawStream).decode());
      const descendant = doc.context.lookup((obj.get(PDFName.of('DescendantFonts')) as PDFArray).get(0), PDFDict);
      const descriptor = doc.context.lookup(descendant.get(PDFName.of('FontDescriptor')), PDFDict);
      const file = doc.context.lookup(descriptor.get(PDFName.of('FontFile2'))) as PDFRawStream;
      const subset = fontkit.create(new Uint8Array(decodePDFRawStream(file).decode()));
      for (const [, cid, uni] of cmap.matchAll(/<([0-9A-F]{4})> <([0-9A-F]{4,8})>/g)) {
        const char = String.fromCodePoint(parseInt(uni!, 16));
        const want = original.glyphForCodePoint(char.codePointAt(0)!).path.bbox;
        const got = subset.getGlyph(parseInt(cid!, 16)).path.bbox;
        expect([got.minX, got.minY, got.maxX, got.maxY], char).toEqual([want.minX, want.minY, want.maxX, want.maxY]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('holds the checkpoint and the content hash in a QR code that reads back at 100 dpi', async () => {
    for (const kind of ['record', 'review-table', 'escalation'] as const) {
      const r = await renderForm(kind, INPUTS[kind] as never, CHECKPOINT, { printedAt: AT });
      const [png] = pageImages(r.pdf, 100, 1);
      const text = await readQr(png!);
      expect(text, kind).not.toBeNull();
      const payload = JSON.parse(text!) as Record<string, unknown>;
      expect(payload).toEqual({ item: INPUTS[kind].itemId, seq: CHECKPOINT.seq, head: CHECKPOINT.head, sha256: contentSha256(kind, INPUTS[kind] as never) });
      expect(payload.sha256).toBe(r.contentSha256);
      // The PDF's own hash is a different thing: it cannot be inside itself.
      expect(r.sha256).not.toBe(r.contentSha256);
    }
  });

  it('reads back whatever the hashes are', async () => {
    for (let i = 0; i < 6; i++) {
      const head = randomBytes(32).toString('hex');
      const r = await renderForm('record', recordInput({ itemId: randomUUID() }), { seq: 1_000_000 + i, head }, { printedAt: AT });
      const text = await readQr(pageImages(r.pdf, 100, 1)[0]!);
      expect(JSON.parse(text!)).toMatchObject({ seq: 1_000_000 + i, head, sha256: r.contentSha256 });
    }
  });

  it('changes the content hash when any filled-in word changes', () => {
    const a = contentSha256('record', recordInput());
    const b = contentSha256('record', recordInput({ conclusion: '不予公开' }));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).not.toBe(a);
  });

  it('renders the same bytes twice for the same data, checkpoint and time', async () => {
    const a = await renderForm('consultation', INPUTS.consultation, CHECKPOINT, { printedAt: AT });
    const b = await renderForm('consultation', INPUTS.consultation, CHECKPOINT, { printedAt: AT });
    expect(b.sha256).toBe(a.sha256);
    const c = await renderForm('consultation', INPUTS.consultation, { ...CHECKPOINT, seq: CHECKPOINT.seq + 1 }, { printedAt: AT });
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('breaks pages and stamps every page with the item, 第 N 页 共 M 页 and the checkpoint', async () => {
    const steps = Array.from({ length: 9 }, (_, i) => ({ ...recordInput().steps[i % 3]!, round: Math.floor(i / 3) + 1 }));
    const data = recordInput({ steps });
    const r = await renderForm('record', data, CHECKPOINT, { printedAt: AT });
    expect(r.pages).toBeGreaterThanOrEqual(4);
    for (let n = 1; n <= r.pages; n++) {
      const page = flat(layoutText(r.pdf, n));
      expect(page).toContain(flat(`第 ${n} 页 共 ${r.pages} 页`));
      expect(page).toContain(`事项编号：${ITEM_ID}`);
      expect(page).toContain(`打印时审计检查点：第${CHECKPOINT.seq}条${CHECKPOINT.head.slice(0, 12)}`);
      expect(page).toContain(`表单内容SHA-256：${r.contentSha256.slice(0, 12)}`);
    }
    expect(flat(layoutText(r.pdf))).toContain('第3轮');
  });

  it('wraps long text inside table cells and carries a row over a page break', async () => {
    const reason = Array.from({ length: 60 }, (_, i) => `第${i + 1}项理由：附件中的联系人信息删除后公开，涉及第三方的内容另行征求意见。`).join('');
    const data = recordInput({ steps: [{ ...recordInput().steps[1]!, reason }] });
    const r = await renderForm('record', data, CHECKPOINT, { printedAt: AT });
    expect(r.pages).toBeGreaterThanOrEqual(3);
    const text = layoutText(r.pdf);
    for (const n of [1, 30, 60]) expect(containsWrapped(text, `第${n}项理由：附件中的联系人信息删除后公开`, 2), `${n}`).toBe(true);
    // No line of the extracted text runs past the type area into the QR code's column.
    for (const line of text.split('\n')) expect(line.length).toBeLessThan(140);
  });

  it("uses the agency's installed 仿宋_GB2312 and 方正小标宋 where found, else Noto Serif SC", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mishen-fonts-'));
    try {
      const noto = defaultFonts();
      expect(agencyFonts([dir])).toEqual(noto);
      mkdirSync(join(dir, 'agency', 'cjk'), { recursive: true });
      // Stand-ins under the agency fonts' file names (the real ones are licensed, not shipped).
      symlinkSync(noto.regular, join(dir, 'agency', 'cjk', '仿宋_GB2312.ttf'));
      symlinkSync(noto.bold!, join(dir, 'agency', 'FZXBSJW.TTF'));
      const found = agencyFonts([join(dir, 'agency')]);
      expect(found).toEqual({ regular: join(dir, 'agency', 'cjk', '仿宋_GB2312.ttf'), bold: join(dir, 'agency', 'FZXBSJW.TTF') });
      const r = await renderForm('escalation', INPUTS.escalation, CHECKPOINT, { printedAt: AT, fonts: found });
      expect(fonts(r.pdf).every((f) => f.emb === 'yes')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes page images of every form to /work/form-previews', async () => {
    mkdirSync(PREVIEWS, { recursive: true });
    for (const kind of KINDS) {
      const r = await renderForm(kind, INPUTS[kind] as never, CHECKPOINT, { printedAt: AT });
      writeFileSync(join(PREVIEWS, `${kind}.pdf`), r.pdf);
      const pages = pageImages(r.pdf, 100);
      expect(pages).toHaveLength(r.pages);
      pages.forEach((png, i) => writeFileSync(join(PREVIEWS, `${kind}-${i + 1}.png`), png));
    }
  });
});
