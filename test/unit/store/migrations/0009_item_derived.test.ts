import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openStore } from '../../../../electron/store/database';
import { insertRow as insert, seedOwner, storeAt } from '../../../helpers/store-rows';

// 0009 backfills the derived columns of a store made before it: the current step's
// role, who signed what, the classification question; due dates are left for the
// workflow (derived_at NULL). Afterwards the findings triggers keep the question.

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const item = (id: string, status: string, stepId: string, signedBy: Record<string, string[]>, classification = 'none') => ({
  id, profile_id: 'p', profile_version: 1, title: `事项${id}`, document_number: '', issuer: '某某局', department: '办公室', formed_on: '2026-11-20', category: '', keywords: '[]', summary: '', disclosure: '主动公开', publish_form: '网站', review_mode: '主动审查', application_no: null, application_received_on: null, co_producers: '[]', third_parties: '[]', classification, classification_term: null, special_domains: '[]', special_approval: null, sensitive: 0,
  state: JSON.stringify({ status, stepId, signedBy }), status, step_id: stepId, step_entered_on: '2026-11-20', created_by: 'u1', created_at: `2026-11-2${id}T00:00:00Z`, updated_at: 't', decided_on: null,
});


describe('migration 0009_item_derived', () => {
  it('backfills step role, signers and the classification question, and keeps the question by trigger', async () => {
    const { db: old, file, key, cleanup: done } = await storeAt('0008_profile_steps');
    cleanup = done;
    await seedOwner(old);
    for (const [i, s] of [['initial', 'handler'], ['review', 'reviewer'], ['approve', 'approver']].entries())
      await insert(old, 'profile_steps', { profile_id: 'p', version: 1, step_id: s[0], position: i, role: s[1], name: s[0] });
    await insert(old, 'items', item('1', 'inReview', 'initial', {}));
    await insert(old, 'items', item('2', 'inReview', 'review', { initial: ['u1'] }));
    await insert(old, 'items', item('3', 'approved', 'approve', { initial: ['u1'], review: ['u2'], approve: ['u3'] }));
    await insert(old, 'blobs', { sha256: 'a'.repeat(64), size: 1, content: Buffer.from('x') });
    await insert(old, 'documents', { id: 'd1', item_id: '2', name: 'a.docx', type: 'docx', size: 1, sha256: 'a'.repeat(64), pages: null, warnings: '[]', text: '秘密★1年', segments: '[]', created_by: 'u1', created_at: 't' });
    await insert(old, 'findings', { document_id: 'd1', kind: 'CLASSIFICATION_MARK', text: '秘密★1年', start: 0, end: 6, location: '正文', confidence: 0.9, ground: 'MARKED_SECRET', basis_id: null, status: 'open', reason: null, manual: 0, decided_by: null, decided_at: null });
    await old.destroy();

    const store = await openStore(file, key);
    try {
      const db = store.db;
      const rows = await db.selectFrom('items').select(['id', 'step_role', 'step_first', 'class_question', 'derived_at']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: '1', step_role: 'handler', step_first: 1, class_question: 0, derived_at: null },
        { id: '2', step_role: 'reviewer', step_first: 0, class_question: 1, derived_at: null },
        { id: '3', step_role: null, step_first: 0, class_question: 0, derived_at: null },
      ]);
      const signers = await db.selectFrom('item_signers').selectAll().orderBy('item_id').orderBy('step_id').execute();
      expect(signers).toEqual([
        { item_id: '2', step_id: 'initial', user_id: 'u1' },
        { item_id: '3', step_id: 'approve', user_id: 'u3' },
        { item_id: '3', step_id: 'initial', user_id: 'u1' },
        { item_id: '3', step_id: 'review', user_id: 'u2' },
      ]);
      const question = async (id: string) => (await db.selectFrom('items').select('class_question').where('id', '=', id).executeTakeFirstOrThrow()).class_question;
      await db.updateTable('findings').set({ status: 'dismissed' }).execute();
      expect(await question('2')).toBe(0);
      await db.updateTable('findings').set({ status: 'confirmed' }).execute();
      expect(await question('2')).toBe(1);
      // Marking the item answers the question: it is no longer an unmarked item with a marked file.
      await db.updateTable('items').set({ classification: '秘密' }).where('id', '=', '2').execute();
      expect(await question('2')).toBe(0);
      await db.updateTable('items').set({ classification: 'none' }).where('id', '=', '2').execute();
      expect(await question('2')).toBe(1);
      await db.deleteFrom('findings').execute();
      expect(await question('2')).toBe(0);
      const indexes = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index'`.execute(db)).rows.map((r) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['items_step_role', 'items_status_created', 'items_overdue', 'items_due', 'item_signers_item', 'audit_log_subject_seq', 'audit_log_actor_seq']));
    } finally {
      await store.close();
    }
  });
});
