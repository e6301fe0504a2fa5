import dayjs from 'dayjs';
import type { Selectable } from 'kysely';
import { AppFailure } from '../../shared/result';
import { ROLE_LABELS } from '../../shared/roles';
import type { Deadline, HistoryEntry, ItemDetail, ItemFields, ItemSummary, SessionUser } from '../../shared/types';
import { itemAccess, NO_ACCESS_MESSAGE, type ItemAccess } from '../../shared/visibility';
import { GROUND_LABELS, OUTCOME_LABELS, participation, STATUS_LABELS, type Ground, type ItemStatus } from '../../shared/workflow';
import { entrySignatureValid, knownKeys } from '../audit/verify';
import type { WorkCalendar } from '../calendar/workdays';
import type { SessionContext, Tx } from '../context/session';
import type { DB } from '../store/database';
import type { ItemRow, Schema } from '../store/schema';
import { currentStep, whyNot, type ReviewState } from './engine';
import type { BasisTitles, CalendarSource, CatalogueWriter } from './ports';
import type { ProfileStore } from './profile-store';
import { classificationQuestions } from './gate';
import { applicationClocks, blockers, consultationViews, deadlines, parseJson as json, type ApplicationClock } from './rules';
import { refreshStale } from './derived';
import { fastCalendar } from './fast-calendar';
import { itemPage, type ListView } from './list-pages';

// The item read model: queries and row → view mapping, apart from the commands that
// change items. Lists read every related row in one query per table, not one per item.

type ConsultationRow = Selectable<Schema['consultations']>;
type EscalationRow = Selectable<Schema['escalations']>;

/** Rows of a related table for many items in one query, grouped by item. */
async function byItem<T extends { item_id: string }>(rows: Promise<T[]>): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>();
  for (const r of await rows) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r]);
  return out;
}

/** Counts the working days left on each running deadline, or past it when overdue. */
function withRemaining(dl: Deadline[], cal: WorkCalendar, today: string): Deadline[] {
  for (const d of dl) {
    if (d.due === null) continue;
    const n = d.overdue ? cal.workdaysBetween(d.due, today) : d.due >= today ? cal.workdaysBetween(today, d.due) : null;
    if (n !== null) d.remaining = d.overdue ? -n : n;
  }
  return dl;
}

/** The website publication recorded for each of these items, if any (publication register). */
async function publishedDates(db: DB | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('publication_register').select(['item_id', 'published_on']).where('item_id', 'in', [...ids]).where('published_on', 'is not', null).execute();
  return new Map(rows.map((r) => [r.item_id, r.published_on!]));
}

export class ItemQueries {
  constructor(
    readonly ctx: SessionContext,
    private readonly profiles: ProfileStore,
    calendar: CalendarSource,
    private readonly bases: BasisTitles,
    private readonly catalogue: Pick<CatalogueWriter, 'has'>,
  ) {
    // Lists sum working days for every row shown: from a table, not a walk (fast-calendar.ts).
    this.calendar = { calendar: async () => fastCalendar(await calendar.calendar()) };
  }

  private readonly calendar: CalendarSource;

  /** A profile version, for the figures that name steps. */
  profile(id: string, version: number) {
    return this.profiles.get(id, version);
  }

  today(): string {
    return dayjs(this.ctx.now()).format('YYYY-MM-DD');
  }

  async row(db: DB | Tx, id: string): Promise<ItemRow> {
    const row = await db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppFailure('NOT_FOUND', '找不到该事项');
    return row;
  }

  /** Need-to-know for one item row (shared/visibility.ts), for the current user. */
  async accessTo(row: ItemRow, questions?: Set<string>): Promise<ItemAccess> {
    const state = json<ReviewState>(row.state);
    let stepRole: string | null = null;
    if (state.status === 'inReview') {
      const profile = await this.profiles.get(row.profile_id, row.profile_version);
      stepRole = currentStep(profile, state)?.role ?? null;
    }
    const question = (questions ?? (await classificationQuestions(this.ctx.db(), [row.id]))).has(row.id);
    return itemAccess(
      { createdBy: row.created_by, department: row.department, status: row.status, classification: row.classification, signedBy: state.signedBy, stepRole, classificationQuestion: question },
      this.ctx.user(),
    );
  }

