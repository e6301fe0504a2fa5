import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { auditHead } from '../audit/append';
import type { Tx } from '../context/session';
import type { DB } from '../store/database';
import type { Intent, KeyslotFile, Slot } from '../store/keyslots';
import { faultPoint } from './faults';

// An account change touches two files: the keyslot file (the password's slot) and the
// store (the account row and its audit entry). Written in that order with an intent in
// between, a crash anywhere is rolled forward or back at the next open, never left
// half-made: the intent names the audit entry that proves the store half committed.

export const KEYSLOT_COUNTER_KEY = 'keyslot_counter';

export interface AccountChange<T> {
  kind: Intent['kind'];
  slotId: string;
  /** The slot before the change (null when the change creates it). */
  previous: Slot | null;
  /** Changes the slot in memory (add, rewrap); saved with the intent. */
  applySlot(ks: KeyslotFile): Promise<void>;
  /** The store half, inside one transaction; must append an audit entry carrying `intentId`. */
  writeStore(tx: Tx, intentId: string): Promise<T>;
}

export async function runAccountChange<T>(ks: KeyslotFile, db: DB, dataKey: Buffer, change: AccountChange<T>): Promise<T> {
  const id = randomUUID();
  await change.applySlot(ks);
  ks.beginIntent({ id, kind: change.kind, slotId: change.slotId }, change.previous);
  ks.save();
  faultPoint('account:keyslotsWritten');
  let result: T;
  try {
    result = await db.transaction().execute(async (tx) => {
      const r = await change.writeStore(tx, id);
      const counter = String(ks.anchor!.counter);
      await tx.insertInto('settings').values({ key: KEYSLOT_COUNTER_KEY, value: counter }).onConflict((oc) => oc.column('key').doUpdateSet({ value: counter })).execute();
      return r;
    });
  } catch (err) {
    ks.rollBackIntent();
    ks.settle(dataKey, await auditHead(db));
    ks.save();
    throw err;
  }
  faultPoint('account:storeCommitted');
  ks.settle(dataKey, await auditHead(db));
  ks.save();
  return result;
}

/**
 * At open: finishes or undoes an account change a crash interrupted. The store half
 * committed if an audit entry carries the intent's id.
 */
export async function settlePendingChange(ks: KeyslotFile, db: DB, dataKey: Buffer): Promise<'none' | 'forward' | 'back'> {
  const intent = ks.intent;
  if (!intent) return 'none';
  const committed = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE json_extract(payload, '$.intentId') = ${intent.id}`.execute(db);
  const forward = Number(committed.rows[0]?.n ?? 0) > 0;
  if (!forward) ks.rollBackIntent();
  ks.settle(dataKey, await auditHead(db));
  ks.save();
  return forward ? 'forward' : 'back';
}
