import { AppFailure } from '../../shared/result';
import { appendAudit, auditHead } from '../audit/append';
import { KEY_EVENTS } from '../audit/verify';
import type { Mutex } from '../context/locks';
import { normalizeUsername } from '../store/keyslots';
import { runAccountChange } from '../vault/account-change';
import { dropBridgesWhenDone } from '../vault/rotation-rewrap';
import type { Vault } from '../vault/vault';
import { passwordProblem, readPolicy } from './policy';
import { unwrapOrCorrupt } from './session';

// The recovery code (held sealed by the 安全保密管理员) opens the store when every
// administrator password is lost, and gives one account a new initial password to be
// changed at its next login. Audited under the organization key.

const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);

export class Recovery {
  constructor(
    private readonly vault: Vault,
    private readonly lock: Mutex,
    private readonly now: () => Date,
    private readonly loggedIn: () => boolean,
  ) {}

  recover(code: string, usernameInput: string, newPassword: string): Promise<null> {
    return this.lock.run(async () => {
      if (this.loggedIn()) throw fail('CONFLICT', '已有用户登录，请先退出登录');
      const ks = this.vault.slots();
      const slot = ks.recoverySlot();
      const opened = slot ? await unwrapOrCorrupt(ks, slot, code) : null;
      if (!opened) {
        ks.recordFailure(null, this.now());
        throw fail('LOGIN_FAILED', '恢复码错误');
      }
      await this.vault.open(opened.dataKey);
      try {
        const db = this.vault.db();
        const username = normalizeUsername(usernameInput);
        const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
        if (!row) throw fail('NOT_FOUND', `找不到用户“${username}”`);
        const problem = passwordProblem(await readPolicy(db), newPassword, username);
        if (problem) throw fail('WEAK_PASSWORD', problem);
        const org = this.vault.org();
        await runAccountChange(ks, db, this.vault.dataKey(), {
          kind: 'recovery',
          slotId: row.slot_id,
          previous: ks.slot(row.slot_id) ?? null,
          applySlot: async (k) => {
            await k.rewrap(row.slot_id, newPassword, this.vault.dataKey(), null);
            k.clearFailures(row.slot_id, false);
          },
          writeStore: async (tx, intentId) => {
            await tx.updateTable('users').set({ must_change_password: 1, public_key: null, disabled: 0 }).where('id', '=', row.id).execute();
            await appendAudit(tx, { actor: 'system', role: 'system', action: KEY_EVENTS.keyRevoked, subject: row.id, payload: { userId: row.id } }, org, this.now());
            // Shown to the 安全审计员 at their next login.
            await appendAudit(tx, { actor: 'system', role: 'system', action: 'auth.recoveryUsed', subject: row.id, payload: { text: `使用恢复码重置账号“${username}”的密码`, username, intentId } }, org, this.now());
          },
        });
        // After a data-key rotation the code is at hand: its slot moves to the new key too.
        const current = ks.recoverySlot();
        if (current && ks.isStale(current)) {
          await ks.setRecoverySlot(code, this.vault.dataKey());
          ks.settle(this.vault.dataKey(), await auditHead(db));
          ks.save();
          await dropBridgesWhenDone(this.vault, this.now());
        }
      } finally {
        await this.vault.close();
      }
      return null;
    });
  }
}
