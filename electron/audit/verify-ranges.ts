import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Checkpoint } from './verify';

// The pool that checks the trail by sequence ranges: each worker opens the store
// read-only with its own copy of the data key and takes the next range when it is done
// with one, so a core slowed by other work simply takes fewer ranges.

export interface Finding {
  seq: number;
  reason: string;
}

/** What a worker answers for one range [a, b] (verify-worker.mjs checkRange). */
export interface RangeSummary {
  a: number;
  b: number;
  /** The range's first entry with its link, when that entry is `a`. */
  first: { seq: number; prevHash: string } | null;
  /** The last entry checked without a finding. */
  last: { seq: number; hash: string } | null;
  /** Entries whose action may change keys, as read in the range. */
  keySeqs: number[];
  bad: Finding | null;
}

/** An entry that may change keys, as the index on audit_log(action, seq) lists it. */
export interface KeyEntryRow {
  seq: number;
  action: string;
  actor: string;
  signer: string;
  payload: string;
}

export interface RangeJob {
  file: string;
  dataKey: Buffer;
  nativeBinding?: string;
  events: KeyEntryRow[];
  trustedOrgFingerprint?: string;
  checkpoint?: Checkpoint;
  /** The last entry to check; it exists. */
  top: number;
  workers: number;
  chunk: number;
  onRows?: (n: number) => void;
}

export function splitRanges(top: number, chunk: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let a = 1; a <= top; a += chunk) out.push([a, Math.min(top, a + chunk - 1)]);
  return out;
}

type Message =
  | { type: 'ready' }
  | { type: 'rows'; n: number }
  | { type: 'range'; summary: RangeSummary }
  | { type: 'failed'; message: string };

/**
 * The worker script: the source file in development and tests; in the built app the
 * bundler's entry `verify-worker.js` in out/main (electron.vite.config.ts), which is this
 * module's folder or, when the bundler put this module in a shared chunk, its parent.
 * Found at run time so the bundler does not take the source path for an asset to copy.
 */
export const VERIFY_WORKER: URL = import.meta.url.endsWith('.ts')
  ? new URL('./verify-worker.mjs', import.meta.url)
  : ([new URL('./verify-worker.js', import.meta.url), new URL('../verify-worker.js', import.meta.url)].find((u) => existsSync(fileURLToPath(u))) ?? new URL('./verify-worker.js', import.meta.url));
const WORKER = VERIFY_WORKER;

/**
 * Every range's summary in sequence order (ranges after a finding are skipped: they
 * cannot change the report), or null when a worker could not open or read the store.
 */
export async function checkRanges(job: RangeJob): Promise<RangeSummary[] | null> {
  const ranges = splitRanges(job.top, job.chunk);
  const size = Math.max(1, Math.min(job.workers, ranges.length));
  const summaries: RangeSummary[] = [];
  const workers: Worker[] = [];
  let next = 0;
  let firstBad = Infinity;
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      for (let i = 0; i < size; i++) {
        // A copy per worker in its own buffer, moved (not copied) into the thread, which
        // zeroes it once the store is open.
        const secret = new ArrayBuffer(32);
        new Uint8Array(secret).set(job.dataKey);
        const w = new Worker(WORKER, {
          workerData: { mode: 'ranges', file: job.file, key: secret, nativeBinding: job.nativeBinding, events: job.events, trustedOrgFingerprint: job.trustedOrgFingerprint, checkpoint: job.checkpoint },
          transferList: [secret],
        });
        workers.push(w);
        let ticked = 0;
        let current: [number, number] | null = null;
        const feed = () => {
          if (next < ranges.length && ranges[next]![0] > firstBad) next = ranges.length;
          current = next < ranges.length ? ranges[next++]! : null;
          ticked = 0;
          if (current) w.postMessage({ type: 'range', a: current[0], b: current[1] });
          else if (++finished === size) resolve();
        };
        w.on('message', (m: Message) => {
          if (m.type === 'ready') feed();
          else if (m.type === 'rows') {
            ticked += m.n;
            job.onRows?.(m.n);
          } else if (m.type === 'range') {
            summaries.push(m.summary);
            if (m.summary.bad) firstBad = Math.min(firstBad, m.summary.bad.seq);
            if (current) job.onRows?.(Math.max(0, current[1] - current[0] + 1 - ticked));
            feed();
          } else reject(new Error(m.message));
        });
        w.on('error', reject);
        w.on('exit', () => reject(new Error('verification worker exited')));
      }
    });
    return summaries.sort((x, y) => x.a - y.a);
  } catch {
    return null;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
