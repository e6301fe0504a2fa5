import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { randomKey } from '../../electron/keys/crypto';
import { openRaw, openStore, type OpenStore } from '../../electron/store/database';
import { migrations } from '../../electron/store/migrations';
import { tempDir } from './tmp';

// Rows written straight into a store, for the tests of migrations and of what runs on the
// tables themselves (triggers, the search merge): no service, no audit entry.

/** An item row with every column a store since 0009 has; `over` replaces any of them. */
export const itemRow = (id: string, title: string, over: Record<string, unknown> = {}) => ({
  id, profile_id: 'p', profile_version: 1, title, document_number: '', issuer: '某某县财政局', department: '办公室', formed_on: '2026-11-20', category: '', keywords: '[]', summary: '', disclosure: '主动公开', publish_form: '网站', review_mode: '主动审查', application_no: null, application_received_on: null, co_producers: '[]', third_parties: '[]', classification: 'none', classification_term: null, special_domains: '[]', special_approval: null, sensitive: 0,
  state: '{}', status: 'inReview', step_id: 'initial', step_entered_on: '2026-11-20', created_by: 'u1', created_at: `2026-11-20T00:00:${id.padStart(2, '0')}Z`, updated_at: 't', decided_on: null, ...over,
});

export async function insertRow(db: Kysely<unknown>, table: string, row: Record<string, unknown>): Promise<void> {
  await sql`INSERT INTO ${sql.table(table)} ${sql.raw(`(${Object.keys(row).join(',')})`)} VALUES (${sql.join(Object.values(row))})`.execute(db);
}

/** The user u1 (a handler) and the profile p that item rows point at. */
export async function seedOwner(db: Kysely<unknown>): Promise<void> {
  await insertRow(db, 'users', { id: 'u1', username: 'liu', display_name: '刘', department: '办公室', roles: '["handler"]', disabled: 0, must_change_password: 0, slot_id: 's', public_key: null, created_at: 't', updated_at: 't' });
  await insertRow(db, 'profiles', { id: 'p', version: 1, definition: '{}', created_by: 'u1', created_at: 't' });
}

/** A new encrypted store migrated up to `migration` only, as an older version left it. */
export async function storeAt(migration: string): Promise<{ db: Kysely<unknown>; file: string; key: Buffer; cleanup: () => void }> {
  const t = tempDir();
  const file = join(t.dir, 'm.db');
  const key = randomKey();
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: openRaw(file, key) }) });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(migration);
  if (error) throw error;
  return { db, file, key, cleanup: t.cleanup };
}

/** A new encrypted store at the latest migration. */
export async function newStore(): Promise<{ store: OpenStore; cleanup: () => void }> {
  const t = tempDir();
  return { store: await openStore(join(t.dir, 'm.db'), randomKey()), cleanup: t.cleanup };
}

/**
 * One store per test, closed and removed after it (registers the afterEach hook).
 * `at(migration)` gives a store as an older version left it; `upgrade()` opens it at the latest.
 */
export function storePerTest() {
  let open: { store?: OpenStore; cleanup?: () => void } = {};
  afterEach(async () => {
    await open.store?.close();
    open.cleanup?.();
    open = {};
  });
  return {
    async fresh(): Promise<OpenStore> {
      open = await newStore();
      return open.store!;
    },
    async at(migration: string) {
      const s = await storeAt(migration);
      open.cleanup = s.cleanup;
      return { db: s.db, upgrade: async (): Promise<OpenStore> => (open.store = await openStore(s.file, s.key)) };
    },
  };
}
