import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRuntime } from '../app/runtime';
import { ScanPool, workerAnalyzer } from '../documents/analyzer';
import { packageVersion } from '../app/version';
import { startHost } from './server';

// `npm run host -- --data <dir> [--port <n>] [--today <YYYY-MM-DD>]`: the first line on stdout is the URL.

const ROOT = resolve(import.meta.dirname, '../..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const data = arg('--data');
  if (!data) {
    process.stderr.write('用法：npm run host -- --data <数据目录> [--port <端口>]\n');
    process.exit(2);
  }
  const out = process.env['MISHEN_OUT'] ?? join(ROOT, 'out');
  const rendererDir = join(out, 'renderer');
  const shimFile = join(out, 'host-shim/host-shim.js');
  if (!existsSync(join(rendererDir, 'index.html')) || !existsSync(shimFile)) {
    process.stderr.write('界面尚未构建：请先运行 npm run build:renderer\n');
    process.exit(2);
  }
  const port = arg('--port');
  // Tests fix the calendar day so that deadlines they check do not depend on the day
  // they run (a date past the shipped calendar shows 日历未覆盖). The browser host is a
  // development tool and is never packaged; the app itself always uses the real clock.
  const today = arg('--today');
  if (today && !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    process.stderr.write('--today 须为 YYYY-MM-DD\n');
    process.exit(2);
  }
  const offset = today ? Date.parse(`${today}T10:00:00+08:00`) - Date.now() : 0;
  const scanPool = new ScanPool();
  const runtime = createRuntime({
    now: () => new Date(Date.now() + offset),
    dataDir: resolve(data),
    host: 'browser-host',
    version: packageVersion(ROOT),
    analyzer: workerAnalyzer(join(ROOT, 'electron/documents/worker.ts'), undefined, scanPool),
    onInternalError: (channel, err) =>
      process.stderr.write(`[mishen] ${channel} failed: ${(err as Error)?.stack ?? String(err)}\n`),
  });
  const host = await startHost({ runtime, rendererDir, shimFile, port: port ? Number(port) : undefined, clockOffsetMs: offset });
  process.stdout.write(`${host.url}\n`);
  const idle = setInterval(() => {
    runtime.services.session.checkIdle();
    void runtime.services.maintenance.tick();
  }, 15_000);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(idle);
    await host.close();
    await runtime.close();
    await scanPool.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
