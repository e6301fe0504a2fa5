import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { analyze } from '../documents/analyze';
import { DocumentRefused } from '../documents/limits';
import { defaultRules } from '../scanner/rules';

// `mishen scan`: the app's own scanner on one file, for scripts.

const USAGE = '用法：mishen scan <文件> [--json]\n';

export async function scan(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    process.stderr.write(USAGE);
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

