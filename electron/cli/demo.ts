import { resolve } from 'node:path';
import { buildDemo } from '../app/demo';
import { complain, option, say } from './args';

// `mishen demo --data <dir>`: a demonstration data folder; passwords are printed once.

export async function demo(args: string[]): Promise<number> {
  const data = option(args, '--data');
  if (!data) {
    complain('用法：mishen demo --data <空的数据目录>');
    return 2;
  }
  try {
    const r = await buildDemo(resolve(data));
    say(`已建立演示数据（演示单位，事项 ${r.items} 件）：${resolve(data)}`);
    say('以下密码只显示这一次，请妥善记录：');
    for (const a of r.accounts) say(`${a.username}\t${a.password}\t${a.role}\t${a.displayName}`);
    return 0;
  } catch (err) {
    complain(`无法建立演示数据：${(err as Error).message}`);
    return 2;
  }
}