  /** The access to an item by id, refusing those outside its need-to-know. */
  async access(db: DB | Tx, id: string): Promise<ItemAccess> {
    const a = await this.accessTo(await this.row(db, id));
    if (a === 'none') throw new AppFailure('FORBIDDEN', NO_ACCESS_MESSAGE);
    return a;
  }

  private async summary(
    row: ItemRow,
    consultations: ConsultationRow[],
    escalations: EscalationRow[],
    cal: WorkCalendar,
    user: SessionUser,
    publishedOn: string | null,
    application: ApplicationClock | null,
  ): Promise<ItemSummary> {
    const profile = await this.profiles.get(row.profile_id, row.profile_version);
    const state = json<ReviewState>(row.state);
    const today = this.today();
    const dl = deadlines(row, profile, state, consultationViews(consultations, profile, today, row.review_mode), cal, today, publishedOn, application);
    for (const e of escalations)
      dl.push({
        label: `“${e.authority}”答复报审的期限`,
        due: e.deadline,
        overdue: e.deadline !== null && today > e.deadline,
        basis: e.deadline ? '' : '依《保密法》规定时限，以来函为准',
        ...(e.deadline ? {} : { undated: true }),
      });
    const step = state.status === 'inReview' ? currentStep(profile, state) : null;
    withRemaining(dl, cal, today);
    return {
      id: row.id,
      title: row.title,
      documentNumber: row.document_number,
      department: row.department,
      formedOn: row.formed_on,
      status: row.status,
      statusLabel: STATUS_LABELS[row.status as ItemStatus],
      stepName: step?.name ?? null,
      stepRole: step ? ROLE_LABELS[step.role] : null,
      profileName: profile.shortName,
      deadlines: dl,
      overdue: dl.some((d) => d.overdue),
      mine: !!step && whyNot(profile, state, { userId: user.id, roles: user.roles }, step) === null,
      createdAt: row.created_at,
    };
  }

  /** Every item of a list, page by page (for the few callers that want all of it). */
  async list(view: ListView): Promise<ItemSummary[]> {
    const out: ItemSummary[] = [];
    for (let page = 1; ; page++) {
      const p = await itemPage(this, { view, sort: 'createdAt', dir: 'desc', page, pageSize: 1000 });
      out.push(...p.rows);
      if (out.length >= p.total || p.rows.length === 0) return out;
    }
  }

  /** Computes the due dates of rows that have none yet (after migration 0009 or a calendar import). */
  async ensureDerived(): Promise<void> {
    await refreshStale(this.ctx.db(), { profiles: this.profiles, calendar: this.calendar, today: () => this.today(), now: () => this.ctx.now() });
  }

  /** The summaries of one page of rows the SQL already filtered by need-to-know: one query per related table. */
  async summaries(rows: ItemRow[], view: ListView): Promise<ItemSummary[]> {
    const user = this.ctx.user();
    const db = this.ctx.db();
    const cal = await this.calendar.calendar();
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return [];
    const consultations = await byItem(db.selectFrom('consultations').selectAll().where('item_id', 'in', ids).orderBy('id').execute());
    const escalations = await byItem(db.selectFrom('escalations').selectAll().where('item_id', 'in', ids).where('reply_on', 'is', null).execute());
    const published = await publishedDates(db, ids);
    const clocks = await applicationClocks(db, ids);
    const out: ItemSummary[] = [];
    for (const row of rows) {
      const s = await this.summary(row, consultations.get(row.id) ?? [], escalations.get(row.id) ?? [], cal, user, published.get(row.id) ?? null, clocks.get(row.id) ?? null);
      if (view === 'recheck' || view === 'declassification') s.deadlines.push(...withRemaining(await this.yearly(row, view), cal, this.today()));
      out.push(s);
    }
    return out;
  }

