import type { contract, In } from '../../shared/contract';
import type { ItemDetail } from '../../shared/types';
import { isOpenStatus } from '../../shared/workflow';
import { declassify } from './engine';
import { fail, type ItemChanges } from './change';
import { parseJson } from './rules';

// Records that unblock publication: declassification (解密手续 and its 备案) and the
// approval a special domain needs from a named authority.

export class ItemRecords {
  constructor(private readonly c: ItemChanges) {}

  declassify(input: In<typeof contract.items.declassify>): Promise<ItemDetail> {
    return this.c.change(input.itemId, async (tx, row, profile, state) => {
      if (row.classification === 'none') throw fail('CONFLICT', '该事项未标密级，无须办理解密手续');
      // The order matters (000 第十二条; 001 保密审查 第九条; 003 第十条; 004 附件6 第八条):
      // the review first confirms the item can be published, then it is declassified.
      if (state.status !== 'awaitingDeclassification')
        throw fail('CONFLICT', `须在保密审查确认能够公开后，方可登记解密手续（${profile.limits.articles['declassification'] ?? ''}）`.replace('（）', ''));
      if (await tx.selectFrom('declassifications').select('item_id').where('item_id', '=', row.id).executeTakeFirst()) throw fail('CONFLICT', '已登记解密手续');
      if (input.filedOn < input.decidedOn) throw fail('INVALID_INPUT', '备案日期不能早于解密日期');
      await tx
        .insertInto('declassifications')
        .values({
          item_id: row.id,
          decided_on: input.decidedOn,
          document_number: input.documentNumber,
          authority: input.authority,
          filed_on: input.filedOn,
          filed_with: input.filedWith,
          created_by: this.c.ctx.user().id,
          created_at: this.c.nowIso(),
        })
        .execute();
      await this.c.ctx.append(tx, { action: 'item.declassified', subject: row.id, payload: { text: `办理解密手续（${input.documentNumber}），已报${input.filedWith}备案`, ...input } });
      await this.c.saveState(tx, row, declassify(state));
    });
  }

  specialApproval(input: In<typeof contract.items.specialApproval>): Promise<ItemDetail> {
    return this.c.change(input.itemId, async (tx, row, _profile, state) => {
      if (parseJson<string[]>(row.special_domains).length === 0) throw fail('CONFLICT', '该事项不涉及须经批准的领域');
      if (!isOpenStatus(state.status)) throw fail('CONFLICT', '审查结束后不能再登记批准文件');
      this.c.requireParticipant(row, state);
      const approval = { authority: input.authority, documentNumber: input.documentNumber, approvedOn: input.approvedOn };
      await tx.updateTable('items').set({ special_approval: JSON.stringify(approval) }).where('id', '=', row.id).execute();
      await this.c.ctx.append(tx, { action: 'item.specialApproval', subject: row.id, payload: { text: `经${input.authority}批准（${input.documentNumber}）`, ...approval } });
    });
  }
}
