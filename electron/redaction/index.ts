import { extname } from 'node:path';
import { DocumentRefused } from '../documents/limits';
import { sniff, type DocumentType } from '../documents/sniff';
import { defaultMasks, type Masks } from './masks';
import { Plan } from './plan';
import { prove } from './proof';
import { redactDoc } from './doc';
import { redactDocx } from './docx';
import { redactImage } from './image';
import { redactPdf } from './pdf';
import { redactHtml, redactTxt } from './text';
import { redactXlsx } from './xlsx';
import type { Area, RedactInput, RedactOutput, Redactor } from './types';

// The redaction engine: one entry per format, one proof for all. The format comes from
// the bytes, like at import. Each format returns the new bytes and what the reviewer
// must be told (parts dropped, things that could not be done).

export type { Area, Redactor, RedactionTarget, Removal } from './types';
export { templatesFor, defaultMasks } from './masks';

export interface RedactorOptions {
  masks?: Masks;
  /** Hidden rows and columns of a workbook: shown in the public version (default), or removed with their cells. */
  hiddenRowsAndColumns?: 'reveal' | 'remove';
}

type Engine = (buf: Uint8Array, plan: Plan, options: RedactorOptions, areas: Area[]) => Promise<{ bytes: Uint8Array; notes: string[]; type?: DocumentType; underAreas?: string[] }>;

const ENGINES: Partial<Record<DocumentType, Engine>> = {
  txt: async (b, p) => redactTxt(b, p),
  html: async (b, p) => redactHtml(b, p),
  docx: (b, p) => redactDocx(b, p),
  xlsx: (b, p, o) => redactXlsx(b, p, o.hiddenRowsAndColumns ?? 'reveal'),
  pdf: (b, p, _o, a) => redactPdf(b, p, a),
  doc: (b, p) => redactDoc(b, p),
  png: (b, _p, _o, a) => redactImage(b, 'png', a),
  jpg: (b, _p, _o, a) => redactImage(b, 'jpg', a),
};

const OUT_EXT: Record<DocumentType, string> = { docx: '.docx', xlsx: '.xlsx', pdf: '.pdf', doc: '.docx', png: '.png', jpg: '.jpg', html: '.html', txt: '.txt' };

const unit = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
const validArea = (a: Area) =>
  unit(a.x) && unit(a.y) && unit(a.width) && unit(a.height) && a.width > 0 && a.height > 0 && a.x + a.width <= 1.0001 && a.y + a.height <= 1.0001 && (a.page === undefined || (Number.isInteger(a.page) && a.page >= 1));

function publicName(name: string, type: DocumentType): string {
  const ext = extname(name);
  const stem = ext ? name.slice(0, -ext.length) : name;
  return `${stem}（公开版本）${OUT_EXT[type]}`;
}

export function createRedactor(options: RedactorOptions = {}): Redactor {
  const masks = options.masks ?? defaultMasks();
  return {
    async redact({ bytes, name, targets, areas = [], hiddenRowsAndColumns }: RedactInput): Promise<RedactOutput> {
      const type = sniff(bytes);
      if (!type) throw new DocumentRefused('无法识别文件类型，不能制作公开版本');
      const engine = ENGINES[type];
      if (!engine) throw new DocumentRefused(`暂不能为此类文件制作公开版本（${type}）`);
      const plan = new Plan(targets, masks);
      const usable = areas.filter(validArea);
      if (usable.length !== areas.length) throw new DocumentRefused('删除区域的坐标无效');
      if (usable.length && !['pdf', 'png', 'jpg'].includes(type)) throw new DocumentRefused('只有 PDF 和图片可以按区域删除');
      // The reviewer's choice for this file wins over the engine's default.
      const made = await engine(bytes, plan, { ...options, hiddenRowsAndColumns: hiddenRowsAndColumns ?? options.hiddenRowsAndColumns }, usable);
      const outType = made.type ?? type;
      const notes = [...made.notes];
      const missed = plan.unmatched().length;
      if (missed) notes.push(`有 ${missed} 项要删除的内容没有在保留下来的文字中找到（可能只出现在已整体删除的批注、修订、隐藏内容、属性或元数据中），请人工核对`);
      return { bytes: made.bytes, name: publicName(name, outType), type: outType, removals: plan.removals(), notes, alsoRemoved: made.underAreas ?? [] };
    },
    prove,
  };
}
