import { sql } from 'kysely';
import type { DB } from './database';

// Full-text search over items (title, 文号, issuer, keywords, summary) and their files'
// extracted text. Three characters or more use the FTS5 trigram index, ranked by bm25;
// one- and two-character queries (common in Chinese: 低保, 疫情) scan titles and
// numbers only, which stays small. The only store-specific search code.

export interface SearchHit {
  itemId: string;
  /** 'item' for the item's own fields, else the document id. */
  source: string;
  snippet: string;
}

export async function searchIndex(db: DB, query: string, limit: number): Promise<SearchHit[]> {
  const q = query.normalize('NFKC').trim();
  if (!q) return [];
  if ([...q].length >= 3) {
    const phrase = `"${q.replace(/"/g, '""')}"`;
    const rows = await sql<{ item_id: string; source: string; snippet: string }>`
      SELECT item_id, source, snippet(search_index, 2, '【', '】', '…', 12) AS snippet
      FROM search_index WHERE search_index MATCH ${phrase} ORDER BY bm25(search_index) LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => ({ itemId: r.item_id, source: r.source, snippet: r.snippet }));
  }
  const rows = (
    await sql<{ id: string; title: string; document_number: string }>`
      SELECT id, title, document_number FROM items
      WHERE instr(title, ${q}) > 0 OR instr(document_number, ${q}) > 0 OR instr(keywords, ${q}) > 0
      ORDER BY created_at DESC LIMIT ${limit}`.execute(db)
  ).rows;
  return rows.map((r) => ({ itemId: r.id, source: 'item', snippet: `${r.title}${r.document_number ? `（${r.document_number}）` : ''}` }));
}
