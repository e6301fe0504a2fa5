import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type OpenStore } from '../../../../electron/store/database';
import { searchIndex } from '../../../../electron/store/search';
import { randomKey } from '../../../../electron/keys/crypto';
import { tempDir } from '../../../helpers/tmp';

let store: OpenStore | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await store?.close();
  cleanup?.();
});

const item = (id: string, title: string, documentNumber = '', keywords = '[]') => ({
  id, profile_id: 'tongliao', profile_version: 2, title, document_number: documentNumber, issuer: '某某县人民政府办公室', department: '办公室', formed_on: '2026-11-20', category: '', keywords, summary: '公布名单', disclosure: '主动公开', publish_form: '市、区网站公开', review_mode: '主动审查', application_no: null, application_received_on: null, co_producers: '[]', third_parties: '[]', classification: 'none', classification_term: null, special_domains: '[]', special_approval: null, sensitive: 0, state: '{}', status: 'inReview', step_id: 'initial', step_entered_on: '2026-11-20', created_by: 'u', created_at: `2026-11-2${id}T00:00:00Z`, updated_at: 't', decided_on: null,
});

describe('migration 0005_indexes_search', () => {
  it('indexes every list filter and keeps the search index in step with items and files', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = await openStore(join(t.dir, 'm.db'), randomKey());
    const db = store.db;
    const indexes = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index'`.execute(db)).rows.map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['audit_log_actor_seq', 'audit_log_subject_seq', 'items_department', 'findings_document_status']));
    await db.insertInto('users').values({ id: 'u', username: 'u', display_name: 'u', department: '', roles: '[]', disabled: 0, must_change_password: 0, slot_id: 's', public_key: null, created_at: 't', updated_at: 't' }).execute();
    await db.insertInto('profiles').values({ id: 'tongliao', version: 2, definition: '{}', created_by: 'u', created_at: 't' }).execute();
    await db.insertInto('items').values(item('1', '关于城区道路改造工程的公告', '某政发〔2026〕12号')).execute();
    await db.insertInto('items').values(item('2', '2026年城乡低保对象公示', '', '["低保"]')).execute();
    await db.insertInto('blobs').values({ sha256: 'a'.repeat(64), size: 1, content: Buffer.from('x') }).execute();
    await db.insertInto('documents').values({ id: 'd', item_id: '2', name: '名单.xlsx', type: 'xlsx', size: 1, sha256: 'a'.repeat(64), pages: null, warnings: '[]', text: '张小明 家住城关镇幸福路12号', segments: '[]', created_by: 'u', created_at: 't' }).execute();
    expect((await searchIndex(db, '道路改造', 10)).map((h) => h.itemId)).toEqual(['1']);
    expect(await searchIndex(db, '幸福路', 10)).toEqual([{ itemId: '2', source: 'd', snippet: expect.stringContaining('【幸福路】') }]);
    expect((await searchIndex(db, '低保', 10)).map((h) => h.itemId)).toEqual(['2']); // two characters
    expect((await searchIndex(db, '12号', 10)).map((h) => h.itemId).sort()).toEqual(['1', '2']);
    await db.updateTable('items').set({ title: '关于城区桥梁维修工程的公告' }).where('id', '=', '1').execute();
    expect(await searchIndex(db, '道路改造', 10)).toEqual([]);
    expect((await searchIndex(db, '桥梁维修', 10)).map((h) => h.itemId)).toEqual(['1']);
  });
});
