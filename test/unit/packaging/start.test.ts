import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from './builder';

// npm start's choice between Electron and the browser host, run in a scratch checkout
// whose host, rebuild script and electron-vite are stand-ins that report how they were called.

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const reporter = (name: string, code = 0) => `process.stdout.write(${JSON.stringify(name)} + ' ' + JSON.stringify(process.argv.slice(2)) + '\\n'); process.exit(${code});\n`;

function checkout({ electronBinary, rebuildExit = 0 }: { electronBinary: boolean; rebuildExit?: number }): string {
  const dir = mkdtempSync(join(tmpdir(), 'mishen-start-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(ROOT, 'scripts/start.mjs'), join(dir, 'scripts/start.mjs'));
  writeFileSync(join(dir, 'scripts/host.mjs'), reporter('HOST'));
  writeFileSync(join(dir, 'scripts/native-electron.mjs'), reporter('REBUILD', rebuildExit));
  mkdirSync(join(dir, 'node_modules/electron-vite/bin'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/electron-vite/bin/electron-vite.js'), reporter('ELECTRON'));
  mkdirSync(join(dir, 'node_modules/electron/dist'), { recursive: true });
  if (electronBinary) {
    writeFileSync(join(dir, 'node_modules/electron/path.txt'), 'electron');
    writeFileSync(join(dir, 'node_modules/electron/dist/electron'), '');
  }
  return dir;
}

const start = (dir: string, args: string[] = []) =>
  spawnSync(process.execPath, ['scripts/start.mjs', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'cfg') } });

describe('npm start', () => {
  it('without an Electron binary: the browser host on the default data folder, and no rebuild', () => {
    const r = start(checkout({ electronBinary: false }));
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/REBUILD|ELECTRON/);
    expect(r.stdout).toMatch(/^HOST \["--data",".*密审台[/\\]data"\]$/m);
    expect(r.stderr).toMatch(/未找到 Electron 可执行文件.*改用浏览器宿主/);
  });

  it('with an Electron binary: builds Electron’s native module, then runs the app with the arguments', () => {
    const r = start(checkout({ electronBinary: true }), ['--data', '/d']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['REBUILD []', 'ELECTRON ["preview","--","--data","/d"]']);
  });

  it('when that build fails: says so and falls back to the browser host', () => {
    const r = start(checkout({ electronBinary: true, rebuildExit: 1 }), ['--data', '/d']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['REBUILD []', 'HOST ["--data","/d"]']);
    expect(r.stderr).toMatch(/数据库组件未能编译.*改用浏览器宿主/);
  });
});
