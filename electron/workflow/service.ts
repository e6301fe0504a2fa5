import { randomUUID } from 'node:crypto';
import dayjs from 'dayjs';
import type { Selectable, Transaction } from 'kysely';
import { AppFailure } from '../../shared/result';
import { ROLE_LABELS, type Role } from '../../shared/roles';
import type {
  BasisEntry,
  CalendarPreview,
  CalendarStatus,
  CatalogueEntry,
  ConsultationView,
  Deadline,
  HistoryEntry,
  ItemDetail,
  ItemFields,
  ItemSummary,
  ProfileInfo,
  SessionUser,
} from '../../shared/types';
import {
  GROUND_LABELS,
  OUTCOME_LABELS,
  STATUS_LABELS,
  type Ground,
  type ItemStatus,
  type Profile,
} from '../../shared/workflow';
import type { AppendedEntry } from '../audit/append';
import { entrySignatureValid, knownKeys } from '../audit/verify';
import { parseCalendarFile, WorkCalendar, type CalendarFile } from '../calendar/workdays';
import type { DB } from '../store/database';
import type { ItemsTable, Schema } from '../store/schema';
import {
  currentStep,
  declassify,
  initialState,
  reopen,
  resumeAfterEscalation,
  submitOpinion,
  whyNot,
  type ReviewState,
} from './engine';
import { parseProfile, shippedProfiles } from './profiles';

// The review workflow around the pure engine: items, their records, deadlines and the
// checks that depend on the database. Every change and its signed audit entry commit
// in one transaction.

export interface WorkflowContext {
  db(): DB;
  user(): SessionUser;
  now(): Date;
  /** Appends an entry signed by the current user inside `tx`. */
  append(tx: Transaction<Schema>, a: { action: string; subject: string; payload: unknown; role?: string }): Promise<AppendedEntry>;
}

const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);
const json = <T>(text: string | null): T => (text ? (JSON.parse(text) as T) : (null as T));
const ACTIVE_PROFILE_KEY = 'active_profile';

export class Workflow {
  private profileCache = new Map<string, Profile>();

  constructor(private readonly ctx: WorkflowContext) {}

  private today(): string {
    return dayjs(this.ctx.now()).format('YYYY-MM-DD');
  }

  private nowIso(): string {
    return this.ctx.now().toISOString();
  }

  // --- profiles ---------------------------------------------------------------------

  /** Stores a shipped profile version the first time it is used, so items keep it forever. */
  private async storeProfile(tx: DB | Transaction<Schema>, p: Profile): Promise<void> {
    const exists = await tx.selectFrom('profiles').select('id').where('id', '=', p.id).where('version', '=', p.version).executeTakeFirst();
    if (!exists)
      await tx
        .insertInto('profiles')
        .values({ id: p.id, version: p.version, definition: JSON.stringify(p), created_by: this.ctx.user().id, created_at: this.nowIso() })
        .execute();
  }

  async profile(id: string, version: number): Promise<Profile> {
    const key = `${id}@${version}`;
    const cached = this.profileCache.get(key);
    if (cached) return cached;
    const row = await this.ctx.db().selectFrom('profiles').select('definition').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    const found = row ? parseProfile(JSON.parse(row.definition)) : null;
    const p = found?.ok ? found.profile : shippedProfiles().find((s) => s.id === id && s.version === version);
    if (!p) throw fail('NOT_FOUND', `找不到审查流程 ${id} 第 ${version} 版`);
    this.profileCache.set(key, p);
    return p;
  }

  async activeProfile(): Promise<Profile> {
    const row = await this.ctx.db().selectFrom('settings').select('value').where('key', '=', ACTIVE_PROFILE_KEY).executeTakeFirst();
    if (!row) throw fail('CONFLICT', '安全保密管理员尚未选定本单位的审查流程');
    const { id, version } = JSON.parse(row.value) as { id: string; version: number };
    return this.profile(id, version);
  }

  async listProfiles(): Promise<ProfileInfo[]> {
    const db = this.ctx.db();
    const active = await db.selectFrom('settings').select('value').where('key', '=', ACTIVE_PROFILE_KEY).executeTakeFirst();
    const act = active ? (JSON.parse(active.value) as { id: string; version: number }) : null;
    const stored = (await db.selectFrom('profiles').select('definition').execute()).map((r) => JSON.parse(r.definition) as Profile);
    const shipped = shippedProfiles();
    const all = [...shipped, ...stored.filter((s) => !shipped.some((x) => x.id === s.id && x.version === s.version))];
    return all.map((p) => ({
      id: p.id,
      version: p.version,
      name: p.name,
      shortName: p.shortName,
      shipped: shipped.some((x) => x.id === p.id && x.version === p.version),
      active: act?.id === p.id && act.version === p.version,
      definition: p,
    }));
  }

