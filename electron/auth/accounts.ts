import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import { isAdminRole, roleSetProblem, type Role } from '../../shared/roles';
import type { UserSummary } from '../../shared/types';
import type { contract, In } from '../../shared/contract';
import { appendAudit } from '../audit/append';
import { KEY_EVENTS } from '../audit/verify';
import type { Mutex } from '../context/locks';
import type { SessionContext } from '../context/session';
import { normalizeUsername } from '../store/keyslots';
import { runAccountChange } from '../vault/account-change';
import type { UsersTable } from '../store/schema';
import type { Vault } from '../vault/vault';
import { passwordProblem, readPolicy } from './policy';
import { insertUser, toUserSummary } from './users';

// Accounts, kept by the 系统管理员. 三员 separation: the 系统管理员 manages business
// accounts only; the other two administrators are never reset, disabled or re-roled
// by them (an administrator is restored with the recovery code, see recovery.ts).

const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);
const ADMIN_PROTECTED = '三员账号不能由系统管理员重置、停用或变更角色；遗失密码的由安全保密管理员凭恢复码恢复';

export class Accounts {
  constructor(
    private readonly vault: Vault,
    private readonly ctx: SessionContext,
    private readonly lock: Mutex,
  ) {}

  async list(): Promise<UserSummary[]> {
    const ks = this.vault.slots();
    const rows = await this.ctx.db().selectFrom('users').selectAll().orderBy('created_at').orderBy('username').execute();
    const now = this.ctx.now();
    return rows.map((r) => {
      const slot = ks.slot(r.slot_id);
      return toUserSummary(r, slot ? ks.lockedUntil(slot, now) : null);
    });
  }

  private async row(id: string): Promise<UsersTable> {
    const row = await this.ctx.db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw fail('NOT_FOUND', '找不到该用户');
    return row;
  }

  private async summary(id: string): Promise<UserSummary> {
    const row = await this.row(id);
    const ks = this.vault.slots();
    const slot = ks.slot(row.slot_id);
    return toUserSummary(row, slot ? ks.lockedUntil(slot, this.ctx.now()) : null);
  }

  /** Refuses any change to another administrator's account by the 系统管理员. */
  private protectAdmins(row: UsersTable): void {
    const roles = JSON.parse(row.roles) as Role[];
    if (roles.some(isAdminRole) && row.id !== this.ctx.user().id) throw fail('FORBIDDEN', ADMIN_PROTECTED);
  }

  create(input: In<typeof contract.users.create>): Promise<UserSummary> {
    return this.lock.run(async () => {
      const roleProblem = roleSetProblem(input.roles);
      if (roleProblem) throw fail('ROLE_CONFLICT', roleProblem);
      if (input.roles.some(isAdminRole)) throw fail('ROLE_CONFLICT', '三员账号只能在初始化时设立');
      const username = normalizeUsername(input.username);
      const db = this.ctx.db();
      if (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) throw fail('CONFLICT', `用户名“${username}”已存在`);
      const problem = passwordProblem(await readPolicy(db), input.initialPassword, username);
      if (problem) throw fail('WEAK_PASSWORD', `初始密码不符合要求：${problem}`);

      const ks = this.vault.slots();
      const id = randomUUID();
      const slotId = randomUUID();
      await runAccountChange(ks, db, this.vault.dataKey(), {
        kind: 'create',
        slotId,
        previous: null,
        applySlot: async (k) => void (await k.addUserSlot(username, input.initialPassword, this.vault.dataKey(), slotId)),
        writeStore: async (tx, intentId) => {
          await insertUser(tx, { id, username, displayName: input.displayName, department: input.department, roles: input.roles, slotId }, this.ctx.now().toISOString());
          await this.ctx.append(tx, {
            action: 'user.created',
            subject: id,
            payload: { username, displayName: input.displayName, department: input.department, roles: input.roles, intentId },
            role: 'sysAdmin',
          });
        },
      });
      return this.summary(id);
    });
  }

