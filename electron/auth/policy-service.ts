import type { SecurityPolicy } from '../../shared/types';
import type { SessionContext } from '../context/session';
import type { DB } from '../store/database';
import type { KeyslotFile } from '../store/keyslots';
import { readPolicy, writePolicy } from './policy';

// The security policy the 安全保密管理员 sets. The lockout half lives in the keyslot
// file (it must work before the store opens), the idle lock in the session.

export class PolicyService {
  constructor(
    private readonly ctx: SessionContext,
    private readonly slots: () => KeyslotFile,
    private readonly setIdleMinutes: (m: number) => void,
  ) {}

  get(): Promise<SecurityPolicy> {
    return readPolicy(this.ctx.db());
  }

  async update(policy: SecurityPolicy): Promise<SecurityPolicy> {
    const db = this.ctx.db();
    const before = await readPolicy(db);
    await db.transaction().execute(async (tx) => {
      await writePolicy(tx as unknown as DB, policy);
      await this.ctx.append(tx, { action: 'policy.updated', subject: 'security_policy', payload: { before, after: policy }, role: 'secAdmin' });
    });
    this.slots().setLockout(policy.maxFailedLogins, policy.lockoutMinutes);
    this.setIdleMinutes(policy.idleLockMinutes);
    return policy;
  }
}
