import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  devNativeDir,
  electronBindingPath,
  electronNativeBinding,
  NativeBindingMissingError,
  scanNativePath,
} from '../../../electron/main/native';
import { nativeCandidates } from '../../../electron/scanner/native';
import * as script from '../../../scripts/native-electron.mjs';

const MODULE = 'better-sqlite3-multiple-ciphers';
const target = {
  packaged: false,
  resourcesPath: '/opt/密审台/resources',
  appPath: '/src/mishen',
  electronVersion: '45.4.1',
  platform: 'linux',
  arch: 'arm64',
};

describe('which native build the main process loads', () => {
  it('uses the checkout folder for this Electron version, platform and architecture when unpackaged', () => {
    expect(electronBindingPath(target)).toBe(join('/src/mishen/build/native/electron-45.4.1-linux-arm64/better_sqlite3.node'));
    expect(electronBindingPath({ ...target, arch: 'x64' })).not.toBe(electronBindingPath(target));
    expect(electronBindingPath({ ...target, electronVersion: '46.0.0' })).toContain('electron-46.0.0-linux-arm64');
  });

  it('uses the resources folder when packaged, whatever the checkout', () => {
    expect(electronBindingPath({ ...target, packaged: true })).toBe(join('/opt/密审台/resources/native/better_sqlite3.node'));
  });

  it('hands the scanner its native pass: beside the SQLite module when packaged, npm install’s build in a checkout', () => {
    expect(scanNativePath({ ...target, packaged: true })).toBe(join('/opt/密审台/resources/native/mishen_scan.node'));
    expect(scanNativePath(target)).toBe(join('/src/mishen/electron/scanner/native/build/Release/mishen_scan.node'));
    // The scanner itself looks there first, then in the packaged resources, then in the checkout.
    const c = nativeCandidates({ MISHEN_SCAN_NATIVE: '/x/mishen_scan.node' }, '/opt/密审台/resources');
    expect(c.slice(0, 2)).toEqual(['/x/mishen_scan.node', join('/opt/密审台/resources/native/mishen_scan.node')]);
    expect(c.some((p) => p.endsWith(join('electron', 'scanner', 'native', 'build', 'Release', 'mishen_scan.node')))).toBe(true);
    expect(nativeCandidates({ MISHEN_SCAN_NATIVE: 'off' }, undefined).some((p) => p === 'off')).toBe(false);
  });

  it('never points at Node’s build in node_modules', () => {
    for (const packaged of [true, false]) expect(electronBindingPath({ ...target, packaged })).not.toContain('node_modules');
  });

  it('the script writes to the folder the main process reads', () => {
    expect(script.nativeDir('/src/mishen', '45.4.1', 'linux', 'arm64')).toBe(devNativeDir('/src/mishen', '45.4.1', 'linux', 'arm64'));
    expect(script.BINDING_FILE).toBe('better_sqlite3.node');
  });

  it('refuses to start with a clear Chinese message when the build is missing', () => {
    const app = { isPackaged: false, getAppPath: () => '/nowhere' };
    expect(() => electronNativeBinding(app, () => false)).toThrow(NativeBindingMissingError);
    expect(() => electronNativeBinding(app, () => false)).toThrow(/数据库组件缺失/);
    const seen: string[] = [];
    const path = electronNativeBinding(app, (p) => (seen.push(p), true));
    expect(seen).toEqual([path]);
  });
});

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const tmpRoots: string[] = [];
afterEach(() => {
  for (const d of tmpRoots.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A checkout with Node's build in place and (optionally) an installed Electron. */
function fakeCheckout(withElectronBinary: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'mishen-native-'));
  tmpRoots.push(root);
  const mod = join(root, 'node_modules', MODULE);
  mkdirSync(join(mod, 'build', 'Release'), { recursive: true });
  mkdirSync(join(mod, 'src'), { recursive: true });
  writeFileSync(join(mod, 'package.json'), JSON.stringify({ name: MODULE, version: '12.11.1' }));
  writeFileSync(join(mod, 'src', 'better_sqlite3.cpp'), '// source');
  writeFileSync(join(mod, 'build', 'Release', 'better_sqlite3.node'), 'node-abi-115');
  const electron = join(root, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  writeFileSync(join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  if (withElectronBinary) {
    writeFileSync(join(electron, 'path.txt'), 'electron');
    mkdirSync(join(electron, 'dist'));
    writeFileSync(join(electron, 'dist', 'electron'), '');
  }
  return root;
}

describe('scripts/native-electron.mjs', () => {
  it('does nothing without an Electron binary: no folder, Node’s build untouched', async () => {
    const root = fakeCheckout(false);
    const nodeBuild = join(root, 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node');
    const before = sha(nodeBuild);
    const log: string[] = [];
    const result = await script.ensureForInstalledElectron({ root, force: true, log: (m: string) => log.push(m) });
    expect(result).toEqual({ action: 'skipped-no-electron' });
    expect(existsSync(join(root, 'build'))).toBe(false);
    expect(sha(nodeBuild)).toBe(before);
    expect(log.join('\n')).toMatch(/未找到 Electron/);
  });

  it('treats path.txt without the binary as no Electron (an interrupted download)', () => {
    const root = fakeCheckout(false);
    writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(script.installedElectron(root)).toBeNull();
    expect(script.installedElectron(fakeCheckout(true))).toMatchObject({ version: '45.4.1' });
  });

  it('the real checkout has no Electron binary here, and running the script changes nothing', async () => {
    const nodeBuild = join(process.cwd(), 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node');
    const before = sha(nodeBuild);
    const log: string[] = [];
    expect(await script.ensureForInstalledElectron({ log: (m: string) => log.push(m) })).toEqual({ action: 'skipped-no-electron' });
    expect(sha(nodeBuild)).toBe(before);
  });

  it('stages the sources without Node’s build, so a rebuild cannot overwrite it', () => {
    const root = fakeCheckout(true);
    const stage = join(root, 'build', 'native', '.stage-test');
    const staged = script.stageModule(root, stage);
    expect(readdirSync(staged).sort()).toEqual(['package.json', 'src']);
    expect(JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8')).dependencies).toEqual({ [MODULE]: '12.11.1' });
    expect(readFileSync(join(root, 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe('node-abi-115');
  });

  it('is up to date only with a binding built for the installed module version', () => {
    const root = fakeCheckout(true);
    expect(script.isUpToDate(root, '45.4.1', 'linux', 'x64')).toBe(false);
    const dir = script.nativeDir(root, '45.4.1', 'linux', 'x64');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'better_sqlite3.node'), 'electron-abi');
    writeFileSync(join(dir, 'build.json'), JSON.stringify({ module: '12.10.0' }));
    expect(script.isUpToDate(root, '45.4.1', 'linux', 'x64')).toBe(false);
    writeFileSync(join(dir, 'build.json'), JSON.stringify({ module: '12.11.1' }));
    expect(script.isUpToDate(root, '45.4.1', 'linux', 'x64')).toBe(true);
  });
});

describe('rebuilding for Electron', () => {
  const readBuild = () => readFileSync(join(process.cwd(), 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node'));

  it('writes the new build under its final name only when complete, and never touches Node’s', async () => {
    const root = fakeCheckout(true);
    const nodeBuild = join(root, 'node_modules', MODULE, 'build', 'Release', 'better_sqlite3.node');
    const seen: { buildPath: string }[] = [];
    const rebuilder = async (o: { buildPath: string }) => {
      seen.push(o);
      const out = join(o.buildPath, 'node_modules', MODULE, 'build', 'Release');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'better_sqlite3.node'), 'electron-abi');
    };
    const path = await script.rebuildForElectron({ root, electronVersion: '45.4.1', platform: 'linux', arch: 'arm64', log: () => {}, rebuilder });
    expect(path).toBe(join(script.nativeDir(root, '45.4.1', 'linux', 'arm64'), 'better_sqlite3.node'));
    expect(readFileSync(path, 'utf8')).toBe('electron-abi');
    expect(readFileSync(nodeBuild, 'utf8')).toBe('node-abi-115');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ electronVersion: '45.4.1', platform: 'linux', arch: 'arm64', onlyModules: [MODULE], force: true });
    expect(script.isUpToDate(root, '45.4.1', 'linux', 'arm64')).toBe(true);
    // The staging copy is gone.
    expect(readdirSync(join(root, 'build', 'native'))).toEqual(['electron-45.4.1-linux-arm64']);
  });

  it('leaves nothing under the final name when the rebuild fails', async () => {
    const root = fakeCheckout(true);
    const rebuilder = async () => {
      throw new Error('no headers (offline)');
    };
    await expect(script.rebuildForElectron({ root, electronVersion: '45.4.1', log: () => {}, rebuilder })).rejects.toThrow(/offline/);
    expect(readdirSync(join(root, 'build', 'native'))).toEqual([]);
  });

  it('the staged module is what @electron/rebuild finds, with prebuild-install from the checkout', async () => {
    const before = sha256(readBuild());
    const stage = join(process.cwd(), 'build', 'native', `.stage-test-${process.pid}`);
    const hadBuildFolder = existsSync(join(process.cwd(), 'build'));
    try {
      const staged = script.stageModule(process.cwd(), stage);
      // Internal modules of @electron/rebuild 4 (not in its exports map): loaded by file URL.
      const lib = (f: string) => pathToFileURL(join(process.cwd(), 'node_modules', '@electron', 'rebuild', 'lib', f)).href;
      const { Rebuilder } = await import(/* @vite-ignore */ lib('rebuild.js'));
      const { PrebuildInstall } = await import(/* @vite-ignore */ lib('module-type/prebuild-install.js'));
      const { EventEmitter } = await import('node:events');
      const r = new Rebuilder({ buildPath: stage, electronVersion: '45.4.1', onlyModules: [MODULE], lifecycle: new EventEmitter() });
      expect([...(await r.modulesToRebuild())]).toEqual([staged]);
      const p = new PrebuildInstall(r, staged);
      expect(await p.usesTool()).toBe(true);
      expect(await p.locateBinary()).toBe(join(process.cwd(), 'node_modules', 'prebuild-install', 'bin.js'));
    } finally {
      rmSync(stage, { recursive: true, force: true });
      if (!hadBuildFolder) rmSync(join(process.cwd(), 'build'), { recursive: true, force: true });
    }
    expect(sha256(readBuild())).toBe(before);
  });
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
