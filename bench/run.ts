// npm run bench: runs every bench/*.bench.ts and prints its figures as ratios.
// Each file runs in a process of its own, so one bench's memory (a 40 MB text, a warm
// thread pool) never shows in the next one's RSS figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { print, type Figure } from './harness';

const own = process.env.MISHEN_BENCH_FILE;
if (own) {
  const mod = (await import(pathToFileURL(join(import.meta.dirname, own)).href)) as { run: () => Promise<Figure[]> };
  console.log(`# ${own}`);
  print(await mod.run());
} else {
  const only = process.argv[2];
  const files = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
    .sort();
  let failed = 0;
  for (const file of files) {
    // The same loader that runs this file (tsx) runs the child.
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], { stdio: 'inherit', env: { ...process.env, MISHEN_BENCH_FILE: file } });
    if (r.status !== 0) {
      failed++;
      console.log(`# ${file}: failed (exit ${r.status ?? r.signal})`);
    }
  }
  if (failed) process.exitCode = 1;
}
