import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Services } from '../../../electron/app/services';
import { itemSearch } from '../../../electron/workflow/search-page';
import { setUpCore } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';
import { as, fields, outsiders, staffUp } from '../../helpers/workflow';

// items.search within need-to-know: hits only in items the person may read, file text
// only where they may read the files, counts within that, one- and two-character queries
// over the items' own fields.

let core: Services;
let cleanup: () => void;
let approvedId: string;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  core = (await setUpCore(t.dir)).core;
  const wf = await staffUp(core, 'tongliao');
  await outsiders(core);
  await as(core, 'liu');
  const approved = await wf.register(fields({ title: '城关镇低保对象名单公示', keywords: ['低保'] }));
  await wf.register(fields({ title: '城关镇道路改造工程公告' }));
  approvedId = approved.id;
  const db = core.vault.db();
  await db.insertInto('blobs').values({ sha256: 'c'.repeat(64), size: 1, content: Buffer.from('x') }).execute();
  await db.insertInto('documents').values({ id: 'doc-1', item_id: approvedId, name: '名单.txt', type: 'txt', size: 1, sha256: 'c'.repeat(64), pages: null, warnings: '[]', text: '张小明 家住城关镇幸福路12号', segments: '[]', created_by: approved.fields.title ? (await db.selectFrom('users').select('id').where('username', '=', 'liu').executeTakeFirstOrThrow()).id : '', created_at: 't' }).execute();
  // Approved behind the service's back, then its list columns recomputed as a command would.
  await sql`UPDATE items SET status = 'approved', state = json_set(state, '$.status', 'approved') WHERE id = ${approvedId}`.execute(db);
  await db.updateTable('items').set({ derived_at: null }).execute();
}, 120_000);
afterAll(async () => {
  await core.close();
  cleanup();
});

const search = (query: string) => itemSearch(core.queries, { query, page: 1, pageSize: 20 });

describe('items.search', () => {
  it('finds items and file text within need-to-know', async () => {
    await as(core, 'liu');
    const file = await search('幸福路');
    expect(file.total).toBe(1);
    expect(file.hits[0]).toMatchObject({ where: '文件“名单.txt”', snippet: expect.stringContaining('【幸福路】') });
    expect(file.hits[0]!.item.id).toBe(approvedId);
    const title = await search('城关镇');
    expect(title.total).toBe(3); // two titles and the file
    const short = await search('低保');
    expect(short.hits.map((h) => [h.item.id, h.where, h.snippet])).toEqual([[approvedId, '信息名称', expect.stringContaining('【低保】')]]);
    expect((await search('道路')).total).toBe(2); // a title and the other item's 内容概要

    // Another department's handler reads none of it.
    await as(core, 'ma');
    for (const q of ['幸福路', '城关镇', '低保']) expect((await search(q)).total).toBe(0);

    // The publisher knows the approved item, never its file's text.
    await as(core, 'pub');
    expect((await search('幸福路')).total).toBe(0);
    expect((await search('城关镇')).hits.map((h) => h.item.id)).toEqual([approvedId]);
    expect((await search('低保')).total).toBe(1);
  }, 60_000);
});
