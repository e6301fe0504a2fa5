import { randomUUID } from 'node:crypto';
import type { contract, In } from '../../shared/contract';
import type { Role } from '../../shared/roles';
import type { ItemDetail, ItemFields } from '../../shared/types';
import { isOpenStatus, participation, RECHECK_STATUSES } from '../../shared/workflow';
import { initialState, recall, reopen, submitOpinion } from './engine';
import { fail, type ItemChanges } from './change';
import { gateFacts } from './gate';
import { blockers, consultationRule, consultationViews } from './rules';

// Item commands: registration, opinions, objections, re-examination and recall. Every
// change commits together with its signed audit entry.

export class ItemCommands {
  constructor(private readonly c: ItemChanges) {}

  async register(fields: ItemFields): Promise<ItemDetail> {
    const { ctx, profiles } = this.c.deps;
    const user = ctx.user();
    const profile = await profiles.active();
    const id = randomUUID();
    const state = initialState(profile, { registeredBy: user.id, sensitive: fields.sensitive, marked: fields.classification !== 'none' });
    const now = this.c.nowIso();
    const cal = await this.c.deps.calendar.calendar();
    await ctx
      .db()
      .transaction()
      .execute(async (tx) => {
        await profiles.store(tx, profile);
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
            step_entered_on: this.c.today(),
            created_by: user.id,
            created_at: now,
            updated_at: now,
            decided_on: null,
          })
          .execute();
        // Co-producers and third parties entered here are consultations the regulation
        // requires: planned now, with the day the letter must go out by where it says.
        const planned = [
          ...fields.coProducers.map((party) => ({ party, kind: 'agency', case: 'jointProduction' as const })),
          ...fields.thirdParties.map((party) => ({ party, kind: 'thirdParty', case: 'thirdParty' as const })),
        ];
        for (const p of planned) {
          const rule = consultationRule(profile, p.case, fields.reviewMode);
          // A co-producer is an agency the information concerns: where its own case sets no
          // sending limit, the limit for agencies concerned applies (001 协调 第五条).
          const sendWithin = rule?.sendWithinDays ?? (p.case === 'jointProduction' ? consultationRule(profile, 'concernsAgency', fields.reviewMode)?.sendWithinDays : undefined);
          const from = fields.reviewMode === '依申请审查' ? fields.applicationReceivedOn : fields.formedOn;
          const sendBy = sendWithin && from ? cal.addWorkdays(from, sendWithin) : null;
          await tx
            .insertInto('consultations')
            .values({ item_id: id, kind: p.kind, case_kind: p.case, party: p.party, matters: '', send_by: sendBy, sent_on: null, deadline: null, reply: null, reply_on: null, reply_reason: null, override: null, coordination: null, created_by: user.id, created_at: now })
            .execute();
        }
        await ctx.append(tx, {
          action: 'item.registered',
          subject: id,
          payload: { text: `登记“${fields.title}”，按《${profile.name}》审查`, fields, profile: { id: profile.id, version: profile.version } },
          role: 'handler',
        });
        await this.c.rederive(tx, id, cal);
      });
    return this.c.deps.queries.get(id);
  }

  opinion(input: In<typeof contract.items.submitOpinion>): Promise<ItemDetail> {
    const user = this.c.ctx.user();
    return this.c.change(input.itemId, async (tx, row, profile, state) => {
      const known = new Set((await tx.selectFrom('bases').select('id').where('disabled', '=', 0).execute()).map((b) => b.id));
      if (input.bases.some((b) => !known.has(b))) throw fail('INVALID_INPUT', '引用的审查依据不存在或已停用');
      const today = this.c.today();
      const consultations = consultationViews(await tx.selectFrom('consultations').selectAll().where('item_id', '=', row.id).execute(), profile, today, row.review_mode);
      const pv = this.c.deps.publicVersions;
      const gate = await gateFacts(tx, row, today, state.proposal?.outcome === 'PUBLISH_PART' && pv ? await pv.missing(tx, row.id) : 0);
      const t = submitOpinion(profile, state, { userId: user.id, roles: user.roles as Role[] }, input, blockers(row, consultations), gate);
      if (!t.ok) throw fail(t.code, t.message);
      // The signature that confirms a 区分处理 signs the public versions' hashes.
      const confirming = t.opinion.effect === 'approve' && state.proposal?.outcome === 'PUBLISH_PART' && (t.step.when === 'partial' || t.step.when === 'partialSecret' || t.finished);
      const publicVersions = confirming && pv ? await pv.confirm(tx, row.id) : [];
      const entry = await this.c.ctx.append(tx, {
        action: 'item.opinion',
        subject: row.id,
        role: t.step.role,
        payload: {
          text: `${t.step.name}：${t.opinion.label}`,
          round: state.round,
          step: { id: t.step.id, name: t.step.name, article: t.step.article },
          opinion: { id: t.opinion.id, label: t.opinion.label, effect: t.opinion.effect, outcome: t.opinion.outcome ?? null },
          grounds: input.grounds,
          bases: input.bases,
          reason: input.reason,
          deferUntil: input.deferUntil ?? null,
          result: { status: t.state.status, stepId: t.state.stepId },
          ...(publicVersions.length ? { publicVersions } : {}),
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
      await this.c.saveState(tx, row, t.state);
    });
  }

  /** 异议: someone who signed a step records disagreement with where the item went. */
  object(itemId: string, text: string): Promise<ItemDetail> {
    const user = this.c.ctx.user();
    return this.c.change(itemId, async (tx, row, _profile, state) => {
      const me = participation({ createdBy: row.created_by, signedBy: state.signedBy }, user);
      if (!me.signed && !me.registrant) throw fail('FORBIDDEN', '只有登记人或已签署过本事项的人员可以提出异议');
      const entry = await this.c.ctx.append(tx, { action: 'item.objection', subject: row.id, payload: { text: `异议：${text}` } });
      await tx.insertInto('objections').values({ item_id: row.id, user_id: user.id, text, audit_seq: entry.seq, created_at: entry.time }).execute();
    });
  }

  /**
   * The reviewer corrects the classification an item was registered with (a file says
   * 秘密★ where the form said 未标密级); a marked item then goes through declassification.
   */
  reclassify(input: In<typeof contract.items.reclassify>): Promise<ItemDetail> {
    return this.c.change(input.itemId, async (tx, row, _profile, state) => {
      if (!isOpenStatus(state.status)) throw fail('CONFLICT', '审查结束后不能更正密级');
      if (input.classification !== 'none' && !input.classificationTerm) throw fail('INVALID_INPUT', '标有密级的须填写保密期限');
      const before = { classification: row.classification, classificationTerm: row.classification_term };
      const after = { classification: input.classification, classificationTerm: input.classification === 'none' ? null : input.classificationTerm };
      await this.c.ctx.append(tx, {
        action: 'item.reclassified',
        subject: row.id,
        payload: { text: `更正密级：${before.classification === 'none' ? '未标密级' : before.classification} → ${after.classification === 'none' ? '未标密级' : after.classification}（${input.reason}）`, before, after, reason: input.reason },
      });
      await this.c.saveState(tx, row, { ...state, marked: after.classification !== 'none' }, { classification: after.classification, classification_term: after.classificationTerm });
    });
  }

  reopen(itemId: string, reason: string): Promise<ItemDetail> {
    return this.c.change(itemId, async (tx, row, profile, state) => {
      if (!(RECHECK_STATUSES as readonly string[]).includes(state.status)) throw fail('CONFLICT', '只有不予公开或暂缓公开的事项可以复查');
      const next = reopen(profile, state);
      await this.c.ctx.append(tx, { action: 'item.reopened', subject: row.id, role: 'reviewer', payload: { text: `复查：${reason}`, reason } });
      await this.c.deps.catalogue.remove(tx, row.id);
      await this.c.saveState(tx, row, next, { decided_on: null });
    });
  }

  /** 000 第二十五条: what should not have gone out is withdrawn and the incident recorded. */
  recall(input: In<typeof contract.items.recall>): Promise<ItemDetail> {
    return this.c.change(input.itemId, async (tx, row, _profile, state) => {
      if (state.status !== 'approved') throw fail('CONFLICT', '只有已批准公开的事项可以撤回');
      await tx
        .insertInto('incidents')
        .values({ item_id: row.id, discovered_on: input.discoveredOn, description: input.description, measures: input.measures, created_by: this.c.ctx.user().id, created_at: this.c.nowIso() })
        .execute();
      await this.c.deps.catalogue.remove(tx, row.id);
      // Published in a bundle: the withdrawal travels in the next one (bundle.md recalls).
      const published = await tx.selectFrom('publication_register').select('bundle_id').where('item_id', '=', row.id).orderBy('id', 'desc').executeTakeFirst();
      if (published)
        await tx.insertInto('recalls').values({ item_id: row.id, reason: input.description, recalled_at: this.c.ctx.now().toISOString(), published_bundle_id: published.bundle_id, carried_by_bundle_id: null }).execute();
      await this.c.ctx.append(tx, { action: 'item.recalled', subject: row.id, payload: { text: `撤回：${input.description}`, ...input, inBundle: published?.bundle_id ?? null } });
      await this.c.saveState(tx, row, recall(state));
    });
  }
}
