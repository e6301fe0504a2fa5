import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { removeStalePartials } from '../../../electron/export/partials';
import { tempDir } from '../../helpers/tmp';

describe('a kill during export', () => {
  it('leaves no folder under the final name, only the hidden partial one', async () => {
    const t = tempDir('mishen-kill-');
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'kill-child.ts'), t.dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => d.toString().includes('READY') && resolve());
        child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      });
      // Written files of the first item are on disk by now, inside the partial folder.
      expect(readdirSync(t.dir).some((n) => n.includes('.partial-'))).toBe(true);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      const left = readdirSync(t.dir);
      expect(left).not.toContain('TESTGOV-20261122-0012');
      expect(left).toHaveLength(1);
      expect(left[0]).toMatch(/^\.TESTGOV-20261122-0012\.partial-[0-9a-f]{12}$/);
      // The next export may clear it; nothing of another shape is touched.
      mkdirSync(join(t.dir, '.TESTGOV-20261122-0012.partial-mine'));
      mkdirSync(join(t.dir, 'TESTGOV-20261121-0011'));
      expect(await removeStalePartials(t.dir)).toEqual([left[0]]);
      expect(readdirSync(t.dir).sort()).toEqual(['.TESTGOV-20261122-0012.partial-mine', 'TESTGOV-20261121-0011']);
    } finally {
      t.cleanup();
    }
  });
});
