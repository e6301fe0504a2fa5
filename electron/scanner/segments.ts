import { CELL_BOUNDARY } from './numbers';
import { wellFormed } from './normalize';

// The segments of a file (body, headers, cells…) joined into the one text the scanner
// reads, with where each lies, and the marked copy in which cells stay apart.

export interface Located {
  location: string;
  start: number;
  end: number;
}

/** The segments joined as the scanner reads them, and where each one lies. */
export function prepareSegments(
  segments: ReadonlyArray<{ location: string; text: string; cell?: string }>,
  /**
   * false: the texts are taken as they are, for a caller that checks them block by block
   * as it scans (scanner.ts scanBlock with `check`) and starts over when they are not.
   */
  checkWellFormed = true,
): Prepared {
  const located: Located[] = [];
  const parts: string[] = [];
  const marks: string[] = [];
  let bounded = false;
  let pos = 0;
  segments.forEach((s, i) => {
    located.push({ location: s.location, start: pos, end: pos + s.text.length });
    const text = !checkWellFormed || isWellFormed(s.text) ? s.text : wellFormed(s.text);
    parts.push(text);
    // Digits never join across two cells, or from a cell into text outside it.
    if (i > 0) {
      const same = (segments[i - 1]!.cell ?? null) === (s.cell ?? null);
      bounded ||= !same;
      marks.push(same ? '\n' : CELL_BOUNDARY);
    }
    marks.push(text);
    pos += s.text.length + 1;
  });
  const text = parts.join('\n');
  // Without cells the marked text is the text itself: no second copy of a large file.
  const marked = bounded ? marks.join('') : text;
  const locate = (at: number): string => {
    let lo = 0;
    let hi = located.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (located[mid]!.start <= at) lo = mid;
      else hi = mid - 1;
    }
    return located[lo]?.location ?? '';
  };
  return { text, marked, located, locate };
}

// String.prototype.isWellFormed (Node 20) checks a whole text in native code; the
// replacing regular expression then runs only on text that has a lone surrogate.
export const isWellFormed = (s: string): boolean => (s as string & { isWellFormed?: () => boolean }).isWellFormed?.() ?? false;

export interface Prepared {
  text: string;
  marked: string;
  located: Located[];
  locate: (at: number) => string;
}
