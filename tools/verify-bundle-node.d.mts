// Types of verify-bundle-node.mjs for the TypeScript side.
import type { BundleCrypto, BundleFolder, BundleReport } from './verify-bundle-core.mjs';

export const nodeCrypto: BundleCrypto;
export function nodeFolder(dir: string): Promise<BundleFolder>;
export function verifyDir(dir: string, trust: string): Promise<BundleReport>;
export function runVerifyCli(args: string[], out?: (text: string) => void, err?: (text: string) => void, program?: string): Promise<number>;
