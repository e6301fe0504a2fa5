import { describe, expect, it } from 'vitest';
import { joinRanges, LINK_BROKEN } from '../../../electron/audit/verify-join';
import { splitRanges, type RangeSummary } from '../../../electron/audit/verify-ranges';

// The main thread's share: links across range boundaries and the first finding.

const h = (n: number) => n.toString(16).padStart(64, '0');
/** A clean range [a, b] whose entries have hash h(seq) and link to h(seq - 1). */
const clean = (a: number, b: number, prevOfFirst = h(a - 1)): RangeSummary => ({ a, b, first: { seq: a, prevHash: prevOfFirst }, last: { seq: b, hash: h(b) }, keySeqs: [a], bad: null });

describe('joining ranges', () => {
  it('splits the whole chain into ranges that cover it once', () => {
    expect(splitRanges(10, 4)).toEqual([[1, 4], [5, 8], [9, 10]]);
    expect(splitRanges(3, 5)).toEqual([[1, 3]]);
    expect(splitRanges(0, 5)).toEqual([]);
  });

  it('passes linked ranges and gives the head and the key entries in order', () => {
    expect(joinRanges([clean(1, 4), clean(5, 8), clean(9, 10)])).toEqual({ bad: null, head: { seq: 10, hash: h(10) }, keySeqs: [1, 5, 9] });
  });

  it('names the first entry of a range whose link does not match', () => {
    expect(joinRanges([clean(1, 4), clean(5, 8, h(99)), clean(9, 10)]).bad).toEqual({ seq: 5, reason: LINK_BROKEN });
  });

  it('puts the broken link before a finding of the same entry, and after an earlier one', () => {
    const hashBad = { ...clean(5, 8, h(99)), last: null, bad: { seq: 5, reason: '记录内容被修改：哈希不符' } };
    expect(joinRanges([clean(1, 4), hashBad]).bad).toEqual({ seq: 5, reason: LINK_BROKEN });
    const earlier = { ...clean(1, 4), last: { seq: 2, hash: h(2) }, bad: { seq: 3, reason: '签名验证失败' } };
    expect(joinRanges([earlier, clean(5, 8, h(99))]).bad).toEqual({ seq: 3, reason: '签名验证失败' });
  });

  it('takes the earliest finding whatever order the ranges finished in', () => {
    const late = { ...clean(5, 8), last: { seq: 5, hash: h(5) }, bad: { seq: 6, reason: 'b' } };
    const early = { ...clean(1, 4), last: { seq: 1, hash: h(1) }, bad: { seq: 2, reason: 'a' } };
    expect(joinRanges([early, late]).bad).toEqual({ seq: 2, reason: 'a' });
    expect(joinRanges([early, late]).head).toBeNull();
  });
});