  async activateProfile(id: string, version: number): Promise<ProfileInfo> {
    const p = await this.profile(id, version);
    const db = this.ctx.db();
    await db.transaction().execute(async (tx) => {
      await this.storeProfile(tx, p);
      const value = JSON.stringify({ id, version });
      await tx.insertInto('settings').values({ key: ACTIVE_PROFILE_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
      await this.ctx.append(tx, { action: 'profile.activated', subject: `profile:${id}`, payload: { id, version, name: p.name }, role: 'secAdmin' });
    });
    return (await this.listProfiles()).find((x) => x.id === id && x.version === version)!;
  }

  /**
   * Saves an edited profile. A copy of a shipped profile gets its own id; editing a
   * stored one makes a new version — items already under review keep theirs.
   */
  async saveProfile(definitionText: string): Promise<ProfileInfo> {
    let raw: unknown;
    try {
      raw = JSON.parse(definitionText);
    } catch {
      throw fail('INVALID_INPUT', '审查流程配置不是有效的 JSON');
    }
    const parsed = parseProfile(raw);
    if (!parsed.ok) throw fail('INVALID_INPUT', parsed.message);
    let p = parsed.profile;
    const db = this.ctx.db();
    const shipped = shippedProfiles().some((s) => s.id === p.id);
    if (shipped) {
      const base = { id: p.id, version: p.version };
      let n = 1;
      while (await db.selectFrom('profiles').select('id').where('id', '=', `${base.id}-custom${n}`).executeTakeFirst()) n++;
      p = { ...p, id: `${base.id}-custom${n}`, version: 1, basedOn: base };
    } else {
      const last = await db.selectFrom('profiles').select('version').where('id', '=', p.id).orderBy('version', 'desc').executeTakeFirst();
      p = { ...p, version: (last?.version ?? 0) + 1 };
    }
    await db.transaction().execute(async (tx) => {
      await this.storeProfile(tx, p);
      await this.ctx.append(tx, { action: 'profile.saved', subject: `profile:${p.id}`, payload: { id: p.id, version: p.version, definition: p }, role: 'secAdmin' });
    });
    return (await this.listProfiles()).find((x) => x.id === p.id && x.version === p.version)!;
  }

  // --- calendar ---------------------------------------------------------------------

  private async calendar(): Promise<WorkCalendar> {
    const rows = await this.ctx.db().selectFrom('calendars').select('file').execute();
    return new WorkCalendar(rows.map((r) => JSON.parse(r.file) as CalendarFile));
  }

  async calendarStatus(): Promise<CalendarStatus> {
    const cal = await this.calendar();
    const rows = await this.ctx.db().selectFrom('calendars').selectAll().orderBy('year').execute();
    return {
      coveredYears: cal.coveredYears(2020, dayjs(this.ctx.now()).year() + 5),
      imported: rows.map((r) => ({ year: r.year, source: (JSON.parse(r.file) as CalendarFile).source, importedAt: r.imported_at })),
    };
  }

  async previewCalendar(text: string): Promise<CalendarPreview> {
    const parsed = parseCalendarFile(text);
    if (!parsed.ok) throw fail('INVALID_INPUT', parsed.message);
    const cal = await this.calendar();
    return { year: parsed.file.year, source: parsed.file.source, changes: cal.diff(parsed.file) };
  }

  async importCalendar(text: string): Promise<CalendarStatus> {
    const parsed = parseCalendarFile(text);
    if (!parsed.ok) throw fail('INVALID_INPUT', parsed.message);
    const preview = await this.previewCalendar(text);
    const file = JSON.stringify(parsed.file);
    await this.ctx.db().transaction().execute(async (tx) => {
      await tx
        .insertInto('calendars')
        .values({ year: parsed.file.year, file, imported_by: this.ctx.user().id, imported_at: this.nowIso() })
        .onConflict((oc) => oc.column('year').doUpdateSet({ file, imported_by: this.ctx.user().id, imported_at: this.nowIso() }))
        .execute();
      await this.ctx.append(tx, {
        action: 'calendar.imported',
        subject: `calendar:${parsed.file.year}`,
        payload: { year: parsed.file.year, source: parsed.file.source, changedDays: preview.changes.length },
        role: 'sysAdmin',
      });
    });
    return this.calendarStatus();
  }

  // --- basis library ----------------------------------------------------------------

  async listBases(): Promise<BasisEntry[]> {
    const rows = await this.ctx.db().selectFrom('bases').selectAll().orderBy('kind').orderBy('created_at').execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as BasisEntry['kind'],
      title: r.title,
      documentNumber: r.document_number,
      scope: r.scope,
      keywords: json<string[]>(r.keywords),
      patterns: json<string[]>(r.patterns),
      disabled: r.disabled === 1,
    }));
  }

  async saveBasis(input: Omit<BasisEntry, 'id'> & { id: string | null }): Promise<BasisEntry> {
    for (const p of input.patterns) {
      try {
        new RegExp(p, 'u');
      } catch {
        throw fail('INVALID_INPUT', `匹配规则“${p}”不是有效的正则表达式`);
      }
    }
    const id = input.id ?? randomUUID();
    const now = this.nowIso();
    const values = {
      kind: input.kind,
      title: input.title,
      document_number: input.documentNumber,
      scope: input.scope,
      keywords: JSON.stringify(input.keywords),
      patterns: JSON.stringify(input.patterns),
      disabled: input.disabled ? 1 : 0,
      updated_at: now,
    };
    await this.ctx.db().transaction().execute(async (tx) => {
      if (input.id) {
        const r = await tx.updateTable('bases').set(values).where('id', '=', id).executeTakeFirst();
        if (!r.numUpdatedRows) throw fail('NOT_FOUND', '找不到该审查依据');
      } else {
        await tx.insertInto('bases').values({ id, ...values, created_at: now }).execute();
      }
      await this.ctx.append(tx, { action: input.id ? 'basis.updated' : 'basis.created', subject: `basis:${id}`, payload: { ...input, id }, role: 'secAdmin' });
    });
    return (await this.listBases()).find((b) => b.id === id)!;
  }

  // --- items --------------------------------------------------------------------------

  async register(fields: ItemFields): Promise<ItemDetail> {
    const user = this.ctx.user();
    const profile = await this.activeProfile();
    const id = randomUUID();
    const state = initialState(profile, { registeredBy: user.id, sensitive: fields.sensitive, marked: fields.classification !== 'none' });
    const now = this.nowIso();
    await this.ctx.db().transaction().execute(async (tx) => {
      await this.storeProfile(tx, profile);
      await tx
        .insertInto('items')
        .values({
          id,
          profile_id: profile.id,
          profile_version: profile.version,
          title: fields.title,
          document_number: fields.documentNumber,
          issuer: fields.issuer,
          department: fields.department,
          formed_on: fields.formedOn,
          category: fields.category,
          keywords: JSON.stringify(fields.keywords),
          summary: fields.summary,
          disclosure: fields.disclosure,
          publish_form: fields.publishForm,
          review_mode: fields.reviewMode,
          application_no: fields.reviewMode === '依申请审查' ? fields.applicationNo : null,
          application_received_on: fields.reviewMode === '依申请审查' ? fields.applicationReceivedOn : null,
          co_producers: JSON.stringify(fields.coProducers),
          third_parties: JSON.stringify(fields.thirdParties),
          classification: fields.classification,
          classification_term: fields.classification === 'none' ? null : fields.classificationTerm,
          special_domains: JSON.stringify(fields.specialDomains),
          special_approval: null,
          sensitive: fields.sensitive ? 1 : 0,
          state: JSON.stringify(state),
          status: state.status,
          step_id: state.stepId,
          step_entered_on: this.today(),
          created_by: user.id,
          created_at: now,
          updated_at: now,
          decided_on: null,
        })
        .execute();
      await this.ctx.append(tx, {
        action: 'item.registered',
        subject: id,
        payload: { text: `登记“${fields.title}”，按《${profile.name}》审查`, fields, profile: { id: profile.id, version: profile.version } },
        role: 'handler',
      });
    });
    return this.get(id);
  }

  private async row(tx: DB | Transaction<Schema>, id: string): Promise<ItemsTable> {
    const row = await tx.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw fail('NOT_FOUND', '找不到该事项');
    return row;
  }

  private async saveState(tx: Transaction<Schema>, row: ItemsTable, state: ReviewState, extra: Partial<ItemsTable> = {}): Promise<void> {
    const stepChanged = state.stepId !== row.step_id || state.status !== row.status;
    const finished = ['approved', 'withheld', 'deferred'].includes(state.status) && state.status !== row.status;
    await tx
      .updateTable('items')
      .set({
        state: JSON.stringify(state),
        status: state.status,
        step_id: state.stepId,
        step_entered_on: stepChanged ? this.today() : row.step_entered_on,
        updated_at: this.nowIso(),
        decided_on: finished ? this.today() : row.decided_on,
        ...extra,
      })
      .where('id', '=', row.id)
      .execute();
    if (state.status === 'approved' && row.status !== 'approved') await this.catalogue(tx, row, state);
  }

  /** 编入政府信息公开目录 (000 第十八条第（四）项): 主动公开 and the public part of 部分公开. */
  private async catalogue(tx: Transaction<Schema>, row: ItemsTable, state: ReviewState): Promise<void> {
    const disclosure = state.proposal?.disclosure ?? row.disclosure;
    if (disclosure !== '主动公开' && disclosure !== '部分公开') return;
    await tx
      .insertInto('catalogue')
      .values({
        item_id: row.id,
        title: row.title,
        date: row.formed_on,
        category: row.category,
        keywords: row.keywords,
        source: row.issuer,
        document_number: row.document_number,
        disclosure,
        created_at: this.nowIso(),
      })
      .onConflict((oc) => oc.column('item_id').doNothing())
      .execute();
  }

  /** Reasons the item may not be published yet; the engine stops a publishing opinion on them. */
  private blockers(row: ItemsTable, consultations: ConsultationView[]): string[] {
    const out: string[] = [];
    for (const c of consultations) {
      if (c.kind === 'thirdParty' && c.reply === 'disagree' && !c.override)
        out.push(`第三方“${c.party}”不同意公开，且未作出公共利益决定`);
      if (c.kind === 'agency' && c.reply === 'disagree') out.push(`“${c.party}”不同意公开，应报请主管部门协调`);
      if (c.standing === 'pending' || c.standing === 'overdue') out.push(`征求“${c.party}”意见尚未答复`);
    }
    const domains = json<string[]>(row.special_domains);
    if (domains.length && !row.special_approval) out.push(`涉及${domains.join('、')}，须经有权机关批准后方可公开`);
    return out;
  }

  private consultationViews(rows: Selectable<Schema['consultations']>[], profile: Profile): ConsultationView[] {
    const today = this.today();
    return rows.map((r) => {
      const overrideRow = json<ConsultationView['override']>(r.override);
      const late = r.deadline !== null && today > r.deadline;
      const silenceConsents = r.kind === 'agency' && profile.limits.agencySilenceIsConsent;
      const standing: ConsultationView['standing'] = r.reply
        ? (r.reply as 'agree' | 'disagree')
        : late
          ? silenceConsents
            ? 'deemed'
            : 'overdue'
          : 'pending';
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
        override: overrideRow,
      };
    });
  }

  private async deadlines(row: ItemsTable, profile: Profile, state: ReviewState, consultations: ConsultationView[], cal: WorkCalendar): Promise<Deadline[]> {
    const today = this.today();
    const out: Deadline[] = [];
    const push = (label: string, due: string | null, done: boolean, basis: string) =>
      out.push({ label, due, overdue: !done && due !== null && today > due, basis });
    const open = state.status === 'inReview' || state.status === 'escalated' || state.status === 'awaitingDeclassification';

    // The time spent waiting on a third party does not run against the item's own limit.
    let paused = 0;
    for (const c of consultations.filter((x) => x.kind === 'thirdParty')) paused += cal.workdaysBetween(c.sentOn, c.replyOn ?? today) ?? 0;

    const limit = profile.limits.publishWithinDays;
    if (limit && row.review_mode === '主动审查' && row.disclosure === '主动公开')
      push(`主动公开期限（形成之日起 ${limit} 个工作日${paused ? `，另加等待第三方意见 ${paused} 个工作日` : ''}）`, cal.addWorkdays(row.formed_on, limit + paused), !open, profile.limits.articles['publishWithinDays'] ?? '');
    if (row.review_mode === '依申请审查' && row.application_received_on)
      push(`答复申请期限（收到申请之日起 20 个工作日${paused ? `，另加 ${paused} 个工作日` : ''}）`, cal.addWorkdays(row.application_received_on, 20 + paused), !open, '阿尔山 附件2 第六条');
    if (state.status === 'inReview') {
      const step = currentStep(profile, state);
      if (step.limitDays) push(`“${step.name}”办理期限（${step.limitDays} 个工作日）`, cal.addWorkdays(row.step_entered_on, step.limitDays), false, step.article);
    }
    return out;
  }

  private async summary(row: ItemsTable, cal: WorkCalendar, user: SessionUser): Promise<ItemSummary> {
    const profile = await this.profile(row.profile_id, row.profile_version);
    const state = json<ReviewState>(row.state);
    const consultations = this.consultationViews(
      await this.ctx.db().selectFrom('consultations').selectAll().where('item_id', '=', row.id).execute(),
      profile,
    );
    const deadlines = await this.deadlines(row, profile, state, consultations, cal);
    const step = state.status === 'inReview' ? currentStep(profile, state) : null;
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
      deadlines,
      overdue: deadlines.some((d) => d.overdue),
      mine: !!step && whyNot(profile, state, { userId: user.id, roles: user.roles }, step) === null,
      createdAt: row.created_at,
    };
  }

  async list(view: 'inbox' | 'all' | 'recheck'): Promise<ItemSummary[]> {
    const user = this.ctx.user();
    const db = this.ctx.db();
    const cal = await this.calendar();
    let q = db.selectFrom('items').selectAll().orderBy('created_at', 'desc');
    if (view === 'recheck') q = q.where('status', 'in', ['withheld', 'deferred']);
    const rows = await q.execute();
    const out: ItemSummary[] = [];
    for (const row of rows) {
      const s = await this.summary(row, cal, user);
      // 待办: what this user can sign now, plus letters this handler owes.
      if (view === 'inbox' && !s.mine && !(row.created_by === user.id && (row.status === 'escalated' || row.status === 'awaitingDeclassification'))) continue;
      out.push(s);
    }
    if (view === 'recheck') {
      for (const s of out) {
        const row = rows.find((r) => r.id === s.id)!;
        const state = json<ReviewState>(row.state);
        if (row.status === 'deferred' && state.deferUntil)
          s.deadlines.push({ label: '暂缓公开复查日期', due: state.deferUntil, overdue: this.today() >= state.deferUntil, basis: '' });
      }
    }
    return out;
  }

  async get(id: string): Promise<ItemDetail> {
    const user = this.ctx.user();
    const db = this.ctx.db();
    const row = await this.row(db, id);
    const profile = await this.profile(row.profile_id, row.profile_version);
    const state = json<ReviewState>(row.state);
    const cal = await this.calendar();
    const names = new Map((await db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name]));
    const bases = new Map((await db.selectFrom('bases').select(['id', 'title']).execute()).map((b) => [b.id, b.title]));
    const consultations = this.consultationViews(await db.selectFrom('consultations').selectAll().where('item_id', '=', id).orderBy('id').execute(), profile);
    const base = await this.summary(row, cal, user);
    const step = state.status === 'inReview' ? currentStep(profile, state) : null;
    const opinions = await db.selectFrom('opinions').selectAll().where('item_id', '=', id).orderBy('id').execute();
    const escalations = await db.selectFrom('escalations').selectAll().where('item_id', '=', id).orderBy('id').execute();
    const dec = await db.selectFrom('declassifications').selectAll().where('item_id', '=', id).executeTakeFirst();
    const catalogued = !!(await db.selectFrom('catalogue').select('item_id').where('item_id', '=', id).executeTakeFirst());
    const objections = await db.selectFrom('objections').selectAll().where('item_id', '=', id).orderBy('id').execute();
    const incidents = await db.selectFrom('incidents').selectAll().where('item_id', '=', id).orderBy('id').execute();
    const stepOf = (sid: string) => profile.steps.find((s) => s.id === sid);

    return {
      ...base,
      fields: {
        title: row.title,
        documentNumber: row.document_number,
        issuer: row.issuer,
        department: row.department,
        formedOn: row.formed_on,
        category: row.category,
        keywords: json<string[]>(row.keywords),
        summary: row.summary,
        disclosure: row.disclosure,
        publishForm: row.publish_form,
        reviewMode: row.review_mode as ItemFields['reviewMode'],
        applicationNo: row.application_no,
        applicationReceivedOn: row.application_received_on,
        coProducers: json<string[]>(row.co_producers),
        thirdParties: json<string[]>(row.third_parties),
        classification: row.classification,
        classificationTerm: row.classification_term,
        specialDomains: json<string[]>(row.special_domains),
        sensitive: row.sensitive === 1,
      },
      profile,
      profileVersion: row.profile_version,
      currentStepId: step?.id ?? null,
      whyNot: step ? whyNot(profile, state, { userId: user.id, roles: user.roles }, step) : '该事项当前不在审查环节',
      proposal: state.proposal ? { outcome: OUTCOME_LABELS[state.proposal.outcome], label: state.proposal.label } : null,
      blockers: this.blockers(row, consultations),
      opinions: opinions.map((o) => ({
        round: o.round,
        stepId: o.step_id,
        stepName: stepOf(o.step_id)?.name ?? o.step_id,
        signer: stepOf(o.step_id)?.signer ?? '',
        userName: names.get(o.user_id) ?? o.user_id,
        label: o.label,
        outcome: o.outcome,
        grounds: json<Ground[]>(o.grounds).map((g) => GROUND_LABELS[g]),
        bases: json<string[]>(o.bases).map((b) => ({ id: b, title: bases.get(b) ?? b })),
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
        reply: e.reply_on
          ? { on: e.reply_on, authority: e.reply_authority ?? '', documentNumber: e.reply_document_number ?? '', conclusion: e.reply_conclusion ?? '' }
          : null,
      })),
      consultations,
      declassification: dec
        ? { decidedOn: dec.decided_on, documentNumber: dec.document_number, authority: dec.authority, filedOn: dec.filed_on, filedWith: dec.filed_with }
        : null,
      specialApproval: json(row.special_approval),
      catalogued,
      incidents: incidents.map((i) => ({ discoveredOn: i.discovered_on, description: i.description, measures: i.measures })),
      history: await this.history(id, names),
      registeredByMe: row.created_by === user.id,
      signedByMe: Object.values(state.signedBy).some((u) => u.includes(user.id)),
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

  // --- actions on an item ----------------------------------------------------------------

  /** Loads, checks and changes one item inside a transaction with its audit entry. */
  private async change(id: string, fn: (tx: Transaction<Schema>, row: ItemsTable, profile: Profile, state: ReviewState) => Promise<void>): Promise<ItemDetail> {
    await this.ctx.db().transaction().execute(async (tx) => {
      const row = await this.row(tx, id);
      const profile = await this.profile(row.profile_id, row.profile_version);
      await fn(tx, row, profile, json<ReviewState>(row.state));
    });
    return this.get(id);
  }

  async opinion(input: {
    itemId: string;
    stepId: string;
    opinionId: string;
    grounds: Ground[];
    bases: string[];
    reason: string;
    deferUntil?: string | null;
  }): Promise<ItemDetail> {
    const user = this.ctx.user();
    return this.change(input.itemId, async (tx, row, profile, state) => {
      const known = new Set((await tx.selectFrom('bases').select('id').where('disabled', '=', 0).execute()).map((b) => b.id));
      const unknown = input.bases.filter((b) => !known.has(b));
      if (unknown.length) throw fail('INVALID_INPUT', '引用的审查依据不存在或已停用');
      const consultations = this.consultationViews(await tx.selectFrom('consultations').selectAll().where('item_id', '=', row.id).execute(), profile);
      const blockers = this.blockers(row, consultations);
      const t = submitOpinion(profile, state, { userId: user.id, roles: user.roles as Role[] }, input, blockers);
      if (!t.ok) throw fail(t.code, t.message);
      const text = `${t.step.name}：${t.opinion.label}`;
      const entry = await this.ctx.append(tx, {
        action: 'item.opinion',
        subject: row.id,
        role: t.step.role,
        payload: {
          text,
          round: state.round,
          step: { id: t.step.id, name: t.step.name, article: t.step.article },
          opinion: { id: t.opinion.id, label: t.opinion.label, effect: t.opinion.effect, outcome: t.opinion.outcome ?? null },
          grounds: input.grounds,
          bases: input.bases,
          reason: input.reason,
          deferUntil: input.deferUntil ?? null,
          result: { status: t.state.status, stepId: t.state.stepId },
        },
      });
      await tx
        .insertInto('opinions')
        .values({
          item_id: row.id,
          round: state.round,
          step_id: t.step.id,
          user_id: user.id,
          opinion_id: t.opinion.id,
          label: t.opinion.label,
          effect: t.opinion.effect,
          outcome: t.opinion.outcome ?? null,
          grounds: JSON.stringify(input.grounds),
          bases: JSON.stringify(input.bases),
          reason: input.reason,
          defer_until: input.deferUntil ?? null,
          audit_seq: entry.seq,
          created_at: entry.time,
        })
        .execute();
      await this.saveState(tx, row, t.state);
    });
  }

  /** 异议: someone who signed a step records disagreement with where the item went. */
  async object(itemId: string, text: string): Promise<ItemDetail> {
    const user = this.ctx.user();
    return this.change(itemId, async (tx, row, _profile, state) => {
      const signed = Object.values(state.signedBy).some((u) => u.includes(user.id));
      if (!signed && row.created_by !== user.id) throw fail('FORBIDDEN', '只有登记人或已签署过本事项的人员可以提出异议');
      const entry = await this.ctx.append(tx, { action: 'item.objection', subject: row.id, payload: { text: `异议：${text}` } });
      await tx.insertInto('objections').values({ item_id: row.id, user_id: user.id, text, audit_seq: entry.seq, created_at: entry.time }).execute();
    });
  }

  private requireParticipant(row: ItemsTable, state: ReviewState): void {
    const user = this.ctx.user();
    const involved = row.created_by === user.id || Object.values(state.signedBy).some((u) => u.includes(user.id)) || user.roles.includes('reviewer');
    if (!involved) throw fail('FORBIDDEN', '只有登记人或参与审查的人员可以登记往来文书');
  }

  async escalate(input: { itemId: string; addressee: string; authority: string; materials: string[]; letterNumber: string; sentOn: string }): Promise<ItemDetail> {
    const cal = await this.calendar();
    return this.change(input.itemId, async (tx, row, profile, state) => {
      if (state.status !== 'escalated') throw fail('CONFLICT', '只有审查意见为报审的事项才能登记报审函');
      this.requireParticipant(row, state);
      const open = await tx.selectFrom('escalations').select('id').where('item_id', '=', row.id).where('reply_on', 'is', null).executeTakeFirst();
      if (open) throw fail('CONFLICT', '已有报审函尚未答复');
      const days = profile.limits.escalationReplyDays;
      const deadline = days ? cal.addWorkdays(input.sentOn, days) : null;
      await tx
        .insertInto('escalations')
        .values({
          item_id: row.id,
          step_id: state.stepId,
          addressee: input.addressee,
          authority: input.authority,
          materials: JSON.stringify(input.materials),
          letter_number: input.letterNumber,
          sent_on: input.sentOn,
          deadline,
          reply_on: null,
          reply_authority: null,
          reply_document_number: null,
          reply_conclusion: null,
          created_by: this.ctx.user().id,
          created_at: this.nowIso(),
        })
        .execute();
      await this.ctx.append(tx, { action: 'item.escalated', subject: row.id, payload: { text: `报${input.addressee}（${input.authority}）确定`, ...input, deadline } });
    });
  }

  async escalationReply(input: { itemId: string; escalationId: number; replyOn: string; authority: string; documentNumber: string; conclusion: string }): Promise<ItemDetail> {
    return this.change(input.itemId, async (tx, row, _profile, state) => {
      this.requireParticipant(row, state);
      const esc = await tx.selectFrom('escalations').selectAll().where('id', '=', input.escalationId).where('item_id', '=', row.id).executeTakeFirst();
      if (!esc) throw fail('NOT_FOUND', '找不到该报审函');
      if (esc.reply_on) throw fail('CONFLICT', '该报审函已登记答复');
      if (input.replyOn < esc.sent_on) throw fail('INVALID_INPUT', '答复日期不能早于报送日期');
      await tx
        .updateTable('escalations')
        .set({ reply_on: input.replyOn, reply_authority: input.authority, reply_document_number: input.documentNumber, reply_conclusion: input.conclusion })
        .where('id', '=', input.escalationId)
        .execute();
      await this.ctx.append(tx, { action: 'item.escalationReply', subject: row.id, payload: { text: `${input.authority}答复：${input.conclusion}`, ...input } });
      await this.saveState(tx, row, resumeAfterEscalation(state));
    });
  }

  async consult(input: { itemId: string; kind: 'agency' | 'thirdParty'; party: string; matters: string; sentOn: string; deadline: string | null }): Promise<ItemDetail> {
    const cal = await this.calendar();
    return this.change(input.itemId, async (tx, row, profile, state) => {
      if (!['inReview', 'escalated'].includes(state.status)) throw fail('CONFLICT', '审查结束后不能再征求意见');
      this.requireParticipant(row, state);
      const days = input.kind === 'agency' ? profile.limits.agencyReplyDays : null;
      const deadline = input.deadline ?? (days ? cal.addWorkdays(input.sentOn, days) : null);
      if (input.kind === 'agency' && !deadline) throw fail('INVALID_INPUT', '本单位制度未规定答复期限，请填写征求意见函中载明的答复期限');
      if (deadline && deadline < input.sentOn) throw fail('INVALID_INPUT', '答复期限不能早于发函日期');
      await tx
        .insertInto('consultations')
        .values({ item_id: row.id, kind: input.kind, party: input.party, matters: input.matters, sent_on: input.sentOn, deadline, reply: null, reply_on: null, reply_reason: null, override: null, created_by: this.ctx.user().id, created_at: this.nowIso() })
        .execute();
      await this.ctx.append(tx, {
        action: 'item.consulted',
        subject: row.id,
        payload: { text: `书面征求${input.kind === 'agency' ? '' : '第三方'}“${input.party}”意见`, ...input, deadline },
      });
    });
  }

  async consultationReply(input: { itemId: string; consultationId: number; reply: 'agree' | 'disagree'; replyOn: string; reason: string }): Promise<ItemDetail> {
    return this.change(input.itemId, async (tx, row, _profile, state) => {
      this.requireParticipant(row, state);
      const c = await tx.selectFrom('consultations').selectAll().where('id', '=', input.consultationId).where('item_id', '=', row.id).executeTakeFirst();
      if (!c) throw fail('NOT_FOUND', '找不到该征求意见函');
      if (c.reply) throw fail('CONFLICT', '该征求意见函已登记答复');
      if (input.reply === 'disagree' && !input.reason.trim()) throw fail('INVALID_INPUT', '不同意公开的，须登记对方说明的理由');
      await tx.updateTable('consultations').set({ reply: input.reply, reply_on: input.replyOn, reply_reason: input.reason }).where('id', '=', c.id).execute();
      await this.ctx.append(tx, {
        action: 'item.consultationReply',
        subject: row.id,
        payload: { text: `“${c.party}”${input.reply === 'agree' ? '同意公开' : `不同意公开：${input.reason}`}`, ...input },
      });
    });
  }

  /** 000 第十五条: withholding would seriously harm the public interest — publish, and tell the third party why. */
  async override(input: { itemId: string; consultationId: number; decision: string; reasons: string; noticeSentOn: string }): Promise<ItemDetail> {
    return this.change(input.itemId, async (tx, row) => {
      const c = await tx.selectFrom('consultations').selectAll().where('id', '=', input.consultationId).where('item_id', '=', row.id).executeTakeFirst();
      if (!c || c.kind !== 'thirdParty' || c.reply !== 'disagree') throw fail('CONFLICT', '只有第三方不同意公开时才能作出公共利益决定');
      if (c.override) throw fail('CONFLICT', '已作出公共利益决定');
      const override = { decision: input.decision, reasons: input.reasons, noticeSentOn: input.noticeSentOn };
      await tx.updateTable('consultations').set({ override: JSON.stringify(override) }).where('id', '=', c.id).execute();
      await this.ctx.append(tx, {
        action: 'item.publicInterestOverride',
        subject: row.id,
        role: 'approver',
        payload: { text: `认为不公开可能对公共利益造成重大影响，决定公开，并已于 ${input.noticeSentOn} 书面告知第三方“${c.party}”`, consultationId: c.id, ...override },
      });
    });
  }

  async declassify(input: { itemId: string; decidedOn: string; documentNumber: string; authority: string; filedOn: string; filedWith: string }): Promise<ItemDetail> {
    return this.change(input.itemId, async (tx, row, _profile, state) => {
      if (row.classification === 'none') throw fail('CONFLICT', '该事项未标密级，无须办理解密手续');
      if (await tx.selectFrom('declassifications').select('item_id').where('item_id', '=', row.id).executeTakeFirst()) throw fail('CONFLICT', '已登记解密手续');
      if (input.filedOn < input.decidedOn) throw fail('INVALID_INPUT', '备案日期不能早于解密日期');
      await tx.insertInto('declassifications').values({ item_id: row.id, decided_on: input.decidedOn, document_number: input.documentNumber, authority: input.authority, filed_on: input.filedOn, filed_with: input.filedWith, created_by: this.ctx.user().id, created_at: this.nowIso() }).execute();
      await this.ctx.append(tx, { action: 'item.declassified', subject: row.id, payload: { text: `办理解密手续（${input.documentNumber}），已报${input.filedWith}备案`, ...input } });
      await this.saveState(tx, row, declassify(state));
    });
  }

  async specialApproval(input: { itemId: string; authority: string; documentNumber: string; approvedOn: string }): Promise<ItemDetail> {
    return this.change(input.itemId, async (tx, row) => {
      if (json<string[]>(row.special_domains).length === 0) throw fail('CONFLICT', '该事项不涉及须经批准的领域');
      const approval = { authority: input.authority, documentNumber: input.documentNumber, approvedOn: input.approvedOn };
      await tx.updateTable('items').set({ special_approval: JSON.stringify(approval) }).where('id', '=', row.id).execute();
      await this.ctx.append(tx, { action: 'item.specialApproval', subject: row.id, payload: { text: `经${input.authority}批准（${input.documentNumber}）`, ...approval } });
    });
  }

  async reopen(itemId: string, reason: string): Promise<ItemDetail> {
    return this.change(itemId, async (tx, row, profile, state) => {
      if (state.status !== 'withheld' && state.status !== 'deferred') throw fail('CONFLICT', '只有不予公开或暂缓公开的事项可以复查');
      const next = reopen(profile, state);
      await this.ctx.append(tx, { action: 'item.reopened', subject: row.id, role: 'reviewer', payload: { text: `复查：${reason}`, reason } });
      await tx.deleteFrom('catalogue').where('item_id', '=', row.id).execute();
      await this.saveState(tx, row, next, { decided_on: null });
    });
  }

  /** 000 第二十五条: what should not have gone out is withdrawn and the incident recorded. */
  async recall(input: { itemId: string; discoveredOn: string; description: string; measures: string }): Promise<ItemDetail> {
    return this.change(input.itemId, async (tx, row, _profile, state) => {
      if (state.status !== 'approved') throw fail('CONFLICT', '只有已批准公开的事项可以撤回');
      await tx.insertInto('incidents').values({ item_id: row.id, discovered_on: input.discoveredOn, description: input.description, measures: input.measures, created_by: this.ctx.user().id, created_at: this.nowIso() }).execute();
      await tx.deleteFrom('catalogue').where('item_id', '=', row.id).execute();
      await this.ctx.append(tx, { action: 'item.recalled', subject: row.id, payload: { text: `撤回：${input.description}`, ...input } });
      await this.saveState(tx, row, { ...state, status: 'recalled' });
    });
  }

  async listCatalogue(): Promise<CatalogueEntry[]> {
    const rows = await this.ctx.db().selectFrom('catalogue').selectAll().orderBy('date', 'desc').execute();
    return rows.map((r) => ({
      itemId: r.item_id,
      title: r.title,
      date: r.date,
      category: r.category,
      keywords: json<string[]>(r.keywords),
      source: r.source,
      documentNumber: r.document_number,
      disclosure: r.disclosure,
    }));
  }
}
