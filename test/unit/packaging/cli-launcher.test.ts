import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './builder';

// The installed layout of the deb, in a scratch folder: /usr/bin/mishen → resources/cli/mishen
// → the app binary, here a stand-in that prints the arguments it receives.

describe.runIf(process.platform !== 'win32')('resources/cli/mishen as installed by the deb', () => {
  const root = mkdtempSync(join(tmpdir(), 'mishen-cli-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs the app binary in CLI mode through the /usr/bin link, every argument intact, with its exit code', () => {
    const app = join(root, 'opt', '密审台');
    mkdirSync(join(app, 'resources', 'cli'), { recursive: true });
    copyFileSync(join(ROOT, 'resources/build/cli/mishen'), join(app, 'resources/cli/mishen'));
    chmodSync(join(app, 'resources/cli/mishen'), 0o755);
    writeFileSync(join(app, 'mishen-desktop'), '#!/bin/sh\nfor a in "$@"; do printf "[%s]" "$a"; done\nexit 7\n');
    chmodSync(join(app, 'mishen-desktop'), 0o755);
    mkdirSync(join(root, 'usr', 'bin'), { recursive: true });
    symlinkSync(join(app, 'resources/cli/mishen'), join(root, 'usr/bin/mishen'));
    const r = spawnSync(join(root, 'usr/bin/mishen'), ['audit', 'verify', '--data', '/数据 目录', '--password-stdin'], { encoding: 'utf8' });
    expect(r.stdout).toBe('[--ozone-platform=headless][--mishen-cli][--][audit][verify][--data][/数据 目录][--password-stdin]');
    expect(r.status).toBe(7);
  });
});
