import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { openRaw, openStore } from '../../../../electron/store/database';
import { migrations } from '../../../../electron/store/migrations';
import { randomKey } from '../../../../electron/keys/crypto';
import { tempDir } from '../../../helpers/tmp';

// Every migration upgrades a store the previous version made, with data in it: the
// rows written before are all there afterwards, and the new tables exist.

const names = Object.keys(migrations).sort();
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** A store migrated only up to `target`, as a release of that version left it. */
async function storeAt(file: string, key: Buffer, target: string) {
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: openRaw(file, key) }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(target);
  if (error) throw error;
  return db;
}

const user = { id: 'u1', username: 'liu', display_name: '刘承办', department: '办公室', roles: '["handler"]', disabled: 0, must_change_password: 0, slot_id: 's1', public_key: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };

async function seed(db: Kysely<unknown>, upTo: string) {
  await sql`INSERT INTO users ${sql.raw(`(${Object.keys(user).join(',')})`)} VALUES (${sql.join(Object.values(user))})`.execute(db);
  await sql`INSERT INTO settings (key, value) VALUES ('marker', ${upTo})`.execute(db);
}

describe('upgrades between schema versions', () => {
  for (const [i, from] of names.entries()) {
    if (i === names.length - 1) continue;
    it(`opens a store made at ${from} with data, and upgrades it to ${names.at(-1)}`, async () => {
      const t = tempDir();
      cleanup = t.cleanup;
      const file = join(t.dir, 'old.db');
      const key = randomKey();
      const old = await storeAt(file, key, from);
      await seed(old, from);
      const before = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type='table'`.execute(old)).rows.map((r) => r.name);
      await old.destroy();

      const store = await openStore(file, key);
      try {
        const users = await store.db.selectFrom('users').selectAll().execute();
        expect(users).toEqual([user]);
        expect(await store.db.selectFrom('settings').select('value').where('key', '=', 'marker').executeTakeFirst()).toEqual({ value: from });
        const after = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type='table'`.execute(store.db)).rows.map((r) => r.name);
        expect(after).toEqual(expect.arrayContaining(before));
        const applied = (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(store.db)).rows.map((r) => r.name);
        expect(applied).toEqual(names);
      } finally {
        await store.close();
      }
    });
  }
});
