// electron-builder beforePack hook: puts Electron's build of the SQLite module for the
// target platform and architecture where electron-builder.yml's extraResources takes it
// (build/native/package/<os>-<arch>/better_sqlite3.node → resources/native/), and the
// scanner's native pass beside it when it is built for the target.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SCAN_FILE, scanBuild } from './build-scan-native.mjs';
import { binaryTarget, FORMAT_OF_OS } from './native-arch.mjs';
import { BINDING_FILE, isUpToDate, nativeDir, rebuildForElectron, ROOT } from './native-electron.mjs';

/** builder-util's Arch enum, by value. */
export const ARCH_NAMES = Object.freeze(['ia32', 'x64', 'armv7l', 'arm64', 'universal']);

/** The folder extraResources reads; `os` is electron-builder's ${os} macro (linux, win, mac). */
export function packageNativeDir(root, os, arch) {
  return join(root, 'build', 'native', 'package', `${os}-${arch}`);
}

/** @param {import('app-builder-lib').BeforePackContext} context */
export default async function beforePack(context, { root = ROOT, rebuild = rebuildForElectron, log = console.warn } = {}) {
  const arch = ARCH_NAMES[context.arch];
  if (!arch) throw new Error(`unknown architecture ${context.arch}`);
  const platform = context.electronPlatformName;
  const os = context.packager.platform.buildConfigurationKey;
  const electronVersion = context.packager.info.framework.version;
  const source = isUpToDate(root, electronVersion, platform, arch)
    ? join(nativeDir(root, electronVersion, platform, arch), BINDING_FILE)
    : await rebuild({ root, electronVersion, platform, arch });
  const dest = packageNativeDir(root, os, arch);
  // Cleared first, so a failed check below leaves nothing for extraResources to pick up.
  rmSync(dest, { recursive: true, force: true });
  const target = binaryTarget(readFileSync(source));
  if (target?.format !== FORMAT_OF_OS[os] || target.arch !== arch) {
    throw new Error(`${source} is built for ${target ? `${target.format} ${target.arch}` : 'an unknown format'}, not ${os} ${arch}`);
  }
  mkdirSync(dest, { recursive: true });
  copyFileSync(source, join(dest, BINDING_FILE));
  // The scanner's native pass: npm install built it for this machine, and Node-API makes
  // that build Electron's too. A package for another system or CPU goes without it (it
  // cannot be compiled here) and scans in JavaScript alone: the same findings, slower.
  const scan = scanBuild(root);
  const scanTarget = existsSync(scan) ? binaryTarget(readFileSync(scan)) : null;
  if (scanTarget?.format === FORMAT_OF_OS[os] && scanTarget.arch === arch) copyFileSync(scan, join(dest, SCAN_FILE));
  else log(`mishen: no ${SCAN_FILE} for ${os} ${arch} (${scanTarget ? `the build is ${scanTarget.format} ${scanTarget.arch}` : 'not built'}): this package scans in JavaScript alone; package on such a machine after npm install to include it`);
}
