import { Inflate, Unzlib } from 'fflate';
import { DocumentRefused, mb } from '../limits';

// Decompression with a ceiling on what comes out: a few kilobytes of Flate can expand
// to gigabytes, so the output is counted while it streams and refused past `max`.

export function inflateCapped(data: Uint8Array, max: number, what: string, format: 'zlib' | 'raw' = 'zlib'): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const onData = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > max) throw new DocumentRefused(`${what}解压后超过 ${mb(max)}，疑似压缩炸弹，拒绝读取`);
    chunks.push(chunk);
  };
  const stream = format === 'zlib' ? new Unzlib(onData) : new Inflate(onData);
  // Small input slices keep each output burst small (Flate expands at most ~1032×).
  const SLICE = 1024;
  for (let i = 0; i < data.length; i += SLICE) stream.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  if (data.length === 0) stream.push(data, true);
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
