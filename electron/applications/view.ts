import { APPLICATION_STATUS_LABELS, applicationDue, THIRD_PARTY_LETTER_DAYS } from '../../shared/applications';
import type { ApplicationView, ReplyDetail } from '../../shared/ops/applications';
import type { WorkCalendar } from '../calendar/workdays';
import type { ApplicationsTable } from '../store/schema';

// An application row as the screens and notices see it: the clock worked out on the
// official calendar, personal data masked in lists.

const json = <T>(t: string | null): T | null => (t ? (JSON.parse(t) as T) : null);

/** 1101********1234: enough to tell two applicants apart, not to identify one. */
export const maskId = (s: string) => (s.length <= 8 ? `${s.slice(0, 1)}***` : `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`);

export const EMPTY_DETAIL: ReplyDetail = { where: '', publishOn: null, otherAgency: '', grounds: [], bases: [], publicVersions: [] };

/** reply_text holds {text, detail}; replies stored before the detail existed hold the plain text. */
export function readReply(stored: string | null): { text: string; detail: ReplyDetail } {
  if (!stored) return { text: '', detail: EMPTY_DETAIL };
  if (stored.startsWith('{')) {
    try {
      const v = JSON.parse(stored) as { text?: unknown; detail?: Partial<ReplyDetail> };
      if (typeof v.text === 'string') return { text: v.text, detail: { ...EMPTY_DETAIL, ...v.detail } };
    } catch {
      // Not ours: a reply text that merely starts with a brace.
    }
  }
  return { text: stored, detail: EMPTY_DETAIL };
}

export const writeReply = (text: string, detail: ReplyDetail) => JSON.stringify({ text, detail });

export interface StoredConsultation {
  kind?: 'thirdParty' | 'agency';
  party: string;
  letterOn: string;
  concern?: string;
}

/** The reply limit: 20 working days from receipt or from the corrected application, plus the approved extension; none while waiting for 补正 or after the reply. */
export function dueOf(r: ApplicationsTable, cal: WorkCalendar): string | null {
  const extensionDays = json<{ days: number }>(r.extension)?.days ?? 0;
  return applicationDue({ status: r.status, receivedOn: r.received_on, correctionReceivedOn: r.correction_received_on, extensionDays }, (start, n) => cal.addWorkdays(start, n));
}

export function toView(r: ApplicationsTable, cal: WorkCalendar, today: string, mask: boolean): ApplicationView {
  const tp = json<StoredConsultation>(r.third_party);
  const due = dueOf(r, cal);
  const overdue = due !== null && today > due;
  const letterDue = tp ? cal.addWorkdays(r.received_on, THIRD_PARTY_LETTER_DAYS) : null;
  const reply = r.reply_type ? { type: r.reply_type, subtype: r.reply_subtype ?? '', on: r.reply_on ?? '', ...readReply(r.reply_text) } : null;
  return {
    id: r.id,
    number: r.number,
    receivedOn: r.received_on,
    receivedVia: r.received_via,
    applicantKind: r.applicant_kind,
    applicantName: r.applicant_name,
    idType: r.id_type,
    idNumber: mask ? maskId(r.id_number) : r.id_number,
    contact: mask ? maskId(r.contact) : r.contact,
    address: mask ? '' : r.address,
    request: r.request,
    purpose: r.purpose,
    deliveryForm: r.delivery_form,
    status: r.status,
    statusLabel: APPLICATION_STATUS_LABELS[r.status as keyof typeof APPLICATION_STATUS_LABELS] ?? r.status,
    due,
    remaining: due === null || overdue ? null : cal.workdaysBetween(today, due),
    overdue,
    correction: r.correction_requested_on ? { requestedOn: r.correction_requested_on, text: r.correction_text ?? '', receivedOn: r.correction_received_on } : null,
    extension: json<NonNullable<ApplicationView['extension']>>(r.extension),
    thirdParty: tp ? { kind: tp.kind ?? 'thirdParty', party: tp.party, concern: tp.concern ?? '', letterOn: tp.letterOn, letterDue, late: letterDue !== null && tp.letterOn > letterDue } : null,
    itemId: r.item_id,
    splitFrom: r.split_from,
    reply,
  };
}
