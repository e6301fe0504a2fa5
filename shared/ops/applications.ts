import { z } from 'zod';
import { op } from '../define';
import { APPLICANT_KINDS, APPLICATION_PAGE_STATUSES, CONSULTED_KINDS, DELIVERY_FORMS, ID_TYPES, NOTICE_KINDS, RECEIVED_VIA, REPLY_TYPES, type NoticeKind } from '../applications';
import { date, id, optText, text } from '../schemas';
import type { PrintedFormView } from './forms';

// Applications for disclosure (依申请公开) and the annual report. Registered and answered
// by the 政府信息公开工作机构's staff (handlers); the content of a reply goes through the
// same review as 主动公开, as an item in 依申请审查 mode.

const staff = { kind: 'user', roles: ['handler', 'reviewer'] } as const;

export interface ApplicationView {
  id: string;
  number: string;
  receivedOn: string;
  receivedVia: string;
  applicantKind: string;
  applicantName: string;
  /** Masked in lists; whole only on the application's own page. */
  idType: string;
  idNumber: string;
  contact: string;
  address: string;
  request: string;
  purpose: string;
  deliveryForm: string;
  status: string;
  statusLabel: string;
  /** null while the clock is stopped (补正) or after the reply. */
  due: string | null;
  /** Working days left until `due` (0 on the day itself); null when there is no due date or the calendar does not cover it. */
  remaining: number | null;
  overdue: boolean;
  correction: { requestedOn: string; text: string; receivedOn: string | null } | null;
  extension: { days: number; approvedBy: string; approvedOn: string; reason: string } | null;
  thirdParty: { kind: 'thirdParty' | 'agency'; party: string; concern: string; letterOn: string; letterDue: string | null; late: boolean } | null;
  itemId: string | null;
  splitFrom: string | null;
  reply: { type: string; subtype: string; on: string; text: string; detail: ReplyDetail } | null;
}

/** What a reply's notice says beyond its type (附件2 第九条、第十条), fixed when the reply is made. */
export interface ReplyDetail {
  /** 获取该信息的方式和途径: where it was published, or how it is provided. */
  where: string;
  /** 近期内对外公开: when. */
  publishOn: string | null;
  /** 本机关不掌握: the agency that does, and how to reach it, when known. */
  otherAgency: string;
  /** 不予公开 / 部分公开: the grounds and bases of the review's decision. */
  grounds: string[];
  bases: string[];
  /** 部分公开: the public versions provided. */
  publicVersions: Array<{ id: string; name: string; sha256: string }>;
}

/** One page of the register, filtered by the main process; identity numbers masked. */
export interface ApplicationPage {
  rows: ApplicationView[];
  total: number;
  overdue: number;
}

export interface AnnualReport {
  title: string;
  year: number;
  received: number;
  carriedIn: number;
  results: Record<string, number>;
  withheldBy: Record<string, number>;
  carriedOut: number;
  published: number;
  reconsideration: number;
  litigation: { direct: number; afterReconsideration: number };
  /** For each number, the application numbers behind it. */
  trace: Record<string, string[]>;
}

const applicant = {
  receivedOn: date,
  receivedVia: z.enum(RECEIVED_VIA),
  applicantKind: z.enum(APPLICANT_KINDS),
  applicantName: text(100),
  idType: z.enum(ID_TYPES),
  idNumber: text(40),
  contact: text(100),
  address: optText(200),
  purpose: optText(500),
  deliveryForm: z.enum(DELIVERY_FORMS),
};

export const applicationPageInput = z.object({
  status: z.enum(APPLICATION_PAGE_STATUSES).optional(),
  year: z.number().int().min(2000).max(2200).optional(),
  overdue: z.boolean().optional(),
  text: optText(100).optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(20),
});

