import sharp from 'sharp';
import { DocumentRefused } from '../documents/limits';
import type { Area } from './types';

// Images are decoded and encoded again: what leaves is pixels only. sharp writes no
// metadata unless asked (no EXIF, GPS, XMP, IPTC, ICC, PNG text chunks), so text that
// was only in the metadata is gone with it. Orientation is applied to the pixels first,
// so dropping the EXIF orientation tag does not turn the picture.

/** Decoded (orientation applied), areas filled black in the pixels, encoded again without metadata. */
export async function reencodeImage(buf: Uint8Array, type: 'png' | 'jpg', areas: readonly Area[] = []): Promise<Uint8Array> {
  try {
    const { data, info } = await sharp(Buffer.from(buf), { failOn: 'error', limitInputPixels: 200_000_000 }).rotate().raw().toBuffer({ resolveWithObject: true });
    const boxes = areas.map((a) => {
      const left = Math.max(0, Math.floor(a.x * info.width));
      const top = Math.max(0, Math.floor(a.y * info.height));
      return { left, top, width: Math.max(1, Math.min(info.width - left, Math.ceil((a.x + a.width) * info.width) - left)), height: Math.max(1, Math.min(info.height - top, Math.ceil((a.y + a.height) * info.height) - top)) };
    });
    const img = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).composite(
      boxes.map((b) => ({ input: { create: { width: b.width, height: b.height, channels: 4 as const, background: { r: 0, g: 0, b: 0, alpha: 1 } } }, left: b.left, top: b.top })),
    );
    const out = type === 'png' ? await img.png({ compressionLevel: 9 }).toBuffer() : await img.jpeg({ quality: 92, mozjpeg: false }).toBuffer();
    return new Uint8Array(out);
  } catch {
    throw new DocumentRefused('图片已损坏或格式不受支持，无法制作公开版本');
  }
}

export async function redactImage(buf: Uint8Array, type: 'png' | 'jpg', areas: readonly Area[] = []): Promise<{ bytes: Uint8Array; notes: string[] }> {
  const notes = ['图片已重新编码，EXIF、GPS、XMP 和文本块等元数据全部清除；图片画面中的文字不能自动识别，请人工审看'];
  if (areas.length) notes.unshift(`按审查人划定的 ${areas.length} 个区域将图片像素填为黑色`);
  return { bytes: await reencodeImage(buf, type, areas), notes };
}
