import { sql } from 'kysely';
import type { Tx } from '../context/session';
import type { DB } from '../store/database';

// Exact list totals, counted once per state of the store. Every write to the rows a total
// depends on (items, item_signers, publication_register) replaces the token of
// list_generation inside the writing transaction (triggers of migration 0015); a total is
// reused only under the token it was counted with, so it is never stale. The key holds
// everything else a total depends on: the person (id, roles, department), the view, the
// filters and today's date (overdue). Paging through a list or coming back to the inbox
// then costs one read of the token instead of a count over the person's branches.

type Db = DB | Tx;

const LIMIT = 256;
const caches = new WeakMap<object, Map<string, { token: string; total: number }>>();

/** The current token; read once per page, before counting, so a write after it only makes the next page count again. */
export async function listToken(db: Db): Promise<string> {
  const row = (await sql<{ token: string }>`SELECT CAST(token AS TEXT) AS token FROM list_generation WHERE id = 1`.execute(db)).rows[0];
  return row?.token ?? '';
}

/** The total for `key`, from the cache when the token is unchanged, else counted and remembered. */
export async function cachedTotal(db: Db, key: string, count: () => Promise<number>): Promise<number> {
  const token = await listToken(db);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.token === token) return hit.total;
  const total = await count();
  // A small map: the lists one person opens in a session. Cleared rather than aged, as
  // any write makes every entry useless anyway.
  if (cache.size >= LIMIT) cache.clear();
  cache.set(key, { token, total });
  return total;
}
