import { unzipSync } from 'fflate';
import { inflateCapped } from '../documents/extract/inflate';
import { LIMITS } from '../documents/limits';
import { proofNormalize } from './normalize';

// The deliberately simple extractor of the proof: no format knowledge beyond "a zip
// has entries, a PDF has streams, a PNG has chunks". Every byte sequence is decoded
// every way a reader's tool might decode it (UTF-8, UTF-16 LE/BE at both alignments,
// GB18030, Latin-1), XML is also read with its tags stripped, PDF hex strings are
// decoded, and everything is normalized like the removed strings. It finds what the
// import extractors might miss, at the price of knowing nothing about structure.

export interface Place {
  where: string;
  text: string;
}

const latin1 = new TextDecoder('latin1');
const DECODERS: Array<[string, (b: Uint8Array) => string]> = [
  ['UTF-8', (b) => new TextDecoder('utf-8').decode(b)],
  ['GB18030', (b) => new TextDecoder('gb18030').decode(b)],
  ['UTF-16LE', (b) => new TextDecoder('utf-16le').decode(b)],
  ['UTF-16LE（错位）', (b) => new TextDecoder('utf-16le').decode(b.subarray(1))],
  ['UTF-16BE', (b) => new TextDecoder('utf-16be').decode(b)],
  ['UTF-16BE（错位）', (b) => new TextDecoder('utf-16be').decode(b.subarray(1))],
  ['Latin-1', (b) => latin1.decode(b)],
];

function* decodings(where: string, b: Uint8Array): Generator<Place> {
  for (const [label, decode] of DECODERS) {
    const text = decode(b);
    yield { where: `${where}（按 ${label} 读取）`, text: proofNormalize(text) };
    // Markup between the characters of a value (runs, spans) is taken out once more.
    if (label === 'UTF-8' && /<[a-zA-Z!?/]/.test(text)) yield { where: `${where}（去掉标记后）`, text: proofNormalize(text.replace(/<[^>]*>/g, '')) };
  }
}

/** PDF hex strings (<FEFF…>, <4E2D…>) decoded as UTF-16BE and as bytes. */
function* pdfHexStrings(where: string, text: string): Generator<Place> {
  const hex = text.match(/<[0-9A-Fa-f\s]{4,}>/g);
  if (!hex) return;
  const bytes = hex.map((h) => Buffer.from(h.slice(1, -1).replace(/\s/g, ''), 'hex'));
  const joined = Buffer.concat(bytes);
  yield { where: `${where}（十六进制字符串，按 UTF-16BE 读取）`, text: proofNormalize(new TextDecoder('utf-16be').decode(joined)) };
  yield { where: `${where}（十六进制字符串，按 GB18030 读取）`, text: proofNormalize(new TextDecoder('gb18030').decode(joined)) };
  yield { where: `${where}（十六进制字符串，按 UTF-8 读取）`, text: proofNormalize(new TextDecoder('utf-8').decode(joined)) };
}

function tryInflate(b: Uint8Array): Uint8Array | null {
  for (const format of ['zlib', 'raw'] as const) {
    try {
      const out = inflateCapped(b, LIMITS.pdfStreamBytes, '数据流', format);
      if (out.length) return out;
    } catch {
      // not compressed this way
    }
  }
  return null;
}

/** The bytes of every PDF stream, inflated (twice for chained filters) where they inflate. */
export function pdfStreams(buf: Uint8Array): Array<{ at: number; data: Uint8Array }> {
  const text = latin1.decode(buf);
  const out: Array<{ at: number; data: Uint8Array }> = [];
  const kw = /stream\r?\n/g;
  for (let m = kw.exec(text); m; m = kw.exec(text)) {
    if (text.slice(m.index - 3, m.index) === 'end') continue;
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    kw.lastIndex = end + 9;
    let data: Uint8Array = buf.subarray(start, end);
    for (let i = 0; i < 2; i++) {
      const inflated = tryInflate(data);
      if (!inflated) break;
      data = inflated;
    }
    out.push({ at: start, data });
  }
  return out;
}

function* pngChunks(buf: Uint8Array): Generator<Place> {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let off = 8; off + 12 <= buf.length; ) {
    const len = view.getUint32(off);
    const type = latin1.decode(buf.subarray(off + 4, off + 8));
    const data = buf.subarray(off + 8, Math.min(buf.length, off + 8 + len));
    if (type !== 'IDAT') {
      // A compressed text chunk: the zlib stream starts somewhere after the keyword.
      for (let i = 0; i < Math.min(data.length, 100); i++) {
        if (data[i] !== 0x78) continue;
        const inflated = tryInflate(data.subarray(i));
        if (inflated) {
          yield* decodings(`图片的 ${type} 数据块（解压后）`, inflated);
          break;
        }
      }
    }
    off += 12 + len;
  }
}

/** Every place the simple extractor reads, each already normalized; one at a time, so memory stays bounded by the largest. */
export function* rawPlaces(buf: Uint8Array): Generator<Place> {
  yield* decodings('文件的原始字节', buf);
  if (buf[0] === 0x50 && buf[1] === 0x4b) {
    let entries: Record<string, Uint8Array> = {};
    try {
      entries = unzipSync(buf);
    } catch {
      yield { where: '压缩包（无法解开）', text: '' };
    }
    for (const [name, data] of Object.entries(entries)) {
      yield* decodings(`压缩包内的“${name}”`, data);
      // A zip inside a zip (an embedded workbook) is opened too.
      if (data[0] === 0x50 && data[1] === 0x4b) for (const p of rawPlaces(data)) yield { where: `压缩包内的“${name}”中的${p.where}`, text: p.text };
    }
  } else if (latin1.decode(buf.subarray(0, 5)) === '%PDF-') {
    yield* pdfHexStrings('PDF 文件结构', latin1.decode(buf));
    for (const s of pdfStreams(buf)) {
      const where = `PDF 第 ${s.at} 字节处的数据流`;
      yield* decodings(where, s.data);
      yield* pdfHexStrings(where, latin1.decode(s.data));
    }
  } else if (buf[0] === 0x89 && buf[1] === 0x50) yield* pngChunks(buf);
}
