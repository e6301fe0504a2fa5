import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { contract, In } from '../../shared/contract';
import type { ItemPage, ItemStats, SessionUser } from '../../shared/types';
import { RECHECK_STATUSES } from '../../shared/workflow';
import type { Schema } from '../store/schema';
import { anyAccess, fullAccess, inbox, mayActNow, notOverdue, overdue } from './access-sql';
import { accessBranches, inboxBranches } from './list-branches';
import { cachedTotal } from './list-totals';
import type { ItemQueries } from './read-model';

// Item lists paged in SQL: need-to-know, the view, every filter, the sort and the count
// are one indexed query each, over the derived columns of migration 0009; only the rows
// of the page are turned into summaries (one query per related table). The cost of a page
// does not grow with the store (test/unit/workflow/statements.test.ts).

export type ListView = In<typeof contract.items.page>['view'];
export type PageInput = Pick<In<typeof contract.items.page>, 'view' | 'sort' | 'dir' | 'page' | 'pageSize'> & Partial<In<typeof contract.items.page>>;

const SORTS = {
  createdAt: sql`items.created_at`,
  formedOn: sql`items.formed_on`,
  title: sql`items.title`,
  documentNumber: sql`items.document_number`,
  status: sql`items.status`,
  // No running deadline sorts as the latest (as if due at the end of time).
  due: sql`coalesce(items.due_on, '9999-12-31')`,
} as const;

type ItemsQuery = SelectQueryBuilder<Schema, 'items', object>;

type Filters = Omit<PageInput, 'sort' | 'dir' | 'page' | 'pageSize'>;

/** The rows of a list for the current user, before paging: need-to-know, view and filters, as one condition. */
export function filtered(q: ItemQueries, input: Filters): ItemsQuery {
  const user = q.ctx.user();
  let b: ItemsQuery = q.ctx.db().selectFrom('items').where(anyAccess(user));
  if (input.view === 'inbox') b = b.where(inbox(user));
  return narrowed(q, b, input);
}

/** The same rows as disjoint queries, each one index range (list-branches.ts): totals add up, pages merge. */
export function branches(q: ItemQueries, input: Filters): ItemsQuery[] {
  const user = q.ctx.user();
  const db = q.ctx.db();
  return (input.view === 'inbox' ? inboxBranches(user) : accessBranches(user)).map((c) => narrowed(q, db.selectFrom('items').where(c), input));
}

/** The view and the filters: one more condition on every row, so branches stay disjoint. */
function narrowed(q: ItemQueries, from: ItemsQuery, input: Filters): ItemsQuery {
  let b = from;
  if (input.view === 'recheck') b = b.where('items.status', 'in', [...RECHECK_STATUSES]);
  // The agency's secret items, for the yearly declassification clean-up (000 第二十八条).
  if (input.view === 'declassification') b = b.where('items.classification', '!=', 'none');
  if (input.status?.length) b = b.where('items.status', 'in', input.status);
  if (input.stepRole) b = b.where('items.step_role', '=', input.stepRole);
  if (input.department) b = b.where('items.department', '=', input.department);
  if (input.profileId) b = b.where('items.profile_id', '=', input.profileId);
  if (input.overdue !== undefined) b = b.where(input.overdue ? overdue(q.today()) : notOverdue(q.today()));
  if (input.formedFrom) b = b.where('items.formed_on', '>=', input.formedFrom);
  if (input.formedTo) b = b.where('items.formed_on', '<=', input.formedTo);
  if (input.text) b = b.where(sql<SqlBool>`(instr(items.title, ${input.text}) > 0 OR instr(items.document_number, ${input.text}) > 0)`);
  return b;
}

export async function itemPage(q: ItemQueries, input: PageInput): Promise<ItemPage> {
  await q.ensureDerived();
  const parts = branches(q, input);
  if (parts.length === 0) return { rows: [], total: 0, page: input.page, pageSize: input.pageSize };
  const db = q.ctx.db();
  // One statement: the branches are disjoint, so their counts add up to the exact total.
  const counts = parts.map((b) => sql`(${b.select((eb) => eb.fn.countAll<number>().as('n'))})`);
  const { sort: _s, dir: _d, page: _p, pageSize: _z, ...filters } = input;
  const user = q.ctx.user();
  const key = JSON.stringify([user.id, [...user.roles].sort(), user.department, q.today(), Object.entries(filters).sort(([a], [b]) => (a < b ? -1 : 1))]);
  const total = await cachedTotal(db, key, async () => Number((await sql<{ n: number }>`SELECT ${sql.join(counts, sql` + `)} AS n`.execute(db)).rows[0]!.n));
  const offset = (input.page - 1) * input.pageSize;
  const dir = input.dir === 'asc' ? sql`ASC` : sql`DESC`;
  const order = sql`${SORTS[input.sort]} ${dir}`;
  // The page's ids from the index alone, then those rows: sorting and skipping never carry
  // the rows' JSON along. The inbox is a few narrow branches: each gives its first
  // offset + pageSize ids in list order (ties by id) from its own range, and the page is
  // cut from their merge. The other lists are dense (a large share of the store): walking
  // the sort's index under the single condition finds a page sooner than sorting a branch.
  const ids =
    input.view === 'inbox'
      ? await mergedIds(db, parts, input, offset)
      : (await filtered(q, input).select('items.id').orderBy(order).orderBy('items.id').limit(input.pageSize).offset(offset).execute()).map((r) => r.id);
  const byId = new Map(ids.length ? (await db.selectFrom('items').selectAll().where('id', 'in', ids).execute()).map((r) => [r.id, r]) : []);
  const rows = ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
  return { rows: await q.summaries(rows, input.view), total, page: input.page, pageSize: input.pageSize };
}

