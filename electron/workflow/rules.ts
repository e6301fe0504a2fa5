import type { Selectable } from 'kysely';
import type { ConsultationView, Deadline } from '../../shared/types';
import { isOpenStatus, type ConsultationCase, type ConsultationRule, type Profile } from '../../shared/workflow';
import type { WorkCalendar } from '../calendar/workdays';
import type { Tx } from '../context/session';
import type { DB } from '../store/database';
import type { ItemRow, Schema } from '../store/schema';
import { currentStep, type ReviewState } from './engine';

// Views derived from an item's rows that both the commands (to decide) and the read
// model (to show) need: consultations' standing under the profile's rules, what blocks
// publication, deadlines. Pure: the caller passes today's date and the calendar.

export const parseJson = <T>(text: string | null): T => (text ? (JSON.parse(text) as T) : (null as T));

/** The profile's rule for a consultation case under the item's review mode, if it has one. */
export function consultationRule(profile: Profile, c: ConsultationCase, reviewMode: string): ConsultationRule | null {
  return profile.limits.consultations.find((r) => r.case === c && (r.reviewMode === 'any' || r.reviewMode === reviewMode)) ?? null;
}

export function consultationViews(rows: Selectable<Schema['consultations']>[], profile: Profile, today: string, reviewMode: string): ConsultationView[] {
  return rows.map((r) => {
    const c = r.case_kind as ConsultationCase;
    const rule = consultationRule(profile, c, reviewMode);
    // Silence consents only where the regulation says so, for the case it names, and
    // never where written consent is required.
    const silenceConsents = rule?.silence === 'consent' && !rule.writtenConsent;
    const coordination = parseJson<ConsultationView['coordination']>(r.coordination);
    const late = r.deadline !== null && today > r.deadline;
    const standing: ConsultationView['standing'] = coordination
      ? coordination.agreed
        ? 'coordinated'
        : 'disagree'
      : r.reply
        ? (r.reply as 'agree' | 'disagree')
        : !r.sent_on
          ? 'unsent'
          : late
            ? silenceConsents
              ? 'deemed'
              : 'overdue'
            : 'pending';
    return {
      id: r.id,
      kind: r.kind as ConsultationView['kind'],
      case: c,
      party: r.party,
      matters: r.matters,
      sendBy: r.send_by,
      sentOn: r.sent_on,
      deadline: r.deadline,
      reply: r.reply as ConsultationView['reply'],
      replyOn: r.reply_on,
      replyReason: r.reply_reason,
      standing,
      silenceConsents,
      rule: rule?.article ?? '',
      override: parseJson<ConsultationView['override']>(r.override),
      coordination,
    };
  });
}

/**
 * Reasons the item may not be published yet, each for full publication or for any
 * publication. A third party's refusal or silence rules out publishing its part, not
 * the rest (区分处理); another agency's disagreement holds the whole item until the
 * coordinated result is in.
 */
export function blockers(row: ItemRow, consultations: ConsultationView[]): { any: string[]; full: string[] } {
  const any: string[] = [];
  const full: string[] = [];
  for (const c of consultations) {
    if (c.kind === 'thirdParty') {
      if (c.override) continue;
      if (c.standing === 'disagree') full.push(`第三方“${c.party}”不同意公开`);
      else if (c.standing !== 'agree') full.push(`第三方“${c.party}”尚未书面同意公开`);
      continue;
    }
    if (c.standing === 'disagree') any.push(`“${c.party}”不同意公开，应报请主管部门或上一级行政机关协调`);
    else if (c.standing === 'unsent') any.push(`尚未向“${c.party}”发出征求意见函`);
    else if (c.standing === 'pending' || c.standing === 'overdue') any.push(`征求“${c.party}”意见尚未答复${c.silenceConsents ? '' : '（须书面答复）'}`);
  }
  const domains = parseJson<string[]>(row.special_domains);
  if (domains.length && !row.special_approval) any.push(`涉及${domains.join('、')}，须经有权机关批准后方可公开`);
  return { any, full };
}

/** What a deadline is, for the derived columns (derived.ts): which ones can make the item overdue. */
export type DeadlineKind = 'publish' | 'application' | 'step' | 'send' | 'reply' | 'replyLapses';

export interface DeadlineFact extends Deadline {
  kind: DeadlineKind;
  /** The duty is discharged: shown, never overdue. */
  done: boolean;
}

/**
 * The limits an item runs against. `publishedOn` is the website publication recorded in
 * the register: an approved item's 主动公开 limit keeps counting until then, because the
 * limit is on publication, not on approval.
 */
