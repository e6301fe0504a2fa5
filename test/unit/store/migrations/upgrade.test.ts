import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { openRaw, openStore } from '../../../../electron/store/database';
import { migrations } from '../../../../electron/store/migrations';
import { searchIndex } from '../../../../electron/store/search';
import { randomKey } from '../../../../electron/keys/crypto';
import { tempDir } from '../../../helpers/tmp';

// Every migration upgrades a store the previous version made, with data in it: the
// rows written before are all there afterwards, and what the later migrations derive
// from them (signers, separation-of-duties blocks, the short-text search index) is
// filled for those rows. Each row is written with the columns its version had.

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
const entry = { seq: 1, time: '2026-01-01T00:00:00Z', actor: 'system', role: 'system', action: 'app.setup', subject: 'organization', payload: '{}', prev_hash: '0'.repeat(64), signer: 'org', hash: 'a'.repeat(64), signature: 'sig' };
const STEPS = [
  { id: 'initial', role: 'handler', name: '承办' },
  { id: 'review', role: 'reviewer', name: '审核' },
];
const profile = { id: 'p', version: 1, definition: JSON.stringify({ steps: STEPS }), created_by: 'u1', created_at: '2026-01-01T00:00:00Z' };
const item = (id: string, title: string, status: string, signedBy: Record<string, string[]>) => ({
  id, profile_id: 'p', profile_version: 1, title, document_number: '', issuer: '某某县民政局', department: '办公室', formed_on: '2026-11-20', category: '', keywords: '[]', summary: '', disclosure: '主动公开', publish_form: '网站', review_mode: '主动审查', application_no: null, application_received_on: null, co_producers: '[]', third_parties: '[]', classification: 'none', classification_term: null, special_domains: '[]', special_approval: null, sensitive: 0,
  state: JSON.stringify({ status, stepId: 'review', signedBy }), status, step_id: 'review', step_entered_on: '2026-11-20', created_by: 'u1', created_at: `2026-11-20T0${id.length}:00:00Z`, updated_at: 't', decided_on: null,
  // Columns of later versions, kept only where the store has them (as that version's code wrote them).
  step_role: status === 'inReview' ? 'reviewer' : null, step_first: 0,
});
// An item waiting for the reviewer, signed by u1 at the first step: u1 may not review it.
const ITEMS = [item('i1', '城乡低保对象名单', 'inReview', { initial: ['u1'] }), item('i22', '道路改造工程公告', 'approved', { initial: ['u1'], review: ['u2'] })];

async function columns(db: Kysely<unknown>, table: string): Promise<string[]> {
  return (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)).rows.map((r) => r.name);
}

/** Inserts the row's values for the columns `table` has at this version; none when it has no such table. */
async function insert(db: Kysely<unknown>, table: string, row: Record<string, unknown>): Promise<boolean> {
  const have = await columns(db, table);
  if (!have.length) return false;
  const cols = Object.keys(row).filter((c) => have.includes(c));
  await sql`INSERT INTO ${sql.table(table)} ${sql.raw(`(${cols.join(',')})`)} VALUES (${sql.join(cols.map((c) => row[c]))})`.execute(db);
  return true;
}

async function seed(db: Kysely<unknown>, upTo: string): Promise<{ items: boolean }> {
  await insert(db, 'users', user);
  await insert(db, 'settings', { key: 'marker', value: upTo });
  await insert(db, 'audit_log', entry);
  if (!(await columns(db, 'items')).length) return { items: false };
  await insert(db, 'profiles', profile);
  for (const [position, s] of STEPS.entries()) await insert(db, 'profile_steps', { profile_id: 'p', version: 1, step_id: s.id, position, role: s.role, name: s.name });
  for (const i of ITEMS) {
    await insert(db, 'items', i);
    for (const [step, users] of Object.entries(JSON.parse(i.state).signedBy as Record<string, string[]>))
      for (const u of users) await insert(db, 'item_signers', { item_id: i.id, step_id: step, user_id: u });
  }
  return { items: true };
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
      const seeded = await seed(old, from);
      const before = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type='table'`.execute(old)).rows.map((r) => r.name);
      await old.destroy();

      const store = await openStore(file, key);
      try {
        const db = store.db;
        expect(await db.selectFrom('users').selectAll().execute()).toEqual([user]);
        expect(await db.selectFrom('settings').select('value').where('key', '=', 'marker').executeTakeFirst()).toEqual({ value: from });
        expect(await db.selectFrom('audit_log').selectAll().execute()).toEqual([entry]);
        const after = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type='table'`.execute(db)).rows.map((r) => r.name);
        expect(after).toEqual(expect.arrayContaining(before));
        const applied = (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db)).rows.map((r) => r.name);
        expect(applied).toEqual(names);
        if (!seeded.items) return;

        expect(await db.selectFrom('items').select(['id', 'title', 'status', 'step_role']).orderBy('id').execute()).toEqual(ITEMS.map((x) => ({ id: x.id, title: x.title, status: x.status, step_role: x.step_role })));
        expect(await db.selectFrom('item_signers').select(['item_id', 'step_id', 'user_id']).orderBy('item_id').orderBy('step_id').execute()).toEqual([
          { item_id: 'i1', step_id: 'initial', user_id: 'u1' },
          { item_id: 'i22', step_id: 'initial', user_id: 'u1' },
          { item_id: 'i22', step_id: 'review', user_id: 'u2' },
        ]);
        // 0015: separation of duties as rows, for items this version's store already held.
        expect((await sql`SELECT user_id, step_role, item_id FROM item_blocks`.execute(db)).rows).toEqual([{ user_id: 'u1', step_role: 'reviewer', item_id: 'i1' }]);
        // 0016: one- and two-character search finds the items written before it.
        expect((await searchIndex(db, '低保', 10)).map((h) => h.itemId)).toEqual(['i1']);
        expect((await searchIndex(db, '公告', 10)).map((h) => h.itemId)).toEqual(['i22']);
        expect((await searchIndex(db, '民', 10)).map((h) => h.itemId).sort()).toEqual(['i1', 'i22']);
      } finally {
        await store.close();
      }
    });
  }
});
