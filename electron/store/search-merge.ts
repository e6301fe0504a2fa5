import { sql } from 'kysely';
import type { DB } from './database';

// Moves the postings of new and edited items from search_grams_recent into search_grams
// (migration 0017 says why they wait there). Rows go in key order, in transactions of about
// MERGE_CHUNK rows each: a pass over hundreds of items' postings touches each page of the big
// table once, and no transaction holds the store for long. Searches read both tables, so a
// merge changes where a posting is, never what a search finds.

/**
 * Rows waiting before an idle store merges them: about 800 items' postings. A bigger batch
 * touches each page of the big table once for more items (bench store: 2.1 ms per item
 * merged in batches of 100 items, 0.8 ms in batches of 1,000); the side table stays a few MB.
 */
export const MERGE_AT = 100_000;
/** Rows waiting before a busy store merges them anyway, so the side table stays small. */
export const MERGE_FORCE_AT = 400_000;
/** Rows per merging transaction (whole grams, so a little more): about 0.15 s on the bench store. */
export const MERGE_CHUNK = 20_000;

/** Whether at least `rows` postings wait; reads at most that many index entries. */
export async function gramsWaiting(db: DB, rows: number): Promise<boolean> {
  const r = await sql<{ x: number }>`SELECT 1 AS x FROM search_grams_recent LIMIT 1 OFFSET ${Math.max(0, rows - 1)}`.execute(db);
  return r.rows.length > 0;
}

/**
 * Moves about `chunk` waiting rows (all rows of the grams up to a boundary gram) in one
 * transaction; returns how many moved, 0 when none waited.
 */
export async function mergeGramsChunk(db: DB, chunk = MERGE_CHUNK): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const boundary = (await sql<{ gram: string }>`SELECT gram FROM search_grams_recent ORDER BY gram LIMIT 1 OFFSET ${chunk}`.execute(tx)).rows[0]?.gram;
    const upTo = boundary === undefined ? sql`1` : sql`gram <= ${boundary}`;
    // OR REPLACE: the same row in both tables cannot happen (0017's triggers), and if it ever
    // did, a merge that failed on it would leave the side table to grow for good.
    const moved = await sql`INSERT OR REPLACE INTO search_grams (gram, field, n)
      SELECT gram, field, n FROM search_grams_recent WHERE ${upTo} ORDER BY gram, field, n DESC`.execute(tx);
    await sql`DELETE FROM search_grams_recent WHERE ${upTo}`.execute(tx);
    return Number(moved.numAffectedRows ?? 0);
  });
}

/** Moves every waiting row, chunk by chunk; returns how many moved. */
export async function mergeAllGrams(db: DB, chunk = MERGE_CHUNK): Promise<number> {
  let total = 0;
  for (let moved = await mergeGramsChunk(db, chunk); moved > 0; moved = await mergeGramsChunk(db, chunk)) total += moved;
  return total;
}
