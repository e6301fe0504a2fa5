// Types of what verify-worker.mjs exports (for tests; the worker itself is plain JavaScript).
import type { RangeSummary, KeyEntryRow } from './verify-ranges';
import type { Checkpoint } from './verify';

export declare const KEY_ACTIONS: readonly string[];
export declare function fingerprintOf(raw: Buffer): string;
export declare function stateBefore(events: readonly KeyEntryRow[], seq: number): { orgFp: string | null; keys: Map<string, string>; current: Map<string, string> };
export declare function checkRange(
  rows: Iterable<Record<string, unknown>>,
  ctx: { a: number; b: number; events: readonly KeyEntryRow[]; trustedOrgFingerprint?: string; checkpoint?: Checkpoint },
  onRows?: (n: number) => void,
): RangeSummary;
