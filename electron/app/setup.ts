import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import type { Role } from '../../shared/roles';
import type { OrganizationInfo, SetupResult } from '../../shared/types';
import { appendAudit, auditHead, signerFromPrivateKey } from '../audit/append';
import { KEY_EVENTS } from '../audit/verify';
import { DEFAULT_POLICY, passwordProblem } from '../auth/policy';
import { insertUser } from '../auth/users';
import { generateSigningKey, randomKey } from '../keys/crypto';
import { openStore } from '../store/database';
import { generateRecoveryCode, KeyslotFile, normalizeUsername } from '../store/keyslots';
import type { Mutex } from '../context/locks';
import type { Vault } from '../vault/vault';

// First-run setup: the organization, its signing key, the three administrators (三员)
// and the recovery code. It runs only on an empty data folder and never deletes
// anything: a folder with a database but no keyslot file is a loss to recover from,
// not an invitation to start again.

const fail = (code: ConstructorParameters<typeof AppFailure>[0], message: string) => new AppFailure(code, message);

/** Files whose presence means the folder holds (or held) data. */
export const DATA_MARKERS = ['mishen.db', 'mishen.db-wal', 'mishen.db-journal', 'BACKUP-MANIFEST.json'];

type Admin = { username: string; displayName: string; password: string };
export interface SetupInput {
  organizationName: string;
  organizationShortName: string;
  sysAdmin: Admin;
  secAdmin: Admin;
  auditor: Admin;
}

export class Setup {
  constructor(
    private readonly vault: Vault,
    private readonly lock: Mutex,
    private readonly now: () => Date,
  ) {}

  /** Why setup may not run here, or null. */
  refusal(): string | null {
    if (!this.vault.needsSetup) return '本数据目录已完成初始化，不能重复设置';
    const found = DATA_MARKERS.filter((f) => existsSync(`${this.vault.dataDir}/${f}`));
    if (found.length)
      return `数据目录中已有数据（${found.join('、')}），但找不到钥匙槽文件 keyslots.json。为防止覆盖审查记录和审计日志，不能在此重新初始化：请从备份恢复 keyslots.json，或由安全保密管理员按恢复流程处理；确认是中断的首次设置留下的文件后，方可将其移出该目录再设置`;
    return null;
  }

  run(input: SetupInput): Promise<SetupResult> {
    return this.lock.run(() => this.runLocked(input));
  }

  private async runLocked(input: SetupInput): Promise<SetupResult> {
    const refusal = this.refusal();
    if (refusal) throw fail(this.vault.needsSetup ? 'CONFLICT' : 'ALREADY_SET_UP', refusal);
    const admins = (['sysAdmin', 'secAdmin', 'auditor'] as const).map((role) => ({ role, ...input[role], username: normalizeUsername(input[role].username) }));
    if (new Set(admins.map((a) => a.username)).size !== 3) throw fail('ROLE_CONFLICT', '三员必须使用三个不同的账号');
    for (const a of admins) {
      const problem = passwordProblem(DEFAULT_POLICY, a.password, a.username);
      if (problem) throw fail('WEAK_PASSWORD', `${a.displayName}（${a.username}）的密码不符合要求：${problem}`);
    }

    const dataKey = randomKey();
    const orgKey = generateSigningKey();
    const orgSigner = signerFromPrivateKey(orgKey.privateKey);
    const ks = KeyslotFile.create(this.vault.keyslotPath, this.vault.kdf);
    const recoveryCode = generateRecoveryCode();
    const slots = await Promise.all(admins.map((a) => ks.addUserSlot(a.username, a.password, dataKey)));
    await ks.setRecoverySlot(recoveryCode, dataKey);

    const store = await openStore(this.vault.dbPath, dataKey);
    const now = this.now().toISOString();
    const organization: OrganizationInfo = { name: input.organizationName, shortName: input.organizationShortName, keyFingerprint: orgSigner.fingerprint };
    try {
      await store.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('organization')
          .values({ id: 1, name: organization.name, short_name: organization.shortName, public_key: orgKey.publicKey, private_key: orgKey.privateKey, bundle_sequence: 0, created_at: now })
          .execute();
        const orgPayload = { name: organization.name, shortName: organization.shortName, publicKey: orgKey.publicKey.toString('base64'), fingerprint: orgSigner.fingerprint };
        await appendAudit(tx, { actor: 'system', role: 'system', action: KEY_EVENTS.setup, subject: 'organization', payload: { organization: orgPayload } }, orgSigner);
        for (const [i, a] of admins.entries()) {
          const roles: Role[] = [a.role];
          const id = await insertUser(tx, { id: randomUUID(), username: a.username, displayName: a.displayName, department: '', roles, slotId: slots[i]!.id }, now);
          await appendAudit(tx, { actor: 'system', role: 'system', action: 'user.created', subject: id, payload: { username: a.username, displayName: a.displayName, roles } }, orgSigner);
        }
      });
      // The keyslot file's anchor starts at the store's first head.
      ks.settle(dataKey, await auditHead(store.db));
    } finally {
      await store.close();
      dataKey.fill(0);
    }
    ks.setLockout(DEFAULT_POLICY.maxFailedLogins, DEFAULT_POLICY.lockoutMinutes); // saves: setup is complete
    this.vault.adoptSlots(ks);
    return { recoveryCode, organization };
  }
}
