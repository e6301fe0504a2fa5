import { DocumentRefused, LIMITS, mb } from '../limits';
import { inflateCapped } from './inflate';

// pdf.js decodes streams lazily, deep inside page rendering, with no ceiling on output.
// So before pdf.js sees the file, every Flate stream is inflated once here with a
// ceiling per stream and for the whole document: a Flate bomb is refused up front,
// and memory stays bounded by the ceilings. Chained Flate filters are followed too.

const latin1 = new TextDecoder('latin1');

function flateLayers(dict: string): number {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(dict)?.[1] ?? '';
  return (filter.match(/\/(FlateDecode|Fl)\b/g) ?? []).length;
}

export function guardPdfStreams(buf: Uint8Array): void {
  const text = latin1.decode(buf); // one char per byte, so indices are byte offsets
  const streamKw = /stream\r?\n/g;
  let total = 0;
  for (let m = streamKw.exec(text); m; m = streamKw.exec(text)) {
    if (text.slice(m.index - 3, m.index) === 'end') continue;
    const dictStart = text.lastIndexOf('obj', m.index);
    const dict = text.slice(Math.max(0, dictStart, m.index - 4096), m.index);
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    streamKw.lastIndex = end + 9;
    const layers = flateLayers(dict);
    let data: Uint8Array = buf.subarray(start, end);
    for (let i = 0; i < layers; i++) {
      try {
        data = inflateCapped(data, LIMITS.pdfStreamBytes, 'PDF 文件中的一个数据流');
      } catch (e) {
        if (e instanceof DocumentRefused) throw e;
        break; // damaged streams are pdf.js's concern; only the size is checked here
      }
    }
    if (layers) total += data.length;
    if (total > LIMITS.pdfDocumentBytes) throw new DocumentRefused(`PDF 文件的数据流解压后合计超过 ${mb(LIMITS.pdfDocumentBytes)}，疑似压缩炸弹，拒绝读取`);
  }
}
