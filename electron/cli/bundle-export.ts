import { resolve } from 'node:path';
import { complain, option, say } from './args';
import { asUser } from './session';

// `mishen bundle export`: the publisher's export of the whole 待发布 queue, for scripts
// and tests, on the same service as the app (proof again, temporary name, rename, register).

export function bundleExport(args: string[]): Promise<number> {
  const out = option(args, '--out');
  if (!out) {
    complain('用法：mishen bundle export --data <数据目录> --user <网站管理部门人员> --password-stdin --out <上级文件夹>');
    return Promise.resolve(2);
  }
  return asUser(args, ['publisher'], async (s) => {
    const queue = await s.publication.queue();
    if (!queue.some((q) => q.ready)) {
      for (const q of queue) say(`未导出“${q.title}”：${q.problem ?? ''}`);
      complain('待发布队列中没有可以导出的事项');
      return 1;
    }
    const r = await s.publication.export(resolve(out));
    say(`已导出第 ${r.sequence} 号发布包：${r.path}`);
    say(`发布包编号：${r.bundleId}`);
    say(`清单 SHA-256：${r.manifestSha256}`);
    say(`事项 ${r.items} 项，撤回 ${r.recalls} 项`);
    for (const k of r.skipped) say(`未导出“${k.title}”：${k.problem}`);
    return 0;
  });
}
