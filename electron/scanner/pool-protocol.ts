import { createHash } from 'node:crypto';
import { writeUnits } from './native';
import type { ListTerm, Rules } from './rules';

// What the calling thread and a warm scanning thread say to each other (pool.ts,
// pool-worker.ts). The text travels once, as UTF-16 in a SharedArrayBuffer that every
// thread reads its blocks from; the threads take blocks from a shared counter, so a
// thread that is slowed by other work simply takes fewer blocks.

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
  /** The config as JSON: a string is copied, not walked, and parsed only on a new key. */
  config: string;
  text: SharedArrayBuffer;
  /** The marked text (cell boundaries) when it differs from the text. */
  marked: SharedArrayBuffer | null;
  /** Block boundaries, as the one-thread scan cuts them. */
  cuts: number[];
  /** Int32 at index 0: the next block to take. */
  counter: SharedArrayBuffer;
}

export type ScanReply =
  | { type: 'block'; id: number; index: number; findings: import('./scanner').Finding[] }
  | { type: 'done'; id: number }
  | { type: 'failed'; id: number };

/** The config as sent, with its key (the day, not the instant, of `today`). */
export function encodeConfig(c: ScanConfig): { key: string; config: string } {
  const config = JSON.stringify({ rules: c.rules, terms: c.terms, today: c.today, blockChars: c.blockChars ?? null });
  const day = Math.floor(c.today / 86_400_000);
  const key = createHash('sha256').update(config.replace(/"today":\d+/, `"today":${day}`)).digest('hex');
  return { key, config };
}

/** The text's UTF-16 units in shared memory: in `into` when given (at least text.length * 2 bytes), else a new buffer. */
export function toShared(text: string, into?: SharedArrayBuffer): SharedArrayBuffer {
  const sab = into ?? new SharedArrayBuffer(text.length * 2);
  if (sab.byteLength < text.length * 2) throw new RangeError('shared buffer too small');
  // The native copy is a plain memory copy; Buffer's encoder walks every character.
  if (!writeUnits(text, new Uint16Array(sab, 0, text.length))) Buffer.from(sab, 0, text.length * 2).write(text, 'utf16le');
  return sab;
}

/** text[from, to) read back from the shared UTF-16 copy. */
export const fromShared = (sab: SharedArrayBuffer, from: number, to: number): string => Buffer.from(sab, from * 2, (to - from) * 2).toString('utf16le');
