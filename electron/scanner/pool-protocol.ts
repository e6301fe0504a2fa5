import { createHash } from 'node:crypto';
import { writeUnits } from './native';
import type { ListTerm, Rules } from './rules';
import type { Finding } from './scanner';

// What the calling thread and a warm scanning thread say to each other (pool.ts,
// pool-worker.ts). The pool threads' blocks travel as UTF-16 in a SharedArrayBuffer they
// read them from; every thread takes blocks as it is free (shared-blocks.ts), so a thread
// that is slowed by other work simply takes fewer blocks.

export interface ScanConfig {
  rules: Rules;
  terms: readonly ListTerm[];
  /** Milliseconds since the epoch: only the day matters (a birth date is a whole day). */
  today: number;
  blockChars?: number;
}

export interface ScanJob {
  type: 'job';
  id: number;
  /** Hash of the config: a thread rebuilds its scanner (and term automaton) only when it changes. */
  key: string;
  /** The rules, the list and the block size as JSON: a string is copied, not walked, and parsed only on a new key. */
  config: string;
  /** Milliseconds since the epoch (ScanConfig.today). */
  today: number;
  text: SharedArrayBuffer;
  /** The marked text (cell boundaries) when it differs from the text. */
  marked: SharedArrayBuffer | null;
  /** Block boundaries, as the one-thread scan cuts them. */
  cuts: number[];
  /**
   * Which blocks are taken and which are copied into `text` (and `marked`) so far
   * (shared-blocks.ts). The job is sent before anything is copied: a thread starts on the
   * last block as soon as the caller has copied it.
   */
  counter: SharedArrayBuffer;
  /** Whether to check each block for lone surrogates (scanner.ts scanBlock); a block that has one is reported with findings null. */
  check?: boolean;
}

export type ScanReply =
  | { type: 'block'; id: number; index: number; findings: PackedFindings | null }
  | { type: 'done'; id: number }
  | { type: 'failed'; id: number };

/**
 * The config as sent, with its key: the hash of the rules and the list, and the day (not
 * the instant) of `today`, which travels beside them in the job.
 */
export function encodeConfig(c: ScanConfig): { key: string; config: string } {
  const config = JSON.stringify({ rules: c.rules, terms: c.terms, blockChars: c.blockChars ?? null });
  const day = Math.floor(c.today / 86_400_000);
  return { key: `${createHash('sha256').update(config).digest('hex')}:${day}`, config };
}

/** text[from, to) into the shared copy at the same place. */
export function copyShared(text: string, sab: SharedArrayBuffer, from: number, to: number): void {
  const part = text.slice(from, to);
  // The native copy is a plain memory copy; Buffer's encoder walks every character.
  if (!writeUnits(part, new Uint16Array(sab, from * 2, to - from))) Buffer.from(sab, from * 2, (to - from) * 2).write(part, 'utf16le');
}

/** text[from, to) read back from the shared UTF-16 copy. */
export const fromShared = (sab: SharedArrayBuffer, from: number, to: number): string => Buffer.from(sab, from * 2, (to - from) * 2).toString('utf16le');

/**
 * A block's findings as they travel back to the caller: a few arrays instead of an object
 * per finding. Cloning thousands of small objects cost more on the calling thread than
 * scanning a block there; these arrays are moved, not copied (packedTransfer).
 */
export interface PackedFindings {
  /** The distinct kinds, grounds, bases and locations. */
  words: string[];
  /** Per finding: kind, ground, basis (-1: none) and location, as indexes into `words`. */
  refs: Int32Array;
  /** Per finding: start, end, confidence. */
  nums: Float64Array;
  /** The findings' texts, one after another. */
  texts: string;
  /** Per finding: the length of its text. */
  lengths: Int32Array;
}

export function packFindings(findings: readonly Finding[]): PackedFindings {
  const words: string[] = [];
  const index = new Map<string, number>();
  const word = (w: string | null) => {
    if (w === null) return -1;
    let i = index.get(w);
    if (i === undefined) index.set(w, (i = words.push(w) - 1));
    return i;
  };
  const refs = new Int32Array(findings.length * 4);
  const nums = new Float64Array(findings.length * 3);
  const lengths = new Int32Array(findings.length);
  findings.forEach((f, k) => {
    refs[k * 4] = word(f.kind);
    refs[k * 4 + 1] = word(f.ground);
    refs[k * 4 + 2] = word(f.basisId);
    refs[k * 4 + 3] = word(f.location);
    nums[k * 3] = f.start;
    nums[k * 3 + 1] = f.end;
    nums[k * 3 + 2] = f.confidence;
    lengths[k] = f.text.length;
  });
  return { words, refs, nums, texts: findings.map((f) => f.text).join(''), lengths };
}

/** The buffers a packed block moves (postMessage's transfer list). */
export const packedTransfer = (p: PackedFindings | null): ArrayBuffer[] => (p ? [p.refs.buffer as ArrayBuffer, p.nums.buffer as ArrayBuffer, p.lengths.buffer as ArrayBuffer] : []);

/** `locate`: where a finding lies, by its start (the caller knows the segments; a pool thread does not). */
export function unpackFindings(p: PackedFindings, locate?: (start: number) => string): Finding[] {
  const { words, refs, nums, texts, lengths } = p;
  const out: Finding[] = new Array<Finding>(lengths.length);
  let at = 0;
  for (let k = 0; k < lengths.length; k++) {
    const basis = refs[k * 4 + 2]!;
    const text = texts.slice(at, (at += lengths[k]!));
    // The keys in the scanner's own order, so a finding reads the same whichever thread found it.
    out[k] = {
      kind: words[refs[k * 4]!] as Finding['kind'],
      text,
      start: nums[k * 3]!,
      end: nums[k * 3 + 1]!,
      location: locate ? locate(nums[k * 3]!) : words[refs[k * 4 + 3]!]!,
      confidence: nums[k * 3 + 2]!,
      ground: words[refs[k * 4 + 1]!] as Finding['ground'],
      basisId: basis < 0 ? null : words[basis]!,
    };
  }
  return out;
}
