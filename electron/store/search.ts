import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from './database';

// Full-text search over items (title, 文号, issuer, keywords, summary) and their files'
// extracted text. The only store-specific search code.
//  - Three characters or more: the FTS5 trigram index (migration 0005), ranked by bm25,
//    with FTS5's own snippets.
//  - One or two characters (常见: 低保, 疫情): a trigram index cannot hold them, so they are
//    found with instr() over the items' own short fields, ranked by where they occur
//    (信息名称 before 文号, 关键词, 内容概要). File text is left out on purpose: a one- or
//    two-character word occurs in nearly every file, so scanning megabytes of text per
//    keystroke would cost much and tell little; a bigram table would double the index.
// The caller passes need-to-know as SQL conditions on `items` (electron/workflow/access-sql.ts):
// `visible` for any access, `full` for the files' text, so counts are within it too.

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

const SHORT_FIELDS = [
  ['title', 1],
  ['document_number', 2],
  ['keywords', 3],
  ['summary', 4],
  ['issuer', 5],
] as const;

export const normalizeQuery = (query: string): string => query.normalize('NFKC').trim();

export async function searchPage(db: DB, query: string, access: SearchAccess, limit: number, offset: number): Promise<{ total: number; hits: SearchHit[] }> {
  const q = normalizeQuery(query);
  if (!q) return { total: 0, hits: [] };
  if ([...q].length >= 3) {
    const phrase = `"${q.replace(/"/g, '""')}"`;
    const where = sql`search_index MATCH ${phrase} AND ${access.visible} AND (s.source = 'item' OR ${access.full})`;
    const total = (await sql<{ n: number }>`SELECT count(*) AS n FROM search_index s JOIN items ON items.id = s.item_id WHERE ${where}`.execute(db)).rows[0]?.n ?? 0;
    const rows = await sql<{ item_id: string; source: string; name: string | null; snippet: string }>`
      SELECT s.item_id, s.source, d.name, snippet(search_index, 2, '【', '】', '…', 12) AS snippet
      FROM search_index s JOIN items ON items.id = s.item_id LEFT JOIN documents d ON d.id = s.source
      WHERE ${where} ORDER BY bm25(search_index), s.item_id LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return { total: Number(total), hits: rows.rows.map((r) => ({ itemId: r.item_id, source: r.source, documentName: r.name, snippet: r.snippet })) };
  }
  const cases = sql.join(
    SHORT_FIELDS.map(([f, n]) => sql`WHEN instr(${sql.ref(`items.${f}`)}, ${q}) > 0 THEN ${sql.lit(n)}`),
    sql` `,
  );
  // Candidates from the short-text index alone, then need-to-know on those rows only.
  const where = sql`items.id IN (SELECT id FROM items INDEXED BY items_short_text WHERE (CASE ${cases} END) IS NOT NULL) AND ${access.visible}`;
  const total = (await sql<{ n: number }>`SELECT count(*) AS n FROM items WHERE ${where}`.execute(db)).rows[0]?.n ?? 0;
  const rows = await sql<{ id: string; title: string; document_number: string; keywords: string; summary: string; issuer: string }>`
    SELECT id, title, document_number, keywords, summary, issuer FROM items WHERE ${where}
    ORDER BY (CASE ${cases} END), created_at DESC, id LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return {
    total: Number(total),
    hits: rows.rows.map((r) => {
      const field = SHORT_FIELDS.find(([f]) => r[f].includes(q))?.[0] ?? 'title';
      return { itemId: r.id, source: 'item', documentName: null, snippet: around(field === 'keywords' ? (JSON.parse(r.keywords) as string[]).join('、') : r[field], q) };
    }),
  };
}

/** A short piece of text around the first match, marked like FTS5's snippets. */
function around(text: string, q: string): string {
  const at = text.indexOf(q);
  if (at < 0) return text.slice(0, 24);
  const from = Math.max(0, at - 12);
  const to = Math.min(text.length, at + q.length + 12);
  return `${from > 0 ? '…' : ''}${text.slice(from, at)}【${q}】${text.slice(at + q.length, to)}${to < text.length ? '…' : ''}`;
}

/** The hits without need-to-know: tests and the migration check only. */
export async function searchIndex(db: DB, query: string, limit: number): Promise<Array<{ itemId: string; source: string; snippet: string }>> {
  const all = { visible: sql<SqlBool>`1`, full: sql<SqlBool>`1` };
  return (await searchPage(db, query, all, limit, 0)).hits.map(({ itemId, source, snippet }) => ({ itemId, source, snippet }));
}
