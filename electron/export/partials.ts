import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

// A killed export leaves its hidden `.<name>.partial-<random>` folder behind (never a
// folder under the final name). Only folders of exactly that shape are ever removed.
const PARTIAL = /^\.[^/\\]+-\d{8}-\d{4,}\.partial-[0-9a-f]{12}$/;

/** Removes the partial folders of interrupted exports in `parentDir`; returns their names. */
export async function removeStalePartials(parentDir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const d of await readdir(parentDir, { withFileTypes: true })) {
    if (!d.isDirectory() || !PARTIAL.test(d.name)) continue;
    await rm(join(parentDir, d.name), { recursive: true, force: true });
    removed.push(d.name);
  }
  return removed;
}
