import type { contract, In } from '../../shared/contract';
import type { ItemDetail } from '../../shared/types';
import { isOpenStatus } from '../../shared/workflow';
import { resumeAfterEscalation } from './engine';
import { fail, type ItemChanges } from './change';

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
      if (!isOpenStatus(state.status) || state.status === 'awaitingDeclassification') throw fail('CONFLICT', '审查结束后不能再征求意见');
      this.c.requireParticipant(row, state);
      const days = input.kind === 'agency' ? profile.limits.agencyReplyDays : null;
      const deadline = input.deadline ?? (days ? cal.addWorkdays(input.sentOn, days) : null);
      if (input.kind === 'agency' && !deadline) throw fail('INVALID_INPUT', '本单位制度未规定答复期限，请填写征求意见函中载明的答复期限');
      if (deadline && deadline < input.sentOn) throw fail('INVALID_INPUT', '答复期限不能早于发函日期');
      await tx
        .insertInto('consultations')
        .values({
          item_id: row.id,
          kind: input.kind,
          party: input.party,
          matters: input.matters,
          sent_on: input.sentOn,
          deadline,
          reply: null,
          reply_on: null,
          reply_reason: null,
          override: null,
          created_by: this.c.ctx.user().id,
          created_at: this.c.nowIso(),
        })
        .execute();
      await this.c.ctx.append(tx, {
        action: 'item.consulted',
        subject: row.id,
        payload: { text: `书面征求${input.kind === 'agency' ? '' : '第三方'}“${input.party}”意见`, ...input, deadline },
      });
    });
  }

  consultationReply(input: In<typeof contract.items.consultationReply>): Promise<ItemDetail> {
    return this.c.change(input.itemId, async (tx, row, _profile, state) => {
      this.c.requireParticipant(row, state);
      const c = await tx.selectFrom('consultations').selectAll().where('id', '=', input.consultationId).where('item_id', '=', row.id).executeTakeFirst();
      if (!c) throw fail('NOT_FOUND', '找不到该征求意见函');
      if (c.reply) throw fail('CONFLICT', '该征求意见函已登记答复');
      if (input.reply === 'disagree' && !input.reason.trim()) throw fail('INVALID_INPUT', '不同意公开的，须登记对方说明的理由');
      await tx.updateTable('consultations').set({ reply: input.reply, reply_on: input.replyOn, reply_reason: input.reason }).where('id', '=', c.id).execute();
      await this.c.ctx.append(tx, {
        action: 'item.consultationReply',
        subject: row.id,
        payload: { text: `“${c.party}”${input.reply === 'agree' ? '同意公开' : `不同意公开：${input.reason}`}`, ...input },
      });
    });
  }

  /** Withholding would seriously harm the public interest: publish, and tell the third party why. */
  override(input: In<typeof contract.items.override>): Promise<ItemDetail> {
    return this.c.change(input.itemId, async (tx, row) => {
      const c = await tx.selectFrom('consultations').selectAll().where('id', '=', input.consultationId).where('item_id', '=', row.id).executeTakeFirst();
      if (!c || c.kind !== 'thirdParty' || c.reply !== 'disagree') throw fail('CONFLICT', '只有第三方不同意公开时才能作出公共利益决定');
      if (c.override) throw fail('CONFLICT', '已作出公共利益决定');
      const override = { decision: input.decision, reasons: input.reasons, noticeSentOn: input.noticeSentOn };
      await tx.updateTable('consultations').set({ override: JSON.stringify(override) }).where('id', '=', c.id).execute();
      await this.c.ctx.append(tx, {
        action: 'item.publicInterestOverride',
        subject: row.id,
        role: 'approver',
        payload: { text: `认为不公开可能对公共利益造成重大影响，决定公开，并已于 ${input.noticeSentOn} 书面告知第三方“${c.party}”`, consultationId: c.id, ...override },
      });
    });
  }
}
