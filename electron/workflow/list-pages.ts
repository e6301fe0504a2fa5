import { contract, type In } from '../../shared/contract';
import type { ItemPage, ItemSearchPage, ItemStats, ItemSummary } from '../../shared/types';
import { searchIndex } from '../store/search';
import type { ItemQueries } from './read-model';

// PROVISIONAL (replaced by the scale work): pages built from the whole list in memory,
// so the desk can be built against the final contract while the indexed queries land.

const dueOf = (s: ItemSummary) => s.deadlines.map((d) => d.due).filter((d): d is string => !!d).sort()[0] ?? '9999-12-31';

export async function itemPage(q: ItemQueries, input: In<typeof contract.items.page>): Promise<ItemPage> {
  let rows = await q.list(input.view);
  if (input.status?.length) rows = rows.filter((r) => input.status!.includes(r.status as never));
  if (input.department) rows = rows.filter((r) => r.department === input.department);
  if (input.overdue !== undefined) rows = rows.filter((r) => r.overdue === input.overdue);
  if (input.formedFrom) rows = rows.filter((r) => r.formedOn >= input.formedFrom!);
  if (input.formedTo) rows = rows.filter((r) => r.formedOn <= input.formedTo!);
  if (input.text) rows = rows.filter((r) => r.title.includes(input.text!) || r.documentNumber.includes(input.text!));
  const key: Record<string, (s: ItemSummary) => string> = {
    createdAt: (s) => s.createdAt,
    formedOn: (s) => s.formedOn,
    title: (s) => s.title,
    documentNumber: (s) => s.documentNumber,
    status: (s) => s.status,
    due: dueOf,
  };
  const k = key[input.sort]!;
  const dir = input.dir === 'asc' ? 1 : -1;
  rows.sort((a, b) => (k(a) < k(b) ? -dir : k(a) > k(b) ? dir : a.id < b.id ? -1 : 1));
  const start = (input.page - 1) * input.pageSize;
  return { rows: rows.slice(start, start + input.pageSize), total: rows.length, page: input.page, pageSize: input.pageSize };
}

export async function itemSearch(q: ItemQueries, db: Parameters<typeof searchIndex>[0], input: In<typeof contract.items.search>): Promise<ItemSearchPage> {
  const visible = new Map((await q.list('all')).map((s) => [s.id, s]));
  const hits = (await searchIndex(db, input.query, 1000)).filter((h) => visible.has(h.itemId));
  const start = (input.page - 1) * input.pageSize;
  return {
    hits: hits.slice(start, start + input.pageSize).map((h) => ({ item: visible.get(h.itemId)!, where: h.source === 'item' ? '事项' : '文件', snippet: h.snippet })),
    total: hits.length,
    page: input.page,
    pageSize: input.pageSize,
  };
}

export async function itemStats(q: ItemQueries): Promise<ItemStats> {
  const all = await q.list('all');
  const byStatus: Record<string, number> = {};
  for (const s of all) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
  return { byStatus, mine: all.filter((s) => s.mine).length, overdue: all.filter((s) => s.overdue).length, byMonth: [], openFindings: 0 };
}
