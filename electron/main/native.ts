import type { App } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// node_modules holds Node's build of the SQLite module (tests, CLI under Node). Electron
// has another ABI, so the app loads its own build, kept side by side and handed to
// better-sqlite3 through its `nativeBinding` option. The folder names below are the ones
// scripts/native-electron.mjs writes and electron-builder.yml packages; a test keeps
// the three in step.

export const NATIVE_BINDING_FILE = 'better_sqlite3.node';
/** Under process.resourcesPath in an installed app (electron-builder extraResources). */
export const PACKAGED_NATIVE_DIR = 'native';

export interface NativeBindingTarget {
  packaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** app.getAppPath(): the checkout when run unpackaged */
  appPath: string;
  /** process.versions.electron */
  electronVersion: string;
  platform: string;
  arch: string;
}

/** The checkout's folder for one Electron version, platform and architecture. */
export function devNativeDir(appPath: string, electronVersion: string, platform: string, arch: string): string {
  return join(appPath, 'build', 'native', `electron-${electronVersion}-${platform}-${arch}`);
}

/** Where Electron's build of the module must be for this process. Pure: no file access. */
export function electronBindingPath(t: NativeBindingTarget): string {
  if (t.packaged) return join(t.resourcesPath, PACKAGED_NATIVE_DIR, NATIVE_BINDING_FILE);
  return join(devNativeDir(t.appPath, t.electronVersion, t.platform, t.arch), NATIVE_BINDING_FILE);
}

export class NativeBindingMissingError extends Error {
  constructor(readonly expected: string) {
    // Loading Node's build instead would fail later with an ABI message no user can act on.
    super(`数据库组件缺失：未找到适用于本程序的 ${NATIVE_BINDING_FILE}（${expected}）。请重新安装本程序；在源代码目录中请运行 npm start，它会先编译该组件。`);
    this.name = 'NativeBindingMissingError';
  }
}

/** The path to pass as better-sqlite3's `nativeBinding`; throws when the build is missing. */
export function electronNativeBinding(
  app: Pick<App, 'isPackaged' | 'getAppPath'>,
  exists: (path: string) => boolean = existsSync,
): string {
  const path = electronBindingPath({
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    electronVersion: process.versions.electron ?? '',
    platform: process.platform,
    arch: process.arch,
  });
  if (!exists(path)) throw new NativeBindingMissingError(path);
  return path;
}

/**
 * The scanner's native pass (electron/scanner/native.ts): beside the SQLite module in an
 * installed app, where npm install built it in a checkout. Node-API makes that one build
 * Electron's too. Handed to the scanner (and its pool threads) as MISHEN_SCAN_NATIVE.
 */
export function scanNativePath(t: Pick<NativeBindingTarget, 'packaged' | 'resourcesPath' | 'appPath'>): string {
  if (t.packaged) return join(t.resourcesPath, PACKAGED_NATIVE_DIR, 'mishen_scan.node');
  return join(t.appPath, 'electron', 'scanner', 'native', 'build', 'Release', 'mishen_scan.node');
}
