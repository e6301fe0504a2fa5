import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { openRaw } from '../../../../electron/store/database';
import { migrations } from '../../../../electron/store/migrations';
import { randomKey } from '../../../../electron/keys/crypto';
import { insertRow as insert } from '../../../helpers/store-rows';
import { tempDir } from '../../../helpers/tmp';

// 0015 fills item_blocks (who signed another step of an in-review item, by the role now
// acting) from the signers of a store made before it, and its triggers keep it as items
// move on and signers change; it adds the list index led by status and step role.

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const item = (id: string, status: string, stepId: string, stepRole: string | null) => ({
  id, profile_id: 'p', profile_version: 1, title: `事项${id}`, document_number: '', issuer: '某某局', department: '办公室', formed_on: '2026-11-20', category: '', keywords: '[]', summary: '', disclosure: '主动公开', publish_form: '网站', review_mode: '主动审查', application_no: null, application_received_on: null, co_producers: '[]', third_parties: '[]', classification: 'none', classification_term: null, special_domains: '[]', special_approval: null, sensitive: 0,
  state: '{}', status, step_id: stepId, step_entered_on: '2026-11-20', created_by: 'u1', created_at: `2026-11-2${id}T00:00:00Z`, updated_at: 't', decided_on: null, step_role: stepRole,
});


const migrate = async (db: Kysely<unknown>, to: string) => {
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(to);
  if (error) throw error;
};
const blocks = async (db: Kysely<unknown>) => (await sql<{ user_id: string; step_role: string; item_id: string }>`SELECT user_id, step_role, item_id FROM item_blocks ORDER BY item_id, user_id`.execute(db)).rows;

describe('migration 0015_list_queues', () => {
  it('backfills the separation-of-duties blocks and keeps them by trigger', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: openRaw(join(t.dir, 'm.db'), randomKey()) }) });
    try {
      await migrate(db, '0014_audit_time');
      await insert(db, 'users', { id: 'u1', username: 'liu', display_name: '刘', department: '办公室', roles: '["handler"]', disabled: 0, must_change_password: 0, slot_id: 's', public_key: null, created_at: 't', updated_at: 't' });
      await insert(db, 'profiles', { id: 'p', version: 1, definition: '{}', created_by: 'u1', created_at: 't' });
      await insert(db, 'items', item('1', 'inReview', 'review', 'reviewer'));
      await insert(db, 'items', item('2', 'inReview', 'review', 'reviewer'));
      await insert(db, 'items', item('3', 'approved', 'approve', null));
      for (const [itemId, stepId, userId] of [['1', 'initial', 'u1'], ['1', 'review', 'u2'], ['2', 'review', 'u2'], ['3', 'initial', 'u1']])
        await insert(db, 'item_signers', { item_id: itemId, step_id: stepId, user_id: userId });

      await migrate(db, '0015_list_queues');
      // u1 signed the first step of item 1, now at review: blocked there. u2 signed the step now open: not blocked. Item 3 is decided.
      expect(await blocks(db)).toEqual([{ user_id: 'u1', step_role: 'reviewer', item_id: '1' }]);

      // Item 1 moves on to approval: u2 (review) is blocked now too, under the new role.
      await sql`UPDATE items SET step_id = 'approve', step_role = 'approver' WHERE id = '1'`.execute(db);
      expect(await blocks(db)).toEqual([
        { user_id: 'u1', step_role: 'approver', item_id: '1' },
        { user_id: 'u2', step_role: 'approver', item_id: '1' },
      ]);
      // A new signer on another step of item 2, a withdrawn one on item 1.
      await insert(db, 'item_signers', { item_id: '2', step_id: 'initial', user_id: 'u3' });
      await sql`DELETE FROM item_signers WHERE item_id = '1' AND user_id = 'u1'`.execute(db);
      expect(await blocks(db)).toEqual([
        { user_id: 'u2', step_role: 'approver', item_id: '1' },
        { user_id: 'u3', step_role: 'reviewer', item_id: '2' },
      ]);
      // Decided: nobody is blocked on it any more.
      await sql`UPDATE items SET status = 'approved', step_role = NULL WHERE id = '1'`.execute(db);
      expect(await blocks(db)).toEqual([{ user_id: 'u3', step_role: 'reviewer', item_id: '2' }]);

      const plan = (await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT count(*) FROM items WHERE status = 'inReview' AND step_role = 'reviewer'`.execute(db)).rows.map((r) => r.detail).join(' ');
      expect(plan).toMatch(/COVERING INDEX items_queue/);
    } finally {
      await db.destroy();
    }
  });
});
