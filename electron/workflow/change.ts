import dayjs from 'dayjs';
import { AppFailure } from '../../shared/result';
import type { ItemDetail } from '../../shared/types';
import { isFinishedStatus, participation, type Profile } from '../../shared/workflow';
import type { KeyedLocks } from '../context/locks';
import type { SessionContext, Tx } from '../context/session';
import type { ItemRow } from '../store/schema';
import type { WorkCalendar } from '../calendar/workdays';
import { refreshDerived } from './derived';
import type { ReviewState } from './engine';
import type { CalendarSource, CatalogueWriter, PublicVersionGate } from './ports';
import type { ProfileStore } from './profile-store';
import type { ItemQueries } from './read-model';
import { parseJson } from './rules';

// How every item command runs: under the item's own lock, in one transaction that loads
// the row, checks, changes it and appends the signed audit entry, then reads the item
// back. Commands on different items never wait for each other.

export type ItemFn = (tx: Tx, row: ItemRow, profile: Profile, state: ReviewState) => Promise<void>;

export interface ItemDeps {
  ctx: SessionContext;
  profiles: ProfileStore;
  calendar: CalendarSource;
  catalogue: CatalogueWriter;
  queries: ItemQueries;
  locks: KeyedLocks;
  publicVersions?: PublicVersionGate;
}

export const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);

export class ItemChanges {
  constructor(readonly deps: ItemDeps) {}

  get ctx(): SessionContext {
    return this.deps.ctx;
  }

  today(): string {
    return dayjs(this.ctx.now()).format('YYYY-MM-DD');
  }

  nowIso(): string {
    return this.ctx.now().toISOString();
  }

  async change(id: string, fn: ItemFn): Promise<ItemDetail> {
    const cal = await this.deps.calendar.calendar();
    await this.deps.locks.run(id, () =>
      this.ctx
        .db()
        .transaction()
        .execute(async (tx) => {
          const row = await this.deps.queries.row(tx, id);
          const profile = await this.deps.profiles.get(row.profile_id, row.profile_version, tx);
          await fn(tx, row, profile, parseJson<ReviewState>(row.state));
          await this.rederive(tx, id, cal);
        }),
    );
    return this.deps.queries.get(id);
  }

  /** The list columns (derived.ts), in the transaction of the change that moved them. */
  rederive(tx: Tx, id: string, cal: WorkCalendar): Promise<void> {
    return refreshDerived(tx, [id], { profiles: this.deps.profiles, today: () => this.today(), now: () => this.ctx.now() }, cal);
  }

  async saveState(tx: Tx, row: ItemRow, state: ReviewState, extra: Partial<ItemRow> = {}): Promise<void> {
    const stepChanged = state.stepId !== row.step_id || state.status !== row.status;
    const finished = isFinishedStatus(state.status) && state.status !== row.status;
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
    if (state.status === 'approved' && row.status !== 'approved') {
      // 编入政府信息公开目录 (000 第十八条第（四）项): 主动公开 and the public part of 部分公开.
      const disclosure = state.proposal?.disclosure ?? row.disclosure;
      if (disclosure === '主动公开' || disclosure === '部分公开')
        await this.deps.catalogue.add(tx, {
          itemId: row.id,
          title: row.title,
          date: row.formed_on,
          category: row.category,
          keywords: row.keywords,
          source: row.issuer,
          documentNumber: row.document_number,
          disclosure,
        });
    }
  }

  /** Letters and replies are recorded by the registrant, a signer of the item or a reviewer. */
  requireParticipant(row: ItemRow, state: ReviewState): void {
    if (!participation({ createdBy: row.created_by, signedBy: state.signedBy }, this.ctx.user()).participant)
      throw fail('FORBIDDEN', '只有登记人或参与审查的人员可以登记往来文书');
  }
}
