import type { Finding, RangeSummary } from './verify-ranges';

// The main thread's share of range verification: the link across each boundary (the
// first entry of a range against the last hash of the one before) and the first finding
// by sequence. At one sequence number the link is checked before the entry itself, as
// the sequential pass does.

export const LINK_BROKEN = '前序哈希不符：记录被删除、插入或调换';

export interface Joined {
  bad: Finding | null;
  /** The last entry of the chain, when there is no finding. */
  head: { seq: number; hash: string } | null;
  /** Entries that may change keys, as the ranges read them, in order. */
  keySeqs: number[];
}

export function joinRanges(summaries: readonly RangeSummary[]): Joined {
  let bad: Finding | null = null;
  const consider = (f: Finding | null) => {
    if (f && (!bad || f.seq < bad.seq)) bad = f;
  };
  const keySeqs: number[] = [];
  for (let i = 0; i < summaries.length; i++) {
    const cur = summaries[i]!;
    const prev = i > 0 ? summaries[i - 1]! : null;
    if (prev && prev.b === cur.a - 1 && !prev.bad && prev.last?.seq === prev.b && cur.first?.seq === cur.a && cur.first.prevHash !== prev.last.hash)
      consider({ seq: cur.a, reason: LINK_BROKEN });
    consider(cur.bad);
    keySeqs.push(...cur.keySeqs);
  }
  const last = summaries.at(-1)?.last ?? null;
  return { bad, head: bad ? null : last, keySeqs };
}
