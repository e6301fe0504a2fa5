import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BrowserContext, Request } from '@playwright/test';

export const E2E_TODAY = '2026-11-25';

/** Starts `electron/host/cli.ts` on a fresh data folder (or the one given) and reads its URL line. */
export async function startHost(existing?: string): Promise<{ url: string; dataDir: string; stop: () => Promise<void> }> {
  const dataDir = existing ?? mkdtempSync(join(tmpdir(), 'mishen-e2e-'));
  // The day the tests were written for: deadlines they check stay inside the shipped calendar.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', '--data', dataDir, '--today', E2E_TODAY], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`host exited early with ${code}`)));
  });
  return {
    url,
    dataDir,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Records every request the page makes to anything but the loopback host. */
export function watchNetwork(context: BrowserContext): string[] {
  const foreign: string[] = [];
  context.on('request', (req: Request) => {
    const u = new URL(req.url());
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    if (u.hostname !== '127.0.0.1') foreign.push(req.url());
  });
  return foreign;
}
