import type { contract, In } from '../../shared/contract';
import type { ItemSearchPage } from '../../shared/types';
import { normalizeQuery, searchPage } from '../store/search';
import { anyAccess, fullAccess } from './access-sql';
import type { ItemQueries } from './read-model';
import { parseJson } from './rules';

// items.search: full-text hits within need-to-know (any access for the items' own
// fields, full access for their files' text), counted and paged in SQL, each with the
// summary of its item and where the words were found.

const FIELD_NAMES = [
  ['title', '信息名称'],
  ['document_number', '文号'],
  ['keywords', '关键词'],
  ['summary', '内容概要'],
  ['issuer', '发布机构'],
] as const;

/** The page; `totalCapped` when counting stopped at store/search.ts TOTAL_CAP (a word in every item's 发布机构 would otherwise count the whole store). */
export async function itemSearch(q: ItemQueries, input: In<typeof contract.items.search>): Promise<ItemSearchPage> {
  await q.ensureDerived();
  const user = q.ctx.user();
  const db = q.ctx.db();
  const { total, capped, hits } = await searchPage(db, input.query, { visible: anyAccess(user), full: fullAccess(user) }, input.pageSize, (input.page - 1) * input.pageSize);
  const ids = [...new Set(hits.map((h) => h.itemId))];
  const rows = ids.length ? await db.selectFrom('items').selectAll().where('id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const summaries = new Map((await q.summaries(rows, 'all')).map((s) => [s.id, s]));
  const text = normalizeQuery(input.query).toLowerCase();
  return {
    hits: hits
      .filter((h) => summaries.has(h.itemId))
      .map((h) => {
        const row = byId.get(h.itemId)!;
        const where =
          h.source === 'item'
            ? (FIELD_NAMES.find(([f]) => (f === 'keywords' ? parseJson<string[]>(row.keywords).join('、') : row[f]).normalize('NFKC').toLowerCase().includes(text))?.[1] ?? '信息名称')
            : `文件“${h.documentName ?? ''}”`;
        return { item: summaries.get(h.itemId)!, where, snippet: h.snippet };
      }),
    total,
    totalCapped: capped,
    page: input.page,
    pageSize: input.pageSize,
  };
}
