import { z } from 'zod';
import { op } from '../define';
import { APPLICANT_KINDS, DELIVERY_FORMS, ID_TYPES, RECEIVED_VIA, REPLY_TYPES } from '../applications';
import { date, id, optText, text } from '../schemas';

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
  overdue: boolean;
  correction: { requestedOn: string; text: string; receivedOn: string | null } | null;
  extension: { days: number; approvedBy: string; approvedOn: string; reason: string } | null;
  thirdParty: { party: string; letterOn: string; letterDue: string | null } | null;
  itemId: string | null;
  reply: { type: string; subtype: string; on: string; text: string } | null;
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

export const applications = {
  register: op<ApplicationView>()({ input: z.object({ ...applicant, request: text(2000) }), access: staff }),
  list: op<ApplicationView[]>()({ input: z.object({ year: z.number().int().min(2000).max(2200).optional() }), access: staff }),
  get: op<ApplicationView>()({ input: z.object({ applicationId: id }), access: staff }),
  /** 一事一申请 (附件2 第五条): the further requests become applications of their own, same receipt date. */
  split: op<ApplicationView[]>()({ input: z.object({ applicationId: id, requests: z.array(text(2000)).min(1).max(20) }), access: staff }),
  requestCorrection: op<ApplicationView>()({ input: z.object({ applicationId: id, requestedOn: date, text: text(2000) }), access: staff }),
  correctionReceived: op<ApplicationView>()({ input: z.object({ applicationId: id, receivedOn: date, request: text(2000) }), access: staff }),
  /** One extension of at most 20 working days, approved by the head of the 政府信息公开工作机构 (附件2 第六条). */
  extend: op<ApplicationView>()({
    input: z.object({ applicationId: id, days: z.number().int().min(1).max(20), approvedBy: text(60), approvedOn: date, reason: text(1000) }),
    access: staff,
  }),
  thirdPartyLetter: op<ApplicationView>()({ input: z.object({ applicationId: id, party: text(100), letterOn: date }), access: staff }),
  reply: op<ApplicationView>()({
    input: z.object({ applicationId: id, type: z.enum(REPLY_TYPES), subtype: text(60), on: date, text: text(4000) }),
    access: staff,
  }),
  annualReport: op<AnnualReport>()({ input: z.object({ year: z.number().int().min(2000).max(2200) }), access: staff }),
  /** 行政复议 and 行政诉讼 counts, entered by hand (附件9 第四条（五）). */
  setReviewCounts: op<AnnualReport>()({
    input: z.object({ year: z.number().int().min(2000).max(2200), reconsideration: z.number().int().min(0), direct: z.number().int().min(0), afterReconsideration: z.number().int().min(0) }),
    access: staff,
  }),
  annualReportXlsx: op<{ fileName: string; base64: string }>()({ input: z.object({ year: z.number().int().min(2000).max(2200) }), access: staff }),
};

