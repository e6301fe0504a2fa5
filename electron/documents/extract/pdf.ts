import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DocumentRefused, LIMITS } from '../limits';
import { guardPdfStreams } from './pdf-guard';
import type { Extraction, Segment } from './types';

// pdf.js in Node, with its own CJK character maps and standard fonts from the package
// folder: nothing is fetched. Page text, annotations, attached file names, the info
// dictionary and XMP metadata.

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;
const load = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

function flat(prefix: string, value: unknown, out: Segment[]): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (value.trim()) out.push({ location: prefix, text: value.trim() });
  } else if (Array.isArray(value)) value.forEach((v) => flat(prefix, v, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) flat(`${prefix}：${k}`, v, out);
}

export async function extractPdf(buf: Uint8Array, onPage?: (done: number, total: number) => void): Promise<Extraction> {
  guardPdfStreams(buf);
  const lib = await load();
  const task = lib.getDocument({
    data: new Uint8Array(buf),
    cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    useWorkerFetch: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'PasswordException') throw new DocumentRefused('PDF 文件设有密码，无法读取，请提供未加密的文件');
    throw new DocumentRefused('PDF 文件已损坏或不完整，无法读取');
  }
  try {
    if (doc.numPages > LIMITS.pdfPages) throw new DocumentRefused(`PDF 页数过多（${doc.numPages} 页，上限 ${LIMITS.pdfPages} 页）`);
    const segments: Segment[] = [];
    const warnings: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      if (text.trim()) segments.push({ location: `第${n}页`, text });
      for (const a of await page.getAnnotations()) {
        const parts = [a.titleObj?.str, a.contentsObj?.str, a.fieldValue, a.alternativeText, a.file?.filename].filter(
          (x): x is string => typeof x === 'string' && x.trim() !== '',
        );
        for (const p of parts) segments.push({ location: `第${n}页 注释（${a.subtype ?? '注释'}）`, text: p });
      }
      page.cleanup();
      onPage?.(n, doc.numPages);
    }
    const attachments = (await doc.getAttachments()) as Record<string, { filename?: string }> | null;
    for (const [key, a] of Object.entries(attachments ?? {})) segments.push({ location: '附件文件名', text: a.filename ?? key });
    const meta = await doc.getMetadata().catch(() => null);
    if (meta) {
      const info = meta.info as Record<string, unknown>;
      for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer']) flat(`文档信息：${key}`, info[key], segments);
      flat('文档信息：自定义', info['Custom'], segments);
      const xmp = meta.metadata;
      if (xmp) for (const [k, v] of xmp) flat(`XMP：${k}`, v, segments);
    }
    if (!segments.some((s) => /^第\d+页$/.test(s.location))) warnings.push('PDF 中没有可提取的文字（可能是扫描件），请人工逐页审读');
    return { segments, warnings, pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}
