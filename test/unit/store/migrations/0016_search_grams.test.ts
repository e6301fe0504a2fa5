import { describe, expect, it } from 'vitest';
import { Kysely, sql } from 'kysely';
import { searchIndex } from '../../../../electron/store/search';
import { itemRow, insertRow as insert, seedOwner, storePerTest } from '../../../helpers/store-rows';

// 0016 backfills the one- and two-character index of the items' short fields for a store
// made before it, and its triggers keep it in step with every insert, edit and delete.
// Since 0017 new postings wait in search_grams_recent: the rows read here are both tables'.

const stores = storePerTest();

// Items made a day apart, in the order of their ids.
const item = (id: string, title: string, over: Record<string, unknown> = {}) => itemRow(id, title, { created_at: `2026-11-2${id}T00:00:00Z`, ...over });

const ids = async (db: Kysely<never>, q: string) => (await searchIndex(db as never, q, 50)).map((h) => h.itemId);
const grams = async (db: Kysely<never>) => Number((await sql<{ n: number }>`SELECT (SELECT count(*) FROM search_grams) + (SELECT count(*) FROM search_grams_recent) AS n`.execute(db)).rows[0]!.n);

describe('migration 0016_search_grams', () => {
  it('backfills the short fields of existing items, ranked by field then newest', async () => {
    const { db: old, upgrade } = await stores.at('0014_audit_time');
    await seedOwner(old);
    await insert(old, 'items', item('1', '城乡低保对象名单', { keywords: '["社会救助"]' }));
    await insert(old, 'items', item('2', '道路改造工程公告', { summary: '含低保户住房改造', document_number: '某政发〔2026〕12号' }));
    await insert(old, 'items', item('3', '低保标准调整', { keywords: 'not json' }));
    await insert(old, 'items', item('4', '教育收费公示', { keywords: '["Ab","低","保"]' }));
    // Odd text, for the backfill (JavaScript) and the triggers (SQL) to agree on.
    await insert(old, 'items', item('5', ' 𠀀𠀁 a b\tAB ', { keywords: '[["甲乙"], {"k": "丙丁"}, 3]', summary: '', issuer: '  ', document_number: 'X'.repeat(4010) }));
    await insert(old, 'items', item('6', '', { keywords: '"单个"', summary: '全角ＡＢ' }));
    await old.destroy();

    const store = await upgrade();
    const db = store.db as unknown as Kysely<never>;
    // Titles first (newest first), then 内容概要; a pair never spans two keywords (item 4).
    expect(await ids(db, '低保')).toEqual(['3', '1', '2']);
    expect(await ids(db, '低')).toEqual(['3', '1', '4', '2']);
    expect(await ids(db, '救助')).toEqual(['1']); // a keyword
    expect(await ids(db, '〔2')).toEqual(['2']); // 文号 punctuation
    expect(await ids(db, '财')).toEqual(['6', '4', '3', '2', '1']); // 发布机构, last in rank
    expect(await ids(db, 'AB')).toEqual(['5', '4']); // ASCII case folded like the trigram index
    expect(await ids(db, 'ab')).toEqual(['5', '4']);
    expect(await searchIndex(db as never, '低保', 1)).toEqual([{ itemId: '3', source: 'item', snippet: '【低保】标准调整' }]);
    expect(await ids(db, ' 公 ')).toEqual(await ids(db, '公')); // trimmed, as typed in the box

    // The triggers compute the same rows as the backfill: remove and insert each item again.
    const rows = async () => (await sql<{ r: string }>`SELECT s.item_id || ' ' || g.gram || ' ' || g.field AS r FROM (SELECT * FROM search_grams UNION ALL SELECT * FROM search_grams_recent) g JOIN search_items s ON s.n = g.n ORDER BY 1`.execute(db)).rows.map((x) => x.r);
    const backfilled = await rows();
    expect(backfilled.length).toBeGreaterThan(100);
    expect(backfilled).toEqual(expect.arrayContaining(['5 𠀀𠀁 1', '5 甲乙 3', '5 丙丁 3', '5 xx 2', '6 单个 3', '6 ＡＢ 4', '5 \ta 1']));
    expect(backfilled.filter((r) => r.startsWith('5 x') && r.endsWith(' 2'))).toHaveLength(2); // X and XX, lower-cased
    await sql`CREATE TEMP TABLE copy AS SELECT * FROM items`.execute(db);
    await sql`DELETE FROM items`.execute(db);
    expect(await rows()).toEqual([]);
    await sql`INSERT INTO items SELECT * FROM temp.copy ORDER BY created_at`.execute(db);
    expect(await rows()).toEqual(backfilled);
  });

  it('keeps the index in step with inserts, edits and deletes', async () => {
    const store = await stores.fresh();
    const db = store.db as unknown as Kysely<never>;
    const raw = db as unknown as Kysely<unknown>;
    await seedOwner(raw);
    await insert(raw, 'items', item('1', '城乡低保对象名单'));
    await insert(raw, 'items', item('2', '道路改造工程公告'));
    expect(await ids(db, '低保')).toEqual(['1']);
    const before = await grams(db);

    await sql`UPDATE items SET title = '桥梁维修工程公告', summary = '低保' WHERE id = '1'`.execute(db);
    expect(await ids(db, '对象')).toEqual([]);
    expect(await ids(db, '桥梁')).toEqual(['1']);
    expect(await ids(db, '低保')).toEqual(['1']); // now found in 内容概要
    expect(await ids(db, '公告')).toEqual(['2', '1']);

    // A change that leaves the short fields as they are does not touch the index.
    const now = await grams(db);
    await sql`UPDATE items SET status = 'approved', title = title WHERE id = '2'`.execute(db);
    expect(await grams(db)).toBe(now);
    expect(now).not.toBe(before);

    await sql`DELETE FROM items WHERE id = '1'`.execute(db);
    expect(await ids(db, '公告')).toEqual(['2']);
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT * FROM search_grams UNION ALL SELECT * FROM search_grams_recent) g JOIN search_items s ON s.n = g.n WHERE s.item_id = '1'`.execute(db)).rows[0]!.n)).toBe(0);
  });
});
