import type { Selectable } from 'kysely';
import type { WorkCalendar } from '../calendar/workdays';
import type { Tx } from '../context/session';
import type { DB } from '../store/database';
import type { ItemRow, Schema } from '../store/schema';
import { currentStep, type ReviewState } from './engine';
import { fastCalendar } from './fast-calendar';
import type { CalendarSource } from './ports';
import type { ProfileStore } from './profile-store';
import { applicationClocks, consultationViews, deadlineFacts, parseJson, type ApplicationClock } from './rules';

// The derived columns of migration 0009, recomputed from an item's own rows whenever a
// command changes it (ItemChanges.change, registration), and for rows not yet computed
// (after the migration, or after a calendar import made them stale). The lists read only
// these columns, so a page never loads every item to ask the engine.

export interface DerivedDeps {
  profiles: ProfileStore;
  today: () => string;
  now: () => Date;
}

const earliest = (dates: Array<string | null | undefined>): string | null => dates.reduce<string | null>((m, d) => (d && (m === null || d < m) ? d : m), null);

/** Recomputes the derived columns of these items, in a bounded number of statements. */
/** `cal` is read before the transaction: inside it, a read outside the transaction would wait forever. */
export async function refreshDerived(db: DB | Tx, ids: readonly string[], deps: DerivedDeps, cal: WorkCalendar): Promise<void> {
  if (ids.length === 0) return;
  const list = [...ids];
  const rows = await db.selectFrom('items').selectAll().where('id', 'in', list).execute();
  const consultations = group(await db.selectFrom('consultations').selectAll().where('item_id', 'in', list).orderBy('id').execute());
  const escalations = group(await db.selectFrom('escalations').select(['item_id', 'deadline']).where('item_id', 'in', list).where('reply_on', 'is', null).execute());
  const clocks = await applicationClocks(db, list);
  const fast = fastCalendar(cal);
  const today = deps.today();
  const stamp = deps.now().toISOString();
  const signers: Array<{ item_id: string; step_id: string; user_id: string }> = [];
  for (const row of rows) {
    const d = await derive(db, row, consultations.get(row.id) ?? [], escalations.get(row.id) ?? [], deps, fast, today, clocks.get(row.id) ?? null);
    await db.updateTable('items').set({ ...d.columns, derived_at: stamp }).where('id', '=', row.id).execute();
    signers.push(...d.signers);
  }
  await db.deleteFrom('item_signers').where('item_id', 'in', list).execute();
  // SQLite binds at most 32766 parameters: three per row.
  for (let i = 0; i < signers.length; i += 5000) await db.insertInto('item_signers').values(signers.slice(i, i + 5000)).onConflict((oc) => oc.doNothing()).execute();
}

/** Items whose due dates are not computed yet, in batches; one query when there are none. */
export async function refreshStale(db: DB, deps: DerivedDeps & { calendar: CalendarSource }, batch = 500): Promise<number> {
  let n = 0;
  let cal: WorkCalendar | null = null;
  for (;;) {
    const ids = (await db.selectFrom('items').select('id').where('derived_at', 'is', null).limit(batch).execute()).map((r) => r.id);
    if (ids.length === 0) return n;
    cal ??= await deps.calendar.calendar();
    const c = cal;
    await db.transaction().execute((tx) => refreshDerived(tx, ids, deps, c));
    n += ids.length;
  }
}

/** After a calendar import the working-day sums may differ: due dates are computed again on the next read. */
export async function markDerivedStale(db: DB | Tx): Promise<void> {
  await db.updateTable('items').set({ derived_at: null }).execute();
}

function group<T extends { item_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.item_id);
    if (list) list.push(r);
    else out.set(r.item_id, [r]);
  }
  return out;
}

async function derive(
  db: DB | Tx,
  row: ItemRow,
  consultations: Selectable<Schema['consultations']>[],
  escalations: Array<{ deadline: string | null }>,
  deps: DerivedDeps,
  cal: WorkCalendar,
  today: string,
  application: ApplicationClock | null,
) {
  const profile = await deps.profiles.get(row.profile_id, row.profile_version, db);
  const state = parseJson<ReviewState>(row.state);
  const step = state.status === 'inReview' ? currentStep(profile, state) : null;
  // Publication is recorded elsewhere (publication register): an approved item's limit is
  // kept apart and the list asks the register in SQL whether it still runs.
  const facts = deadlineFacts(row, profile, state, consultationViews(consultations, profile, today, row.review_mode), cal, today, null, application).filter((f) => !f.done && f.due);
  const approved = state.status === 'approved';
  const letters = escalations.map((e) => e.deadline);
  return {
    columns: {
      step_role: step?.role ?? null,
      step_first: step && profile.steps[0]?.id === step.id ? 1 : 0,
      due_on: earliest([...facts.map((f) => f.due), ...letters]),
      overdue_from: earliest([...facts.filter((f) => f.kind !== 'replyLapses' && !(approved && f.kind === 'publish')).map((f) => f.due), ...letters]),
      publish_due: approved ? earliest(facts.filter((f) => f.kind === 'publish').map((f) => f.due)) : null,
    },
    signers: Object.entries(state.signedBy ?? {}).flatMap(([stepId, users]) => [...new Set(users)].map((u) => ({ item_id: row.id, step_id: stepId, user_id: u }))),
  };
}
