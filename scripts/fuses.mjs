// The Electron fuses flipped into every packaged binary (scripts/after-pack.mjs). One
// object, so the test reads exactly what packaging writes.
import fuses from '@electron/fuses';
// The package's entry does not re-export FuseState, the byte values in the wire.
import constants from '@electron/fuses/dist/constants.js';

const { FuseV1Options, FuseVersion } = fuses;
const { FuseState } = constants;

export const FUSES = Object.freeze({
  version: FuseVersion.V1,
  // Not strict: Electron 45's wire has a ninth fuse (WasmTrapHandlers, default on) that
  // @electron/fuses 1.8 cannot name, and strict mode would refuse that binary. The test
  // instead requires a decision for every fuse the installed @electron/fuses knows.
  strictlyRequireAllFuses: false,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Chromium's cookie store is encrypted with the OS keyring.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would open a debugger on the main process, and with it the data key.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar must match the hash electron-builder embeds (Windows; macOS; Linux has no embedding yet).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Without it, an app/ folder next to app.asar would be loaded instead.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The UI is served through app://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/**
 * The fuses in `wire` (getCurrentFuseWire's result) that differ from `config`, by name:
 * after flipping, packaging reads the binary back and stops on any.
 */
export function fuseMismatches(wire, config = FUSES) {
  const bad = [];
  for (const [key, want] of Object.entries(config)) {
    const index = Number(key);
    if (!Number.isInteger(index)) continue;
    const expected = want ? FuseState.ENABLE : FuseState.DISABLE;
    if (wire[index] !== expected) bad.push(FuseV1Options[index] ?? `fuse ${index}`);
  }
  return bad;
}
