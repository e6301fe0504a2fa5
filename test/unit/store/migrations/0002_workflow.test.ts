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

describe('migration 0002_workflow', () => {
  it('creates the workflow tables and seeds the laws of 通辽 第二十条, titles only', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = await openStore(join(t.dir, 'm.db'), randomKey());
    const tables = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type='table'`.execute(store.db)).rows.map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['profiles', 'items', 'opinions', 'objections', 'escalations', 'consultations', 'declassifications', 'bases', 'catalogue', 'incidents', 'calendars']));
    const bases = await store.db.selectFrom('bases').selectAll().orderBy('id').execute();
    expect(bases.map((b) => b.title)).toEqual(expect.arrayContaining(['《中华人民共和国保守国家秘密法》', '《国家秘密及其密级具体范围规定》']));
    expect(bases.every((b) => b.keywords === '[]' && b.patterns === '[]')).toBe(true);
  });

  it('refuses an item whose profile version is not stored', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = await openStore(join(t.dir, 'm.db'), randomKey());
    await store.db.insertInto('users').values({ id: 'u', username: 'u', display_name: 'u', department: '', roles: '[]', disabled: 0, must_change_password: 0, slot_id: 's', public_key: null, created_at: 't', updated_at: 't' }).execute();
    const item = { id: 'i', profile_id: 'tongliao', profile_version: 1, title: 't', document_number: '', issuer: '', department: '', formed_on: '2026-11-20', category: '', keywords: '[]', summary: '', disclosure: '主动公开', publish_form: '网站公开', review_mode: '主动审查', application_no: null, application_received_on: null, co_producers: '[]', third_parties: '[]', classification: 'none', classification_term: null, special_domains: '[]', special_approval: null, sensitive: 0, state: '{}', status: 'inReview', step_id: 'initial', step_entered_on: '2026-11-20', created_by: 'u', created_at: 't', updated_at: 't', decided_on: null };
    await expect(store.db.insertInto('items').values(item).execute()).rejects.toThrow(/FOREIGN KEY/);
  });
});
