// Types of before-pack.mjs for the TypeScript side (tests). The context is the part of
// electron-builder's BeforePackContext the hook reads.
export interface BeforePackContextLike {
  /** builder-util's Arch enum value */
  arch: number;
  electronPlatformName: string;
  packager: { platform: { buildConfigurationKey: string }; info: { framework: { version: string } } };
}

export const ARCH_NAMES: readonly string[];
export function packageNativeDir(root: string, os: string, arch: string): string;
export default function beforePack(
  context: BeforePackContextLike,
  options?: {
    root?: string;
    /** rebuildForElectron by default; the hook always passes every field. */
    rebuild?: (o: { root: string; electronVersion: string; platform: string; arch: string }) => Promise<string>;
    /** console.warn by default: says when the package goes without the scanner's native pass. */
    log?: (message: string) => void;
  },
): Promise<void>;
