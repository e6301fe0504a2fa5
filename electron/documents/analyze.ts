import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { createScanner, type ScanResult } from '../scanner/scanner';
import type { ListTerm, Rules } from '../scanner/rules';
import { extractDoc } from './extract/doc';
import { extractDocx } from './extract/docx';
import { extractImage } from './extract/image';
import { extractPdf } from './extract/pdf';
import { extractHtml, extractText } from './extract/text';
import type { Extraction } from './extract/types';
import { extractXlsx } from './extract/xlsx';
import { DocumentRefused, LIMITS, mb } from './limits';
import { sniff, TYPE_LABELS, type DocumentType } from './sniff';

// From bytes to findings: refuse what must be refused, decide the type from content,
// extract every piece of text a reader could find, and scan it. No side effects: the
// caller stores the result only when all of it succeeded.

export interface Analysis extends ScanResult {
  type: DocumentType;
  sha256: string;
  size: number;
  pages: number | null;
  warnings: string[];
}

export type Progress = (phase: 'extract' | 'scan', fraction: number) => void;

const EXT: Record<DocumentType, string[]> = {
  docx: ['.docx'],
  xlsx: ['.xlsx'],
  pdf: ['.pdf'],
  doc: ['.doc'],
  png: ['.png'],
  jpg: ['.jpg', '.jpeg'],
  html: ['.html', '.htm'],
  txt: ['.txt', '.text', '.csv'],
};

export async function extract(buf: Uint8Array, name: string, progress?: Progress): Promise<{ type: DocumentType; extraction: Extraction }> {
  if (buf.length === 0) throw new DocumentRefused('文件是空的');
  if (buf.length > LIMITS.fileBytes) throw new DocumentRefused(`文件过大（${mb(buf.length)}，上限 ${mb(LIMITS.fileBytes)}）`);
  const type = sniff(buf);
  if (!type) throw new DocumentRefused('无法识别文件类型：只接受 docx、xlsx、pdf、doc、png、jpg、html 和 txt 文件');
  let extraction: Extraction;
  switch (type) {
    case 'docx':
      extraction = extractDocx(buf);
      break;
    case 'xlsx':
      extraction = extractXlsx(buf);
      break;
    case 'pdf':
      extraction = await extractPdf(buf, (done, total) => progress?.('extract', done / total));
      break;
    case 'doc':
      extraction = await extractDoc(buf);
      break;
    case 'png':
    case 'jpg':
      extraction = await extractImage(buf, type);
      break;
    case 'html':
      extraction = extractHtml(buf);
      break;
    case 'txt':
      extraction = extractText(buf);
      break;
  }
  const ext = extname(name).toLowerCase();
  if (!EXT[type].includes(ext))
    extraction.warnings.unshift(`文件扩展名为“${ext || '无'}”，但内容是${TYPE_LABELS[type]}，已按实际类型读取`);
  const chars = extraction.segments.reduce((n, s) => n + s.text.length, 0);
  if (chars > LIMITS.textChars) throw new DocumentRefused(`文件中的文字过多（${chars} 字），无法在本机审查`);
  progress?.('extract', 1);
  return { type, extraction };
}

export async function analyze(
  buf: Uint8Array,
  name: string,
  rules: Rules,
  terms: readonly ListTerm[],
  progress?: Progress,
): Promise<Analysis> {
  const { type, extraction } = await extract(buf, name, progress);
  const result = createScanner({ rules, terms }).scan(extraction.segments, (f) => progress?.('scan', f));
  return {
    ...result,
    type,
    sha256: createHash('sha256').update(buf).digest('hex'),
    size: buf.length,
    pages: extraction.pages,
    warnings: extraction.warnings,
  };
}
