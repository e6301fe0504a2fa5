import type { contract, In } from '../../shared/contract';
import type { ItemDetail } from '../../shared/types';
import { isOpenStatus, type ConsultationCase, type Profile } from '../../shared/workflow';
import type { WorkCalendar } from '../calendar/workdays';
import { resumeAfterEscalation } from './engine';
import { fail, type ItemChanges } from './change';
import { consultationRule } from './rules';

// Letters an item's review sends and receives: escalation (报审) to a higher authority,
// consultation of other agencies and third parties, and the public-interest decision
// when a third party refuses.

export class ItemLetters {
  constructor(private readonly c: ItemChanges) {}

  async escalate(input: In<typeof contract.items.escalate>): Promise<ItemDetail> {
    const cal = await this.c.deps.calendar.calendar();
    return this.c.change(input.itemId, async (tx, row, profile, state) => {
      if (state.status !== 'escalated') throw fail('CONFLICT', '只有审查意见为报审的事项才能登记报审函');
      this.c.requireParticipant(row, state);
      const open = await tx.selectFrom('escalations').select('id').where('item_id', '=', row.id).where('reply_on', 'is', null).executeTakeFirst();
      if (open) throw fail('CONFLICT', '已有报审函尚未答复');
      // Reply limits by what the question concerns and who answers: 10 working days for
      // commercial secrets and privacy (000 第十一条), the 保密工作部门's own limit where
      // the profile has one (002 第十条); for state secrets the 保密法's limit, taken from
      // the letter, as is any other date the letter sets.
      const days =
        input.matter === 'commercialPrivacy' && profile.limits.escalationReplyDays
          ? profile.limits.escalationReplyDays
          : input.addressee === '同级保密行政管理部门' && profile.limits.secrecyOfficeReplyDays
            ? profile.limits.secrecyOfficeReplyDays
            : null;
      const deadline = days ? cal.addWorkdays(input.sentOn, days) : input.deadline;
      if (deadline && deadline < input.sentOn) throw fail('INVALID_INPUT', '答复期限不能早于报送日期');
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
          matter: input.matter,
          created_by: this.c.ctx.user().id,
          created_at: this.c.nowIso(),
        })
        .execute();
      await this.c.ctx.append(tx, { action: 'item.escalated', subject: row.id, payload: { text: `报${input.addressee}（${input.authority}）确定`, ...input, deadline } });
    });
  }

  escalationReply(input: In<typeof contract.items.escalationReply>): Promise<ItemDetail> {
    return this.c.change(input.itemId, async (tx, row, _profile, state) => {
      this.c.requireParticipant(row, state);
      const esc = await tx.selectFrom('escalations').selectAll().where('id', '=', input.escalationId).where('item_id', '=', row.id).executeTakeFirst();
      if (!esc) throw fail('NOT_FOUND', '找不到该报审函');
      if (esc.reply_on) throw fail('CONFLICT', '该报审函已登记答复');
      if (input.replyOn < esc.sent_on) throw fail('INVALID_INPUT', '答复日期不能早于报送日期');
      await tx
        .updateTable('escalations')
        .set({ reply_on: input.replyOn, reply_authority: input.authority, reply_document_number: input.documentNumber, reply_conclusion: input.conclusion })
        .where('id', '=', input.escalationId)
        .execute();
      await this.c.ctx.append(tx, { action: 'item.escalationReply', subject: row.id, payload: { text: `${input.authority}答复：${input.conclusion}`, ...input } });
      await this.c.saveState(tx, row, resumeAfterEscalation(state));
    });
  }

  async consult(input: In<typeof contract.items.consult>): Promise<ItemDetail> {
    const cal = await this.c.deps.calendar.calendar();
    return this.c.change(input.itemId, async (tx, row, profile, state) => {
      this.requireOpen(state.status, '审查结束后不能再征求意见');
      this.c.requireParticipant(row, state);
      const kase = input.case ?? (input.kind === 'thirdParty' ? 'thirdParty' : 'concernsAgency');
      if ((kase === 'thirdParty') !== (input.kind === 'thirdParty')) throw fail('INVALID_INPUT', '征求意见的情形与对象不符');
      const deadline = this.replyDeadline(cal, profile, kase, row.review_mode, input.sentOn, input.deadline);
      await tx
        .insertInto('consultations')
        .values({
          item_id: row.id,
          kind: input.kind,
          case_kind: kase,
          party: input.party,
          matters: input.matters,
          send_by: null,
          sent_on: input.sentOn,
          deadline,
          reply: null,
          reply_on: null,
          reply_reason: null,
          override: null,
          coordination: null,
          created_by: this.c.ctx.user().id,
          created_at: this.c.nowIso(),
        })
        .execute();
      await this.c.ctx.append(tx, {
        action: 'item.consulted',
        subject: row.id,
        payload: { text: `书面征求${input.kind === 'agency' ? '' : '第三方'}“${input.party}”意见`, ...input, case: kase, deadline },
      });
    });
  }

  /** A letter planned at registration (co-producer, third party) has gone out. */
  async consultationSent(input: In<typeof contract.items.consultationSent>): Promise<ItemDetail> {
    const cal = await this.c.deps.calendar.calendar();
    return this.c.change(input.itemId, async (tx, row, profile, state) => {
      this.requireOpen(state.status, '审查结束后不能再征求意见');
      this.c.requireParticipant(row, state);
      const c = await tx.selectFrom('consultations').selectAll().where('id', '=', input.consultationId).where('item_id', '=', row.id).executeTakeFirst();
      if (!c) throw fail('NOT_FOUND', '找不到该征求意见函');
      if (c.sent_on) throw fail('CONFLICT', '该征求意见函已登记发出');
      const deadline = this.replyDeadline(cal, profile, c.case_kind as ConsultationCase, row.review_mode, input.sentOn, input.deadline);
      await tx.updateTable('consultations').set({ matters: input.matters, sent_on: input.sentOn, deadline }).where('id', '=', c.id).execute();
      const late = c.send_by && input.sentOn > c.send_by ? `（晚于应发函日期 ${c.send_by}）` : '';
      await this.c.ctx.append(tx, {
        action: 'item.consulted',
        subject: row.id,
        payload: { text: `书面征求${c.kind === 'agency' ? '' : '第三方'}“${c.party}”意见${late}`, consultationId: c.id, matters: input.matters, sentOn: input.sentOn, deadline, sendBy: c.send_by },
      });
    });
  }

  /** The reply limit: the profile's rule for the case, else the letter's own date. */
  private replyDeadline(cal: WorkCalendar, profile: Profile, kase: ConsultationCase, reviewMode: string, sentOn: string, fromLetter: string | null): string | null {
    const rule = consultationRule(profile, kase, reviewMode);
    const deadline = rule?.replyDays ? cal.addWorkdays(sentOn, rule.replyDays) : fromLetter;
    if (kase !== 'thirdParty' && !deadline && !rule?.writtenConsent && rule?.silence === 'consent')
      throw fail('INVALID_INPUT', '本单位制度规定逾期不答复视为同意，但未规定答复期限：请填写征求意见函中载明的答复期限');
    if (deadline && deadline < sentOn) throw fail('INVALID_INPUT', '答复期限不能早于发函日期');
    return deadline;
  }

  private requireOpen(status: string, message: string): void {
    if (!isOpenStatus(status) || status === 'awaitingDeclassification') throw fail('CONFLICT', message);
  }

  /** A disagreement between agencies goes to the 主管部门 or 上一级行政机关, whose result is recorded. */
  coordinate(input: In<typeof contract.items.coordinate>): Promise<ItemDetail> {
    return this.c.change(input.itemId, async (tx, row, profile, state) => {
      this.requireOpen(state.status, '审查结束后不能再登记协调结果');
      this.c.requireParticipant(row, state);
      const c = await tx.selectFrom('consultations').selectAll().where('id', '=', input.consultationId).where('item_id', '=', row.id).executeTakeFirst();
      if (!c || c.kind !== 'agency' || c.reply !== 'disagree') throw fail('CONFLICT', '只有有关机关不同意公开时，才需登记协调结果');
      if (c.coordination) throw fail('CONFLICT', '已登记协调结果');
      if (input.decidedOn < (c.reply_on ?? c.sent_on ?? input.decidedOn)) throw fail('INVALID_INPUT', '协调日期不能早于对方答复日期');
      const coordination = { authority: input.authority, documentNumber: input.documentNumber, decidedOn: input.decidedOn, agreed: input.agreed, text: input.text };
      await tx.updateTable('consultations').set({ coordination: JSON.stringify(coordination) }).where('id', '=', c.id).execute();
      await this.c.ctx.append(tx, {
        action: 'item.coordinated',
        subject: row.id,
        payload: { text: `经${input.authority}协调：${input.agreed ? '同意公开' : '不予公开'}（${input.text}）`, consultationId: c.id, article: profile.limits.articles['coordination'] ?? '', coordination },
      });
    });
  }

  consultationReply(input: In<typeof contract.items.consultationReply>): Promise<ItemDetail> {
    return this.c.change(input.itemId, async (tx, row, _profile, state) => {
      this.requireOpen(state.status, '审查结束后不能再登记答复');
      this.c.requireParticipant(row, state);
      const c = await tx.selectFrom('consultations').selectAll().where('id', '=', input.consultationId).where('item_id', '=', row.id).executeTakeFirst();
      if (!c) throw fail('NOT_FOUND', '找不到该征求意见函');
      if (!c.sent_on) throw fail('CONFLICT', '该征求意见函尚未发出');
      if (c.reply) throw fail('CONFLICT', '该征求意见函已登记答复');
      if (input.replyOn < c.sent_on) throw fail('INVALID_INPUT', '答复日期不能早于发函日期');
      if (input.reply === 'disagree' && !input.reason.trim()) throw fail('INVALID_INPUT', '不同意公开的，须登记对方说明的理由');
      await tx.updateTable('consultations').set({ reply: input.reply, reply_on: input.replyOn, reply_reason: input.reason }).where('id', '=', c.id).execute();
      await this.c.ctx.append(tx, {
        action: 'item.consultationReply',
        subject: row.id,
        payload: { text: `“${c.party}”${input.reply === 'agree' ? '同意公开' : `不同意公开：${input.reason}`}`, ...input },
      });
    });
  }

  /**
   * Withholding would seriously harm the public interest: publish, and tell the third
   * party why. Only where the regulation grants it (000 第十五条; 001 主动公开 第十五条,
   * 保密审查 第九条), while the item is in review, after a refusal or no reply.
   */
  override(input: In<typeof contract.items.override>): Promise<ItemDetail> {
    return this.c.change(input.itemId, async (tx, row, profile, state) => {
      if (!profile.limits.publicInterestOverride) throw fail('FORBIDDEN', `《${profile.name}》未规定第三方不同意时可因公共利益决定公开`);
      this.requireOpen(state.status, '审查结束后不能再作出公共利益决定');
      const c = await tx.selectFrom('consultations').selectAll().where('id', '=', input.consultationId).where('item_id', '=', row.id).executeTakeFirst();
      const noReply = !!c && !c.reply && !!c.deadline && this.c.today() > c.deadline;
      if (!c || c.kind !== 'thirdParty' || (c.reply !== 'disagree' && !noReply)) throw fail('CONFLICT', '只有第三方不同意公开或逾期未答复时，才能作出公共利益决定');
      if (c.override) throw fail('CONFLICT', '已作出公共利益决定');
      const override = { decision: input.decision, reasons: input.reasons, noticeSentOn: input.noticeSentOn };
      await tx.updateTable('consultations').set({ override: JSON.stringify(override) }).where('id', '=', c.id).execute();
      await this.c.ctx.append(tx, {
        action: 'item.publicInterestOverride',
        subject: row.id,
        role: 'approver',
        payload: { text: `认为不公开可能对公共利益造成重大影响，决定公开，并已于 ${input.noticeSentOn} 书面告知第三方“${c.party}”`, consultationId: c.id, article: profile.limits.articles['publicInterestOverride'] ?? '', ...override },
      });
    });
  }
}
