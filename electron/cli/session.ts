import { resolve } from 'node:path';
import { AppFailure } from '../../shared/result';
import type { Role } from '../../shared/roles';
import { ROLE_LABELS } from '../../shared/roles';
import { createServices, type Services } from '../app/services';
import { complain, option, readStdin } from './args';

// A command that acts as a user: the same login (lockout, audit) as the app. Exit 2 when
// the data cannot be opened or the user may not do this.

export async function asUser(args: string[], roles: readonly Role[], fn: (s: Services) => Promise<number>): Promise<number> {
  const data = option(args, '--data');
  const user = option(args, '--user');
  if (!data || !user || !args.includes('--password-stdin')) {
    complain('须指定 --data <数据目录> --user <用户名> --password-stdin');
    return 2;
  }
  const s = createServices({ dataDir: resolve(data) });
  try {
    if (s.needsSetup) throw new AppFailure('NOT_SET_UP', `${resolve(data)} 不是已初始化的密审台数据目录`);
    const info = await s.session.login(user, await readStdin());
    if (info.mustChangePassword) throw new AppFailure('PASSWORD_CHANGE_REQUIRED', '该账号须先在程序中修改初始密码');
    if (!roles.some((r) => info.user!.roles.includes(r))) throw new AppFailure('FORBIDDEN', `只有${roles.map((r) => ROLE_LABELS[r]).join('或')}可以执行此命令`);
    return await fn(s);
  } catch (err) {
    complain(`无法完成：${err instanceof AppFailure ? err.message : (err as Error).message}`);
    return 2;
  } finally {
    await s.close();
  }
}
