// Electron's build of better-sqlite3-multiple-ciphers, next to Node's and never over it:
// node_modules keeps Node's build (tests, CLI); Electron's goes to
// build/native/electron-<version>-<platform>-<arch>/better_sqlite3.node, which the main
// process hands to better-sqlite3 as `nativeBinding` (electron/main/native.ts).
//
//   node scripts/native-electron.mjs          npm start: this machine, only if the Electron binary is installed
//   node scripts/native-electron.mjs --force  rebuild even if up to date
//
// Packaging calls rebuildForElectron() from scripts/before-pack.mjs for each target.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MODULE = 'better-sqlite3-multiple-ciphers';
export const BINDING_FILE = 'better_sqlite3.node';
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Same naming as devNativeDir() in electron/main/native.ts. */
export function nativeDir(root, electronVersion, platform, arch) {
  return join(root, 'build', 'native', `electron-${electronVersion}-${platform}-${arch}`);
}

/**
 * The installed Electron, found without require('electron'): that call downloads the
 * binary when it is missing, and this machine must make no such request.
 */
export function installedElectron(root) {
  const dir = join(root, 'node_modules', 'electron');
  const pkg = join(dir, 'package.json');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pkg) || !existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return null;
  return { version: JSON.parse(readFileSync(pkg, 'utf8')).version, binary };
}

function moduleVersion(root) {
  return JSON.parse(readFileSync(join(root, 'node_modules', MODULE, 'package.json'), 'utf8')).version;
}

/** Up to date when built for this module version (the folder name already fixes Electron, platform, arch). */
export function isUpToDate(root, electronVersion, platform, arch) {
  const dir = nativeDir(root, electronVersion, platform, arch);
  const stamp = join(dir, 'build.json');
  if (!existsSync(join(dir, BINDING_FILE)) || !existsSync(stamp)) return false;
  try {
    return JSON.parse(readFileSync(stamp, 'utf8')).module === moduleVersion(root);
  } catch {
    return false;
  }
}

/**
 * Copies the module's sources (without its build folder) into a staging project, so
 * @electron/rebuild compiles there and Node's build in node_modules is never touched.
 * The stage sits inside the checkout so `bindings` and `prebuild-install` resolve from
 * the checkout's node_modules.
 */
export function stageModule(root, stage) {
  rmSync(stage, { recursive: true, force: true });
  const src = join(root, 'node_modules', MODULE);
  const dest = join(stage, 'node_modules', MODULE);
  const build = join(src, 'build');
  cpSync(src, dest, { recursive: true, filter: (from) => from !== build && !from.startsWith(build + sep) });
  writeFileSync(
    join(stage, 'package.json'),
    JSON.stringify({ name: 'mishen-native-stage', private: true, dependencies: { [MODULE]: moduleVersion(root) } }),
  );
  return dest;
}

/** Rebuilds for one Electron target; returns the path of the new binding. Needs the network (headers or prebuilds). */
export async function rebuildForElectron({
  root = ROOT,
  electronVersion,
  platform = process.platform,
  arch = process.arch,
  log = console.log,
  rebuilder = async (options) => (await import('@electron/rebuild')).rebuild(options),
}) {
  const out = nativeDir(root, electronVersion, platform, arch);
  const stage = join(root, 'build', 'native', `.stage-${electronVersion}-${platform}-${arch}`);
  const staged = stageModule(root, stage);
  try {
    log(`正在为 Electron ${electronVersion}（${platform}-${arch}）编译数据库组件……`);
    await rebuilder({ buildPath: stage, electronVersion, platform, arch, onlyModules: [MODULE], force: true });
    const built = join(staged, 'build', 'Release', BINDING_FILE);
    if (!existsSync(built)) throw new Error(`@electron/rebuild produced no ${BINDING_FILE}`);
    mkdirSync(out, { recursive: true });
    // Never leave a half-copied binding under the final name.
    const tmp = join(out, `${BINDING_FILE}.tmp`);
    cpSync(built, tmp);
    renameSync(tmp, join(out, BINDING_FILE));
    writeFileSync(join(out, 'build.json'), JSON.stringify({ module: moduleVersion(root), electron: electronVersion, platform, arch }));
    return join(out, BINDING_FILE);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** npm start's step: returns what it did, so the test can check it does nothing without Electron. */
export async function ensureForInstalledElectron({ root = ROOT, force = false, log = console.log } = {}) {
  const electron = installedElectron(root);
  if (!electron) {
    log('未找到 Electron 可执行文件：不编译 Electron 版数据库组件（测试和命令行使用 Node 版）。');
    return { action: 'skipped-no-electron' };
  }
  if (!force && isUpToDate(root, electron.version, process.platform, process.arch)) return { action: 'up-to-date' };
  const path = await rebuildForElectron({ root, electronVersion: electron.version, log });
  return { action: 'rebuilt', path };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  ensureForInstalledElectron({ force: process.argv.includes('--force') }).catch((err) => {
    process.stderr.write(`无法编译 Electron 版数据库组件：${err?.message ?? String(err)}\n`);
    process.exit(1);
  });
}
