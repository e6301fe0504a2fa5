import { NOTICE_LABELS, replyTemplate, type NoticeKind, type ReplyType } from '../../../shared/applications';
import { availableNotices, type ApplicationView } from '../../../shared/ops/applications';
import { AppFailure } from '../../../shared/result';
import type { LetterTemplate, NoticeInput } from './compose';
import { chineseDate } from './templates';

// An application → the data of one of its notices. Which notices exist follows what has
// happened to the application (availableNotices); each is dated by the step it records
// unless the printing gives another date.

export interface NoticeContext {
  org: string;
  /** The limit as the receipt states it: 20 working days from receipt. */
  dueAtReceipt: string | null;
  /** The date printed, when not the step's own. */
  date: string | null;
  joinList: string;
}

const TEMPLATE_OF: Record<Exclude<NoticeKind, 'reply'>, LetterTemplate> = {
  receipt: 'receipt',
  correction: 'correction',
  extension: 'extension',
  thirdPartyLetter: 'third-party',
  thirdPartyApplicant: 'third-party-applicant',
  thirdPartyNotice: 'third-party-notice',
  agencyLetter: 'agency',
};

export function noticeData(kind: NoticeKind, a: ApplicationView, n: NoticeContext): NoticeInput {
  if (!availableNotices(a).includes(kind)) throw new AppFailure('CONFLICT', `本申请尚无《${NOTICE_LABELS[kind]}》可打印`);
  if (!a.itemId) throw new AppFailure('CONFLICT', '本申请没有对应的审查事项，告知书无处存档');
  const tp = a.thirdParty;
  const reply = a.reply;
  const d = reply?.detail;
  const vars: Record<string, string> = {
    receivedOn: chineseDate(a.receivedOn),
    via: a.receivedVia,
    request: a.request,
    deliveryForm: a.deliveryForm,
    due: chineseDate(kind === 'receipt' ? n.dueAtReceipt : a.due),
    text: kind === 'correction' ? (a.correction?.text ?? '') : (reply?.text ?? ''),
    reason: a.extension?.reason ?? '',
    days: String(a.extension?.days ?? ''),
    party: tp?.party ?? '',
    concern: tp?.concern || '商业秘密、个人隐私',
    letterOn: chineseDate(tp?.letterOn),
    replyOn: chineseDate(reply?.on),
    replyType: reply?.type ?? '',
    subtype: reply?.subtype ?? '',
    where: d?.where ?? '',
    publishOn: chineseDate(d?.publishOn),
    otherAgency: d?.otherAgency ?? '',
    grounds: (d?.grounds ?? []).join(n.joinList),
    bases: (d?.bases ?? []).join(n.joinList),
    correctionOn: chineseDate(a.correction?.requestedOn),
  };
  const stepDate: Record<NoticeKind, string | null | undefined> = {
    receipt: a.receivedOn,
    correction: a.correction?.requestedOn,
    extension: a.extension?.approvedOn,
    thirdPartyLetter: tp?.letterOn,
    thirdPartyApplicant: tp?.letterOn,
    agencyLetter: tp?.letterOn,
    thirdPartyNotice: reply?.on,
    reply: reply?.on,
  };
  const toParty = kind === 'thirdPartyLetter' || kind === 'thirdPartyNotice' || kind === 'agencyLetter';
  return {
    template: kind === 'reply' ? (replyTemplate(reply!.type as ReplyType, reply!.subtype) as LetterTemplate) : TEMPLATE_OF[kind],
    org: n.org,
    itemId: a.itemId,
    number: a.number,
    addressee: toParty ? tp!.party : a.applicantName,
    date: n.date ?? stepDate[kind] ?? a.receivedOn,
    subtype: reply?.subtype ?? '',
    vars,
    versions: kind === 'reply' ? (d?.publicVersions ?? []).map(({ name, sha256 }) => ({ name, sha256 })) : [],
  };
}
