import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { verifyExtract } from '../audit/extract';
import { parseCheckpoint } from '../audit/verify';
import { verifyAuditParallel } from '../audit/verify-parallel';
import { fingerprint } from '../keys/crypto';
import { openStore } from '../store/database';
import { KeyslotFile } from '../store/keyslots';
import { DB_FILE, KEYSLOT_FILE } from '../vault/vault';
import { complain, option, readStdin, say } from './args';
import { asUser } from './session';

// `mishen audit verify`: read-only, so it opens the store itself rather than logging in
// (a login would append to the trail it verifies).

const USAGE = '用法：mishen audit verify --data <数据目录> --user <用户名> --password-stdin [--checkpoint <序号:哈希>]\n';

export async function auditVerify(args: string[]): Promise<number> {
  const data = option(args, '--data');
  const user = option(args, '--user');
  const cpText = option(args, '--checkpoint');
  if (!data || !user || !args.includes('--password-stdin')) {
    process.stderr.write(USAGE);
    return 2;
  }
  const checkpoint = cpText ? parseCheckpoint(cpText) : undefined;
  if (cpText && !checkpoint) {
    process.stderr.write('检查点格式应为 序号:哈希（64 位十六进制）\n');
    return 2;
  }
  const password = await readStdin();
  const dir = resolve(data);
  if (!KeyslotFile.exists(resolve(dir, KEYSLOT_FILE))) {
    process.stderr.write(`无法打开数据：${dir} 不是已初始化的密审台数据目录\n`);
    return 2;
  }
  const ks = KeyslotFile.load(resolve(dir, KEYSLOT_FILE));
  const slot = await ks.findByUsername(user);
  const now = new Date();
  if (slot && ks.lockedUntil(slot, now)) {
    process.stderr.write('无法打开数据：该账号已被锁定\n');
    return 2;
  }
  const opened = slot ? await ks.unwrap(slot, password) : null;
  if (!opened) {
    ks.recordFailure(slot?.id ?? null, now);
    process.stderr.write('无法打开数据：用户名或密码错误\n');
    return 2;
  }
  ks.clearFailures(opened.slot.id);
  const store = await openStore(resolve(dir, DB_FILE), opened.dataKey);
  try {
    const row = await store.db.selectFrom('users').select(['roles', 'disabled']).where('slot_id', '=', opened.slot.id).executeTakeFirst();
    const roles = row ? (JSON.parse(row.roles) as string[]) : [];
    if (!row || row.disabled || !roles.includes('auditor')) {
      process.stderr.write('无法打开数据：只有安全审计员可以验证审计日志\n');
      return 2;
    }
    const org = await store.db.selectFrom('organization').select('public_key').executeTakeFirstOrThrow();
    const report = await verifyAuditParallel(store.db, { checkpoint: checkpoint ?? undefined, trustedOrgFingerprint: fingerprint(org.public_key), store: { dataKey: opened.dataKey, file: resolve(dir, DB_FILE) } });
    if (report.ok) {
      process.stdout.write(`审计日志验证通过：共 ${report.checked} 条记录，末条 ${report.head?.seq ?? 0}:${report.head?.hash ?? ''}\n`);
      return 0;
    }
    process.stdout.write(`审计日志验证未通过：第 ${report.firstBad!.seq} 条记录，${report.firstBad!.reason}\n`);
    return 1;
  } finally {
    opened.dataKey.fill(0);
    await store.close();
  }
}

// `mishen audit extract`: the desk's signed extract, headless — logged in as the auditor
// (the extraction is recorded in the trail like the app's). `mishen audit check`: checks
// an extract file anywhere, without the data folder: hashes, links, every signature.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function auditExtract(args: string[]): Promise<number> {
  const out = option(args, '--out');
  const fromSeq = Number(option(args, '--from-seq'));
  const toSeq = Number(option(args, '--to-seq'));
  const from = option(args, '--from');
  const to = option(args, '--to');
  const bySeq = Number.isInteger(fromSeq) && fromSeq >= 1 && Number.isInteger(toSeq) && toSeq >= 1;
  const byDate = !!from && !!to && DAY.test(from) && DAY.test(to);
  if (!out || (!bySeq && !byDate)) {
    complain('用法：mishen audit extract --data <数据目录> --user <安全审计员> --password-stdin (--from-seq <序号> --to-seq <序号> | --from <YYYY-MM-DD> --to <YYYY-MM-DD>) --out <文件夹>');
    return 2;
  }
  const dir = resolve(out);
  if (!existsSync(dir)) {
    complain(`无法完成：文件夹 ${dir} 不存在`);
    return 2;
  }
  return asUser(args, ['auditor'], async (s) => {
    const x = await s.audit.signedExtract(bySeq ? { fromSeq, toSeq } : { from, to });
    // Written under a temporary name and renamed, so a half-written file never carries the final name.
    for (const [ext, text] of [['json', x.json], ['csv', x.csv]] as const) {
      const target = join(dir, `${x.fileName}.${ext}`);
      writeFileSync(`${target}.part`, text, 'utf8');
      renameSync(`${target}.part`, target);
    }
    say(`已导出审计记录第 ${x.fromSeq}–${x.toSeq} 条，共 ${x.count} 条：${join(dir, x.fileName)}.json、.csv`);
    return 0;
  });
}

export async function auditCheck(args: string[]): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--trust');
  const trust = option(args, '--trust');
  if (!file) {
    complain('用法：mishen audit check <摘录文件.json> [--trust sha256:<单位密钥指纹>]');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch {
    complain(`无法读取：${file}`);
    return 2;
  }
  const r = verifyExtract(text, { trustedOrgFingerprint: trust });
  if (r.ok) {
    say(`审计记录摘录验证通过：第 ${r.fromSeq}–${r.toSeq} 条，共 ${r.count} 条`);
    return 0;
  }
  say('审计记录摘录验证未通过：');
  for (const p of r.problems) say(`  ${p}`);
  return 1;
}
