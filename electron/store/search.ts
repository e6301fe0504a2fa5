import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from './database';
import { shortSearch, TOTAL_CAP } from './search-short';

// Full-text search over items (title, 文号, issuer, keywords, summary) and their files'
// extracted text. The only store-specific search code.
//  - Three characters or more: the FTS5 trigram index (migration 0005), ranked by bm25,
//    with FTS5's own snippets.
//  - One or two characters (常见: 低保, 疫情): a trigram index cannot hold them; they are
//    found through the gram index of the items' own short fields (store/search-short.ts).
// The caller passes need-to-know as SQL conditions on `items` (electron/workflow/access-sql.ts):
// `visible` for any access, `full` for the files' text, so counts are within it too.
// Need-to-know is evaluated once per search, in the query that finds the page and counts
// (its signer list alone costs milliseconds for a reviewer who signed tens of thousands).
// Counts are exact up to TOTAL_CAP hits and a lower bound beyond (`capped`): counting every
// item whose 发布机构 holds 人民政府 within need-to-know would read the whole store.

export interface SearchHit {
  itemId: string;
  /** 'item' for the item's own fields, else the document id. */
  source: string;
  /** The document's name when the hit is in a file. */
  documentName: string | null;
  snippet: string;
}

export interface SearchAccess {
  visible: RawBuilder<SqlBool>;
  full: RawBuilder<SqlBool>;
}

export interface SearchPage {
  /** Hits within need-to-know; a lower bound when `capped`. */
  total: number;
  /** More than `total` hits exist: counting stopped at TOTAL_CAP. */
  capped: boolean;
  hits: SearchHit[];
}

/**
 * A phrase matching more index rows than this is ranked newest first rather than by bm25,
 * which would score every match before the first page could be shown.
 */
export const POPULAR = 2000;

export const normalizeQuery = (query: string): string => query.normalize('NFKC').trim();

export async function searchPage(db: DB, query: string, access: SearchAccess, limit: number, offset: number): Promise<SearchPage> {
  const q = normalizeQuery(query);
  if (!q) return { total: 0, capped: false, hits: [] };
  if ([...q].length < 3) return shortSearch(db, q, access, limit, offset);
  const phrase = `"${q.replace(/"/g, '""')}"`;
  const matches = (await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM search_index WHERE search_index MATCH ${phrase} LIMIT ${POPULAR + 1})`.execute(db)).rows[0]?.n ?? 0;
  if (matches === 0) return { total: 0, capped: false, hits: [] };
  const order = matches > POPULAR ? sql`s.rowid DESC` : sql`bm25(search_index), s.item_id, s.rowid`;
  const want = Math.max(TOTAL_CAP, offset + limit) + 1;
  const found = (
    await sql<{ r: number; item_id: string; source: string }>`SELECT s.rowid AS r, s.item_id, s.source
      FROM search_index s JOIN items ON items.id = s.item_id
      WHERE search_index MATCH ${phrase} AND ${access.visible} AND (s.source = 'item' OR ${access.full})
      ORDER BY ${order} LIMIT ${want}`.execute(db)
  ).rows;
  const capped = found.length === want;
  const total = capped ? want - 1 : found.length;
  const page = found.slice(offset, offset + limit);
  if (page.length === 0) return { total, capped, hits: [] };
  // Snippets and file names for this page only.
  const snippets = new Map(
    (
      await sql<{ r: number; snippet: string }>`SELECT rowid AS r, snippet(search_index, 2, '【', '】', '…', 12) AS snippet
        FROM search_index WHERE search_index MATCH ${phrase} AND rowid IN (${sql.join(page.map((p) => p.r))})`.execute(db)
    ).rows.map((r) => [r.r, r.snippet]),
  );
  const docIds = [...new Set(page.filter((p) => p.source !== 'item').map((p) => p.source))];
  const names = new Map(
    docIds.length ? (await sql<{ id: string; name: string }>`SELECT id, name FROM documents WHERE id IN (${sql.join(docIds)})`.execute(db)).rows.map((d) => [d.id, d.name]) : [],
  );
  return {
    total,
    capped,
    hits: page.map((p) => ({ itemId: p.item_id, source: p.source, documentName: names.get(p.source) ?? null, snippet: snippets.get(p.r) ?? '' })),
  };
}

/** The hits without need-to-know: tests and the migration check only. */
export async function searchIndex(db: DB, query: string, limit: number): Promise<Array<{ itemId: string; source: string; snippet: string }>> {
  const all = { visible: sql<SqlBool>`1`, full: sql<SqlBool>`1` };
  return (await searchPage(db, query, all, limit, 0)).hits.map(({ itemId, source, snippet }) => ({ itemId, source, snippet }));
}

export { TOTAL_CAP };
