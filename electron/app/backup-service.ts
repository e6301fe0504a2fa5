import type { SessionContext } from '../context/session';
import type { Mutex } from '../context/locks';
import { createBackup } from '../vault/backup';
import type { Vault } from '../vault/vault';

// The 系统管理员's backup: the snapshot, then the audit entry that records it (the
// entry follows the copy, so the backup holds everything up to its manifest's head).

export class BackupService {
  constructor(
    private readonly vault: Vault,
    private readonly ctx: SessionContext,
    private readonly lock: Mutex,
  ) {}

  create(parentDir: string) {
    return this.lock.run(async () => {
      const r = await createBackup(this.vault, parentDir, this.ctx.now());
      await this.ctx.audit({
        action: 'backup.created',
        subject: 'data',
        role: 'sysAdmin',
        payload: { text: `备份数据到“${r.path}”`, path: r.path, manifestSha256: r.manifestSha256, auditHead: r.manifest.auditHead },
      });
      return { path: r.path, manifestSha256: r.manifestSha256, auditHead: r.manifest.auditHead };
    });
  }
}
