// The words of 依申请公开 (seed 004 附件2 第九、十条; 附件9 第四条) and the annual report's
// result categories. Data, not behaviour: the service and the screens read them.

import type { AnnualReport } from './ops/applications';

export const RECEIVED_VIA = ['当面', '信函', '传真', '网络', '其他'] as const;
export const APPLICANT_KINDS = ['person', 'organization'] as const;
export const APPLICANT_KIND_LABELS = { person: '公民', organization: '法人或其他组织' } as const;
export const ID_TYPES = ['居民身份证', '护照', '港澳台居民证件', '统一社会信用代码', '其他'] as const;
export const DELIVERY_FORMS = ['纸质', '电子邮件', '光盘', '当场阅览或抄录', '其他'] as const;

/** 附件9 第四条（四）3: the seven results of the year's report. */
export const REPLY_TYPES = ['予以公开', '部分公开', '不予公开', '无法提供', '不予处理', '其他处理'] as const;
export type ReplyType = (typeof REPLY_TYPES)[number];

/** The variants each reply has (附件2 第九条), in the regulation's words. */
export const REPLY_SUBTYPES: Record<ReplyType, readonly string[]> = {
  予以公开: ['已对外公开', '答复回执', '近期内对外公开'],
  部分公开: ['区分处理后提供'],
  不予公开: ['国家秘密类豁免', '法律、行政法规禁止类豁免', '三安全一稳定类豁免', '第三方合法权益保护类豁免', '三类内部事务信息', '四类过程性信息', '行政执法案卷', '行政查询事项'],
  无法提供: ['本机关不掌握相关政府信息', '没有现成信息需要另行制作', '补正后申请内容仍不明确'],
  不予处理: ['信访、举报、投诉等诉求类申请', '重复申请', '要求提供公开出版物', '要求行政机关确认或者重新出具已获取信息', '党务信息'],
  其他处理: ['申请人逾期未补正', '其他'],
};

export const APPLICATION_STATUSES = ['registered', 'awaitingCorrection', 'replied'] as const;
export const APPLICATION_STATUS_LABELS = { registered: '办理中', awaitingCorrection: '等待补正（答复期限中止）', replied: '已答复' } as const;
/** The longest extension an approval may grant (附件2 第六条). */
export const MAX_EXTENSION_DAYS = 20;
export const REPLY_DAYS = 20;
/** The third party's letter goes out within this many working days of receipt (附件2 第七条). */
export const THIRD_PARTY_LETTER_DAYS = 5;

/**
 * The notices of 附件2, by the name the regulation gives each: the receipt and the
 * extension notice (第六条), the third-party notices (第七条), the 补正 notice (第九条（一）)
 * and the reply (第九条、第十条), whose title follows its type and variant.
 */
export const NOTICE_KINDS = ['receipt', 'correction', 'extension', 'thirdPartyLetter', 'thirdPartyApplicant', 'thirdPartyNotice', 'agencyLetter', 'reply'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_LABELS: Record<NoticeKind, string> = {
  receipt: '政府信息公开申请接受回执',
  correction: '政府信息公开补正申请告知书',
  extension: '延期答复告知书',
  thirdPartyLetter: '征求第三方意见告知书（给第三方）',
  thirdPartyApplicant: '征求第三方意见告知书（给申请人）',
  thirdPartyNotice: '政府信息依申请公开第三方告知书（给第三方）',
  agencyLetter: '征求意见函（共同制作机关）',
  reply: '答复书',
};

/** Whom a consultation of 第七条 goes to: the third party, or an agency that made the information with us. */
export const CONSULTED_KINDS = ['thirdParty', 'agency'] as const;
export const CONSULTED_LABELS = { thirdParty: '第三方', agency: '共同制作机关' } as const;

/** The reply's template (resources/forms/application-<template>.json) by type and variant. */
export function replyTemplate(type: ReplyType, subtype: string): string {
  if (type === '予以公开') return subtype === '已对外公开' ? 'public-already' : subtype === '近期内对外公开' ? 'public-soon' : 'public-provided';
  return ({ 部分公开: 'partial', 不予公开: 'withheld', 无法提供: 'unable', 不予处理: 'not-processed', 其他处理: 'other' } as const)[type];
}

export const APPLICATION_PAGE_STATUSES = ['open', ...APPLICATION_STATUSES] as const;

/**
 * The reply limit of an application (附件2 第六条、第九条（一）): 20 working days from receipt
 * or from the corrected application, plus the approved extension; none while waiting for
 * the 补正 or once replied. Plain fields and the calendar's addWorkdays, so that the
 * application register and the review item's deadline count it the same way.
 */
export function applicationDue(
  a: { status: string; receivedOn: string; correctionReceivedOn: string | null; extensionDays: number },
  addWorkdays: (start: string, n: number) => string | null,
): string | null {
  if (a.status !== 'registered') return null;
  return addWorkdays(a.correctionReceivedOn ?? a.receivedOn, REPLY_DAYS + a.extensionDays);
}

/**
 * The results broken down by their cases, each under its result: 不予公开 by the eight
 * grounds of 附件2 第九条（四）, 无法提供 and 不予处理 by the cases of 第九条（一）（三）.
 * The trace key of a case is `<prefix>:<case>`.
 */
export const RESULT_CASES = [
  { type: '不予公开', prefix: 'withheld', label: '其中不予公开' },
  { type: '无法提供', prefix: 'unable', label: '其中无法提供' },
  { type: '不予处理', prefix: 'notProcessed', label: '其中不予处理' },
] as const;

/** The rows of the table of applications (附件9 第四条（四）) in order, each with its trace key: the page, the xlsx and the printed report show these. */
export function applicationRows(r: Pick<AnnualReport, 'received' | 'carriedIn' | 'results' | 'carriedOut' | 'trace'>): Array<{ label: string; n: number; key: string; sub: boolean; type?: string; subtype?: string }> {
  const n = (key: string) => r.trace[key]?.length ?? 0;
  return [
    { label: '本年新收政府信息公开申请数量', n: r.received, key: 'received', sub: false },
    { label: '上年结转政府信息公开申请数量', n: r.carriedIn, key: 'carriedIn', sub: false },
    ...[...REPLY_TYPES, '其他'].flatMap((type) => {
      const cases = RESULT_CASES.find((c) => c.type === type);
      const subs = cases ? REPLY_SUBTYPES[cases.type].map((subtype) => ({ label: `${cases.label}：${subtype}`, n: n(`${cases.prefix}:${subtype}`), key: `${cases.prefix}:${subtype}`, sub: true, subtype })) : [];
      return [{ label: `本年度办理结果：${type}`, n: r.results[type] ?? 0, key: `result:${type}`, sub: false, type }, ...subs];
    }),
    { label: '结转下年度继续办理', n: r.carriedOut, key: 'carriedOut', sub: false },
  ];
}
