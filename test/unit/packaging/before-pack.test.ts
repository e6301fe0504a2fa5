import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import beforePack, { ARCH_NAMES, packageNativeDir } from '../../../scripts/before-pack.mjs';
import { binaryTarget } from '../../../scripts/native-arch.mjs';
import { ROOT } from './builder';

const require = createRequire(import.meta.url);

/** The first bytes of an ELF shared object for e_machine `machine` (little-endian). */
function elf(machine: number): Buffer {
  const b = Buffer.alloc(64);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2; // 64-bit
  b[5] = 1; // little-endian
  b.writeUInt16LE(3, 16); // ET_DYN
  b.writeUInt16LE(machine, 18);
  return b;
}

/** The first bytes of a PE file for `machine`. */
function pe(machine: number): Buffer {
  const b = Buffer.alloc(0x100);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(machine, 0x84);
  return b;
}

describe('the architecture of a native module', () => {
  it('reads ELF and PE headers', () => {
    expect(binaryTarget(elf(62))).toEqual({ format: 'elf', arch: 'x64' });
    expect(binaryTarget(elf(183))).toEqual({ format: 'elf', arch: 'arm64' });
    expect(binaryTarget(pe(0x8664))).toEqual({ format: 'pe', arch: 'x64' });
    expect(binaryTarget(pe(0xaa64))).toEqual({ format: 'pe', arch: 'arm64' });
    expect(binaryTarget(Buffer.from('not a binary at all, just text............................................'))).toBeNull();
    expect(binaryTarget(Buffer.alloc(0))).toBeNull();
  });

  it.runIf(process.platform === 'linux')('reads this machine’s own build of the SQLite module', () => {
    const node = readFileSync(join(ROOT, 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node'));
    expect(binaryTarget(node)).toEqual({ format: 'elf', arch: process.arch });
  });
});

describe('the beforePack hook', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
  });

  function setup(bytes: Buffer) {
    const root = mkdtempSync(join(tmpdir(), 'mishen-beforepack-'));
    roots.push(root);
    mkdirSync(join(root, 'node_modules/better-sqlite3-multiple-ciphers'), { recursive: true });
    writeFileSync(join(root, 'node_modules/better-sqlite3-multiple-ciphers/package.json'), JSON.stringify({ version: '12.11.1' }));
    const calls: unknown[] = [];
    const rebuild = async (o: { root: string; electronVersion: string; platform: string; arch: string }) => {
      calls.push(o);
      const dir = join(o.root, 'build/native', `electron-${o.electronVersion}-${o.platform}-${o.arch}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'better_sqlite3.node'), bytes);
      writeFileSync(join(dir, 'build.json'), JSON.stringify({ module: '12.11.1' }));
      return join(dir, 'better_sqlite3.node');
    };
    return { root, calls, rebuild };
  }

  const context = (arch: number, electronPlatformName: string, os: string) => ({
    arch,
    electronPlatformName,
    packager: { platform: { buildConfigurationKey: os }, info: { framework: { version: '45.4.1' } } },
  });

  it('maps electron-builder’s Arch enum', () => {
    const { Arch } = require('builder-util') as { Arch: Record<string, number> };
    for (const name of ['ia32', 'x64', 'armv7l', 'arm64']) expect(ARCH_NAMES[Arch[name]!]).toBe(name);
  });

  it('puts the target’s build where extraResources reads it, rebuilding only when needed', async () => {
    const { root, calls, rebuild } = setup(elf(183));
    const ctx = context(3, 'linux', 'linux');
    await beforePack(ctx, { root, rebuild });
    const out = join(packageNativeDir(root, 'linux', 'arm64'), 'better_sqlite3.node');
    expect(readFileSync(out)).toEqual(elf(183));
    expect(calls).toEqual([{ root, electronVersion: '45.4.1', platform: 'linux', arch: 'arm64' }]);
    await beforePack(ctx, { root, rebuild });
    expect(calls).toHaveLength(1);
  });

  it('puts the scanner’s native pass beside it when built for the target, and goes without it (saying so) when not', async () => {
    const scanAt = (root: string, bytes: Buffer) => {
      mkdirSync(join(root, 'electron/scanner/native/build/Release'), { recursive: true });
      writeFileSync(join(root, 'electron/scanner/native/build/Release/mishen_scan.node'), bytes);
    };
    const built = setup(elf(183));
    scanAt(built.root, elf(183));
    const logs: string[] = [];
    await beforePack(context(3, 'linux', 'linux'), { root: built.root, rebuild: built.rebuild, log: (m: string) => logs.push(m) });
    expect(readFileSync(join(packageNativeDir(built.root, 'linux', 'arm64'), 'mishen_scan.node'))).toEqual(elf(183));
    expect(logs).toEqual([]);
    const other = setup(elf(183));
    scanAt(other.root, elf(62));
    await beforePack(context(3, 'linux', 'linux'), { root: other.root, rebuild: other.rebuild, log: (m: string) => logs.push(m) });
    expect(existsSync(join(packageNativeDir(other.root, 'linux', 'arm64'), 'mishen_scan.node'))).toBe(false);
    expect(existsSync(join(packageNativeDir(other.root, 'linux', 'arm64'), 'better_sqlite3.node'))).toBe(true);
    expect(logs).toEqual([expect.stringMatching(/no mishen_scan\.node for linux arm64 \(the build is elf x64\).*JavaScript alone/)]);
  });

  it('refuses a build for another CPU or system, leaving nothing to package', async () => {
    const wrongCpu = setup(elf(62));
    await expect(beforePack(context(3, 'linux', 'linux'), { root: wrongCpu.root, rebuild: wrongCpu.rebuild })).rejects.toThrow(/elf x64, not linux arm64/);
    expect(existsSync(packageNativeDir(wrongCpu.root, 'linux', 'arm64'))).toBe(false);
    const wrongOs = setup(elf(62));
    await expect(beforePack(context(1, 'win32', 'win'), { root: wrongOs.root, rebuild: wrongOs.rebuild })).rejects.toThrow(/not win x64/);
    const right = setup(pe(0x8664));
    await beforePack(context(1, 'win32', 'win'), { root: right.root, rebuild: right.rebuild });
    expect(existsSync(join(packageNativeDir(right.root, 'win', 'x64'), 'better_sqlite3.node'))).toBe(true);
  });
});
