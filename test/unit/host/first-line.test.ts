import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { tempDir } from '../../helpers/tmp';

// Scripts read the browser host's address from the first line it prints: that line
// must be the URL even when the host builds the interface first (build output goes to
// stderr).

describe('npm run -s host', () => {
  it('prints its URL as the first line on stdout, also when it builds', async () => {
    const t = tempDir();
    const child = spawn(process.execPath, ['scripts/host.mjs', '--data', t.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`host exited ${code}: ${stderr.slice(-500)}`)));
      });
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32,}$/);
      expect(stderr).toMatch(/built in/); // it did build, and said so on stderr
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      t.cleanup();
    }
  }, 120_000);
});
