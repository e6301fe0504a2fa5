import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { placeKind } from '../../shared/documents';
import { wellFormed } from '../scanner/normalize';
import { POOL_MIN_CHARS, scannerFor, scanWithHelpers, type Helper } from '../scanner/pool';
import type { ScanResult } from '../scanner/scanner';
import type { ListTerm, Rules } from '../scanner/rules';
import { extractDoc } from './extract/doc';
import { extractDocx } from './extract/docx';
import { extractImage } from './extract/image';
import { extractPdf } from './extract/pdf';
import { extractHtml } from './extract/html';
import { readPackage } from './extract/ooxml/package';
import { extractText } from './extract/text';
import type { Extraction, PartRecord, ReadInner } from './extract/types';
import { extractXlsx } from './extract/xlsx';
import { DocumentRefused, LIMITS, mb } from './limits';
import { findHidden } from './polyglot';
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
  /** Every part of the file and whether it was read (已读取 / 未读取 with the reason). */
  parts: PartRecord[];
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

async function extractAs(type: DocumentType, buf: Uint8Array, depth: number, progress?: Progress): Promise<Extraction> {
  // Files inside this one are read by the same readers, one level deeper, up to the limit.
  const inner: ReadInner | null = depth < LIMITS.nestingDepth ? (b) => extractInner(b, depth + 1) : null;
  switch (type) {
    case 'docx':
      return readPackage(buf, extractDocx(buf), { inner });
    case 'xlsx':
      return readPackage(buf, extractXlsx(buf), { inner });
    case 'pdf':
      return extractPdf(buf, (done, total) => progress?.('extract', done / total), inner);
    case 'doc':
      return extractDoc(buf);
    case 'png':
    case 'jpg':
      return extractImage(buf, type);
    case 'html':
      return extractHtml(buf, inner);
    case 'txt':
      return extractText(buf);
  }
}

/** A file found inside another: typed by its bytes like any other; a plain zip is walked entry by entry. */
async function extractInner(buf: Uint8Array, depth: number): Promise<Extraction> {
  if (buf.length === 0) throw new DocumentRefused('文件是空的');
  const type = sniff(buf);
  if (type) return extractAs(type, buf, depth);
  if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) {
    const inner: ReadInner | null = depth < LIMITS.nestingDepth ? (b) => extractInner(b, depth + 1) : null;
    return readPackage(buf, { segments: [], warnings: [], pages: null }, { inner });
  }
  throw new DocumentRefused('无法识别文件类型');
}

/** A second file inside the first (polyglot): warned about, and read when it is an office file. */
async function readHidden(buf: Uint8Array, type: DocumentType, into: Extraction): Promise<void> {
  for (const h of findHidden(buf, type)) {
    const rest = buf.subarray(h.offset);
    const inner = h.what === '压缩包' ? sniffQuietly(rest) : null;
    if (inner === 'docx' || inner === 'xlsx') {
      const label = TYPE_LABELS[inner];
      // Read as completely as a file of its own: every part, embedded files one level down.
      const found = await readPackage(rest, inner === 'docx' ? extractDocx(rest) : extractXlsx(rest), { inner: (b) => extractInner(b, 1) });
      into.segments.push(...found.segments.map((s) => ({ ...s, location: `文件中附带的${label}：${s.location}` })));
      into.warnings.unshift(`这份${TYPE_LABELS[type]}的第 ${h.offset} 字节之后还附带一份${label}（一个文件同时是两种格式），其中文字已一并审查；公开前须删除`);
      into.parts?.push({ name: `第 ${h.offset} 字节起附带的${label}`, what: label, read: true }, ...(found.parts ?? []).map((p) => ({ ...p, name: `附带的${label} › ${p.name}` })));
    } else {
      into.warnings.unshift(`这份${TYPE_LABELS[type]}的第 ${h.offset} 字节处还含有${h.what}（一个文件同时是两种格式），这部分内容无法自动审查，请人工核对；公开前须删除`);
      into.parts?.push({ name: `第 ${h.offset} 字节起的${h.what}`, what: h.what, read: false, reason: '附带在文件之后的其他格式数据，无法自动审查' });
    }
  }
}

function sniffQuietly(b: Uint8Array): DocumentType | null {
  try {
    return sniff(b);
  } catch {
    return null;
  }
}

export async function extract(buf: Uint8Array, name: string, progress?: Progress): Promise<{ type: DocumentType; extraction: Extraction }> {
  if (buf.length === 0) throw new DocumentRefused('文件是空的');
  if (buf.length > LIMITS.fileBytes) throw new DocumentRefused(`文件过大（${mb(buf.length)}，上限 ${mb(LIMITS.fileBytes)}）`);
  const type = sniff(buf);
  if (!type) throw new DocumentRefused('无法识别文件类型：只接受 docx、xlsx、pdf、doc、png、jpg、html 和 txt 文件');
  const extraction = await extractAs(type, buf, 0, progress);
  extraction.parts ??= [{ name: TYPE_LABELS[type], what: '整个文件', read: true }];
  await readHidden(buf, type, extraction);
  const ext = extname(name).toLowerCase();
  if (!EXT[type].includes(ext))
    extraction.warnings.unshift(`文件扩展名为“${ext || '无'}”，但内容是${TYPE_LABELS[type]}，已按实际类型读取`);
  for (const s of extraction.segments) {
    s.text = wellFormed(s.text);
    s.location = wellFormed(s.location);
  }
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
  /** Warm scanning threads (ports to the app's scan pool): a long text is shared with them. */
  helpers: readonly Helper[] = [],
): Promise<Analysis> {
  const { type, extraction } = await extract(buf, name, progress);
  const onScan = (f: number) => progress?.('scan', f);
  const chars = extraction.segments.reduce((n, s) => n + s.text.length, 0);
  const result =
    helpers.length && chars >= POOL_MIN_CHARS
      ? await scanWithHelpers({ rules, terms }, helpers, extraction.segments, onScan)
      : scannerFor({ rules, terms }).scan(extraction.segments, onScan);
  // Each stored segment carries its kind of place, so the item page can label it, and its
  // Word table cell, so the item page can draw the table.
  const segments =
    result.segments.length === extraction.segments.length
      ? result.segments.map((s, i) => {
          const table = extraction.segments[i]!.table;
          return { ...s, place: placeKind(s.location), ...(table ? { table } : {}) };
        })
      : result.segments;
  // A finding in a Word table names its cell too: the printed form is read beside the
  // paper document, where 第N段 alone does not say which cell.
  const findings = segments.some((s) => 'table' in s) ? result.findings.map((f) => withCell(f, segments)) : result.findings;
  return {
    ...result,
    findings,
    segments,
    type,
    sha256: createHash('sha256').update(buf).digest('hex'),
    size: buf.length,
    pages: extraction.pages,
    warnings: extraction.warnings,
    parts: extraction.parts ?? [],
  };
}

type Cell = { table: number; row: number; col: number };

/** The finding with its Word table cell after the location, outermost table first (（表格1 第2行第3列）). */
function withCell<F extends { start: number; location: string }>(f: F, segments: ReadonlyArray<{ start: number; end: number; table?: Cell[] }>): F {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.start <= f.start) lo = mid;
    else hi = mid - 1;
  }
  const table = segments[lo]?.table;
  if (!table?.length || f.start > segments[lo]!.end) return f;
  return { ...f, location: `${f.location}（${table.map((t) => `表格${t.table} 第${t.row}行第${t.col}列`).join('中的')}）` };
}