async function mergedIds(db: ReturnType<ItemQueries['ctx']['db']>, parts: ItemsQuery[], input: PageInput, offset: number): Promise<string[]> {
  const dir = input.dir === 'asc' ? sql`ASC` : sql`DESC`;
  const arms = parts.map(
    (b) =>
      sql`SELECT * FROM (${b
        .select(['items.id', SORTS[input.sort].as('k')])
        .orderBy(sql`${SORTS[input.sort]} ${dir}`)
        .orderBy('items.id')
        .limit(offset + input.pageSize)})`,
  );
  const merged = await sql<{ id: string }>`SELECT id FROM (${sql.join(arms, sql` UNION ALL `)}) ORDER BY k ${dir}, id LIMIT ${input.pageSize} OFFSET ${offset}`.execute(db);
  return merged.rows.map((r) => r.id);
}

/** The start page's figures, each a count within need-to-know. */
export async function itemStats(q: ItemQueries): Promise<ItemStats> {
  await q.ensureDerived();
  const user = q.ctx.user();
  const db = q.ctx.db();
  const visible = db.selectFrom('items').where(anyAccess(user));
  const byStatus: Record<string, number> = {};
  for (const r of await visible.select(['items.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('items.status').execute()) byStatus[r.status] = Number(r.n);
  const count = async (b: ItemsQuery) => Number((await b.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const mine = await count(visible.where(mayActNow(user)));
  const late = await count(visible.where(overdue(q.today())));
  // Twelve months back from this one, oldest first; months without items count zero.
  const now = q.ctx.now();
  const months = Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + i, 1));
    return d.toISOString().slice(0, 7);
  });
  const perMonth = await visible
    .select([sql<string>`substr(items.created_at, 1, 7)`.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('items.created_at', '>=', `${months[0]}-01`)
    .groupBy(sql`substr(items.created_at, 1, 7)`)
    .execute();
  const byMonthMap = new Map(perMonth.map((r) => [r.month, Number(r.n)]));
  const open = await db
    .selectFrom('findings')
    .innerJoin('documents', 'documents.id', 'findings.document_id')
    .innerJoin('items', 'items.id', 'documents.item_id')
    .where('findings.status', '=', 'open')
    .where(fullAccess(user))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const kinds = await db
    .selectFrom('findings')
    .innerJoin('documents', 'documents.id', 'findings.document_id')
    .innerJoin('items', 'items.id', 'documents.item_id')
    .where(fullAccess(user))
    .select(['findings.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('findings.kind')
    .execute();
  return {
    byStatus,
    mine,
    overdue: late,
    byMonth: months.map((month) => ({ month, count: byMonthMap.get(month) ?? 0 })),
    openFindings: Number(open.n),
    findingsByKind: Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)])),
    stepDays: await stepDays(q, user),
  };
}

/**
 * The average calendar days an item spent at each step: from entering the step (the
 * previous opinion, or registration) to its opinion. One query, grouped by profile version
 * and step; the step's name comes from the profile, so copies of a procedure merge by name.
 */
async function stepDays(q: ItemQueries, user: SessionUser): Promise<NonNullable<ItemStats['stepDays']>> {
  const db = q.ctx.db();
  const rows = await db
    .selectFrom(
      db
        .selectFrom('opinions')
        .select(['item_id', 'step_id', 'created_at', sql<string | null>`LAG(created_at) OVER (PARTITION BY item_id ORDER BY id)`.as('prev_at')])
        .as('o'),
    )
    .innerJoin('items', 'items.id', 'o.item_id')
    .where(anyAccess(user))
    .select([
      'items.profile_id',
      'items.profile_version',
      'o.step_id',
      sql<number>`SUM(julianday(o.created_at) - julianday(COALESCE(o.prev_at, items.created_at)))`.as('days'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['items.profile_id', 'items.profile_version', 'o.step_id'])
    .execute();
  const byName = new Map<string, { days: number; count: number; order: number }>();
  for (const r of rows) {
    const profile = await q.profile(r.profile_id, r.profile_version);
    const index = profile.steps.findIndex((s) => s.id === r.step_id);
    const name = profile.steps[index]?.name ?? r.step_id;
    const had = byName.get(name) ?? { days: 0, count: 0, order: index };
    byName.set(name, { days: had.days + Number(r.days), count: had.count + Number(r.n), order: Math.min(had.order, index) });
  }
  return [...byName.entries()]
    .sort((a, b) => a[1].order - b[1].order)
    .map(([step, v]) => ({ step, days: Math.round((v.days / v.count) * 10) / 10, count: v.count }));
}
