// Types of after-pack.mjs for the TypeScript side (tests). The context is the part of
// electron-builder's AfterPackContext the hook reads.

export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  packager: {
    executableName?: string;
    appInfo: { productFilename: string };
    addElectronFuses(context: unknown, fuses: unknown): Promise<unknown>;
  };
}

export function electronBinaryPath(context: AfterPackContextLike): string;
export default function afterPack(
  context: AfterPackContextLike,
  options?: { readWire?: (binary: string) => Promise<Record<number, number>> },
): Promise<void>;
