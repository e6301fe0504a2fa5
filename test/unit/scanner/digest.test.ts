import { describe, expect, it } from 'vitest';
import { digestOf } from '../../../electron/scanner/digest';

// A digest of two runs of lines (the block before, between and after them is in no run):
// block [10, 16) and [40, 44), joined by U+001F and a line break.
const text = `电话１２３\n\u001f\n4567`;
const folded = `电话123\n\u001f\n4567`;
const windows = Int32Array.from([10, 0, 6, 40, 8, 4]);

describe('a digest of lines', () => {
  it('maps digest offsets and spans back to the block, run by run', () => {
    const d = digestOf(folded, windows, text);
    expect(d.at(0)).toBe(10);
    expect(d.at(5)).toBe(15);
    expect(d.at(8)).toBe(40);
    expect(d.at(11)).toBe(43);
    expect(d.span(2, 5)).toEqual([12, 15]);
    expect(d.span(8, 12)).toEqual([40, 44]);
    expect(d.original?.slice(2, 5)).toBe('１２３');
  });

  it('gives the text before an offset only while its run holds all of it', () => {
    const d = digestOf(folded, windows);
    expect(d.before(5, 3)).toBe('123');
    expect(d.before(5, 5)).toBe('电话123');
    // Six characters back would reach before the run (block 9): the caller reads the block.
    expect(d.before(5, 6)).toBeNull();
    expect(d.before(10, 2)).toBe('45');
    expect(d.before(10, 3)).toBeNull();
    // A run that starts the block: nothing lies before it, so what the run holds is all.
    const first = digestOf('12\n', Int32Array.from([0, 0, 3]));
    expect(first.before(2, 24)).toBe('12');
    expect(first.before(0, 24)).toBe('');
  });

  it('maps every offset as a search from scratch would, asked in order or at random', () => {
    // Runs of 1 to 5 units, 3 to 9 units apart in the block, joined by two units in the digest.
    const w: number[] = [];
    let block = 0;
    let at = 0;
    for (let k = 0; k < 40; k++) {
      const len = 1 + (k % 5);
      w.push(block, at, len);
      block += len + 3 + (k % 7);
      at += len + 2;
    }
    const windows = Int32Array.from(w);
    const expected = (d: number) => {
      let r = 0;
      for (let i = 0; i < w.length; i += 3) if (w[i + 1]! <= d) r = i;
      return w[r]! + d - w[r + 1]!;
    };
    const offsets = Array.from({ length: at }, (_, d) => d);
    const shuffled = offsets.map((d) => [(d * 7919) % 101, d] as const).sort((a, b) => a[0] - b[0]).map(([, d]) => d);
    for (const order of [offsets, shuffled, [...offsets].reverse()]) {
      const d = digestOf('x'.repeat(at), windows);
      for (const o of order) expect(d.at(o), `offset ${o}`).toBe(expected(o));
    }
  });
});
