import { sql } from 'kysely';
import type { userPageInput, UserPage } from '../../shared/ops/admin';
import type { Role } from '../../shared/roles';
import type { UserSummary } from '../../shared/types';
import type { Tx } from '../context/session';
import type { DB } from '../store/database';
import type { Slot } from '../store/keyslots';
import type { UsersTable } from '../store/schema';

// Account rows: how they are written and how they are shown.

/** A new account: it must change its initial password, and has no signing key yet. */
export async function insertUser(
  tx: Tx,
  u: { id: string; username: string; displayName: string; department: string; roles: Role[]; slotId: string },
  now: string,
): Promise<string> {
  await tx
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      department: u.department,
      roles: JSON.stringify(u.roles),
      disabled: 0,
      must_change_password: 1,
      slot_id: u.slotId,
      public_key: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return u.id;
}

export function toUserSummary(row: UsersTable, lockedUntil: Date | null): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    department: row.department,
    roles: JSON.parse(row.roles) as Role[],
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: lockedUntil?.toISOString() ?? null,
    createdAt: row.created_at,
  };
}

type UserPageInput = import('zod').output<typeof userPageInput>;

/** What the keyslot file says about lockouts (they live there, not in the database). */
export interface LockoutView {
  slot(id: string): Slot | undefined;
  lockedUntil(slot: Slot, now: Date): Date | null;
}

const SORT_COLUMNS = { username: 'username', displayName: 'display_name', department: 'department', createdAt: 'created_at' } as const;
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The 系统管理员's list, filtered, sorted and paged in SQL. A lockout is held in the
 * keyslot file, so “已锁定” is resolved there first and becomes a list of slot ids.
 */
export async function userPage(db: DB, input: UserPageInput, locks: LockoutView, now: Date): Promise<UserPage> {
  const lockedOf = (slotId: string) => {
    const slot = locks.slot(slotId);
    return slot ? locks.lockedUntil(slot, now) : null;
  };
  let q = db.selectFrom('users');
  if (input.role) q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM json_each(users.roles) WHERE json_each.value = ${input.role})`);
  if (input.department) q = q.where('department', '=', input.department);
  if (input.text) {
    const p = likePattern(input.text);
    q = q.where(sql<boolean>`(username LIKE ${p} ESCAPE '\\' OR display_name LIKE ${p} ESCAPE '\\')`);
  }
  if (input.status === 'disabled') q = q.where('disabled', '=', 1);
  if (input.status === 'mustChangePassword') q = q.where('disabled', '=', 0).where('must_change_password', '=', 1);
  if (input.status === 'locked' || input.status === 'active') {
    const all = await db.selectFrom('users').select(['slot_id']).execute();
    const locked = all.map((r) => r.slot_id).filter((s) => lockedOf(s));
    if (input.status === 'locked') q = q.where('slot_id', 'in', locked.length ? locked : ['']);
    else {
      q = q.where('disabled', '=', 0).where('must_change_password', '=', 0);
      if (locked.length) q = q.where('slot_id', 'not in', locked);
    }
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .selectAll()
    .orderBy(SORT_COLUMNS[input.sort], input.order)
    .orderBy('username')
    .offset((input.page - 1) * input.pageSize)
    .limit(input.pageSize)
    .execute();
  const departments = (await db.selectFrom('users').select('department').distinct().orderBy('department').execute()).map((r) => r.department).filter(Boolean);
  return { total, users: rows.map((r) => toUserSummary(r, lockedOf(r.slot_id))), departments };
}
