import { proofNormalize } from './normalize';

// Finding a target in text the way the proof will look for it: modulo NFKC, zero-width
// characters and whitespace. "330106 1988…" with a space, full-width digits or a
// zero-width joiner between digits is the same value and is removed as such.

export interface Span {
  start: number;
  end: number;
}

/** The normalized text with, for each of its UTF-16 units, the original unit it came from. */
/** Characters NFKC leaves alone and that are not whitespace: printable ASCII and the common CJK ideographs. */
const plain = (cp: number) => (cp > 0x20 && cp < 0x7f) || (cp >= 0x4e00 && cp <= 0x9fff);

export function normalizedIndex(text: string): { norm: string; from: number[] } {
  let norm = '';
  const from: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    if (plain(cp)) {
      norm += text[i];
      from.push(i);
      i += 1;
      continue;
    }
    const width = cp > 0xffff ? 2 : 1;
    const n = proofNormalize(text.slice(i, i + width));
    for (let k = 0; k < n.length; k++) from.push(i);
    norm += n;
    i += width;
  }
  return { norm, from };
}

/** Needles normalized once, longest first (a longer value wins over one it contains). */
export interface Needles {
  count: number;
  order: Array<{ n: string; i: number }>;
  shortest: number;
}

export function compileNeedles(needles: readonly string[]): Needles {
  const order = needles.map((n, i) => ({ n: proofNormalize(n), i })).filter((x) => x.n.length > 0).sort((a, b) => b.n.length - a.n.length);
  return { count: needles.length, order, shortest: order.length ? order.at(-1)!.n.length : Infinity };
}

const compiled = (needles: readonly string[] | Needles): Needles => ('order' in needles ? needles : compileNeedles(needles));

/** Every occurrence of any needle in `text`, as original spans, longest needles first, no overlaps. */
export function findAll(text: string, needles: readonly string[] | Needles): Array<Span & { needle: number }> {
  const { order, shortest } = compiled(needles);
  // NFKC expands one code point to at most 18 (U+FDFA): text shorter than that bound cannot match.
  if (!order.length || text.length * 18 < shortest) return [];
  const { norm, from } = normalizedIndex(text);
  const taken: Array<Span & { needle: number }> = [];
  for (const { n, i } of order) {
    for (let at = norm.indexOf(n); at >= 0; at = norm.indexOf(n, at + 1)) {
      const start = from[at]!;
      const last = from[at + n.length - 1]!;
      const end = last + (text.codePointAt(last)! > 0xffff ? 2 : 1);
      if (taken.some((t) => start < t.end && end > t.start)) continue;
      taken.push({ start, end, needle: i });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** `text` with each occurrence replaced by `replace(needleIndex)`; counts per needle. */
export function replaceAll(text: string, needles: readonly string[] | Needles, replace: (needle: number) => string): { text: string; counts: number[] } {
  const counts: number[] = new Array(compiled(needles).count).fill(0);
  const spans = findAll(text, needles);
  if (!spans.length) return { text, counts };
  let out = '';
  let last = 0;
  for (const s of spans) {
    out += text.slice(last, s.start) + replace(s.needle);
    counts[s.needle]! += 1;
    last = s.end;
  }
  return { text: out + text.slice(last), counts };
}

/**
 * Redaction across pieces (runs, text nodes, cells) that a reader sees as one text: the
 * pieces are joined, occurrences found in the joined text, and each occurrence's
 * replacement goes into the piece where it starts while its other pieces lose their share.
 */
export function replaceAcross(pieces: readonly string[], needles: readonly string[] | Needles, replace: (needle: number) => string): { pieces: string[]; counts: number[] } {
  const counts: number[] = new Array(compiled(needles).count).fill(0);
  const joined = pieces.join('');
  const spans = findAll(joined, needles);
  if (!spans.length) return { pieces: [...pieces], counts };
  const starts: number[] = [];
  let off = 0;
  for (const p of pieces) {
    starts.push(off);
    off += p.length;
  }
  const out = pieces.map((p, k) => {
    const base = starts[k]!;
    const end = base + p.length;
    let text = '';
    let cursor = base;
    for (const s of spans) {
      if (s.end <= base || s.start >= end) continue;
      text += joined.slice(cursor, Math.max(cursor, s.start));
      if (s.start >= base) text += replace(s.needle);
      cursor = Math.min(end, s.end);
    }
    return text + joined.slice(cursor, end);
  });
  for (const s of spans) counts[s.needle]! += 1;
  return { pieces: out, counts };
}
