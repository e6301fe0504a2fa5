import type { Access } from './define';
import { fail, ok, type Result } from './result';
import { ROLE_LABELS, type Role } from './roles';

// The one access check. The dispatcher enforces it on every call; the renderer asks the
// same function only to decide what to show (hiding a button is a courtesy, not a control).

export interface AuthView {
  loggedIn: boolean;
  roles: readonly Role[];
  mustChangePassword: boolean;
  locked: boolean;
}

export function authorize(access: Access, auth: AuthView): Result<null> {
  if (access.kind === 'public') return ok(null);
  if (!auth.loggedIn) return fail('NOT_LOGGED_IN', '请先登录');
  if (auth.locked && !access.whileLocked) return fail('SESSION_LOCKED', '会话已锁定，请输入密码解锁');
  if (auth.mustChangePassword && !access.whilePasswordChange)
    return fail('PASSWORD_CHANGE_REQUIRED', '首次登录或密码被重置后，必须先修改密码');
  if (access.roles && !access.roles.some((r) => auth.roles.includes(r))) {
    const names = access.roles.map((r) => ROLE_LABELS[r]).join('、');
    return fail('FORBIDDEN', `无权执行此操作（需要以下角色之一：${names}）`);
  }
  return ok(null);
}

/** For the renderer: may a logged-in, unlocked user with these roles call the operation? */
export function mayCall(access: Access, roles: readonly Role[]): boolean {
  return authorize(access, { loggedIn: true, roles, mustChangePassword: false, locked: false }).ok;
}
