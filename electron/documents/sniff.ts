import { zipEntries } from './zip';

// The type comes from the bytes, never from the name: a .pdf that is really a .docx is
// read as a .docx, and a file of no known kind is refused.

export const DOCUMENT_TYPES = ['docx', 'xlsx', 'pdf', 'doc', 'png', 'jpg', 'html', 'txt'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const TYPE_LABELS: Record<DocumentType, string> = {
  docx: 'Word 文档（docx）',
  xlsx: 'Excel 工作簿（xlsx）',
  pdf: 'PDF 文档',
  doc: 'Word 97-2003 文档（doc）',
  png: 'PNG 图片',
  jpg: 'JPEG 图片',
  html: '网页（html）',
  txt: '纯文本',
};

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

function looksLikeText(b: Uint8Array): string | null {
  const sample = b.subarray(0, 64 * 1024);
  const utf16 = (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
  if (utf16) return new TextDecoder(b[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(sample.subarray(2));
  // Text has almost no control characters besides tab, line feed, carriage return and form feed.
  let controls = 0;
  for (const x of sample) if (x < 0x20 && x !== 9 && x !== 10 && x !== 12 && x !== 13) controls++;
  if (controls > sample.length / 100) return null;
  try {
    // stream: a sample cut inside a multi-byte character is not an error.
    return new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: b.length > sample.length });
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(sample);
    } catch {
      return null;
    }
  }
}

export function sniff(b: Uint8Array): DocumentType | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntries(b).map((e) => e.name);
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    return null;
  }
  const text = looksLikeText(b);
  if (text === null) return null;
  return /<(!doctype\s+html|html|body|p|div|table)[\s>]/i.test(text.slice(0, 4096)) ? 'html' : 'txt';
}
