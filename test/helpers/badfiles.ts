import { strToU8, unzipSync, zipSync, zlibSync } from 'fflate';
import { crc32, docx, png, pngChunk } from './fixtures';

// Files built to exhaust a reader: bombs, absurd dimensions, deep nesting. Each is small
// on disk; the danger is in what a careless reader would make of it.

/** A PNG whose zTXt and iTXt chunks are zlib streams, as the PNG specification says. */
export function pngSpecText(chunks: { zTXt?: [string, string]; iTXt?: [string, string]; zTXtBytes?: Uint8Array }): Uint8Array {
  const base = png({});
  const iend = base.length - 12;
  const extra: Uint8Array[] = [];
  if (chunks.zTXt) extra.push(pngChunk('zTXt', Buffer.concat([Buffer.from(`${chunks.zTXt[0]}\0\0`, 'latin1'), zlibSync(Buffer.from(chunks.zTXt[1], 'latin1'))])));
  if (chunks.zTXtBytes) extra.push(pngChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), chunks.zTXtBytes])));
  if (chunks.iTXt) extra.push(pngChunk('iTXt', Buffer.concat([Buffer.from(`${chunks.iTXt[0]}\0\x01\0zh\0\0`, 'latin1'), zlibSync(Buffer.from(chunks.iTXt[1], 'utf8'))])));
  return Buffer.concat([base.subarray(0, iend), ...extra, base.subarray(iend)]);
}

/** A PNG whose header claims width × height; the pixel data is one tiny row. */
export function pngClaiming(width: number, height: number): Uint8Array {
  const b = Buffer.from(png({}));
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.writeUInt32BE(crc32(b.subarray(12, 29)), 29);
  return b;
}

/** A baseline JPEG header (SOI, SOF0, EOI) claiming width × height. */
export function jpegClaiming(width: number, height: number): Uint8Array {
  const sof = [0xff, 0xc0, 0, 11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0];
  return Uint8Array.from([0xff, 0xd8, ...sof, 0xff, 0xd9]);
}

/** A docx whose body nests `depth` elements inside one paragraph. */
export function deepDocx(depth: number): Uint8Array {
  const base = docx({ body: ['正文'] });
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const doc = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body><w:p>${'<w:sdt>'.repeat(depth)}<w:r><w:t>深</w:t></w:r>${'</w:sdt>'.repeat(depth)}</w:p></w:body></w:document>`;
  return replaceZipEntry(base, 'word/document.xml', strToU8(doc));
}

/** A docx with `count` sibling elements, for the linear-walk bench. */
export function wideDocx(count: number): Uint8Array {
  const base = docx({ body: ['正文'] });
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const doc = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${Array.from({ length: count }, (_, i) => `<w:p><w:r><w:t>第${(i * 7919) % 100003}段</w:t></w:r></w:p>`).join('')}</w:body></w:document>`;
  return replaceZipEntry(base, 'word/document.xml', strToU8(doc));
}

function replaceZipEntry(zip: Uint8Array, name: string, data: Uint8Array): Uint8Array {
  const files = unzipSync(zip);
  files[name] = new Uint8Array(data);
  return new Uint8Array(zipSync(files));
}

/** A one-page PDF with an extra Flate stream that inflates to `bytes` zero bytes. */
export function pdfFlateBomb(bytes: number): Uint8Array {
  const bomb = zlibSync(new Uint8Array(bytes), { level: 9 });
  const head = '%PDF-1.7\n';
  const objs: (string | Uint8Array)[][] = [
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    ['<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>'],
    [`<< /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n`, bomb, '\nendstream'],
  ];
  const parts: Uint8Array[] = [strToU8(head)];
  let len = head.length;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(len);
    for (const piece of [`${i + 1} 0 obj\n`, ...o, '\nendobj\n']) {
      const b = typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece;
      parts.push(b);
      len += b.length;
    }
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${len}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}
