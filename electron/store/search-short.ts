import { sql } from 'kysely';
import type { DB } from './database';
import type { SearchAccess, SearchPage } from './search';

// One- and two-character queries (常见: 低保, 疫情, 县): the gram index of migration 0016
// holds every character and character pair of the items' short fields, sorted by
// (gram, first field, newest item), so a page in rank order is read from one index range
// and need-to-know is applied to those rows only, never to the whole store. New postings wait
// in a small side table until store/search-merge.ts moves them in (migration 0017).
// Files' text is not searched for so short a word: it occurs in nearly every file, and
// its grams would double the index (bench store, 100,000 items: the short fields' 8.9 M
// characters give 12.3 M rows, 207 MB; the 29,534 files' 23.6 M characters would give
// about 24 M rows more, some 400 MB, beside the 212 MB trigram index). The results page
// says so (renderer/src/pages/search).
// A word such as 县 or 政府 is in the 发布机构 of every item: counting all of them within
// need-to-know would read the whole store, so the count stops at TOTAL_CAP and says so.

/** Hits counted exactly up to here; beyond it the total is a lower bound (`capped`). */
export const TOTAL_CAP = 1000;

export const SHORT_FIELDS = ['title', 'document_number', 'keywords', 'summary', 'issuer'] as const;
type ShortField = (typeof SHORT_FIELDS)[number];
type ShortRow = Record<ShortField, string> & { id: string };
interface Ranked {
  id: string;
  f: number;
  n: number;
}

/** Two lists in rank order (field, then newest), merged and cut to `want` ids. */
export function mergeRanked(a: Ranked[], b: Ranked[], want: number): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (out.length < want && (i < a.length || j < b.length)) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && (x.f < y.f || (x.f === y.f && x.n > y.n)))) {
      out.push(x!.id);
      i++;
    } else {
      out.push(y.id);
      j++;
    }
  }
  return out;
}

/** SQLite's lower() folds ASCII only; the query is folded the same way as the index. */
export const foldGram = (q: string): string => q.replace(/[A-Z]/g, (c) => c.toLowerCase());

export async function shortSearch(db: DB, q: string, access: SearchAccess, limit: number, offset: number): Promise<SearchPage> {
  const gram = foldGram(q);
  // Ids in rank order, enough for this page and for the capped count, in one pass so that
  // need-to-know is evaluated once per search.
  const want = Math.max(TOTAL_CAP, offset + limit) + 1;
  // The postings are in two tables (migration 0017): the big one and the recent rows not yet
  // merged into it. Each gives its first `want` in rank order; merged, they give the first `want`.
  const ranked = async (table: 'search_grams' | 'search_grams_recent') =>
    (
      await sql<Ranked>`SELECT si.item_id AS id, g.field AS f, g.n AS n
        FROM ${sql.table(table)} g CROSS JOIN search_items si ON si.n = g.n CROSS JOIN items ON items.id = si.item_id
        WHERE g.gram = ${gram} AND ${access.visible}
        ORDER BY g.field, g.n DESC LIMIT ${want}`.execute(db)
    ).rows;
  const ids = mergeRanked(await ranked('search_grams'), await ranked('search_grams_recent'), want);
  const capped = ids.length === want;
  const total = capped ? want - 1 : ids.length;
  const page = ids.slice(offset, offset + limit);
  if (page.length === 0) return { total, capped, hits: [] };
  const rows = (
    await sql<ShortRow>`SELECT id, title, document_number, keywords, summary, issuer FROM items WHERE id IN (${sql.join(page)})`.execute(db)
  ).rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    total,
    capped,
    hits: page.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ itemId: id, source: 'item', documentName: null, snippet: snippetOf(r, gram) }] : [];
    }),
  };
}

function fieldText(r: ShortRow, f: ShortField): string {
  if (f !== 'keywords') return r[f] ?? '';
  try {
    return (JSON.parse(r.keywords) as string[]).join('、');
  } catch {
    return '';
  }
}

function snippetOf(r: ShortRow, gram: string): string {
  for (const f of SHORT_FIELDS) {
    const text = fieldText(r, f);
    const at = foldGram(text).indexOf(gram);
    if (at >= 0) return around(text, at, gram.length);
  }
  return fieldText(r, 'title').slice(0, 24);
}

/** A short piece of text around a match, marked like FTS5's snippets. */
export function around(text: string, at: number, length: number): string {
  const from = Math.max(0, at - 12);
  const to = Math.min(text.length, at + length + 12);
  return `${from > 0 ? '…' : ''}${text.slice(from, at)}【${text.slice(at, at + length)}】${text.slice(at + length, to)}${to < text.length ? '…' : ''}`;
}
