import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { analyze } from '../documents/analyze';
import { DocumentRefused } from '../documents/limits';
import { createRedactor, defaultMasks } from '../redaction';
import { FINDING_LABELS } from '../../shared/documents';
import { defaultRules } from '../scanner/rules';

// `mishen redact`: the app's redaction engine and proof gate on one file. The public
// version is written only when the proof passes; a version that fails is never left
// on disk. Removed values are never printed, only where and how many.

const USAGE = '用法：mishen redact <文件> --out <输出文件> [--all] [--text <文字>]… [--mask <模板>|<类别>=<模板>]… [--json]\n';

interface Args {
  file?: string;
  out?: string;
  all: boolean;
  texts: string[];
  masks: string[];
  json: boolean;
}

function parse(args: string[]): Args | null {
  const a: Args = { all: false, texts: [], masks: [], json: false };
  for (let i = 0; i < args.length; i++) {
    const x = args[i]!;
    if (x === '--all') a.all = true;
    else if (x === '--json') a.json = true;
    else if (x === '--out' || x === '--text' || x === '--mask') {
      const v = args[++i];
      if (v === undefined) return null;
      if (x === '--out') a.out = v;
      else if (x === '--text') a.texts.push(v);
      else a.masks.push(v);
    } else if (x.startsWith('--')) return null;
    else if (!a.file) a.file = x;
    else return null;
  }
  return a;
}

/** The template for a kind: an explicit `KIND=template`, else a bare template the kind offers. */
function maskFor(kind: string, masks: string[]): string | undefined {
  const table = defaultMasks();
  for (const m of masks) {
    const [k, t] = m.includes('=') ? m.split('=', 2) : [null, m];
    if (k === kind) return t;
    if (k === null && (table.kinds[kind] ?? []).includes(t!)) return t;
  }
  return undefined;
}

export async function redact(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (!args?.file || !args.out) {
    process.stderr.write(USAGE);
    return 2;
  }
  const table = defaultMasks();
  for (const m of args.masks) {
    const t = m.includes('=') ? m.split('=', 2)[1]! : m;
    if (!table.templates[t]) {
      process.stderr.write(`未知的遮盖模板：${t}（可用：${Object.keys(table.templates).join('、')}）\n`);
      return 2;
    }
  }
  if (resolve(args.out) === resolve(args.file)) {
    process.stderr.write('输出文件不能与原文件相同\n');
    return 2;
  }
  let buf: Buffer;
  try {
    buf = await readFile(args.file);
  } catch {
    process.stderr.write(`无法读取文件：${args.file}\n`);
    return 2;
  }
  const name = basename(args.file);
  const redactor = createRedactor();
  let targets: Array<{ text: string; kind: string; ground: string; mask?: string }> = [];
  let made: Awaited<ReturnType<typeof redactor.redact>>;
  try {
    if (args.all) {
      const scan = await analyze(buf, name, defaultRules(), []);
      targets = scan.findings.map((f) => ({ text: f.text, kind: f.kind, ground: f.ground }));
    }
    targets.push(...args.texts.filter((t) => t.trim()).map((text) => ({ text, kind: 'MANUAL', ground: 'OTHER' })));
    targets = targets.map((t) => ({ ...t, mask: maskFor(t.kind, args.masks) }));
    made = await redactor.redact({ bytes: buf, name, targets });
  } catch (err) {
    process.stderr.write(`无法读取文件：${err instanceof DocumentRefused ? err.message : '文件已损坏或格式不受支持'}\n`);
    return 2;
  }
  const proof = await redactor.prove({ original: buf, publicVersion: made.bytes, name: made.name, removed: targets.map((t) => t.text) });
  const detail = proof.detail as { originalSha256: string; publicSha256: string };
  if (proof.ok) {
    try {
      await writeFile(args.out, made.bytes);
    } catch {
      process.stderr.write(`无法写入输出文件：${args.out}\n`);
      return 2;
    }
  }
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ file: args.file, out: proof.ok ? args.out : null, type: made.type, removals: made.removals, notes: made.notes, proof: { ok: proof.ok, problems: proof.problems, originalSha256: detail.originalSha256, publicSha256: detail.publicSha256 } })}\n`,
    );
  } else {
    const label = (k: string) => (FINDING_LABELS as Record<string, string>)[k] ?? '手工标记';
    for (const r of made.removals as Array<{ kind: string; where: string; count: number; replacement: string }>) process.stdout.write(`删除\t${r.where}\t${label(r.kind)}\t${r.count} 处\t替换为 ${r.replacement}\n`);
    for (const n of made.notes) process.stdout.write(`说明：${n}\n`);
    process.stdout.write(`原文件 SHA-256：${detail.originalSha256}\n公开版本 SHA-256：${detail.publicSha256}\n`);
    if (proof.ok) process.stdout.write(`核验通过：公开版本中找不到任何已删除的内容（共核对 ${new Set(targets.map((t) => t.text)).size} 项），已写入 ${join(dirname(args.out), basename(args.out))}\n`);
    else {
      for (const p of proof.problems) process.stdout.write(`问题：${p}\n`);
      process.stdout.write(`核验未通过（${proof.problems.length} 个问题），未写入公开版本\n`);
    }
  }
  return proof.ok ? 0 : 1;
}
