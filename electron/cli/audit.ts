import { resolve } from 'node:path';
import { parseCheckpoint } from '../audit/verify';
import { verifyAuditParallel } from '../audit/verify-parallel';
import { fingerprint } from '../keys/crypto';
import { openStore } from '../store/database';
import { KeyslotFile } from '../store/keyslots';
import { DB_FILE, KEYSLOT_FILE } from '../vault/vault';
import { option, readStdin } from './args';

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
    const report = await verifyAuditParallel(store.db, { checkpoint: checkpoint ?? undefined, trustedOrgFingerprint: fingerprint(org.public_key) });
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

