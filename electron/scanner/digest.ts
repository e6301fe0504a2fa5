// What the native pass hands the detectors (native.ts): per group of detectors, the lines
// they can match on, folded and joined into one text (a digest), with the way back from a
// digest offset to the block. A match never leaves its line, so a digest span maps back
// whole; the text before a finding comes from the digest while its run of lines holds it.

export interface Digest {
  text: string;
  /** The block offset of a digest offset. */
  at(d: number): number;
  /** A digest span [a, b) as a block span (a match never leaves its line). */
  span(a: number, b: number): [number, number];
  /** The n characters before digest offset d when its run of lines holds them all (or starts the block), else null. */
  before(d: number, n: number): string | null;
  /** The digest's lines as stored (unfolded), when the native pass gave them. */
  original?: string;
}

/** A block as the native path reads it: strings on the calling thread, the shared copy on a pool thread. */
export interface BlockSource {
  length: number;
  /** The block as stored, [s, e). */
  text(s: number, e: number): string;
  /** The block with its cell boundaries, [s, e). */
  marked(s: number, e: number): string;
}

export const stringSource = (block: string, marked: string): BlockSource => ({
  length: block.length,
  text: (s, e) => block.slice(s, e),
  marked: (s, e) => marked.slice(s, e),
});

/** A group's lines from the native pass, with the way back to block offsets. */
export function digestOf(text: string, windows: Int32Array, original?: string): Digest {
  const count = windows.length / 3;
  // The detectors read a digest from start to end, so the run found last, or the one
  // after it, mostly holds the next offset asked for: tried before the binary search.
  let last = 0;
  const holds = (w: number, d: number) => windows[w + 1]! <= d && (w + 3 >= windows.length || windows[w + 4]! > d);
  const run = (d: number): number => {
    if (holds(last, d)) return last;
    if (last + 3 < windows.length && holds(last + 3, d)) return (last += 3);
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (windows[mid * 3 + 1]! <= d) lo = mid;
      else hi = mid - 1;
    }
    return (last = lo * 3);
  };
  const at = (d: number): number => {
    const w = run(d);
    return windows[w]! + d - windows[w + 1]!;
  };
  return {
    text,
    original,
    at,
    span: (a, b) => [at(a), at(b - 1) + 1],
    before(d, n) {
      const w = run(d);
      const inRun = d - windows[w + 1]!;
      const blockAt = windows[w]! + inRun;
      // Enough of the run before d, or the run starts the block (nothing more to read there).
      if (inRun >= n || (windows[w] === 0 && inRun === blockAt)) return text.slice(Math.max(d - n, windows[w + 1]!), d);
      return null;
    },
  };
}
