import type { Role } from '../../shared/roles';
import type { UserSummary } from '../../shared/types';
import type { Tx } from '../context/session';
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