/**
 * Where the item answers an application (依申请公开), the application's own clock: it
 * restarts from the corrected application after a 补正, stops while waiting for it, and
 * runs longer by an approved extension (004 附件2 第五、六条).
 */
export interface ApplicationClock {
  receivedOn: string;
  correctionReceivedOn: string | null;
  extensionDays: number;
  /** 'registered' while the clock runs; 'awaitingCorrection' while stopped; 'replied' when done. */
  status: string;
}

/** The clocks of the applications these items answer, in one query. */
export async function applicationClocks(db: DB | Tx, ids: readonly string[]): Promise<Map<string, ApplicationClock>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('applications').select(['item_id', 'received_on', 'correction_received_on', 'extension', 'status']).where('item_id', 'in', [...ids]).execute();
  return new Map(
    rows.map((r) => [
      r.item_id!,
      { receivedOn: r.received_on, correctionReceivedOn: r.correction_received_on, extensionDays: r.extension ? Number(parseJson<{ days?: number }>(r.extension).days ?? 0) : 0, status: r.status },
    ]),
  );
}

export function deadlineFacts(
  row: ItemRow,
  profile: Profile,
  state: ReviewState,
  consultations: ConsultationView[],
  cal: WorkCalendar,
  today: string,
  publishedOn: string | null = null,
  application: ApplicationClock | null = null,
): DeadlineFact[] {
  const out: DeadlineFact[] = [];
  const push = (kind: DeadlineKind, label: string, due: string | null, done: boolean, basis: string) => out.push({ kind, done, label, due, overdue: !done && due !== null && today > due, basis });
  const open = isOpenStatus(state.status);
  // Waiting on a third party or another agency never extends these limits.
  const limit = profile.limits.publishWithinDays;
  const published = state.status !== 'approved' || publishedOn !== null;
  if (limit && row.review_mode === '主动审查' && row.disclosure === '主动公开')
    push('publish', `主动公开期限（形成之日起 ${limit} 个工作日${state.status === 'approved' && !publishedOn ? '，至网站发布为止' : ''}）`, cal.addWorkdays(row.formed_on, limit), !open && published, profile.limits.articles['publishWithinDays'] ?? '');
  const reply = profile.limits.applicationReplyDays;
  if (reply && row.review_mode === '依申请审查' && application) {
    // The register's clock decides: a stopped clock (补正) shows no running limit.
    if (application.status !== 'awaitingCorrection') {
      const from = application.correctionReceivedOn ?? application.receivedOn;
      const extra = application.extensionDays ? `，经批准延长 ${application.extensionDays} 个工作日` : '';
      const start = application.correctionReceivedOn ? '收到补正后的申请之日起' : '收到申请之日起';
      push('application', `答复申请期限（${start} ${reply} 个工作日${extra}）`, cal.addWorkdays(from, reply + application.extensionDays), application.status === 'replied', profile.limits.articles['applicationReplyDays'] ?? '');
    }
  } else if (reply && row.review_mode === '依申请审查' && row.application_received_on)
    push('application', `答复申请期限（收到申请之日起 ${reply} 个工作日）`, cal.addWorkdays(row.application_received_on, reply), !open, profile.limits.articles['applicationReplyDays'] ?? '');
  if (state.status === 'inReview') {
    const step = currentStep(profile, state);
    if (step.limitDays) push('step', `“${step.name}”办理期限（${step.limitDays} 个工作日）`, cal.addWorkdays(row.step_entered_on, step.limitDays), false, step.article);
  }
  for (const c of consultations) {
    if (c.standing === 'unsent' && c.sendBy) push('send', `向“${c.party}”发出征求意见函的期限`, c.sendBy, false, c.rule);
    // Where silence consents, a late reply turns into consent ('deemed'), never into an overdue item.
    if (c.standing === 'pending' || c.standing === 'overdue') push(c.silenceConsents ? 'replyLapses' : 'reply', `“${c.party}”答复期限`, c.deadline, false, c.rule);
  }
  return out;
}

export function deadlines(
  row: ItemRow,
  profile: Profile,
  state: ReviewState,
  consultations: ConsultationView[],
  cal: WorkCalendar,
  today: string,
  publishedOn: string | null = null,
  application: ApplicationClock | null = null,
): Deadline[] {
  return deadlineFacts(row, profile, state, consultations, cal, today, publishedOn, application).map(({ label, due, overdue, basis }) => ({ label, due, overdue, basis }));
}