  async update(input: In<typeof contract.users.update>): Promise<UserSummary> {
    const row = await this.row(input.id);
    const current = JSON.parse(row.roles) as Role[];
    const isAdmin = current.some(isAdminRole);
    if (isAdmin && (input.roles.length !== current.length || input.roles.some((r) => !current.includes(r)))) throw fail('ROLE_CONFLICT', '三员账号的角色不能变更');
    const roleProblem = roleSetProblem(input.roles);
    if (roleProblem) throw fail('ROLE_CONFLICT', roleProblem);
    if (!isAdmin && input.roles.some(isAdminRole)) throw fail('ROLE_CONFLICT', '业务账号不得兼任三员角色');
    await this.ctx
      .db()
      .transaction()
      .execute(async (tx) => {
        await tx
          .updateTable('users')
          .set({ display_name: input.displayName, department: input.department, roles: JSON.stringify(input.roles), updated_at: this.ctx.now().toISOString() })
          .where('id', '=', input.id)
          .execute();
        await this.ctx.append(tx, {
          action: 'user.updated',
          subject: input.id,
          payload: {
            before: { displayName: row.display_name, department: row.department, roles: current },
            after: { displayName: input.displayName, department: input.department, roles: input.roles },
          },
          role: 'sysAdmin',
        });
      });
    return this.summary(input.id);
  }

  async setDisabled(id: string, disabled: boolean): Promise<UserSummary> {
    if (id === this.ctx.user().id) throw fail('CONFLICT', '不能停用当前登录的账号');
    this.protectAdmins(await this.row(id));
    await this.ctx
      .db()
      .transaction()
      .execute(async (tx) => {
        await tx.updateTable('users').set({ disabled: disabled ? 1 : 0, updated_at: this.ctx.now().toISOString() }).where('id', '=', id).execute();
        await this.ctx.append(tx, { action: disabled ? 'user.disabled' : 'user.enabled', subject: id, payload: null, role: 'sysAdmin' });
      });
    return this.summary(id);
  }

  resetPassword(id: string, initialPassword: string): Promise<UserSummary> {
    return this.lock.run(async () => {
      if (id === this.ctx.user().id) throw fail('CONFLICT', '请通过“修改密码”更改自己的密码');
      const row = await this.row(id);
      this.protectAdmins(row);
      const db = this.ctx.db();
      const problem = passwordProblem(await readPolicy(db), initialPassword, row.username);
      if (problem) throw fail('WEAK_PASSWORD', `初始密码不符合要求：${problem}`);
      const ks = this.vault.slots();
      // The old signing key is sealed under the old password and is dropped with it.
      await runAccountChange(ks, db, this.vault.dataKey(), {
        kind: 'reset',
        slotId: row.slot_id,
        previous: ks.slot(row.slot_id) ?? null,
        applySlot: async (k) => {
          await k.rewrap(row.slot_id, initialPassword, this.vault.dataKey(), null);
          k.clearFailures(row.slot_id, false);
        },
        writeStore: async (tx, intentId) => {
          await tx.updateTable('users').set({ must_change_password: 1, public_key: null, updated_at: this.ctx.now().toISOString() }).where('id', '=', id).execute();
          await appendAudit(tx, { actor: 'system', role: 'system', action: KEY_EVENTS.keyRevoked, subject: id, payload: { userId: id } }, this.vault.org(), this.ctx.now());
          await this.ctx.append(tx, { action: 'user.passwordReset', subject: id, payload: { intentId }, role: 'sysAdmin' });
        },
      });
      return this.summary(id);
    });
  }

  async unlock(id: string): Promise<UserSummary> {
    const row = await this.row(id);
    this.vault.slots().clearFailures(row.slot_id);
    await this.ctx.audit({ action: 'user.unlocked', subject: id, payload: null, role: 'sysAdmin' });
    return this.summary(id);
  }
}