  async get(id: string): Promise<ItemDetail> {
    const user = this.ctx.user();
    const db = this.ctx.db();
    const row = await this.row(db, id);
    const access = await this.accessTo(row);
    if (access === 'none') throw new AppFailure('FORBIDDEN', NO_ACCESS_MESSAGE);
    const profile = await this.profiles.get(row.profile_id, row.profile_version);
    const state = json<ReviewState>(row.state);
    const cal = await this.calendar.calendar();
    const names = new Map((await db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name]));
    const basisTitles = await this.bases.titles();
    const consultationRows = await db.selectFrom('consultations').selectAll().where('item_id', '=', id).orderBy('id').execute();
    const consultations = consultationViews(consultationRows, profile, this.today(), row.review_mode);
    const escalations = await db.selectFrom('escalations').selectAll().where('item_id', '=', id).orderBy('id').execute();
    const base = await this.summary(
      row,
      consultationRows,
      escalations.filter((e) => !e.reply_on),
      cal,
      user,
      (await publishedDates(db, [id])).get(id) ?? null,
      (await applicationClocks(db, [id])).get(id) ?? null,
    );
    const step = state.status === 'inReview' ? currentStep(profile, state) : null;
    const opinions = await db.selectFrom('opinions').selectAll().where('item_id', '=', id).orderBy('id').execute();
    const block = blockers(row, consultations);
    const dec = await db.selectFrom('declassifications').selectAll().where('item_id', '=', id).executeTakeFirst();
    const objections = await db.selectFrom('objections').selectAll().where('item_id', '=', id).orderBy('id').execute();
    const incidents = await db.selectFrom('incidents').selectAll().where('item_id', '=', id).orderBy('id').execute();
    const stepOf = (sid: string) => profile.steps.find((s) => s.id === sid);
    const me = participation({ createdBy: row.created_by, signedBy: state.signedBy }, user);

