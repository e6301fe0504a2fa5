import { describe, expect, it } from 'vitest';
import { Kysely, sql } from 'kysely';
import { searchIndex } from '../../../../electron/store/search';
import { gramsWaiting, mergeAllGrams, mergeGramsChunk } from '../../../../electron/store/search-merge';
import { itemRow as item, insertRow as insert, seedOwner, storePerTest } from '../../../helpers/store-rows';

// 0017 sends new postings to search_grams_recent; searches read both tables, and a merge
// moves rows between them without changing what any search finds.

const stores = storePerTest();

const count = async (db: Kysely<never>, table: string) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]!.n);
const ids = async (db: Kysely<never>, q: string) => (await searchIndex(db as never, q, 200)).map((h) => h.itemId);

// Short fields drawn from a few characters, so that grams repeat across items and fields.
const CHARS = '低保县政府公告名单救助道路';
function rand(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}
const text = (r: () => number, n: number) => Array.from({ length: n }, () => CHARS[Math.floor(r() * CHARS.length)]).join('');

/** What a search must find, worked out from the items alone: field rank, then newest. */
async function expected(db: Kysely<never>, q: string): Promise<string[]> {
  const rows = (await sql<{ id: string; title: string; summary: string; issuer: string; n: number }>`SELECT i.id, i.title, i.summary, i.issuer, s.n FROM items i JOIN search_items s ON s.item_id = i.id`.execute(db)).rows;
  const rank = (r: (typeof rows)[number]) => [r.title, '', '', r.summary, r.issuer].findIndex((f) => f.includes(q));
  return rows
    .filter((r) => rank(r) >= 0)
    .sort((a, b) => rank(a) - rank(b) || b.n - a.n)
    .map((r) => r.id);
}

describe('migration 0017_search_grams_recent', () => {
  it('puts new postings in the side table and keeps the rows of a store made before it', async () => {
    const { db: old, upgrade } = await stores.at('0016_search_grams');
    await seedOwner(old);
    await insert(old, 'items', item('1', '城乡低保对象名单'));
    const before = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_grams`.execute(old)).rows[0]!.n);
    await old.destroy();

    const store = await upgrade();
    const db = store.db as unknown as Kysely<never>;
    expect(await count(db, 'search_grams')).toBe(before);
    expect(await count(db, 'search_grams_recent')).toBe(0);
    await insert(db as never, 'items', item('2', '低保标准调整'));
    expect(await count(db, 'search_grams')).toBe(before); // the big table is not written
    expect(await count(db, 'search_grams_recent')).toBeGreaterThan(5);
    expect(await ids(db, '低保')).toEqual(['2', '1']); // both tables, in rank order
    expect(await gramsWaiting(db as never, 1)).toBe(true);
    expect(await gramsWaiting(db as never, 1000)).toBe(false);

    // An edit of an item in the big table moves its postings to the side table.
    await sql`UPDATE items SET title = '道路维修公告' WHERE id = '1'`.execute(db);
    expect(await ids(db, '低保')).toEqual(['2']);
    expect(await ids(db, '道路')).toEqual(['1']);
    expect(await count(db, 'search_grams')).toBe(0);
    await sql`DELETE FROM items WHERE id = '2'`.execute(db);
    expect(await ids(db, '低保')).toEqual([]);
  });

  it('merges in chunks without changing any result, through edits and deletes on both sides', async () => {
    const store = await stores.fresh();
    const db = store.db as unknown as Kysely<never>;
    const raw = db as unknown as Kysely<unknown>;
    await seedOwner(raw);
    const r = rand(7);
    const queries = ['低', '保', '低保', '县政', '公告', '救', '名单', '路'];
    const check = async () => {
      for (const q of queries) expect(await ids(db, q), q).toEqual((await expected(db, q)).slice(0, 200));
    };
    let next = 1;
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 20; i++) await insert(raw, 'items', item(String(next++), text(r, 4 + Math.floor(r() * 6)), { summary: text(r, 8), issuer: text(r, 3) }));
      // Edits and deletes of items on either side of the last merge.
      for (let i = 0; i < 5; i++) {
        const id = String(1 + Math.floor(r() * (next - 1)));
        if (r() < 0.7) await sql`UPDATE items SET title = ${text(r, 5)}, summary = ${text(r, 6)} WHERE id = ${id}`.execute(db);
        else await sql`DELETE FROM items WHERE id = ${id}`.execute(db);
      }
      await check();
      if (round % 2 === 0) {
        // A small chunk: several transactions, each ending on a whole gram.
        const waiting = await count(db, 'search_grams_recent');
        const moved = await mergeGramsChunk(db as never, 10);
        expect(moved).toBeGreaterThanOrEqual(Math.min(10, waiting));
        expect(await count(db, 'search_grams_recent')).toBe(waiting - moved);
        await check();
      }
      await mergeAllGrams(db as never, 40);
      expect(await count(db, 'search_grams_recent')).toBe(0);
      await check();
    }
    // Every posting is in exactly one table: none is left for a deleted item.
    const orphans = await sql<{ n: number }>`SELECT count(*) AS n FROM search_grams g LEFT JOIN search_items s ON s.n = g.n WHERE s.n IS NULL`.execute(db);
    expect(Number(orphans.rows[0]!.n)).toBe(0);
  });
});
