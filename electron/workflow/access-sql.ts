import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { isAdminRole, type Role } from '../../shared/roles';
import type { Viewer } from '../../shared/visibility';
import { OPEN_STATUSES } from '../../shared/workflow';

// Need-to-know (shared/visibility.ts itemAccess) as SQL conditions on the `items` table
// and its derived columns (migration 0009), so that pages, counts and search apply it in
// the query itself. test/unit/workflow/access-sql.test.ts compares the two over generated
// items and users: change both together.

type Cond = RawBuilder<SqlBool>;
const FALSE: Cond = sql<SqlBool>`0`;
const any = (cs: Cond[]): Cond => (cs.length === 0 ? FALSE : sql<SqlBool>`(${sql.join(cs, sql` OR `)})`);
const has = (v: Viewer, ...roles: Role[]) => roles.some((r) => v.roles.includes(r));
const list = (xs: readonly string[]) => sql.join(xs.map((x) => sql.lit(x)));

/** The registrant or someone who signed a step of the item. */
export const participates = (v: Viewer): Cond =>
  sql<SqlBool>`(items.created_by = ${v.id} OR items.id IN (SELECT s.item_id FROM item_signers s WHERE s.user_id = ${v.id}))`;

/** itemAccess(...) === 'full'. */
export function fullAccess(v: Viewer): Cond {
  if (v.roles.some(isAdminRole)) return FALSE;
  const cs: Cond[] = [participates(v)];
  if (has(v, 'handler', 'deptHead')) cs.push(sql<SqlBool>`items.department = ${v.department}`);
  // The items waiting for this person's step; a department's own steps are covered above.
  const agencyWide = v.roles.filter((r) => r !== 'handler' && r !== 'deptHead');
  if (agencyWide.length) cs.push(sql<SqlBool>`items.step_role IN (${list(agencyWide)})`);
  if (has(v, 'reviewer')) cs.push(sql<SqlBool>`(items.class_question = 1 OR items.classification != 'none')`);
  if (has(v, 'reviewer', 'secrecyOffice')) cs.push(sql<SqlBool>`items.status IN (${list(['escalated', 'awaitingDeclassification'])}) OR items.status NOT IN (${list(OPEN_STATUSES)})`);
  return any(cs);
}

/** itemAccess(...) === 'metadata' or better. */
export function anyAccess(v: Viewer): Cond {
  if (v.roles.some(isAdminRole)) return FALSE;
  const cs: Cond[] = [fullAccess(v)];
  if (has(v, 'publisher')) cs.push(sql<SqlBool>`items.status IN (${list(['approved', 'recalled'])})`);
  if (has(v, 'secrecyOffice')) cs.push(sql<SqlBool>`items.classification != 'none'`);
  return any(cs);
}

/**
 * Separation of duties (one step per person per item): not an in-review item at one of
 * these roles on which the person signed another step. item_blocks (migration 0015, kept
 * by triggers) holds exactly those pairs, a small set read once per query rather than a
 * probe of item_signers per row.
 */
export const notBlocked = (v: Viewer, roles: readonly string[] = v.roles): Cond =>
  sql<SqlBool>`items.id NOT IN (SELECT b.item_id FROM item_blocks b WHERE b.user_id = ${v.id} AND b.step_role IN (${list(roles)}))`;

/**
 * What this person may sign now (engine.whyNot is null): the step's role, the first step
 * only for its registrant, and one step per person per item (separation of duties).
 */
export function mayActNow(v: Viewer, scanIndex = false, roles: readonly string[] = v.roles): Cond {
  if (roles.length === 0 || v.roles.some(isAdminRole)) return FALSE;
  const p = sql.raw(scanIndex ? '+' : '');
  return sql<SqlBool>`(${p}items.status = 'inReview' AND ${p}items.step_role IN (${list(roles)})
    AND (items.step_first = 0 OR items.created_by = ${v.id}) AND ${notBlocked(v, roles)})`;
}

/** The letters a registrant owes: their items sent up (escalated) or waiting for declassification. */
export const owed = (v: Viewer, p = sql.raw('')): Cond =>
  sql<SqlBool>`(${p}items.created_by = ${v.id} AND ${p}items.status IN (${list(['escalated', 'awaitingDeclassification'])}))`;

/** 待办: what the person can sign now, the letters a handler owes, the reviewer's classification questions. */
export function inbox(v: Viewer): Cond {
  // The unary + keeps SQLite from answering this with one index per OR branch and then
  // reading every matching row: the list index (items_list) covers these columns, so
  // counting and paging scan it alone.
  // A department's own roles have small inboxes, best found by index: only the agency-wide
  // roles (whose steps hold many items) scan.
  const scan = v.roles.some((r) => r !== 'handler' && r !== 'deptHead');
  const p = sql.raw(scan ? '+' : '');
  const cs: Cond[] = [mayActNow(v, scan), owed(v, p)];
  if (has(v, 'reviewer')) cs.push(sql<SqlBool>`${p}items.class_question = 1`);
  return any(cs);
}

/** A running deadline is past (today as YYYY-MM-DD); the 主动公开 limit of an approved item runs until website publication. */
export function overdue(today: string): Cond {
  return sql<SqlBool>`(items.overdue_from < ${today} OR (items.publish_due < ${today}
    AND NOT EXISTS (SELECT 1 FROM publication_register p WHERE p.item_id = items.id AND p.published_on IS NOT NULL)))`;
}

/** The complement of overdue(today); NULL dates (no running deadline) count as not overdue. */
export function notOverdue(today: string): Cond {
  return sql<SqlBool>`(coalesce(items.overdue_from >= ${today}, 1) AND (items.publish_due IS NULL OR items.publish_due >= ${today}
    OR EXISTS (SELECT 1 FROM publication_register p WHERE p.item_id = items.id AND p.published_on IS NOT NULL)))`;
}
