import exifr from 'exifr';
import { DocumentRefused, LIMITS } from '../limits';
import { inflateCapped } from './inflate';
import { jpegBlocks, pngChunks } from './image-blocks';
import { printableStrings } from './ooxml/binary';
import type { Extraction, PartRecord, Segment } from './types';

// What an image carries besides pixels: EXIF (with the camera owner, comments, dates),
// GPS position, XMP, IPTC, and PNG text chunks.

// PNG zTXt and compressed iTXt are zlib streams (RFC 1950), per the PNG specification.
// Some writers emit bare deflate instead; that is read too rather than lost.
function unpack(b: Uint8Array): Uint8Array {
  try {
    return inflateCapped(b, LIMITS.imageTextBytes, 'PNG 文本块');
  } catch (e) {
    if (e instanceof DocumentRefused) throw e;
    return inflateCapped(b, LIMITS.imageTextBytes, 'PNG 文本块', 'raw');
  }
}

function readPngText(b: Uint8Array, unreadable: string[]): Segment[] {
  const out: Segment[] = [];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const latin1 = new TextDecoder('latin1');
  const utf8 = new TextDecoder('utf-8');
  let off = 8;
  while (off + 12 <= b.length) {
    const len = view.getUint32(off);
    const type = latin1.decode(b.subarray(off + 4, off + 8));
    const data = b.subarray(off + 8, off + 8 + len);
    if (off + 12 + len > b.length) break;
    try {
      const nul = data.indexOf(0);
      const key = latin1.decode(data.subarray(0, nul));
      if (type === 'tEXt') out.push({ location: `PNG 文本（${key}）`, text: latin1.decode(data.subarray(nul + 1)) });
      if (type === 'zTXt') out.push({ location: `PNG 文本（${key}）`, text: latin1.decode(unpack(data.subarray(nul + 2))) });
      if (type === 'iTXt') {
        const compressed = data[nul + 1] === 1;
        let p = nul + 3;
        const langEnd = data.indexOf(0, p);
        const transEnd = data.indexOf(0, langEnd + 1);
        p = transEnd + 1;
        // The translated keyword is the key in the writer's language: words a person chose.
        const translated = utf8.decode(data.subarray(langEnd + 1, transEnd)).trim();
        if (translated) out.push({ location: `PNG 文本（${key}）的译名`, text: translated });
        const body = data.subarray(p);
        out.push({ location: `PNG 文本（${key}）`, text: utf8.decode(compressed ? unpack(body) : body) });
      }
    } catch (e) {
      if (e instanceof DocumentRefused) throw e;
      unreadable.push(type);
    }
    if (type === 'IEND') break;
    off += 12 + len;
  }
  return out.filter((s) => s.text.trim());
}

