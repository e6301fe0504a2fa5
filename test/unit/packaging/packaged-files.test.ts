import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BuilderConfig,
  candidateFiles,
  loadConfig,
  packagedAppFiles,
  packagedModuleFiles,
  productionModules,
  ROOT,
  walkFiles,
} from './builder';

// What goes into app.asar, decided by electron-builder's own matchers over the
// repository's files (git ls-files) and the build output: no download, no packaging.

let config: BuilderConfig;
let candidates: string[];
const packaged: Record<string, string[]> = {};
const TARGETS = [
  { os: 'linux', arch: 'x64' },
  { os: 'linux', arch: 'arm64' },
  { os: 'win', arch: 'x64' },
];

beforeAll(async () => {
  config = await loadConfig();
  candidates = candidateFiles();
  for (const t of TARGETS) packaged[`${t.os}-${t.arch}`] = packagedAppFiles(config, t, candidates);
});

describe.each(TARGETS)('files packaged for $os $arch', (t) => {
  const files = () => packaged[`${t.os}-${t.arch}`]!;

  it('has the app: main, worker, preload, renderer, package.json', () => {
    for (const f of ['package.json', 'out/main/index.js', 'out/main/documents-worker.js', 'out/main/scan-pool-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(files()).toContain(f);
    }
  });

  it('has nothing outside the built app and package.json', () => {
    const stray = files().filter((f) => f !== 'package.json' && !/^out\/(main|preload|renderer)\//.test(f));
    expect(stray).toEqual([]);
  });

  it('has no browser host, sources, tests, bench, tools or scripts', () => {
    const forbidden = /^(electron|renderer|shared|test|bench|tools|scripts|resources|bin|build)\/|^out\/host-shim\//;
    expect(candidates.some((f) => f.startsWith('electron/host/'))).toBe(true);
    expect(candidates.some((f) => f.startsWith('test/'))).toBe(true);
    expect(files().filter((f) => forbidden.test(f))).toEqual([]);
  });

  it('has no source maps', () => {
    expect(candidates.some((f) => f.endsWith('.map'))).toBe(true);
    expect(files().filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('has no configuration, lock or dot files of the repository', () => {
    const names = files().map((f) => f.split('/').pop()!);
    expect(names.filter((n) => n.startsWith('.') || /lock|tsconfig|eslint|vitest|playwright|electron-builder/.test(n))).toEqual([]);
  });
});

describe('the matcher really filters', () => {
  it('a configuration without the exclusions would package the browser host shim and source maps', () => {
    const loose = { ...config, files: config.files.map((set: { filter: string[] }) => ({ ...set, filter: set.filter.filter((p) => !p.startsWith('!')) })) };
    const files = packagedAppFiles(loose, { os: 'linux', arch: 'x64' }, candidates);
    expect(files).toContain('out/main/index.js.map');
    const wide = { ...config, files: [{ filter: ['**/*'] }] };
    expect(packagedAppFiles(wide, { os: 'linux', arch: 'x64' }, candidates)).toContain('electron/host/cli.ts');
  });
});

describe('node_modules in the package', () => {
  let modules: Set<string>;
  beforeAll(async () => {
    modules = await productionModules();
  }, 120_000);

  it('holds every dependency and no development dependency', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    for (const d of Object.keys(pkg['dependencies']!)) expect(modules, d).toContain(d);
    // @types/node arrives through exceljs → fast-csv, a production path; type files only.
    const allowed = new Set(['@types/node']);
    expect(Object.keys(pkg['devDependencies']!).filter((d) => modules.has(d) && !allowed.has(d))).toEqual([]);
    for (const tool of ['electron', 'electron-builder', 'vite', 'vitest', 'tsx', '@playwright/test', 'react']) expect(modules.has(tool), tool).toBe(false);
  });

  it('drops Node’s build and the C sources of the SQLite module (Electron’s build comes from extraResources)', () => {
    const all = walkFiles('node_modules/better-sqlite3-multiple-ciphers');
    const kept = packagedModuleFiles(config, { os: 'linux', arch: 'x64' }, all);
    expect(all.some((f) => f.endsWith('.node'))).toBe(true);
    expect(kept.filter((f) => /\.node$|\/(build|deps|src)\/|binding\.gyp$/.test(f))).toEqual([]);
    expect(kept).toContain('node_modules/better-sqlite3-multiple-ciphers/lib/database.js');
    expect(kept).toContain('node_modules/better-sqlite3-multiple-ciphers/package.json');
    const without = { ...config, files: [{ filter: config.files[0].filter.filter((p: string) => !p.includes('better-sqlite3')) }] };
    expect(packagedModuleFiles(without, { os: 'linux', arch: 'x64' }, all).some((f) => f.endsWith('.node'))).toBe(true);
  });

  it('drops source maps inside dependencies too', () => {
    const maps = ['node_modules/pdfjs-dist/build/pdf.mjs.map', 'node_modules/zod/index.js.map'];
    expect(packagedModuleFiles(config, { os: 'win', arch: 'x64' }, [...maps, 'node_modules/zod/index.js'])).toEqual(['node_modules/zod/index.js']);
  });
});
