import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';

// electron-builder's own code, used offline: its config loader and schema, its file
// matchers and its production-dependency collector. Internal modules of app-builder-lib
// 26.17 (pinned in package.json); a test fails loudly if an upgrade moves them.

export const ROOT = resolve(import.meta.dirname, '../../..');
const require = createRequire(join(ROOT, 'package.json'));

/* eslint-disable @typescript-eslint/no-explicit-any -- untyped internals of app-builder-lib */
const configModule = require('app-builder-lib/out/util/config/config') as any;
const fileMatcher = require('app-builder-lib/out/fileMatcher') as any;
const macro = require('app-builder-lib/out/util/macroExpander') as any;
const collector = require('app-builder-lib/out/node-module-collector') as any;
const resolveHook = require('app-builder-lib/out/util/resolve') as any;
const { DebugLogger } = require('builder-util') as any;
const { TmpDir } = require('temp-file') as any;

export type BuilderConfig = Record<string, any>;

export async function loadConfig(file = join(ROOT, 'electron-builder.yml')): Promise<BuilderConfig> {
  return configModule.getConfig(ROOT, file, null);
}

/** electron-builder's JSON-schema check; rejects with its own message. */
export async function validateConfig(config: BuilderConfig): Promise<void> {
  await configModule.validateConfiguration(config, new DebugLogger(false));
}

/** A hook as electron-builder loads it (path relative to the project folder). */
export async function loadHook(path: string, name: string): Promise<unknown> {
  return resolveHook.resolveFunction(undefined, path, name, ROOT);
}

export interface Target {
  /** electron-builder's ${os}: linux, win */
  os: string;
  arch: string;
}

function expander(config: BuilderConfig, t: Target) {
  const appInfo = { productName: config.productName, sanitizedProductName: config.productName, version: '0.0.0' };
  return (s: string) => macro.expandMacro(s, t.arch, appInfo, { os: t.os, '/*': '{,/**/*}' });
}

/**
 * Decides, as electron-builder does when copying the app into app.asar, whether each
 * project file (relative, '/'-separated) is packaged: every parent folder and the file
 * itself must pass the main matcher's filter.
 */
export function packagedAppFiles(config: BuilderConfig, t: Target, candidates: readonly string[]): string[] {
  const platformOptions = config[t.os] ?? {};
  const info = {
    projectDir: ROOT,
    buildResourcesDir: config.directories.buildResources,
    isPrepackedAppAsar: false,
    config,
    debugLogger: new DebugLogger(false),
  };
  const outDir = resolve(ROOT, config.directories.output);
  const matchers = fileMatcher.getMainFileMatchers(ROOT, '/pkg/resources/app', expander(config, t), platformOptions, { info }, outDir, false);
  const filter = matchers[0].createFilter();
  const stat = (dir: boolean) => ({ isDirectory: () => dir, isFile: () => !dir });
  const passes = (rel: string, dir: boolean) => filter(join(ROOT, ...rel.split('/')), stat(dir)) as boolean;
  return candidates.filter((rel) => {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) if (!passes(parts.slice(0, i).join('/'), true)) return false;
    return passes(rel, false);
  });
}

/**
 * Whether files of a dependency ('node_modules/<name>/…') are copied, as electron-builder's
 * NodeModuleCopyHelper decides: only the `files` exclusions apply, matched against the
 * path inside the app (stat.moduleFullFilePath).
 */
export function packagedModuleFiles(config: BuilderConfig, t: Target, files: readonly string[]): string[] {
  const expand = expander(config, t);
  const main = fileMatcher.getNodeModuleFileMatcher(ROOT, '/pkg/resources/app', expand, config[t.os] ?? {}, {
    config,
    debugLogger: new DebugLogger(false),
  });
  const filter = new fileMatcher.FileMatcher(join(ROOT, 'node_modules'), '/pkg/resources/app', expand, main.patterns).createFilter();
  return files.filter((rel) => filter(join(ROOT, 'node_modules', 'x'), { isDirectory: () => false, moduleFullFilePath: rel }));
}

/** extraResources as electron-builder resolves them for one target: absolute from, relative to. */
export function extraResources(config: BuilderConfig, t: Target): { from: string; to: string; patterns: string[] }[] {
  const dest = '/pkg/resources';
  const matchers = fileMatcher.getFileMatchers(config, 'extraResources', dest, {
    macroExpander: expander(config, t),
    customBuildOptions: config[t.os] ?? {},
    globalOutDir: resolve(ROOT, config.directories.output),
    defaultSrc: ROOT,
  }) as { from: string; to: string; patterns: string[] }[];
  return matchers.map((m) => ({ from: m.from, to: relative(dest, m.to).split(sep).join('/'), patterns: m.patterns }));
}

/** The repository's files plus what the build writes to out/ (present or, if not built yet, typical). */
export function candidateFiles(): string[] {
  let tracked: string[];
  try {
    tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\0')
      .filter(Boolean);
  } catch {
    // A copy without git history: every file outside what installs and builds write.
    const skip = new Set(['node_modules', '.git', 'out', 'dist', 'build', 'test-results', 'playwright-report']);
    tracked = readdirSync(ROOT).flatMap((n) => (skip.has(n) ? [] : statSync(join(ROOT, n)).isDirectory() ? walkFiles(n) : [n]));
  }
  const built: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(join(ROOT, dir));
    } catch {
      return;
    }
    for (const n of names) {
      const rel = `${dir}/${n}`;
      if (statSync(join(ROOT, rel)).isDirectory()) walk(rel);
      else built.push(rel);
    }
  };
  walk('out');
  return [...new Set([...tracked, ...built, ...TYPICAL_BUILD])];
}

/** Every file under a folder of the checkout, relative and '/'-separated. */
export function walkFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const n of readdirSync(join(ROOT, rel))) {
      const child = `${rel}/${n}`;
      if (statSync(join(ROOT, child)).isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk(dir);
  return out;
}

const TYPICAL_BUILD = [
    'out/main/index.js',
    'out/main/index.js.map',
    'out/main/documents-worker.js',
    'out/main/scan-pool-worker.js',
    'out/preload/index.cjs',
    'out/preload/index.cjs.map',
    'out/renderer/index.html',
    'out/renderer/assets/index-0000.js',
    'out/renderer/assets/index-0000.js.map',
    'out/host-shim/host-shim.js',
];

/** Names of the packages electron-builder would copy into the app's node_modules. */
export async function productionModules(): Promise<Set<string>> {
  const tmp = new TmpDir('mishen-packaging-test');
  try {
    const c = collector.getCollectorByPackageManager(collector.PM.NPM, ROOT, tmp);
    const { nodeModules } = await c.getNodeModules({ packageName: 'mishen' });
    const names = new Set<string>();
    const walk = (list: { name: string; dependencies?: unknown[] }[]) => {
      for (const m of list) {
        names.add(m.name);
        if (m.dependencies) walk(m.dependencies as never);
      }
    };
    walk(nodeModules);
    return names;
  } finally {
    await tmp.cleanup();
  }
}
