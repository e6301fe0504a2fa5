import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUSES, fuseMismatches } from '../../../scripts/fuses.mjs';
import afterPack, { electronBinaryPath } from '../../../scripts/after-pack.mjs';

const require = createRequire(import.meta.url);
const { FuseV1Options, FuseVersion } = require('@electron/fuses') as typeof import('@electron/fuses');
const ENABLE = 49;
const DISABLE = 48;

describe('the fuse configuration', () => {
  it('turns off every way to run the binary as something else, and locks the app to its asar', () => {
    expect(FUSES.version).toBe(FuseVersion.V1);
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('decides every fuse the installed @electron/fuses knows (an upgrade that adds one fails here)', () => {
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    expect(known.length).toBeGreaterThanOrEqual(8);
    for (const i of known) expect(typeof FUSES[i], FuseV1Options[i]).toBe('boolean');
  });

  it('cannot be changed at runtime by another module', () => {
    expect(Object.isFrozen(FUSES)).toBe(true);
  });
});

describe('reading the fuses back after flipping', () => {
  const wireOf = (config: Record<number, boolean>, extra: Record<number, number> = {}) => {
    const wire: Record<number, number> = { 8: ENABLE };
    for (const [k, v] of Object.entries(config)) if (/^\d+$/.test(k)) wire[Number(k)] = v ? ENABLE : DISABLE;
    return { ...wire, ...extra };
  };

  it('accepts a binary that matches, whatever the unnamed ninth fuse says', () => {
    expect(fuseMismatches(wireOf(FUSES))).toEqual([]);
  });

  it('names each fuse left as it was', () => {
    const wire = wireOf(FUSES, { [FuseV1Options.RunAsNode]: ENABLE, [FuseV1Options.OnlyLoadAppFromAsar]: 114 });
    expect(fuseMismatches(wire)).toEqual(['RunAsNode', 'OnlyLoadAppFromAsar']);
  });
});

describe('the afterPack hook', () => {
  const context = (electronPlatformName: string) => ({
    appOutDir: '/dist/out',
    electronPlatformName,
    packager: {
      executableName: 'mishen-desktop',
      appInfo: { productFilename: 'MiShen' },
      addElectronFuses: async (_c: unknown, _f: unknown) => 1,
    },
  });

  it('finds the binary electron-builder wrote for each platform', () => {
    expect(electronBinaryPath(context('linux'))).toBe(join('/dist/out', 'mishen-desktop'));
    expect(electronBinaryPath(context('win32'))).toBe(join('/dist/out', 'MiShen.exe'));
  });

  it('flips exactly the configured fuses and stops the build if the binary disagrees', async () => {
    const seen: unknown[] = [];
    const ctx = context('linux');
    ctx.packager.addElectronFuses = async (c: unknown, f: unknown) => (seen.push([c, f]), 1);
    const good = Object.fromEntries(Object.entries(FUSES).filter(([k]) => /^\d+$/.test(k)).map(([k, v]) => [k, v ? ENABLE : DISABLE]));
    await afterPack(ctx, { readWire: async () => good });
    expect(seen).toEqual([[ctx, FUSES]]);
    await expect(afterPack(ctx, { readWire: async () => ({ ...good, 0: ENABLE }) })).rejects.toThrow(/RunAsNode/);
  });
});