    return {
      ...base,
      access,
      fields: fieldsOf(row),
      profile,
      profileVersion: row.profile_version,
      currentStepId: step?.id ?? null,
      whyNot: step ? whyNot(profile, state, { userId: user.id, roles: user.roles }, step) : '该事项当前不在审查环节',
      proposal: state.proposal ? { outcome: OUTCOME_LABELS[state.proposal.outcome], label: state.proposal.label } : null,
      blockers: [...block.any, ...block.full.map((b) => `${b}（不能全部公开）`)],
      opinions: opinions.map((o) => ({
        round: o.round,
        stepId: o.step_id,
        stepName: stepOf(o.step_id)?.name ?? o.step_id,
        signer: stepOf(o.step_id)?.signer ?? '',
        userName: names.get(o.user_id) ?? o.user_id,
        label: o.label,
        outcome: o.outcome,
        grounds: json<Ground[]>(o.grounds).map((g) => GROUND_LABELS[g]),
        bases: json<string[]>(o.bases).map((b) => ({ id: b, title: basisTitles.get(b) ?? b })),
        reason: o.reason,
        deferUntil: o.defer_until,
        time: o.created_at,
      })),
      objections: objections.map((o) => ({ userName: names.get(o.user_id) ?? o.user_id, text: o.text, time: o.created_at })),
      escalations: escalations.map((e) => ({
        id: e.id,
        addressee: e.addressee,
        authority: e.authority,
        materials: json<string[]>(e.materials),
        letterNumber: e.letter_number,
        sentOn: e.sent_on,
        deadline: e.deadline,
        reply: e.reply_on ? { on: e.reply_on, authority: e.reply_authority ?? '', documentNumber: e.reply_document_number ?? '', conclusion: e.reply_conclusion ?? '' } : null,
      })),
      consultations,
      declassification: dec ? { decidedOn: dec.decided_on, documentNumber: dec.document_number, authority: dec.authority, filedOn: dec.filed_on, filedWith: dec.filed_with } : null,
      specialApproval: json(row.special_approval),
      catalogued: await this.catalogue.has(id),
      incidents: incidents.map((i) => ({ discoveredOn: i.discovered_on, description: i.description, measures: i.measures })),
      history: await this.history(id, names),
      registeredByMe: me.registrant,
      signedByMe: me.signed,
      openFindings: Number(
        (
          await db
            .selectFrom('findings')
            .innerJoin('documents', 'documents.id', 'findings.document_id')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('documents.item_id', '=', id)
            .where('findings.status', '=', 'open')
            .executeTakeFirstOrThrow()
        ).n,
      ),
      suggestedGrounds: (
        await db
          .selectFrom('findings')
          .innerJoin('documents', 'documents.id', 'findings.document_id')
          .select('findings.ground')
          .distinct()
          .where('documents.item_id', '=', id)
          .where('findings.status', '=', 'confirmed')
          .execute()
      ).map((r) => r.ground),
    };
  }

  /** The yearly duties a list shows: re-examining withheld items, the declassification clean-up. */
  private async yearly(row: ItemRow, view: 'recheck' | 'declassification'): Promise<ItemSummary['deadlines']> {
    const today = this.today();
    const endOfYear = `${today.slice(0, 4)}-12-31`;
    const articles = (await this.profiles.get(row.profile_id, row.profile_version)).limits.articles;
    const state = json<ReviewState>(row.state);
    if (view === 'declassification')
      return [{ label: '年度解密清理，清理情况于 12 月底前报同级保密行政管理部门备案', due: endOfYear, overdue: false, basis: articles['yearlyDeclassification'] ?? '' }];
    if (row.status === 'deferred' && state.deferUntil) return [{ label: '暂缓公开复查日期', due: state.deferUntil, overdue: today >= state.deferUntil, basis: '' }];
    const out: ItemSummary['deadlines'] = [{ label: '不予公开事项年度复查', due: endOfYear, overdue: false, basis: articles['recheck'] ?? '' }];
    if (articles['withheldFiling']) out.push({ label: '暂不公开或不能公开的事项说明理由报备案', due: null, overdue: false, basis: articles['withheldFiling'], undated: true });
    return out;
  }

  /**
   * Why the current user may not decide the item's findings now, or null: only while
   * it is in review, and only the person who may sign its current step.
   */
  async findingsRefusal(itemId: string): Promise<string | null> {
    const user = this.ctx.user();
    const row = await this.row(this.ctx.db(), itemId);
    const state = json<ReviewState>(row.state);
    if (state.status !== 'inReview') return '该事项不在审查环节（已作出决定或正在报审），不能再处理扫描发现';
    const profile = await this.profiles.get(row.profile_id, row.profile_version);
    const step = currentStep(profile, state);
    const why = whyNot(profile, state, { userId: user.id, roles: user.roles }, step);
    return why ? `只有正在办理“${step.name}”环节的人员可以处理扫描发现：${why}` : null;
  }

  /** The item's own audit entries, each with whether its hash and signature check out. */
  private async history(id: string, names: Map<string, string>): Promise<HistoryEntry[]> {
    const db = this.ctx.db();
    const keys = await knownKeys(db);
    const rows = await db.selectFrom('audit_log').selectAll().where('subject', '=', id).orderBy('seq').execute();
    return rows.map((r) => {
      const p = json<Record<string, unknown>>(r.payload) ?? {};
      return {
        seq: r.seq,
        time: r.time,
        actorName: r.actor === 'system' ? '系统' : (names.get(r.actor) ?? r.actor),
        action: r.action,
        text: typeof p['text'] === 'string' ? (p['text'] as string) : '',
        verified: entrySignatureValid(r, keys),
      };
    });
  }
}

export function fieldsOf(row: ItemRow): ItemFields {
  return {
    title: row.title,
    documentNumber: row.document_number,
    issuer: row.issuer,
    department: row.department,
    formedOn: row.formed_on,
    category: row.category,
    keywords: json<string[]>(row.keywords),
    summary: row.summary,
    disclosure: row.disclosure as ItemFields['disclosure'],
    publishForm: row.publish_form as ItemFields['publishForm'],
    reviewMode: row.review_mode as ItemFields['reviewMode'],
    applicationNo: row.application_no,
    applicationReceivedOn: row.application_received_on,
    coProducers: json<string[]>(row.co_producers),
    thirdParties: json<string[]>(row.third_parties),
    classification: row.classification as ItemFields['classification'],
    classificationTerm: row.classification_term,
    specialDomains: json<ItemFields['specialDomains']>(row.special_domains),
    sensitive: row.sensitive === 1,
  };
}
