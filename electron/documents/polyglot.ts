import type { DocumentType } from './sniff';

// A polyglot is one file that is two: a docx appended to a PDF opens as a PDF in a
// viewer and as a document in an unzip tool, so a review of the PDF alone misses the
// rest. The first format's end is found from its own structure; whatever follows, or
// an archive hidden inside, is reported and, when it is an office file, read too.

const latin1 = new TextDecoder('latin1');

export interface Hidden {
  /** Where the second file starts. */
  offset: number;
  /** What the bytes from `offset` look like, in the words of the warning. */
  what: string;
}

const ZIP_LOCAL = 'PK\x03\x04';
const ZIP_END = 'PK\x05\x06';

/** Byte offset where the first file ends, or null when its format gives no clear end. */
function endOf(text: string, type: DocumentType): number | null {
  if (type === 'pdf') {
    const eof = text.lastIndexOf('%%EOF');
    return eof < 0 ? null : eof + 5;
  }
  if (type === 'png') {
    const iend = text.lastIndexOf('IEND');
    return iend < 0 ? null : iend + 8; // type, then the 4-byte CRC
  }
  return null;
}

export function findHidden(buf: Uint8Array, type: DocumentType): Hidden[] {
  if (type === 'docx' || type === 'xlsx' || type === 'txt' || type === 'html') return [];
  const text = latin1.decode(buf); // one char per byte: indices are byte offsets
  const out: Hidden[] = [];
  const end = endOf(text, type);
  if (end !== null && text.slice(end).trim().length > 0) out.push({ offset: end, what: describe(text.slice(end, end + 8)) });
  // An archive anywhere in a non-archive file: its end record sits in the last 64 KB.
  const zipEnd = text.lastIndexOf(ZIP_END);
  const zipStart = text.indexOf(ZIP_LOCAL);
  if (zipEnd > 0 && zipStart >= 0 && zipStart < zipEnd && buf.length - zipEnd <= 65_557 && !out.some((h) => h.offset <= zipStart && h.what === '压缩包'))
    out.push({ offset: zipStart, what: '压缩包' });
  if (type !== 'pdf') {
    const pdf = text.slice(0, 1024).indexOf('%PDF-');
    if (pdf > 0) out.push({ offset: pdf, what: 'PDF 文件头' });
  }
  return out;
}

function describe(head: string): string {
  if (head.startsWith(ZIP_LOCAL)) return '压缩包';
  if (head.startsWith('%PDF-')) return 'PDF 文件';
  if (head.startsWith('\x89PNG')) return 'PNG 图片';
  if (head.startsWith('\xff\xd8\xff')) return 'JPEG 图片';
  return '其他数据';
}
