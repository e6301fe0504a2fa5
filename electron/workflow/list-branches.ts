import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { isAdminRole, type Role } from '../../shared/roles';
import type { Viewer } from '../../shared/visibility';
import { ITEM_STATUSES } from '../../shared/workflow';
import { anyAccess, mayActNow, owed } from './access-sql';

// Need-to-know and the inbox as a union of DISJOINT branches (issue 15). One condition
// with OR makes SQLite read the whole list index and test every row; a reviewer sees 85%
// of the store, so an exact total cost a full scan per page. Split by status and step
// role, each branch is one range of items_queue (migration 0015): the total is the sum of
// the branches' counts, a page merges the first rows of each branch. Where a branch
// implies need-to-know (an agency-wide step of one's own role, one's own registration, the
// reviewer's classification question) the per-row OR is left out; elsewhere it stays, on
// a range that is small for the roles it applies to.
// Disjointness and completeness against anyAccess / inbox are checked item by item in
// test/unit/workflow/list-branches.test.ts: change them together.

type Cond = RawBuilder<SqlBool>;
const list = (xs: readonly string[]) => sql.join(xs.map((x) => sql.lit(x)));
const has = (v: Viewer, ...roles: Role[]) => roles.some((r) => v.roles.includes(r));
/** Steps acting for the whole agency; a department's own steps (承办人, 部门负责人) are not. */
const agencyWide = (r: string) => r !== 'handler' && r !== 'deptHead';
/** NOT that holds when the condition is NULL too (a NULL step role), so branches stay complementary. */
const not = (c: Cond): Cond => sql<SqlBool>`NOT coalesce(${c}, 0)`;
const roles = (v: Viewer): Role[] => [...new Set(v.roles)];

/** Every status but 'inReview', as equality ranges of the index (a != would scan it whole). */
const NOT_IN_REVIEW = ITEM_STATUSES.filter((s) => s !== 'inReview');

/**
 * Disjoint conditions whose union is anyAccess(v). Split only for those who see much of
 * the store (the review body, the secrecy office, an agency-wide step): a department's
 * people see their department, their registrations and what they signed, which SQLite
 * already answers as one indexed OR (MULTI-INDEX OR over small ranges); splitting that by
 * status would test need-to-know on every item out of review.
 */
export function accessBranches(v: Viewer): Cond[] {
  if (v.roles.some(isAdminRole)) return [];
  const agency = roles(v).filter(agencyWide);
  // The review body and the secrecy office keep the records of every item out of review.
  const recordKeeper = has(v, 'reviewer', 'secrecyOffice');
  if (!recordKeeper && agency.length === 0) return [anyAccess(v)];
  const rest = agency.length ? sql<SqlBool>`(items.step_role IS NULL OR items.step_role NOT IN (${list(agency)}))` : sql<SqlBool>`1`;
  return [
    recordKeeper ? sql<SqlBool>`items.status IN (${list(NOT_IN_REVIEW)})` : sql<SqlBool>`(items.status IN (${list(NOT_IN_REVIEW)}) AND ${anyAccess(v)})`,
    // Waiting for a step of the person's agency-wide role: full access by that alone.
    ...agency.map((r) => sql<SqlBool>`(items.status = 'inReview' AND items.step_role = ${r})`),
    sql<SqlBool>`(items.status = 'inReview' AND ${rest} AND ${anyAccess(v)})`,
  ];
}

/** Disjoint conditions whose union is anyAccess(v) AND inbox(v). */
export function inboxBranches(v: Viewer): Cond[] {
  if (v.roles.some(isAdminRole)) return [];
  const out: Cond[] = roles(v).map((r) => {
    const act = mayActNow(v, false, [r]);
    return agencyWide(r) ? act : sql<SqlBool>`(${act} AND ${anyAccess(v)})`;
  });
  // The registrant's own items: they participate, so need-to-know holds.
  out.push(owed(v));
  // The reviewer reads every item with a classification question; not counted twice.
  if (has(v, 'reviewer')) out.push(sql<SqlBool>`(items.class_question = 1 AND ${not(mayActNow(v))} AND ${not(owed(v))})`);
  return out;
}
