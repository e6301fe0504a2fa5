import { sql, type Kysely } from 'kysely';
import { changed, postings } from './0016_search_grams';

// Registration at 100,000 items ran at half the speed of an empty store (issue 15): each new
// item put some 150 postings at random places of search_grams, a 12-million-row B-tree,
// and each one read, decrypted, re-encrypted and wrote a page of it. New postings now go to
// search_grams_recent, a small table of the same shape that stays in the page cache; searches
// read both (store/search-short.ts) and store/search-merge.ts moves the recent rows into
// search_grams in key order when the store is idle, so one pass touches each page of the big
// table once for hundreds of items instead of once per posting. An item's postings are in
// one table or the other, never both: an edit deletes the old postings from both.

export async function up(outer: Kysely<unknown>): Promise<void> {
  await outer.transaction().execute(async (db) => {
    const run = (text: string) => sql.raw(text).execute(db);
    await run(`CREATE TABLE search_grams_recent (
      gram TEXT NOT NULL,
      field INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (gram, field, n DESC)
    ) WITHOUT ROWID`);
    for (const t of ['insert', 'update', 'delete']) await run(`DROP TRIGGER search_grams_${t}`);
    await run(`CREATE TRIGGER search_grams_insert AFTER INSERT ON items BEGIN
      INSERT INTO search_items (item_id) VALUES (new.id);
      INSERT INTO search_grams_recent (gram, field, n) ${postings('new')};
    END`);
    await run(`CREATE TRIGGER search_grams_update AFTER UPDATE OF title, document_number, keywords, summary, issuer ON items
      WHEN ${changed} BEGIN
      DELETE FROM search_grams WHERE (gram, field, n) IN (${postings('old')});
      DELETE FROM search_grams_recent WHERE (gram, field, n) IN (${postings('old')});
      INSERT INTO search_grams_recent (gram, field, n) ${postings('new')};
    END`);
    await run(`CREATE TRIGGER search_grams_delete AFTER DELETE ON items BEGIN
      DELETE FROM search_grams WHERE (gram, field, n) IN (${postings('old')});
      DELETE FROM search_grams_recent WHERE (gram, field, n) IN (${postings('old')});
      DELETE FROM search_items WHERE item_id = old.id;
    END`);
  });
}
