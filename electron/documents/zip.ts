import { unzipSync, type UnzipFileInfo } from 'fflate';
import { DocumentRefused, LIMITS, mb } from './limits';

/** Entry names of an archive without inflating anything; refuses what is not a complete zip. */
export function zipEntries(buf: Uint8Array): UnzipFileInfo[] {
  const infos: UnzipFileInfo[] = [];
  try {
    unzipSync(buf, {
      filter: (f) => {
        infos.push(f);
        return false;
      },
    });
  } catch {
    throw new DocumentRefused('文件已损坏或不完整（压缩结构无法读取）');
  }
  return infos;
}

/**
 * Inflates the wanted entries after checking the declared sizes against the limits,
 * then checks the real sizes again: a zip can lie about its sizes.
 */
export function safeUnzip(buf: Uint8Array, wanted: (name: string) => boolean): Map<string, Uint8Array> {
  const infos = zipEntries(buf);
  if (infos.length > LIMITS.zipEntries) throw new DocumentRefused(`压缩包内文件过多（${infos.length} 个，上限 ${LIMITS.zipEntries} 个）`);
  let declared = 0;
  for (const f of infos) {
    declared += f.originalSize;
    if (f.size > 0 && f.originalSize / f.size > LIMITS.zipRatio)
      throw new DocumentRefused(`文件“${f.name}”的压缩比异常（${Math.round(f.originalSize / f.size)} 倍），疑似压缩炸弹，已拒绝`);
  }
  if (declared > LIMITS.zipExpandedBytes) throw new DocumentRefused(`解压后内容过大（${mb(declared)}，上限 ${mb(LIMITS.zipExpandedBytes)}）`);
  let out: Record<string, Uint8Array>;
  try {
    out = unzipSync(buf, { filter: (f) => wanted(f.name) });
  } catch {
    throw new DocumentRefused('文件已损坏或不完整（压缩内容无法解开）');
  }
  let real = 0;
  for (const [name, data] of Object.entries(out)) {
    real += data.length;
    const info = infos.find((i) => i.name === name);
    if (info && data.length !== info.originalSize) throw new DocumentRefused(`文件“${name}”的实际大小与声明不符，已拒绝`);
  }
  if (real > LIMITS.zipExpandedBytes) throw new DocumentRefused('解压后内容过大，已拒绝');
  return new Map(Object.entries(out));
}
