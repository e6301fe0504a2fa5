import { afterEach, describe, expect, it } from 'vitest';
import { Kysely, sql } from 'kysely';
import { openStore } from '../../../../electron/store/database';
import { storeAt } from '../../../helpers/store-rows';

// 0010 copies the chain's key events into audit_keys (backfill), and a trigger copies
// every later one as it is appended. Other entries never reach the table.

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const entry = (seq: number, action: string, payload: unknown, actor = 'system') => ({
  seq, time: 't', actor, role: 'system', action, subject: '', payload: JSON.stringify(payload), prev_hash: 'p', signer: 'org', hash: `h${seq}`, signature: 's',
});

async function append(db: Kysely<unknown>, row: Record<string, unknown>) {
  await sql`INSERT INTO audit_log ${sql.raw(`(${Object.keys(row).join(',')})`)} VALUES (${sql.join(Object.values(row))})`.execute(db);
}

describe('migration 0010_key_history', () => {
  it('backfills the key events from the chain and follows new ones', async () => {
    const { db: old, file, key, cleanup: done } = await storeAt('0009_item_derived');
    cleanup = done;
    await append(old, entry(1, 'system.setup', { organization: { publicKey: 'ORG' } }));
    await append(old, entry(2, 'user.keyRegistered', { userId: 'u1', publicKey: 'K1' }));
    await append(old, entry(3, 'item.registered', { text: '登记' }, 'u1'));
    await old.destroy();

    const store = await openStore(file, key);
    try {
      const db = store.db;
      await append(db as unknown as Kysely<unknown>, entry(4, 'user.keyRevoked', { userId: 'u1' }));
      await append(db as unknown as Kysely<unknown>, entry(5, 'system.setup', { organization: { publicKey: 'NOT-GENESIS' } }));
      await append(db as unknown as Kysely<unknown>, entry(6, 'user.keyRegistered', { userId: 'u1', publicKey: 'K2' }));
      expect(await db.selectFrom('audit_keys').selectAll().orderBy('seq').execute()).toEqual([
        { seq: 1, action: 'system.setup', owner: 'org', public_key: 'ORG' },
        { seq: 2, action: 'user.keyRegistered', owner: 'u1', public_key: 'K1' },
        { seq: 4, action: 'user.keyRevoked', owner: 'u1', public_key: null },
        { seq: 6, action: 'user.keyRegistered', owner: 'u1', public_key: 'K2' },
      ]);
    } finally {
      await store.close();
    }
  });
});