export const applications = {
  register: op<ApplicationView>()({ input: z.object({ ...applicant, request: text(2000) }), access: staff }),
  list: op<ApplicationView[]>()({ input: z.object({ year: z.number().int().min(2000).max(2200).optional() }), access: staff }),
  /** The register, paged: the desk asks `{ overdue: true }` for the applications past their limit. */
  page: op<ApplicationPage>()({ input: applicationPageInput, access: staff }),
  get: op<ApplicationView>()({ input: z.object({ applicationId: id }), access: staff }),
  /** 一事一申请 (附件2 第五条): the further requests become applications of their own, same receipt date. */
  split: op<ApplicationView[]>()({ input: z.object({ applicationId: id, requests: z.array(text(2000)).min(1).max(20), keep: optText(2000).default('') }), access: staff }),
  requestCorrection: op<ApplicationView>()({ input: z.object({ applicationId: id, requestedOn: date, text: text(2000) }), access: staff }),
  correctionReceived: op<ApplicationView>()({ input: z.object({ applicationId: id, receivedOn: date, request: text(2000) }), access: staff }),
  /** One extension of at most 20 working days, approved by the head of the 政府信息公开工作机构 (附件2 第六条). */
  extend: op<ApplicationView>()({
    input: z.object({ applicationId: id, days: z.number().int().min(1).max(20), approvedBy: text(60), approvedOn: date, reason: text(1000) }),
    access: staff,
  }),
  /** 第七条: the written consultation of a third party (商业秘密、个人隐私) or of an agency that made the information with us. */
  thirdPartyLetter: op<ApplicationView>()({
    input: z.object({ applicationId: id, party: text(100), letterOn: date, kind: z.enum(CONSULTED_KINDS).default('thirdParty'), concern: optText(500).default('') }),
    access: staff,
  }),
  reply: op<ApplicationView>()({
    input: z.object({
      applicationId: id,
      type: z.enum(REPLY_TYPES),
      subtype: text(60),
      on: date,
      text: text(4000),
      where: optText(500).default(''),
      publishOn: date.nullable().default(null),
      otherAgency: optText(200).default(''),
    }),
    access: staff,
  }),
  /** A notice of 附件2 for the application, made and archived like every printed form. */
  print: op<PrintedFormView>()({ input: z.object({ applicationId: id, notice: z.enum(NOTICE_KINDS), date: date.nullable().default(null) }), access: staff }),
  annualReport: op<AnnualReport>()({ input: z.object({ year: z.number().int().min(2000).max(2200) }), access: staff }),
  /** 行政复议 and 行政诉讼 counts, entered by hand (附件9 第四条（五）). */
  setReviewCounts: op<AnnualReport>()({
    input: z.object({ year: z.number().int().min(2000).max(2200), reconsideration: z.number().int().min(0), direct: z.number().int().min(0), afterReconsideration: z.number().int().min(0) }),
    access: staff,
  }),
  /** The application part of the annual report, printable (附件9 第四条（一）（三）（四）（五）). */
  annualReportPrint: op<PrintedFormView>()({ input: z.object({ year: z.number().int().min(2000).max(2200) }), access: staff }),
  annualReportXlsx: op<{ fileName: string; base64: string }>()({ input: z.object({ year: z.number().int().min(2000).max(2200) }), access: staff }),
};


/** The notices an application has given rise to so far (附件2 第六、七、九、十条). */
export function availableNotices(a: Pick<ApplicationView, 'correction' | 'extension' | 'thirdParty' | 'reply'>): NoticeKind[] {
  const out: NoticeKind[] = ['receipt'];
  if (a.correction) out.push('correction');
  if (a.extension) out.push('extension');
  if (a.thirdParty?.kind === 'thirdParty') out.push('thirdPartyLetter', 'thirdPartyApplicant');
  if (a.thirdParty?.kind === 'agency') out.push('agencyLetter', 'thirdPartyApplicant');
  if (a.reply) out.push('reply');
  if (a.reply && a.thirdParty?.kind === 'thirdParty') out.push('thirdPartyNotice');
  return out;
}
