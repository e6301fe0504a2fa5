import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Services } from '../../../electron/app/services';
import { itemSearch } from '../../../electron/workflow/search-page';
import { setUpCore } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';
import { as, fields, outsiders, staffUp } from '../../helpers/workflow';

// One- and two-character queries through the gram index (migration 0016): the right items
// in rank order, only those the person may read, never the files' text, and in step with
// an edit of the item's fields.

let core: Services;
let cleanup: () => void;
let approvedId: string;
let roadId: string;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  core = (await setUpCore(t.dir)).core;
  const wf = await staffUp(core, 'tongliao');
  await outsiders(core);
  await as(core, 'liu');
  approvedId = (await wf.register(fields({ title: '城关镇低保对象名单公示', keywords: ['社会救助'], summary: '公布名单。' }))).id;
  roadId = (await wf.register(fields({ title: '城关镇道路改造工程公告', summary: '含低保户住房。' }))).id;
  const db = core.vault.db();
  const liu = (await db.selectFrom('users').select('id').where('username', '=', 'liu').executeTakeFirstOrThrow()).id;
  await db.insertInto('blobs').values({ sha256: 'c'.repeat(64), size: 1, content: Buffer.from('x') }).execute();
  await db.insertInto('documents').values({ id: 'doc-1', item_id: approvedId, name: '名单.txt', type: 'txt', size: 1, sha256: 'c'.repeat(64), pages: null, warnings: '[]', text: '张小明 家住幸福路12号', segments: '[]', created_by: liu, created_at: 't' }).execute();
  // Approved behind the service's back, then its list columns recomputed as a command would.
  await sql`UPDATE items SET status = 'approved', state = json_set(state, '$.status', 'approved') WHERE id = ${approvedId}`.execute(db);
  await db.updateTable('items').set({ derived_at: null }).execute();
}, 120_000);
afterAll(async () => {
  await core.close();
  cleanup();
});

const search = (query: string) => itemSearch(core.queries, { query, page: 1, pageSize: 20 });
const found = async (query: string) => (await search(query)).hits.map((h) => [h.item.id, h.where]);

describe('items.search, one and two characters', () => {
  it('finds the items in rank order, within need-to-know, never in the files', async () => {
    await as(core, 'liu');
    expect(await found('低保')).toEqual([
      [approvedId, '信息名称'],
      [roadId, '内容概要'],
    ]);
    expect(await found('低')).toEqual([
      [approvedId, '信息名称'],
      [roadId, '内容概要'],
    ]);
    const one = await search('救');
    expect(one.total).toBe(1);
    expect(one.hits[0]).toMatchObject({ where: '关键词', snippet: '社会【救】助' });
    expect((await search('镇')).total).toBe(2);
    expect((await search('福路')).total).toBe(0); // only in the file's text
    expect((await search('幸福路')).total).toBe(1); // three characters reach the file
    const paged = await itemSearch(core.queries, { query: '镇', page: 2, pageSize: 1 });
    expect(paged.hits.map((h) => h.item.id)).toEqual([approvedId]);
    expect(paged.total).toBe(2);

    // Another department's handler reads none of it.
    await as(core, 'ma');
    for (const q of ['低', '低保', '镇', '救']) expect((await search(q)).total).toBe(0);

    // The publisher knows the approved item only.
    await as(core, 'pub');
    expect(await found('低保')).toEqual([[approvedId, '信息名称']]);
    expect((await search('镇')).total).toBe(1);
  }, 60_000);

  it('follows an edit of the item fields', async () => {
    const db = core.vault.db();
    await db.updateTable('items').set({ title: '城关镇桥梁维修工程公告', summary: '', keywords: '["桥梁"]' }).where('id', '=', roadId).execute();
    await as(core, 'liu');
    expect(await found('低保')).toEqual([[approvedId, '信息名称']]);
    expect(await found('桥梁')).toEqual([[roadId, '信息名称']]);
    expect((await search('道路')).total).toBe(0);
  }, 60_000);
});
