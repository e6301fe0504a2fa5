// npm run bench: runs every bench/*.bench.ts and prints its figures as ratios.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { print, type Figure } from './harness';

const only = process.argv[2];
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
for (const file of files) {
  const mod = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as { run: () => Promise<Figure[]> };
  console.log(`# ${file}`);
  print(await mod.run());
}
