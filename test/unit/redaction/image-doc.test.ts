import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { extract } from '../../../electron/documents/analyze';
import { createRedactor } from '../../../electron/redaction';
import { doc, jpeg, png } from '../../helpers/fixtures';
import { residentId } from '../../helpers/synthetic';
import { exiftool, unzipGrep } from './tools';

const ID = residentId('330106', '19880512', '234');
const redactor = createRedactor();
const targets = [{ text: ID, kind: 'ID_CARD', ground: 'PERSONAL_PRIVACY' }];

/** A decodable 8×8 JPEG carrying the fixture's metadata segments right after its SOI marker. */
async function realJpeg(meta: Uint8Array): Promise<Uint8Array> {
  const pixels = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();
  return Buffer.concat([pixels.subarray(0, 2), Buffer.from(meta.subarray(2, meta.length - 2)), pixels.subarray(2)]);
}

describe('images: every metadata block goes', () => {
  it('JPEG: EXIF description and artist, GPS, XMP (exiftool finds none of it)', async () => {
    const src = await realJpeg(jpeg({ description: `身份证 ${ID}`, artist: '张摄影', gps: [43.65, 122.25], xmpTitle: ID }));
    expect(exiftool(src, '.jpg')).toMatch(/GPS/);
    const out = await redactor.redact({ bytes: src, name: '照片.jpg', targets });
    const meta = exiftool(out.bytes, '.jpg');
    expect(meta).not.toContain(ID);
    expect(meta).not.toMatch(/GPS|Artist|XMP|Image Description/i);
    expect(out.type).toBe('jpg');
    const proof = await redactor.prove({ original: src, publicVersion: out.bytes, name: out.name, removed: [ID, '张摄影'] });
    expect(proof.problems).toEqual([]);
    const before = await redactor.prove({ original: src, publicVersion: src, name: 'a.jpg', removed: [ID] });
    expect(before.ok).toBe(false);
  });

  it('PNG: tEXt, zTXt and iTXt chunks', async () => {
    const src = png({ tEXt: ['Comment', ID], zTXt: ['Author', ID], iTXt: ['Description', `身份证号 ${ID}`] });
    const out = await redactor.redact({ bytes: src, name: 'a.png', targets });
    const meta = exiftool(out.bytes, '.png');
    expect(meta).not.toContain(ID);
    expect(meta).not.toMatch(/Comment|Author|Description/);
    expect(meta).toMatch(/Image Width\s+:\s+1/);
    const proof = await redactor.prove({ original: src, publicVersion: out.bytes, name: out.name, removed: [ID] });
    expect(proof.problems).toEqual([]);
  });
});

describe('.doc', () => {
  it('becomes a clean docx of its text, redacted, and the notes say so', async () => {
    const src = await doc(['低保对象公示名单', `张小明 身份证号 ${ID}`, '其余内容照常公开']);
    const out = await redactor.redact({ bytes: src, name: '名单.doc', targets });
    expect(out.type).toBe('docx');
    expect(out.name).toBe('名单（公开版本）.docx');
    expect(out.notes.join('\n')).toMatch(/Word 97-2003.*docx/);
    expect(unzipGrep(out.bytes, ID)).toEqual([]);
    const text = (await extract(out.bytes, out.name)).extraction.segments.map((s) => s.text).join('\n');
    expect(text).toContain('张小明 身份证号 〔已删除〕');
    expect(text).toContain('其余内容照常公开');
    const proof = await redactor.prove({ original: src, publicVersion: out.bytes, name: out.name, removed: [ID] });
    expect(proof.problems).toEqual([]);
  });
});
