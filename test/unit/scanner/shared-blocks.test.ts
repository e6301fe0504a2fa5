import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { fromShared } from '../../../electron/scanner/pool-protocol';
import { BlockCopier, newCounter, stopTaking, takeBack, takeFront, waitCopied } from '../../../electron/scanner/shared-blocks';

// The caller takes blocks from the front and copies into shared memory only those the pool
// threads take from the back: every block is taken once, the caller's own blocks are
// never copied, and a thread never waits for a block nobody will copy.

const text = Array.from({ length: 10 }, (_, i) => `${'甲乙丙'[i % 3]!.repeat(5)}${i}\n`).join('');
const cuts = Array.from({ length: 11 }, (_, i) => i * 7);

function job(marked = false) {
  const counter = newCounter(10);
  const shared = { text: new SharedArrayBuffer(text.length * 2), marked: marked ? new SharedArrayBuffer(text.length * 2) : null, cuts, counter };
  return { shared, c: new Int32Array(counter), copier: new BlockCopier(shared, text, text.replaceAll('\n', '\u001f')) };
}
const copied = (sab: SharedArrayBuffer, i: number) => fromShared(sab, cuts[i]!, cuts[i + 1]!);
const empty = '\u0000'.repeat(7);

describe('blocks shared from both ends', () => {
  it('gives every block once, the front to the caller and the back to the pool', () => {
    const { c } = job();
    const front: number[] = [];
    const back: number[] = [];
    for (let k = 0; k < 12; k++) (k % 3 ? back : front).push(k % 3 ? takeBack(c) : takeFront(c));
    expect(front.filter((i) => i >= 0)).toEqual([0, 1, 2, 3]);
    expect(back.filter((i) => i >= 0)).toEqual([9, 8, 7, 6, 5, 4]);
    expect([takeFront(c), takeBack(c)]).toEqual([-1, -1]);
  });

  it('copies only ahead of the pool threads, never a block the caller scans', () => {
    const { c, shared, copier } = job(true);
    copier.ahead(2);
    expect([8, 9].map((i) => copied(shared.text, i))).toEqual([8, 9].map((i) => text.slice(cuts[i], cuts[i + 1])));
    expect(copied(shared.text, 7)).toBe(empty);
    // The marked copy goes with it.
    expect(copied(shared.marked!, 9)).toBe(text.slice(cuts[9], cuts[10]).replaceAll('\n', '\u001f'));
    expect(takeBack(c)).toBe(9);
    for (let i = 0; i < 5; i++) expect(takeFront(c)).toBe(i);
    copier.ahead(2);
    // Two beyond the pool's last (9), down to the caller's next (5): 7 and 8 … not 5 or 6 yet.
    expect(copied(shared.text, 7)).not.toBe(empty);
    expect(copied(shared.text, 6)).toBe(empty);
    expect(takeFront(c)).toBe(5);
    expect(takeBack(c)).toBe(8);
    expect(takeBack(c)).toBe(7);
    expect(takeBack(c)).toBe(6);
    expect(takeFront(c)).toBe(-1);
    copier.taken();
    expect(copied(shared.text, 6)).toBe(text.slice(cuts[6], cuts[7]));
    // The caller's own blocks were never copied.
    for (let i = 0; i <= 5; i++) expect(copied(shared.text, i)).toBe(empty);
  });

  it('stops handing out blocks, and copies everything when the caller scans nothing itself', () => {
    const { c, shared, copier } = job();
    expect(takeBack(c)).toBe(9);
    stopTaking(c);
    expect([takeFront(c), takeBack(c)]).toEqual([-1, -1]);
    const all = job();
    all.copier.downTo(0);
    expect(fromShared(all.shared.text, 0, text.length)).toBe(text);
    expect(waitCopied(all.c, 0, 10)).toBe(true);
    expect(waitCopied(c, 9, 10)).toBe(false);
    copier.taken();
    expect(waitCopied(c, 9, 10)).toBe(true);
    expect(copied(shared.text, 9)).toBe(text.slice(cuts[9], cuts[10]));
  });

  it('wakes a thread that waits for its block as soon as it is copied', async () => {
    const { c, shared, copier } = job();
    expect(takeBack(c)).toBe(9);
    // A thread that took block 8 and waits for it.
    const w = new Worker(
      `const { workerData: { counter }, parentPort } = require('node:worker_threads');
       const c = new Int32Array(counter);
       const until = Date.now() + 5000;
       let ok = false;
       for (let n = Atomics.load(c, 3); ; n = Atomics.load(c, 3)) {
         if (n <= 8) { ok = true; break; }
         if (Date.now() > until) break;
         Atomics.wait(c, 3, n, 100);
       }
       parentPort.postMessage(ok);`,
      { eval: true, workerData: { counter: shared.counter } },
    );
    const woke = new Promise<boolean>((resolve) => w.once('message', resolve));
    await new Promise((r) => setTimeout(r, 50));
    copier.ahead(1);
    expect(await woke).toBe(true);
    await w.terminate();
  });
});
