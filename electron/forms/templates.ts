import { AppFailure } from '../../shared/result';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import common from '../../resources/forms/common.json';
import consultation from '../../resources/forms/consultation.json';
import declassification from '../../resources/forms/declassification.json';
import escalation from '../../resources/forms/escalation.json';
import leakReport from '../../resources/forms/leak-report.json';
import overrideNotice from '../../resources/forms/override-notice.json';
import record from '../../resources/forms/record.json';
import register from '../../resources/forms/register.json';
import reviewTable from '../../resources/forms/review-table.json';
import thirdParty from '../../resources/forms/third-party.json';
import type { FormKind } from './types';

// The words of each form as data (resources/forms/<kind>.json): title, headings, labels,
// notes. An agency adjusts them without code by placing its own <kind>.json in a
// templates folder; the bundled file fills in whatever the agency's file leaves out.
// Placeholders are {name}; each form says which it fills.

export const templateSchema = z.object({
  title: z.string().min(1),
  labels: z.record(z.string(), z.string()),
  notes: z.array(z.string()).default([]),
});
export type Template = z.output<typeof templateSchema>;

const BUNDLED: Record<FormKind | 'common', unknown> = {
  common,
  record,
  'review-table': reviewTable,
  escalation,
  consultation,
  'third-party': thirdParty,
  'override-notice': overrideNotice,
  declassification,
  'leak-report': leakReport,
  register,
};

/** A template the agency changed so that it no longer fits its form: the form cannot be printed. */
export class TemplateError extends AppFailure {
  constructor(message: string) {
    super('STORE_ERROR', message);
  }
}

/** The template of a kind, with the agency's overrides from `dir` when given; checked for the labels the form uses. */
export function loadTemplate(kind: FormKind | 'common', required: readonly string[], dir?: string): Template {
  const base = templateSchema.parse(BUNDLED[kind]);
  let t = base;
  const file = dir ? join(dir, `${kind}.json`) : null;
  if (file && existsSync(file)) {
    const own = templateSchema.partial().safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!own.success) throw new TemplateError(`表单模板 ${file} 格式不正确`);
    t = { title: own.data.title ?? base.title, labels: { ...base.labels, ...own.data.labels }, notes: own.data.notes ?? base.notes };
  }
  const missing = required.filter((k) => !(k in t.labels));
  if (missing.length) throw new TemplateError(`表单模板“${kind}”缺少：${missing.join('、')}`);
  return t;
}

/** Fills {name} placeholders; a placeholder without a value is a template error, never printed as is. */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new TemplateError(`表单模板中的“{${name}}”没有对应的内容`);
    return String(v);
  });
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 2026-11-25 → 2026年11月25日, as dates are written in official documents (GB/T 9704 7.3.5.3). */
export function chineseDate(iso: string): string {
  const m = ISO.exec(iso);
  if (!m) throw new TemplateError(`日期格式应为 YYYY-MM-DD：${iso}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

export const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
