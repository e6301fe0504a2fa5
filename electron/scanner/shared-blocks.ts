import { copyShared } from './pool-protocol';

// How the calling thread and the pool threads share the blocks of one text (pool.ts). The
// caller takes blocks from the front, the pool threads from the back, so the caller never
// copies into shared memory a block it scans itself: it copies only from the back, a few
// blocks ahead of the pool threads. Copying the whole text (28 MB for a 40 MB file) took
// longer than scanning two blocks.
//
// The counter of a job is four Int32 in shared memory: a lock, the next block from the
// front, one past the next block from the back, and the lowest block copied so far (the
// blocks from there to the end are in shared memory).

const LOCK = 0;
const FRONT = 1;
const BACK = 2;
const COPIED = 3;

export function newCounter(blocks: number): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(16);
  const c = new Int32Array(sab);
  c[BACK] = blocks;
  c[COPIED] = blocks;
  return sab;
}

/** f under the counter's lock (held for a few instructions: a spin is enough). */
function locked<T>(c: Int32Array, f: () => T): T {
  while (Atomics.compareExchange(c, LOCK, 0, 1) !== 0);
  try {
    return f();
  } finally {
    Atomics.store(c, LOCK, 0);
  }
}

/** The next block from the front (the caller's), or -1 when every block is taken. */
export const takeFront = (c: Int32Array): number =>
  locked(c, () => {
    const front = Atomics.load(c, FRONT);
    if (front >= Atomics.load(c, BACK)) return -1;
    Atomics.store(c, FRONT, front + 1);
    return front;
  });

/** The next block from the back (a pool thread's), or -1 when every block is taken. */
export const takeBack = (c: Int32Array): number =>
  locked(c, () => {
    const back = Atomics.load(c, BACK) - 1;
    if (back < Atomics.load(c, FRONT)) return -1;
    Atomics.store(c, BACK, back);
    return back;
  });

/** No block is taken any more (a scan that starts over). */
export const stopTaking = (c: Int32Array): void => {
  locked(c, () => Atomics.store(c, BACK, Atomics.load(c, FRONT)));
};

/**
 * Waits until block i is in shared memory (a pool thread that took it before the caller
 * copied it). False after `ms`: the caller failed before copying it; the thread gives the
 * block back by failing, and the caller scans whatever was not reported.
 */
export function waitCopied(c: Int32Array, i: number, ms = 30_000): boolean {
  const until = Date.now() + ms;
  for (let n = Atomics.load(c, COPIED); n > i; n = Atomics.load(c, COPIED)) {
    const left = until - Date.now();
    if (left <= 0 || Atomics.wait(c, COPIED, n, left) === 'timed-out') return Atomics.load(c, COPIED) <= i;
  }
  return true;
}

/** The caller's side: copies blocks into shared memory from the back, telling the threads after each. */
export class BlockCopier {
  private readonly c: Int32Array;

  constructor(
    private readonly job: { text: SharedArrayBuffer; marked: SharedArrayBuffer | null; cuts: readonly number[]; counter: SharedArrayBuffer },
    private readonly text: string,
    private readonly marked: string,
  ) {
    this.c = new Int32Array(job.counter);
  }

  /** Copies every block from `k` on. */
  downTo(k: number): void {
    const { cuts } = this.job;
    for (let i = Atomics.load(this.c, COPIED) - 1; i >= Math.max(0, k); i--) {
      copyShared(this.text, this.job.text, cuts[i]!, cuts[i + 1]!);
      if (this.job.marked) copyShared(this.marked, this.job.marked, cuts[i]!, cuts[i + 1]!);
      Atomics.store(this.c, COPIED, i);
      Atomics.notify(this.c, COPIED);
    }
  }

  /** Keeps `margin` blocks copied beyond those the pool threads have taken (none the caller will scan). */
  ahead(margin: number): void {
    this.downTo(Math.max(Atomics.load(this.c, FRONT), Atomics.load(this.c, BACK) - margin));
  }

  /** Copies every block a pool thread has taken or may still take (after the caller's last). */
  taken(): void {
    this.downTo(Atomics.load(this.c, BACK));
  }
}
