import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { analyze } from '../documents/analyze';
import { DocumentRefused } from '../documents/limits';
import { defaultRules } from '../scanner/rules';
import { verifyAudit, parseCheckpoint } from '../audit/verify';
import { packageVersion } from '../app/version';
import { DB_FILE, KEYSLOT_FILE } from '../vault/vault';
import { fingerprint } from '../keys/crypto';
import { openStore } from '../store/database';
import { KeyslotFile } from '../store/keyslots';

// `mishen`: the same domain code as the app, headless. Messages are Chinese; exit
// codes are for scripts.

const ROOT = resolve(import.meta.dirname, '../..');

const HELP = `密审台（MiShen）命令行

用法：
  mishen --version
  mishen --help
  mishen audit verify --data <数据目录> --user <用户名> --password-stdin [--checkpoint <序号:哈希>]
      验证审计日志的哈希链和签名。退出码：0 全部通过；1 发现问题（给出第一条有问题记录的序号）；2 无法打开数据。
  mishen scan <文件> [--json]
      用与程序相同的规则扫描文件中的密级标志、个人信息、须经批准的领域和过程性信息。
      退出码：0 扫描完成（无论有无发现）；2 文件无法读取。
`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function auditVerify(args: string[]): Promise<number> {
  const data = option(args, '--data');
  const user = option(args, '--user');
  const cpText = option(args, '--checkpoint');
  if (!data || !user || !args.includes('--password-stdin')) {
    process.stderr.write(HELP);
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
    const report = await verifyAudit(store.db, { checkpoint: checkpoint ?? undefined, trustedOrgFingerprint: fingerprint(org.public_key) });
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

async function scan(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write(HELP);
    return 2;
  }
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    process.stderr.write(`无法读取文件：${file}\n`);
    return 2;
  }
  let result: Awaited<ReturnType<typeof analyze>>;
  try {
    result = await analyze(buf, basename(file), defaultRules(), []);
  } catch (err) {
    process.stderr.write(`无法读取文件：${err instanceof DocumentRefused ? err.message : '文件已损坏或格式不受支持'}\n`);
    return 2;
  }
  const findings = result.findings.map((f) => ({ kind: f.kind, text: f.text, start: f.start, end: f.end, location: f.location, confidence: f.confidence, ground: f.ground }));
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify({ file, findings })}\n`);
  else {
    for (const w of result.warnings) process.stdout.write(`注意：${w}\n`);
    for (const f of findings) process.stdout.write(`${f.location}\t${f.kind}\t${f.text}\t${f.confidence}\n`);
    process.stdout.write(`共发现 ${findings.length} 处\n`);
  }
  return 0;
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`${packageVersion(ROOT)}\n`);
    return 0;
  }
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args[0] === 'audit' && args[1] === 'verify') return auditVerify(args.slice(2));
  if (args[0] === 'scan') return scan(args.slice(1));
  process.stderr.write(`未知命令：${args.join(' ')}\n\n${HELP}`);
  return 2;
}
