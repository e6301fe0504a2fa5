import type { Selectable } from 'kysely';
import type { ConsultationView, Deadline } from '../../shared/types';
import { isOpenStatus, type Profile } from '../../shared/workflow';
import type { WorkCalendar } from '../calendar/workdays';
import type { ItemsTable, Schema } from '../store/schema';
import { currentStep, type ReviewState } from './engine';

// Views derived from an item's rows that both the commands (to decide) and the read
// model (to show) need: consultations' standing, what blocks publication, deadlines.
// Pure: the caller passes today's date and the calendar.

export const parseJson = <T>(text: string | null): T => (text ? (JSON.parse(text) as T) : (null as T));

export function consultationViews(rows: Selectable<Schema['consultations']>[], profile: Profile, today: string): ConsultationView[] {
  return rows.map((r) => {
    const late = r.deadline !== null && today > r.deadline;
    const silenceConsents = r.kind === 'agency' && profile.limits.agencySilenceIsConsent;
    const standing: ConsultationView['standing'] = r.reply ? (r.reply as 'agree' | 'disagree') : late ? (silenceConsents ? 'deemed' : 'overdue') : 'pending';
    return {
      id: r.id,
      kind: r.kind as ConsultationView['kind'],
      party: r.party,
      matters: r.matters,
      sentOn: r.sent_on,
      deadline: r.deadline,
      reply: r.reply as ConsultationView['reply'],
      replyOn: r.reply_on,
      replyReason: r.reply_reason,
      standing,
      override: parseJson<ConsultationView['override']>(r.override),
    };
  });
}

/** Reasons the item may not be published yet; the engine stops a publishing opinion on them. */
export function blockers(row: ItemsTable, consultations: ConsultationView[]): string[] {
  const out: string[] = [];
  for (const c of consultations) {
    if (c.kind === 'thirdParty' && c.reply === 'disagree' && !c.override) out.push(`第三方“${c.party}”不同意公开，且未作出公共利益决定`);
    if (c.kind === 'agency' && c.reply === 'disagree') out.push(`“${c.party}”不同意公开，应报请主管部门协调`);
    if (c.standing === 'pending' || c.standing === 'overdue') out.push(`征求“${c.party}”意见尚未答复`);
  }
  const domains = parseJson<string[]>(row.special_domains);
  if (domains.length && !row.special_approval) out.push(`涉及${domains.join('、')}，须经有权机关批准后方可公开`);
  return out;
}

export function deadlines(row: ItemsTable, profile: Profile, state: ReviewState, consultations: ConsultationView[], cal: WorkCalendar, today: string): Deadline[] {
  const out: Deadline[] = [];
  const push = (label: string, due: string | null, done: boolean, basis: string) => out.push({ label, due, overdue: !done && due !== null && today > due, basis });
  const open = isOpenStatus(state.status);

  // The time spent waiting on a third party does not run against the item's own limit.
  let paused = 0;
  for (const c of consultations.filter((x) => x.kind === 'thirdParty')) paused += cal.workdaysBetween(c.sentOn, c.replyOn ?? today) ?? 0;

  const limit = profile.limits.publishWithinDays;
  if (limit && row.review_mode === '主动审查' && row.disclosure === '主动公开')
    push(
      `主动公开期限（形成之日起 ${limit} 个工作日${paused ? `，另加等待第三方意见 ${paused} 个工作日` : ''}）`,
      cal.addWorkdays(row.formed_on, limit + paused),
      !open,
      profile.limits.articles['publishWithinDays'] ?? '',
    );
  if (row.review_mode === '依申请审查' && row.application_received_on)
    push(
      `答复申请期限（收到申请之日起 20 个工作日${paused ? `，另加 ${paused} 个工作日` : ''}）`,
      cal.addWorkdays(row.application_received_on, 20 + paused),
      !open,
      profile.limits.articles['applicationReplyDays'] ?? '',
    );
  if (state.status === 'inReview') {
    const step = currentStep(profile, state);
    if (step.limitDays) push(`“${step.name}”办理期限（${step.limitDays} 个工作日）`, cal.addWorkdays(row.step_entered_on, step.limitDays), false, step.article);
  }
  return out;
}
