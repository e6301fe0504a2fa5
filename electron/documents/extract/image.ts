import exifr from 'exifr';
import { inflateSync } from 'fflate';
import type { Extraction, Segment } from './types';

// What an image carries besides pixels: EXIF (with the camera owner, comments, dates),
// GPS position, XMP, IPTC, and PNG text chunks.

function readPngText(b: Uint8Array): Segment[] {
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
      if (type === 'zTXt') out.push({ location: `PNG 文本（${key}）`, text: latin1.decode(inflateSync(data.subarray(nul + 2))) });
      if (type === 'iTXt') {
        const compressed = data[nul + 1] === 1;
        let p = nul + 3;
        const langEnd = data.indexOf(0, p);
        const transEnd = data.indexOf(0, langEnd + 1);
        p = transEnd + 1;
        const body = data.subarray(p);
        out.push({ location: `PNG 文本（${key}）`, text: utf8.decode(compressed ? inflateSync(body) : body) });
      }
    } catch {
      out.push({ location: 'PNG 文本', text: '' });
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

export async function extractImage(buf: Uint8Array, type: 'png' | 'jpg'): Promise<Extraction> {
  const segments: Segment[] = [];
  const warnings: string[] = [];
  const meta = (await exifr
    .parse(Buffer.from(buf), { tiff: true, exif: true, gps: true, xmp: true, iptc: true, ifd1: false, interop: false, translateValues: true, reviveValues: true, mergeOutput: false })
    .catch(() => null)) as Record<string, Record<string, unknown>> | null;
  if (meta) {
    for (const [block, values] of Object.entries(meta)) {
      // GPS is reported once below as a position; PNG text chunks are read by readPngText.
      if (block === 'gps' || block === 'ihdr' || !values || typeof values !== 'object') continue;
      const label = ['ifd0', 'exif', 'ifd1', 'interop'].includes(block) ? 'EXIF' : block === 'iptc' ? 'IPTC' : `XMP：${block}`;
      for (const [k, v] of Object.entries(values)) if (k !== 'lang') flatten(`${label}：${k}`, v, segments);
    }
  }
  const gps = (await exifr.gps(Buffer.from(buf)).catch(() => null)) as { latitude?: number; longitude?: number } | null;
  if (gps && Number.isFinite(gps.latitude) && Number.isFinite(gps.longitude)) {
    segments.push({ location: 'GPS 位置', text: `纬度 ${gps.latitude!.toFixed(6)}，经度 ${gps.longitude!.toFixed(6)}` });
    warnings.push('图片带有 GPS 拍摄位置，公开前须清除');
  }
  if (type === 'png') segments.push(...readPngText(buf));
  if (segments.length === 0) warnings.push('图片中的文字无法自动识别，请人工审看图片内容');
  return { segments, warnings, pages: null };
}
