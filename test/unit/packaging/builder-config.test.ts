import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import afterPack from '../../../scripts/after-pack.mjs';
import beforePack from '../../../scripts/before-pack.mjs';
import { type BuilderConfig, extraResources, loadConfig, loadHook, ROOT, validateConfig } from './builder';

// electron-builder.yml, loaded and schema-checked by electron-builder's own code.

let config: BuilderConfig;
beforeAll(async () => {
  config = await loadConfig();
});

const targets = (platform: 'linux' | 'win') =>
  (config[platform].target as { target: string; arch: string[] }[]).map((t) => `${t.target}:${[...t.arch].sort().join(',')}`).sort();

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema, which does reject a wrong key', async () => {
    await expect(validateConfig(config)).resolves.toBeUndefined();
    await expect(validateConfig({ ...config, nsis: { ...config.nsis, languge: '2052' } })).rejects.toThrow(/configuration\.nsis/);
  });

  it('names the app', () => {
    expect(config.appId).toBe('cn.gov.mishen');
    expect(config.productName).toBe('密审台');
  });

  it('builds Windows nsis x64, and Linux deb and AppImage for x64 and arm64', () => {
    expect(targets('win')).toEqual(['nsis:x64']);
    expect(targets('linux')).toEqual(['AppImage:arm64,x64', 'deb:arm64,x64']);
    expect(config.mac).toBeUndefined();
  });

  it('never updates itself or publishes anywhere', () => {
    expect(config.publish).toBeNull();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(Object.keys({ ...pkg['dependencies'], ...pkg['devDependencies'] })).not.toContain('electron-updater');
    // No update-info or blockmap hooks either: nothing to fetch an update with.
    expect(JSON.stringify(config)).not.toMatch(/https?:\/\/(?!mishen\.invalid)/);
  });

  it('has a Chinese-only Windows installer with Chinese texts', () => {
    const nsis = config.nsis;
    expect(nsis.language).toBe('2052');
    expect(nsis.installerLanguages).toEqual(['zh_CN']);
    expect(nsis.multiLanguageInstaller).toBe(false);
    expect(nsis.oneClick).toBe(false);
    expect(nsis.perMachine).toBe(true);
    expect(nsis.shortcutName).toBe('密审台');
    expect(nsis.uninstallDisplayName).toMatch(/^密审台/);
    const license = readFileSync(join(ROOT, nsis.license));
    // NSIS reads a UTF-8 text only with its byte-order mark.
    expect([...license.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = license.toString('utf8');
    expect(text).toMatch(/密审台/);
    expect(text).toMatch(/不自动更新/);
    // Chinese throughout; the only Latin words are the command and its folder.
    expect((text.match(/[A-Za-z]+/g) ?? []).filter((w) => !['mishen', 'resources', 'cli'].includes(w))).toEqual([]);
  });

  it('gives Linux desktop entries and package texts in Chinese', () => {
    expect(config.linux.desktop.entry.Name).toBe('密审台');
    expect(config.linux.synopsis).toMatch(/保密审查/);
    expect(config.linux.description).toMatch(/离线/);
    expect(config.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
  });
});

describe('the command line as a command of the app', () => {
  const cli = (t: { os: string; arch: string }) => extraResources(config, t).find((r) => r.to === 'cli');

  it('ships the launchers under resources/cli for every target', () => {
    for (const t of [{ os: 'linux', arch: 'x64' }, { os: 'linux', arch: 'arm64' }, { os: 'win', arch: 'x64' }]) {
      expect(cli(t)?.from).toBe(resolve(ROOT, 'resources/build/cli'));
    }
    const sh = join(ROOT, 'resources/build/cli/mishen');
    expect(statSync(sh).mode & 0o111).not.toBe(0);
  });

  it('the Linux launcher runs the binary electron-builder names, in CLI mode, passing every argument', () => {
    const sh = readFileSync(join(ROOT, 'resources/build/cli/mishen'), 'utf8');
    expect(sh.startsWith('#!/bin/sh\n')).toBe(true);
    expect(sh).toContain(`/../../${config.linux.executableName}"`);
    expect(sh).toMatch(/--mishen-cli -- "\$@"\n/);
    // The app window must keep a different name from the command.
    expect(config.linux.executableName).not.toBe('mishen');
  });

  it('the Windows launcher runs the .exe electron-builder names, with CRLF and plain ASCII', () => {
    const cmd = readFileSync(join(ROOT, 'resources/build/cli/mishen.cmd'));
    expect([...cmd].every((b) => b < 0x80)).toBe(true);
    const text = cmd.toString('ascii');
    expect(text.split('\r\n').length).toBeGreaterThan(2);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toContain(`"%~dp0..\\..\\${config.win.executableName}.exe" --mishen-cli -- %*`);
  });

  it('the deb links /usr/bin/mishen on install, removes only its own link, and keeps electron-builder’s steps', () => {
    const after = readFileSync(join(ROOT, config.deb.afterInstall), 'utf8');
    const remove = readFileSync(join(ROOT, config.deb.afterRemove), 'utf8');
    expect(after).toContain("ln -sf '/opt/${sanitizedProductName}/resources/cli/mishen' '/usr/bin/mishen'");
    expect(remove).toMatch(/readlink '\/usr\/bin\/mishen'.*resources\/cli\/mishen/);
    const upstream = (f: string) => readFileSync(join(ROOT, 'node_modules/app-builder-lib/templates/linux', f), 'utf8');
    expect(after.startsWith(upstream('after-install.tpl'))).toBe(true);
    expect(remove.startsWith(upstream('after-remove.tpl'))).toBe(true);
  });

  it('the deb scripts use only the macros electron-builder defines (others stop the build)', () => {
    for (const f of [config.deb.afterInstall, config.deb.afterRemove]) {
      const macros = [...readFileSync(join(ROOT, f), 'utf8').matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1]);
      expect(new Set(macros)).toEqual(new Set(['executable', 'sanitizedProductName']));
    }
  });
});

