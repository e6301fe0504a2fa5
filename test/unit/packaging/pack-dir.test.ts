import { readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSES, fuseMismatches } from '../../../scripts/fuses.mjs';
import { productionModules, ROOT } from './builder';
import { packLinuxDir, type PackRun } from './pack-dir';

// The installer's content from a real electron-builder run (about 15 s): the file list
// inside app.asar, what sits beside it, and the fuses in the binary.

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(archive: string, options: { isPack: boolean }): string[] };
const { getCurrentFuseWire } = require('@electron/fuses') as typeof import('@electron/fuses');

const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
const supported = process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64');

describe.runIf(supported)('electron-builder --linux dir, offline', () => {
  let run: PackRun | null;
  let files: string[] = [];

  beforeAll(() => {
    run = packLinuxDir(arch);
    if (run?.status === 0) files = asar.listPackage(join(run.appOutDir, 'resources/app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
  }, 300_000);
  afterAll(() => {
    if (run) rmSync(run.scratch, { recursive: true, force: true });
  });

  it('packages without a network and without the Electron download', () => {
    if (!run) return expect.unreachable('node_modules could not be hard-linked into the temp folder');
    expect(run.status, run.output.slice(-3000)).toBe(0);
    expect(run.output).toMatch(/using custom unpacked Electron distribution/);
    expect(run.output).not.toMatch(/downloading/i);
  });

  it('puts the app and package.json in app.asar, and nothing of the development tree', () => {
    for (const f of ['/package.json', '/out/main/index.js', '/out/main/documents-worker.js', '/out/main/scan-pool-worker.js', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(files).toContain(f);
    const own = files.filter((f) => !f.startsWith('/node_modules'));
    expect(own.filter((f) => !/^\/(package\.json|out|out\/(main|preload|renderer)(\/.*)?)$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('carries every production dependency and no development one', async () => {
    const top = new Set(files.filter((f) => /^\/node_modules\/(@[^/]+\/)?[^/]+$/.test(f)).map((f) => f.slice('/node_modules/'.length)));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    for (const d of Object.keys(pkg['dependencies']!)) expect(top, d).toContain(d);
    // Nothing that electron-builder's own production walk (as in packaged-files.test.ts) leaves out.
    const prod = await productionModules();
    const scopes = new Set([...prod].filter((m) => m.startsWith('@')).map((m) => m.split('/')[0]));
    expect([...top].filter((m) => !prod.has(m) && !scopes.has(m))).toEqual([]);
    const dev = Object.keys(pkg['devDependencies']!).filter((d) => d !== '@types/node');
    expect(dev.filter((d) => top.has(d))).toEqual([]);
  });

  it('leaves Node’s SQLite build and sources out, and puts Electron’s in resources/native', () => {
    const sqlite = files.filter((f) => f.startsWith('/node_modules/better-sqlite3-multiple-ciphers/'));
    expect(sqlite).toContain('/node_modules/better-sqlite3-multiple-ciphers/lib/database.js');
    expect(sqlite.filter((f) => /\/(build|deps|src)(\/|$)|\.node$|binding\.gyp$/.test(f))).toEqual([]);
    expect(readFileSync(join(run!.appOutDir, 'resources/native/better_sqlite3.node')).equals(run!.seededBinding)).toBe(true);
  });

  it('puts the scanner’s native pass in resources/native, where the scanner looks first in the package', () => {
    expect(readFileSync(join(run!.appOutDir, 'resources/native/mishen_scan.node')).equals(run!.scanBinding)).toBe(true);
    expect(files.filter((f) => f.includes('mishen_scan') || f.endsWith('scan.c') || f.endsWith('tables.c'))).toEqual([]);
  });

  it('unpacks sharp and libvips next to app.asar', () => {
    const unpacked = join(run!.appOutDir, 'resources/app.asar.unpacked/node_modules');
    expect(statSync(join(unpacked, 'sharp')).isDirectory()).toBe(true);
    expect(statSync(join(unpacked, `@img/sharp-linux-${arch}`)).isDirectory()).toBe(true);
  });

  it('installs the command line launcher, executable', () => {
    const cli = join(run!.appOutDir, 'resources/cli/mishen');
    expect(statSync(cli).mode & 0o111).not.toBe(0);
    expect(readFileSync(cli, 'utf8')).toBe(readFileSync(join(ROOT, 'resources/build/cli/mishen'), 'utf8'));
  });

  it('names the binary mishen-desktop and flips its fuses; the ninth keeps Electron’s setting', async () => {
    const wire = (await getCurrentFuseWire(join(run!.appOutDir, 'mishen-desktop'))) as unknown as Record<number, number>;
    expect(fuseMismatches(wire)).toEqual([]);
    expect(wire[8]).toBe(49);
    expect(FUSES[0]).toBe(false);
  });
});
