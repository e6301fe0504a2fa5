import type { Access } from '../../shared/define';
import type { Role } from '../../shared/roles';

/** Mirrors the main process's rule, only to hide what the user could not do anyway. */
export function mayCall(access: Access, roles: readonly Role[]): boolean {
  if (access.kind === 'public') return true;
  return !access.roles || access.roles.some((r) => roles.includes(r));
}