describe('Electron’s build of the native module in the package', () => {
  it('comes from the before-pack folder of each target into resources/native', () => {
    for (const t of [{ os: 'linux', arch: 'arm64' }, { os: 'win', arch: 'x64' }]) {
      const r = extraResources(config, t).find((x) => x.to === 'native');
      expect(r?.from).toBe(resolve(ROOT, `build/native/package/${t.os}-${t.arch}`));
      expect(r?.patterns).toEqual(['better_sqlite3.node', 'mishen_scan.node']);
    }
  });

  it('node_modules is not rebuilt in place', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
  });

  it('electron-builder loads the hooks as the functions in scripts/', async () => {
    for (const hook of [config.beforePack, config.afterPack]) expect(existsSync(resolve(ROOT, hook))).toBe(true);
    // Node's loader and Vitest's give two instances of each module: compare by name and behaviour.
    const before = (await loadHook(config.beforePack, 'beforePack')) as typeof beforePack;
    const after = (await loadHook(config.afterPack, 'afterPack')) as typeof afterPack;
    expect([before.name, after.name]).toEqual([beforePack.name, afterPack.name]);
    const ctx = { appOutDir: '/x', electronPlatformName: 'linux', packager: { executableName: 'x', appInfo: { productFilename: 'x' }, addElectronFuses: async () => 1 } };
    await expect(after(ctx, { readWire: async () => ({}) })).rejects.toThrow(/RunAsNode/);
    await expect(before({ arch: 99, electronPlatformName: 'linux', packager: { platform: { buildConfigurationKey: 'linux' }, info: { framework: { version: '45.4.1' } } } })).rejects.toThrow(/unknown architecture/);
  });

  it('flips the fuses in the hook only (electron-builder’s own electronFuses would run a second time)', () => {
    expect(config.electronFuses).toBeUndefined();
  });

  it('unpacks sharp and its libvips from app.asar', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/sharp/**', '**/node_modules/@img/**']));
  });
});
