import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type OpenStore } from '../../../../electron/store/database';
import { randomKey } from '../../../../electron/keys/crypto';
import { tempDir } from '../../../helpers/tmp';

let store: OpenStore | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await store?.close();
  cleanup?.();
});

describe('migration 0001_initial', () => {
  it('creates the tables and makes the audit log append-only', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = await openStore(join(t.dir, 'm.db'), randomKey());
    const tables = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type='table'`.execute(store.db)).rows.map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['settings', 'organization', 'users', 'audit_log']));

    await store.db
      .insertInto('audit_log')
      .values({ seq: 1, time: 't', actor: 'a', role: 'r', action: 'x', subject: 's', payload: 'null', prev_hash: '0', signer: 'k', hash: 'h', signature: 'g' })
      .execute();
    await expect(store.db.updateTable('audit_log').set({ action: 'y' }).execute()).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    expect((await store.db.selectFrom('audit_log').selectAll().execute())[0]!.action).toBe('x');
  });

  it('allows one organization row only', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = await openStore(join(t.dir, 'm.db'), randomKey());
    const row = { name: 'n', short_name: 's', public_key: Buffer.alloc(32), private_key: Buffer.alloc(48), bundle_sequence: 0, created_at: 't' };
    await store.db.insertInto('organization').values({ id: 1, ...row }).execute();
    await expect(store.db.insertInto('organization').values({ id: 2, ...row }).execute()).rejects.toThrow();
  });

  it('is recorded so that it runs once', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const key = randomKey();
    const file = join(t.dir, 'm.db');
    await (await openStore(file, key)).close();
    store = await openStore(file, key);
    const done = (await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(store.db)).rows.map((r) => r.name);
    expect(done.filter((n) => n === '0001_initial')).toHaveLength(1);
    expect(done[0]).toBe('0001_initial');
  });
});
