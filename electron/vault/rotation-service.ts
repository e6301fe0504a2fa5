import type { KeyRotationResult, KeyStatusView } from '../../shared/ops/keys';
import type { Role } from '../../shared/roles';
import type { Mutex } from '../context/locks';
import type { SessionContext } from '../context/session';
import { generateRecoveryCode } from '../store/keyslots';
import { rotateDataKey } from './rotation';
import { dropBridgesWhenDone } from './rotation-rewrap';
import type { Vault } from './vault';

// The 安全保密管理员's key rotation (rotation.ts) and its status: which accounts still
// wait for their slot to be rewrapped, and when the key was last changed.

export interface PasswordConfirmation {
  slotId: string;
  signingKey: Buffer | null;
}

export class KeyRotationService {
  constructor(
    private readonly vault: Vault,
    private readonly ctx: SessionContext,
    private readonly lock: Mutex,
    /** Checks the caller's password again (counts towards the lockout when wrong). */
    private readonly confirm: (password: string) => Promise<PasswordConfirmation>,
    /** Tests pass a known code so that a killed rotation can still be checked against it. */
    private readonly newRecoveryCode: () => string = generateRecoveryCode,
  ) {}

  async status(): Promise<KeyStatusView> {
    const ks = this.vault.slots();
    const rows = await this.ctx.db().selectFrom('users').select(['id', 'username', 'display_name', 'roles', 'disabled', 'slot_id']).orderBy('username').execute();
    const waiting = rows
      .filter((r) => {
        const slot = ks.slot(r.slot_id);
        return !!slot && ks.isStale(slot);
      })
      .map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, roles: JSON.parse(r.roles) as Role[], disabled: r.disabled === 1 }));
    const recovery = ks.recoverySlot();
    return {
      lastRotation: ks.keys?.rotatedAt ?? null,
      waiting,
      recoveryWaiting: !!recovery && ks.isStale(recovery),
      bridgeActive: (ks.keys?.bridges.length ?? 0) > 0,
    };
  }

  rotate(password: string): Promise<KeyRotationResult> {
    return this.lock.run(async () => {
      const me = await this.confirm(password);
      const recoveryCode = this.newRecoveryCode();
      try {
        await rotateDataKey(this.vault, {
          slotId: me.slotId,
          password,
          signingKey: me.signingKey,
          recoveryCode,
          now: this.ctx.now(),
          record: async (rotationId) => {
            const waiting = this.vault.slots().slots.filter((s) => s.kind === 'user' && s.id !== me.slotId).length;
            await this.ctx.audit({
              action: 'keys.rotated',
              subject: 'data',
              role: 'secAdmin',
              payload: { rotationId, text: `更换数据密钥：数据库已用新的数据密钥重新加密，发放新恢复码；其余 ${waiting} 个账号在下次登录时重新封装`, waiting },
            });
          },
        });
      } finally {
        me.signingKey?.fill(0);
      }
      await dropBridgesWhenDone(this.vault, this.ctx.now());
      return { recoveryCode, status: await this.status() };
    });
  }
}
