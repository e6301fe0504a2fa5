// electron-builder afterPack hook: flips the fuses in the packaged Electron binary,
// before signing (electron-builder signs after this hook), then reads them back.
import { join } from 'node:path';
import fuses from '@electron/fuses';
import { FUSES, fuseMismatches } from './fuses.mjs';

/** The binary electron-builder names: executableName on Linux, productFilename elsewhere. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'linux') return join(appOutDir, packager.executableName);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, `${packager.appInfo.productFilename}.app`);
}

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function afterPack(context, { readWire = fuses.getCurrentFuseWire } = {}) {
  await context.packager.addElectronFuses(context, FUSES);
  const bad = fuseMismatches(await readWire(electronBinaryPath(context)));
  if (bad.length > 0) throw new Error(`fuses not set in the packaged binary: ${bad.join(', ')}`);
}
