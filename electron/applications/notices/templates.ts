import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import dayjs from 'dayjs';
import { z } from 'zod';
import { AppFailure } from '../../../shared/result';
import agency from '../../../resources/forms/application-agency.json';
import annualReport from '../../../resources/forms/application-annual-report.json';
import common from '../../../resources/forms/application-common.json';
import correction from '../../../resources/forms/application-correction.json';
import extension from '../../../resources/forms/application-extension.json';
import notProcessed from '../../../resources/forms/application-not-processed.json';
import other from '../../../resources/forms/application-other.json';
import partial from '../../../resources/forms/application-partial.json';
import publicAlready from '../../../resources/forms/application-public-already.json';
import publicProvided from '../../../resources/forms/application-public-provided.json';
import publicSoon from '../../../resources/forms/application-public-soon.json';
import receipt from '../../../resources/forms/application-receipt.json';
import thirdPartyApplicant from '../../../resources/forms/application-third-party-applicant.json';
import thirdPartyNotice from '../../../resources/forms/application-third-party-notice.json';
import thirdParty from '../../../resources/forms/application-third-party.json';
import unable from '../../../resources/forms/application-unable.json';
import withheld from '../../../resources/forms/application-withheld.json';

// The words of the notices of 附件2 as data (resources/forms/application-<name>.json), with
// the same override rule as the other forms: an agency's own application-<name>.json in
// the templates folder replaces the keys it gives. A placeholder without a value is an
// error, never printed; an empty value drops the sentence that needs it.

export const NOTICE_TEMPLATES = {
  common,
  receipt,
  correction,
  extension,
  'third-party': thirdParty,
  'third-party-applicant': thirdPartyApplicant,
  'third-party-notice': thirdPartyNotice,
  agency,
  'public-already': publicAlready,
  'public-provided': publicProvided,
  'public-soon': publicSoon,
  partial,
  withheld,
  unable,
  'not-processed': notProcessed,
  other,
  'annual-report': annualReport,
} as const;
export type NoticeTemplateName = keyof typeof NOTICE_TEMPLATES;

const schema = z.object({ title: z.string().min(1), labels: z.record(z.string(), z.string()), notes: z.array(z.string()).default([]) });
export type NoticeTemplate = z.output<typeof schema>;

export class NoticeTemplateError extends AppFailure {
  constructor(message: string) {
    super('STORE_ERROR', message);
  }
}

export function loadNoticeTemplate(name: NoticeTemplateName, required: readonly string[], dir?: string): NoticeTemplate {
  const base = schema.parse(NOTICE_TEMPLATES[name]);
  let t = base;
  const file = dir ? join(dir, `application-${name}.json`) : null;
  if (file && existsSync(file)) {
    const own = schema.partial().safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!own.success) throw new NoticeTemplateError(`表单模板 ${file} 格式不正确`);
    t = { title: own.data.title ?? base.title, labels: { ...base.labels, ...own.data.labels }, notes: own.data.notes ?? base.notes };
  }
  const missing = required.filter((k) => !(k in t.labels));
  if (missing.length) throw new NoticeTemplateError(`表单模板“application-${name}”缺少：${missing.join('、')}`);
  return t;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** Fills {name}; null when a value is empty (the sentence is about something the application does not have). */
export function fillOrSkip(text: string, vars: Record<string, string | number>): string | null {
  let empty = false;
  const out = text.replace(PLACEHOLDER, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new NoticeTemplateError(`表单模板中的“{${name}}”没有对应的内容`);
    if (v === '') empty = true;
    return String(v);
  });
  return empty ? null : out;
}

/** 2026-11-25 → 2026年11月25日, as official documents write dates. */
export const chineseDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY年M月D日') : '');
