// node tools/electronegativity/run.mjs [--json]
//
// Electronegativity over the Electron glue (electron/main, electron/preload) and the page
// they load (renderer/index.html, where the CSP lives), offline. Exit 0: every high or
// medium finding is answered in accepted.json; 1: some are not, or an answer no longer
// matches a finding; 2: the scan itself failed (a file it could not parse).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '../..');
/** Checkout path → path inside the scanned folder; findings are reported by checkout path. */
export const SCANNED = Object.freeze({ 'electron/main': 'electron/main', 'electron/preload': 'electron/preload', 'renderer/index.html': 'renderer/index.html' });
const GATING = new Set(['HIGH', 'MEDIUM']);

/**
 * Electronegativity fetches translations and Electron's release list with `got`. Both
 * go through one module instance, replaced here before the scanner loads, so no request
 * leaves the machine: each gets an unavailable answer, on which the scanner quietly uses
 * its bundled English texts. The intercepted requests are listed in the result.
 */
function loadOffline(root) {
  const req = createRequire(join(root, 'package.json'));
  const pkgDir = dirname(req.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = createRequire(join(pkgDir, 'dist', 'index.js')).resolve('got');
  const attempts = [];
  const offline = (url) => {
    attempts.push(String(url));
    return Promise.resolve({ statusCode: 503, body: '' });
  };
  const stub = Object.assign(offline, { default: offline, get: offline });
  const cache = req.cache;
  cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: stub, children: [], paths: [] };
  const runner = req(join(pkgDir, 'dist', 'runner.js'));
  return { run: runner.default ?? runner, attempts };
}

export function loadAccepted(file = join(HERE, 'accepted.json')) {
  const cfg = JSON.parse(readFileSync(file, 'utf8'));
  for (const list of [cfg.excludedChecks, cfg.accepted]) {
    if (!Array.isArray(list)) throw new Error('accepted.json: excludedChecks and accepted must be lists');
    for (const e of list) if (typeof e.reason !== 'string' || e.reason.trim().length < 20) throw new Error(`accepted.json: ${JSON.stringify(e)} needs a reason`);
  }
  return cfg;
}

/**
 * Splits gating findings into answered and open; lists answers that match nothing.
 * Pure, so the test can feed it findings.
 */
export function judge(findings, accepted) {
  const gating = findings.filter((f) => GATING.has(f.severity));
  const used = new Set();
  const open = [];
  for (const f of gating) {
    const i = accepted.findIndex((a) => a.id === f.id && a.file === f.file);
    if (i < 0) open.push(f);
    else used.add(i);
  }
  const stale = accepted.filter((_, i) => !used.has(i));
  return { gating, open, stale };
}

/** `sources` is the checkout whose files are scanned; the scanner itself comes from `root`. */
export async function scan({ root = ROOT, sources = root, accepted = loadAccepted() } = {}) {
  const { run, attempts } = loadOffline(root);
  const work = mkdtempSync(join(tmpdir(), 'mishen-electronegativity-'));
  try {
    for (const [from, to] of Object.entries(SCANNED)) cpSync(join(sources, from), join(work, to), { recursive: true });
    const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
    const result = await run(
      {
        input: work,
        electronVersionOverride: electronVersion,
        isRelative: true,
        excludeFromScan: accepted.excludedChecks.map((c) => c.check.toLowerCase()),
      },
      false,
    );
    const findings = result.issues.map((i) => ({
      id: i.id,
      file: i.file.split('\\').join('/'),
      line: i.location?.line ?? 0,
      severity: i.severity.name,
      confidence: i.confidence.name,
      description: i.description,
    }));
    return { findings, errors: result.errors, intercepted: attempts, checks: result.globalChecks + result.atomicChecks, electronVersion };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  const started = Date.now();
  const accepted = loadAccepted();
  const result = await scan({ accepted });
  const verdict = judge(result.findings, accepted.accepted);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ ...result, ...verdict, seconds: Number(seconds) }, null, 2)}\n`);
  }
  const out = (s) => process.stderr.write(`${s}\n`);
  if (result.errors.some((e) => !e.tolerable)) {
    for (const e of result.errors) out(`无法分析：${e.file}：${e.message}`);
    return 2;
  }
  for (const f of verdict.open) out(`未答复的${f.severity === 'HIGH' ? '高' : '中'}风险项：${f.id}（${f.file}:${f.line}）${f.description ?? ''}`);
  for (const a of verdict.stale) out(`accepted.json 中的答复已无对应发现，请删除：${a.id}（${a.file}）`);
  out(`Electronegativity ${result.checks} 项检查，Electron ${result.electronVersion}：高/中风险 ${verdict.gating.length} 项，已答复 ${verdict.gating.length - verdict.open.length} 项，未答复 ${verdict.open.length} 项；已拦截联网请求 ${result.intercepted.length} 个；用时 ${seconds} 秒。`);
  return verdict.open.length > 0 || verdict.stale.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`Electronegativity 无法运行：${err?.message ?? String(err)}\n`);
      process.exit(2);
    },
  );
}