function flatten(prefix: string, value: unknown, out: Segment[]): void {
  if (value === null || value === undefined) return;
  if (value instanceof Date) out.push({ location: prefix, text: value.toISOString() });
  else if (typeof value === 'string') {
    if (value.trim()) out.push({ location: prefix, text: value.trim() });
  } else if (value instanceof Uint8Array) {
    const text = new TextDecoder().decode(value).replace(/\0/g, '').trim();
    if (text && /[\p{L}\p{N}]/u.test(text)) out.push({ location: prefix, text });
  } else if (Array.isArray(value)) value.forEach((v) => flatten(prefix, v, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(`${prefix}：${k}`, v, out);
}

const EXIFR_OPTIONS = {
  tiff: true, exif: true, gps: true, xmp: true, iptc: true, icc: true, makerNote: true, userComment: true,
  ifd1: false, interop: false, translateValues: true, reviveValues: true, mergeOutput: false, multiSegment: true,
} as const;

/** ICC tags that carry words; the rest are numbers and enumerations of the colour model. */
const ICC_TEXT = /Description|Copyright|Manufacturer|Model|Creator|Characterization|Text/i;

const GPS_TEXT = new Set(['GPSProcessingMethod', 'GPSAreaInformation']);

/** EXIF 2.3: an 8-byte character code, then the comment. */
function userComment(b: Uint8Array): string {
  const code = new TextDecoder('latin1').decode(b.subarray(0, 8));
  const body = b.subarray(8);
  if (code.startsWith('UNICODE')) return new TextDecoder(body[0] === 0 ? 'utf-16be' : 'utf-16le').decode(body);
  return new TextDecoder(code.startsWith('ASCII') ? 'latin1' : 'utf-8').decode(body);
}

function metadataSegments(meta: Record<string, unknown>): Segment[] {
  const out: Segment[] = [];
  for (const [block, values] of Object.entries(meta)) {
    // GPS is reported once as a position, except the words it may carry (EXIF 2.3 GPSProcessingMethod,
    // GPSAreaInformation: a character code, then text); PNG text chunks are read by readPngText.
    if (block === 'gps' && values && typeof values === 'object') {
      for (const [k, v] of Object.entries(values)) if (GPS_TEXT.has(k)) flatten(`EXIF：${k}`, v instanceof Uint8Array ? userComment(v).replace(/\0/g, '') : v, out);
      continue;
    }
    if (block === 'ihdr' || !values) continue;
    if (block === 'userComment' && values instanceof Uint8Array) flatten('EXIF：UserComment', userComment(values).replace(/\0/g, ''), out);
    else if (block === 'makerNote' && values instanceof Uint8Array) for (const t of printableStrings(values, 4)) out.push({ location: 'EXIF：MakerNote（厂商注记中的可打印文字）', text: t });
    else if (typeof values === 'object' && !(values instanceof Uint8Array)) {
      const label = ['ifd0', 'exif', 'ifd1', 'interop'].includes(block) ? 'EXIF' : block === 'iptc' ? 'IPTC' : block === 'icc' ? 'ICC' : `XMP：${block}`;
      for (const [k, v] of Object.entries(values)) if (k !== 'lang' && (block !== 'icc' || ICC_TEXT.test(k))) flatten(`${label}：${k}`, v, out);
    }
  }
  return out;
}

/** Width and height from the PNG IHDR or the first JPEG SOF marker, or null when absent. */
export function imageSize(b: Uint8Array, type: 'png' | 'jpg'): { width: number; height: number } | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (type === 'png') return b.length >= 24 ? { width: view.getUint32(16), height: view.getUint32(20) } : null;
  let off = 2;
  while (off + 9 < b.length) {
    if (b[off] !== 0xff) return null;
    const marker = b[off + 1]!;
    if (marker === 0xff) { off += 1; continue; }
    const len = view.getUint16(off + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { width: view.getUint16(off + 7), height: view.getUint16(off + 5) };
    off += 2 + len;
  }
  return null;
}

function checkImageSize(b: Uint8Array, type: 'png' | 'jpg'): void {
  const size = imageSize(b, type);
  if (!size) return;
  const { width, height } = size;
  if (width > LIMITS.imageSide || height > LIMITS.imageSide || width * height > LIMITS.imagePixels) {
    throw new DocumentRefused(`图片尺寸 ${width}×${height} 像素超出可处理的范围（每边不超过 ${LIMITS.imageSide} 像素），拒绝读取`);
  }
}

export async function extractImage(buf: Uint8Array, type: 'png' | 'jpg'): Promise<Extraction> {
  checkImageSize(buf, type);
  const segments: Segment[] = [];
  const warnings: string[] = [];
  const meta = (await exifr
    .parse(Buffer.from(buf), { ...EXIFR_OPTIONS })
    .catch(() => null)) as Record<string, unknown> | null;
  if (meta) segments.push(...metadataSegments(meta));
  const gps = (await exifr.gps(Buffer.from(buf)).catch(() => null)) as { latitude?: number; longitude?: number } | null;
  if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) {
    segments.push({ location: 'GPS 位置', text: `纬度 ${gps.latitude!.toFixed(6)}，经度 ${gps.longitude!.toFixed(6)}` });
    warnings.push('图片带有 GPS 拍摄位置，公开前须清除');
  }
  let parts: PartRecord[];
  if (type === 'png') {
    const unreadable: string[] = [];
    segments.push(...readPngText(buf, unreadable));
    if (unreadable.length) warnings.push(`图片中有 ${unreadable.length} 个文本块已损坏、无法读取，请人工核对`);
    const chunks = pngChunks(buf);
    segments.push(...chunks.segments);
    parts = chunks.parts;
  } else {
    const blocks = jpegBlocks(buf);
    segments.push(...blocks.segments);
    parts = blocks.parts;
  }
  if (segments.length === 0) warnings.push('图片中的文字无法自动识别，请人工审看图片内容');
  return { segments, warnings, pages: null, parts };
}
