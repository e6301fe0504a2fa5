import { resolve } from 'node:path';
import { AppFailure } from '../../shared/result';
import { parseCheckpoint } from '../audit/verify';
import { restoreBackup } from '../vault/restore';
import { complain, option, readStdin, say } from './args';
import { asUser } from './session';

// `mishen backup create` and `mishen backup restore`.

export function backupCreate(args: string[]): Promise<number> {
  const out = option(args, '--out');
  if (!out) {
    complain('用法：mishen backup create --data <数据目录> --user <系统管理员> --password-stdin --out <备份位置>');
    return Promise.resolve(2);
  }
  return asUser(args, ['sysAdmin'], async (s) => {
    const r = await s.backup.create(resolve(out));
    say(`已备份到 ${r.path}`);
    say(`清单 SHA-256：${r.manifestSha256}`);
    say(`审计记录截至：${r.auditHead ? `${r.auditHead.seq}:${r.auditHead.hash}` : '（空）'}`);
    return 0;
  });
}

export async function backupRestore(args: string[]): Promise<number> {
  const from = option(args, '--from');
  const data = option(args, '--data');
  const user = option(args, '--user');
  const cp = option(args, '--checkpoint');
  if (!from || !data || !user || !args.includes('--password-stdin')) {
    complain('用法：mishen backup restore --from <备份文件夹> --data <空的数据目录> --user <用户名> --password-stdin [--checkpoint <序号:哈希>]');
    return 2;
  }
  const checkpoint = cp ? parseCheckpoint(cp) : undefined;
  if (cp && !checkpoint) {
    complain('检查点格式应为 序号:哈希（64 位十六进制）');
    return 2;
  }
  try {
    const r = await restoreBackup({ from: resolve(from), dataDir: resolve(data), username: user, password: await readStdin(), checkpoint: checkpoint ?? undefined });
    say(`已恢复“${r.organization}”的数据：审计记录 ${r.checked} 条验证通过，事项 ${r.items} 件`);
    for (const n of r.notes) say(`注意：${n}`);
    return r.missingAfterCheckpoint > 0 ? 1 : 0;
  } catch (err) {
    complain(`无法恢复：${err instanceof AppFailure ? err.message : (err as Error).message}`);
    return 2;
  }
}
