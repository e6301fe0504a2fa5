import type { BundleReport } from '../../tools/verify-bundle-core.mjs';
import { runVerifyCli, verifyDir } from '../../tools/verify-bundle-node.mjs';

// `mishen bundle verify` runs the same verifier as tools/verify-bundle.mjs and
// tools/verify-bundle.html: one implementation, tools/verify-bundle-core.mjs, which has
// to stay plain JavaScript so the public side can run it with nothing installed.

export type { BundleFailure, BundleReport } from '../../tools/verify-bundle-core.mjs';

/** Checks a bundle folder against a trusted fingerprint (`sha256:<hex>`); changes nothing. */
export function verifyBundleDir(dir: string, trust: string): Promise<BundleReport> {
  return verifyDir(dir, trust);
}

/**
 * `mishen bundle verify <dir> --trust sha256:<fp>` (args after `bundle verify`).
 * Every failure in Chinese on stdout; exit 0 valid, 1 invalid, 2 unreadable or bad arguments.
 */
export function runBundleVerifyCli(args: string[]): Promise<number> {
  return runVerifyCli(args, undefined, undefined, 'mishen bundle verify');
}
