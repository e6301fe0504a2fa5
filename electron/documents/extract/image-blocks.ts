import { printableStrings } from './ooxml/binary';
import type { PartRecord, Segment } from './types';

// The blocks of an image file, listed one by one: which carry metadata that was read
// (EXIF, XMP, IPTC, ICC, PNG text, JPEG comments), which are pixels (未读取: no text
// recognition), and which are blocks no reader here knows — their printable text is
// still searched, and they are listed as 未读取 with that said.

const latin1 = new TextDecoder('latin1');

/** JPEG APPn and COM segments up to the start of the scan. */
export function jpegBlocks(b: Uint8Array): { parts: PartRecord[]; segments: Segment[] } {
  const parts: PartRecord[] = [];
  const segments: Segment[] = [];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let off = 2;
  let n = 0;
  while (off + 4 <= b.length && b[off] === 0xff) {
    const marker = b[off + 1]!;
    if (marker === 0xff) {
      off += 1;
      continue;
    }
    if (marker === 0xd9) break;
    const len = view.getUint16(off + 2);
    const body = b.subarray(off + 4, Math.min(b.length, off + 2 + len));
    n += 1;
    const head = latin1.decode(body.subarray(0, 32));
    if (marker === 0xda) {
      parts.push({ name: '图像数据（SOS 之后）', what: '像素', read: false, reason: '图像中的文字不做识别，请人工查看' });
      break;
    }
    if (marker === 0xfe) {
      const text = new TextDecoder().decode(body).replace(/\0/g, '').trim();
      if (text) segments.push({ location: 'JPEG 注释（COM）', text, cell: `COM#${n}` });
      parts.push({ name: `注释段（COM，第${n}段）`, what: '元数据', read: true });
    } else if (marker >= 0xe0 && marker <= 0xef) {
      const app = `APP${marker - 0xe0}`;
      const known =
        (app === 'APP0' && /^JFIF|^JFXX/.test(head)) ? 'JFIF 文件头'
        : app === 'APP1' && head.startsWith('Exif') ? 'EXIF'
        : app === 'APP1' && /^http:\/\/ns\.adobe\.com\/xap|^http:\/\/ns\.adobe\.com\/xmp/.test(head) ? 'XMP'
        : app === 'APP2' && head.startsWith('ICC_PROFILE') ? 'ICC 色彩配置'
        : app === 'APP2' && head.startsWith('MPF') ? '多图格式（MPF）'
        : app === 'APP13' && head.startsWith('Photoshop 3.0') ? 'IPTC（Photoshop）'
        : app === 'APP14' && head.startsWith('Adobe') ? 'Adobe 颜色变换'
        : null;
      if (known) parts.push({ name: `${known}（${app}，第${n}段）`, what: '元数据', read: true });
      else {
        for (const [i, t] of printableStrings(body).entries()) segments.push({ location: `JPEG 未知元数据块（${app}）中的可打印文字`, text: t, cell: `${app}#${n}#${i}` });
        parts.push({ name: `未知元数据块（${app}，第${n}段）`, what: '元数据', read: false, reason: '未知格式的元数据块，无法解析；仅检查了其中可打印的文字' });
      }
    } else parts.push({ name: `结构段（0x${marker.toString(16).toUpperCase()}，第${n}段）`, what: '图像结构', read: true });
    off += 2 + len;
  }
  return { parts, segments };
}

/** Chunk types whose content is read (text, metadata) or is structure without text. */
const PNG_READ: Record<string, string> = {
  tEXt: '文本块', zTXt: '文本块（压缩）', iTXt: '文本块（国际化）', eXIf: 'EXIF', iCCP: 'ICC 色彩配置',
  IHDR: '图像结构', PLTE: '图像结构', tRNS: '图像结构', gAMA: '图像结构', cHRM: '图像结构', sRGB: '图像结构', sBIT: '图像结构',
  bKGD: '图像结构', hIST: '图像结构', pHYs: '图像结构', sPLT: '图像结构', tIME: '图像结构', IEND: '图像结构',
  acTL: '动画结构', fcTL: '动画结构', cICP: '图像结构', mDCv: '图像结构', cLLi: '图像结构',
};

/** Every PNG chunk, grouped by type; EXIF data found in eXIf is returned for the EXIF reader. */
export function pngChunks(b: Uint8Array): { parts: PartRecord[]; segments: Segment[]; exif: Uint8Array | null } {
  const counts = new Map<string, number>();
  const segments: Segment[] = [];
  let exif: Uint8Array | null = null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let off = 8;
  while (off + 12 <= b.length) {
    const len = view.getUint32(off);
    const type = latin1.decode(b.subarray(off + 4, off + 8));
    if (off + 12 + len > b.length) break;
    const data = b.subarray(off + 8, off + 8 + len);
    counts.set(type, (counts.get(type) ?? 0) + 1);
    if (type === 'eXIf') exif = data;
    // A colour profile's and a suggested palette's names are Latin-1 text before the first NUL (PNG §11.3.3.3, §11.3.5.4).
    else if (type === 'iCCP' || type === 'sPLT') {
      const name = latin1.decode(data.subarray(0, Math.max(0, data.indexOf(0)))).trim();
      if (name) segments.push({ location: `PNG ${type === 'iCCP' ? 'ICC 配置名称' : '建议调色板名称'}（${type}）`, text: name, cell: `${type}#${off}` });
    }
    else if (!(type in PNG_READ) && type !== 'IDAT' && type !== 'fdAT')
      for (const [i, t] of printableStrings(data).entries()) segments.push({ location: `PNG 未知数据块（${type}）中的可打印文字`, text: t, cell: `${type}#${off}#${i}` });
    if (type === 'IEND') break;
    off += 12 + len;
  }
  const parts: PartRecord[] = [];
  for (const [type, count] of counts) {
    const name = `${type} 数据块（${count} 个）`;
    if (type === 'IDAT' || type === 'fdAT') parts.push({ name, what: '像素', read: false, reason: '图像中的文字不做识别，请人工查看' });
    else if (type in PNG_READ) parts.push({ name, what: PNG_READ[type]!, read: true });
    else parts.push({ name, what: '未知数据块', read: false, reason: '未知格式的数据块，无法解析；仅检查了其中可打印的文字' });
  }
  return { parts, segments, exif };
}
