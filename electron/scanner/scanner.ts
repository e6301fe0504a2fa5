import type { Ground } from '../../shared/workflow';
import { TermMatcher } from './aho';
import { fold } from './fold';
import { jumpingMatches, markPatterns, markStarts, sticky } from './marks';
import { digestOf, stringSource, type BlockSource, type Digest } from './digest';
import { GROUP, nativeFor, type NativeBlock } from './native';
import { nameFinder } from './names';
import { hasSpacedCjk, normalize } from './normalize';
import { CELL_BOUNDARY, findNumbers } from './numbers';
import { compileRe2, re2Matches } from './patterns';
import { fromShared } from './pool-protocol';
import { isWellFormed, prepareSegments } from './segments';
import { cutBlocks, forward } from './blocks';
import { BASE, BASIS_GROUND, byPlace, gpsFindings, GROUND, KIND_INDEX, KINDS, longestOnly, type Finding, type ScanResult } from './findings';
import type { FindingKind, ListTerm, Rules } from './rules';

// The scanner: what the regulations forbid, found in the text a reader could find.
// Digits are checked, never just matched (numbers.ts). Boundaries are explicit
// look-arounds, because \b does not work next to Chinese characters. Each block is read
// in two views: the text with its spaces (numbers, names, marks by their layout) and a
// keyword view where letter-spaced Chinese is closed up (科 长 → 科长) for terms.

export { jumpingMatches, sticky } from './marks';
export { compilePattern, type PatternCheck } from './patterns';
export { prepareSegments, type Located, type Prepared } from './segments';
export { cutBlocks, forward } from './blocks';
export { byPlace, GPS_LOCATION, gpsFindings, type Finding, type ScanResult } from './findings';

export { luhn, validResidentId } from './numbers';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (xs: readonly string[]) => xs.map(esc).join('|');

export interface ScannerOptions {
  rules: Rules;
  terms?: readonly ListTerm[];
  /** Characters per scanning block; adjacent segments share a block so context carries over. */
  blockChars?: number;
  today?: Date;
  /** false: JavaScript alone, even where the native pass is built (tests compare the two paths). */
  native?: boolean;
}

export function createScanner(opts: ScannerOptions) {
  const { rules } = opts;
  const today = opts.today ?? new Date();
  const regions = new Set(rules.regionCodes);
  const markRes = markPatterns(rules);
  const markFrom = markStarts(rules).map((chars, i) => (chars ? { starts: new RegExp(`[${chars.replace(/[\]\\^-]/g, '\\$&')}]`, 'g'), at: sticky(markRes[i]!) } : null));
  const email = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z])/g;
  const passport = /(?<![A-Za-z0-9])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![A-Za-z0-9])/g;
  const plate = new RegExp(`[${rules.plateProvinces}][A-HJ-NP-Z][·•. ]?(?=[A-HJ-NP-Z0-9]*\\d[A-HJ-NP-Z0-9]*\\d)[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])`, 'g');
  const cjk = '\\u4e00-\\u9fa5';
  const address = new RegExp(
    `(?:[${cjk}]{2,8}?(?:${alt(rules.addressUnits)})){1,4}[${cjk}\\d]{0,16}?(?:${alt(rules.addressDetail)})[${cjk}\\d-]{0,12}?\\d+(?:${alt(rules.addressEnd)})(?:[${cjk}]{0,2}\\d+(?:${alt(rules.addressEnd)}))*`,
    'g',
  );
  const names = nameFinder(rules);
  // An address ends in digits and a unit (12号, 3单元) and never spans a line: the costly
  // expression runs only on the lines where a plain pass finds that ending, which gives
  // the same matches as running it over the whole text.
  const addressEnding = new RegExp(`\\d(?:${alt(rules.addressEnd)})`, 'g');
  function* addressMatches(t: string): Generator<[number, number]> {
    let lineEnd = -1;
    for (const m of t.matchAll(addressEnding)) {
      if (m.index < lineEnd) continue;
      const lineStart = t.lastIndexOf('\n', m.index) + 1;
      const nl = t.indexOf('\n', m.index);
      lineEnd = nl < 0 ? t.length : nl;
      for (const a of t.slice(lineStart, lineEnd).matchAll(address)) yield [lineStart + a.index, lineStart + a.index + a[0].length];
    }
  }

  const internal = rules.classification.internal;
  const fixed: Array<{ term: string; kind: FindingKind; ground: Ground; basisId: string | null }> = [
    ...internal.map((term) => ({ term, kind: 'CLASSIFICATION_MARK' as const, ground: 'INTERNAL_AFFAIRS' as Ground, basisId: null })),
    ...rules.processInfo.map((term) => ({ term, kind: 'PROCESS_INFO' as const, ground: GROUND.PROCESS_INFO, basisId: null })),
    ...rules.specialDomains.map((term) => ({ term, kind: 'SPECIAL_DOMAIN' as const, ground: GROUND.SPECIAL_DOMAIN, basisId: null })),
    ...(opts.terms ?? [])
      .filter((t) => t.term)
      .map((t) => ({ term: t.term!, kind: 'NEGATIVE_LIST' as const, ground: BASIS_GROUND[t.kind] ?? 'OTHER', basisId: t.basisId })),
  ];
  // Terms are read in the same view as the text (full-width folded, spacing closed up).
  const matcher = new TermMatcher(fixed.map((f) => normalize(f.term, { joinSpacedCjk: true }).text));
  const patterns = (opts.terms ?? []).flatMap((t) => {
    if (!t.pattern) return [];
    try {
      return [{ re: compileRe2(t.pattern), ground: BASIS_GROUND[t.kind] ?? ('OTHER' as Ground), basisId: t.basisId }];
    } catch {
      return [];
    }
  });
  const contextRes = Object.fromEntries(
    Object.entries(rules.context).map(([k, ws]) => [k, new RegExp(alt(ws), 'i')]),
  ) as Partial<Record<FindingKind, RegExp>>;
  const numberRules = { regions, today, phoneContext: contextRes.PHONE };

  const native = opts.native !== false ? nativeFor(rules, matcher.tables()) : null;

  /** One block's findings, each reported once (by kind, place and basis). */
  function collector(textOf: (s: number, e: number) => string, base: number, locate: (globalStart: number) => string, out: Finding[]) {
    const seen = new Set<string | number>();
    const terms: Finding[] = [];
    // s and e are offsets into `block` (the original); `before` is the normalized text before it.
    const put = (kind: FindingKind, s: number, e: number, before: string, ground = GROUND[kind], basisId: string | null = null, confidence?: number, into = out, text?: string) => {
      // A number for the usual finding (no basis, a short span), a string otherwise: a
      // string per finding cost more than the rest of reporting it.
      const key = basisId === null && e - s < 4096 && s < 2 ** 36 ? (s * 4096 + (e - s)) * KINDS + KIND_INDEX[kind] : `${kind}:${s}:${e}:${basisId}`;
      if (seen.has(key) || e <= s) return;
      seen.add(key);
      let c = confidence ?? BASE[kind];
      const ctx = contextRes[kind];
      if (ctx && ctx.test(before)) c = Math.min(0.99, c + 0.15);
      const start = base + s;
      into.push({ kind, text: text ?? textOf(s, e), start, end: base + e, location: locate(start), confidence: Math.round(c * 100) / 100, ground, basisId });
    };
    return { put, terms };
  }

  /**
   * `block` is the text as stored; `marked` is the same text with CELL_BOUNDARY where two
   * segments are separate cells, so that nothing joins across them. With `check`, a block
   * that holds a lone surrogate is not scanned (false): the caller repairs the text and
   * scans it again (a block cut inside a pair reads as one too, and is scanned again as
   * well, at no loss). Without it the text is taken as it is.
   */
  function scanBlock(block: string, marked: string, base: number, locate: (globalStart: number) => string, out: Finding[], check = false): boolean {
    const pass = native?.scan(marked);
    if (pass) return scanLines(pass, stringSource(block, marked), base, locate, out), true;
    // false: a lone surrogate (the pass checks every unit anyway); null: folding would move offsets.
    if (check && (pass === false || !isWellFormed(marked))) return false;
    scanBlockJs(block, marked, base, locate, out);
    return true;
  }

  /** scanBlock in JavaScript alone: the whole block in every detector. */
  function scanBlockJs(block: string, marked: string, base: number, locate: (globalStart: number) => string, out: Finding[]): void {
    const { text: t, at } = fold(marked);
    const { put, terms } = collector((s, e) => block.slice(s, e), base, locate, out);
    const add = (kind: FindingKind, s: number, e: number, ground?: Ground, basisId: string | null = null, confidence?: number) =>
      put(kind, at(s), at(e - 1) + 1, t.slice(Math.max(0, s - 24), s), ground, basisId, confidence);

    // Marks go with the terms, so a mark found by two patterns is reported once, the longest.
    for (const [i, re] of markRes.entries())
      for (const m of markFrom[i] ? jumpingMatches(markFrom[i].at, markFrom[i].starts, t) : t.matchAll(re)) {
        const [s, e] = [m.index, m.index + m[0].length];
        put('CLASSIFICATION_MARK', at(s), at(e - 1) + 1, t.slice(Math.max(0, s - 24), s), undefined, null, undefined, terms);
      }

    const personal: Array<[number, number]> = [];
    for (const [k, a, b] of findNumbers(t, numberRules)) {
      add(k, a, b);
      if (k !== 'PHONE') personal.push([a, b]);
    }
    for (const m of t.matchAll(email)) add('EMAIL', m.index, m.index + m[0].length);
    for (const m of t.matchAll(passport)) {
      add('PASSPORT', m.index, m.index + m[0].length);
      if (contextRes.PASSPORT?.test(t.slice(Math.max(0, m.index - 24), m.index))) personal.push([m.index, m.index + m[0].length]);
    }
    for (const m of t.matchAll(plate)) add('PLATE', m.index, m.index + m[0].length);
    for (const [a, b] of addressMatches(t)) add('ADDRESS', a, b);
    for (const [s, e] of names.labelled(t)) add('PERSON_NAME', s, e, GROUND.PERSON_NAME, null, 0.75);
    // A name right before a number that identifies a person is that person's name.
    for (const [a] of personal) {
      const n = names.before(t, a);
      if (n) add('PERSON_NAME', n[0], n[1], GROUND.PERSON_NAME, null, 0.6);
    }

    // Terms are matched in the keyword view, where letter-spacing and radicals are gone.
    const kv = hasSpacedCjk(marked) ? normalize(marked, { joinSpacedCjk: true }) : { text: t, at };
    const term = (kind: FindingKind, s: number, e: number, ground: Ground, basisId: string | null) =>
      put(kind, kv.at(s), kv.at(e - 1) + 1, kv.text.slice(Math.max(0, s - 24), s), ground, basisId, undefined, terms);
    matcher.scan(kv.text, (id, s, e) => {
      const f = fixed[id]!;
      // 秘密 inside 商业秘密 or 秘密花园 is not a mark: marks are handled above.
      term(f.kind, s, e, f.ground, f.basisId);
    });
    // Patterns see a cell boundary as the line break it is in the stored text ('.' stops there).
    const pv = patterns.length && kv.text.includes(CELL_BOUNDARY) ? kv.text.replaceAll(CELL_BOUNDARY, '\n') : kv.text;
    for (const p of patterns) for (const [s, e] of re2Matches(p.re, pv)) term('NEGATIVE_LIST', s, e, p.ground, p.basisId);
    out.push(...longestOnly(terms));
  }

  /**
   * scanBlock with the native pass: the same detectors in the same order, each on the
   * lines of its group only (the digest), offsets mapped back to the block. Folding is
   * one for one here (the pass declines any block where it is not), so the text before a
   * finding is the folded original: read from the digest when the finding's line run
   * holds it, else folded from the block.
   */
  function scanLines(pass: NativeBlock, src: BlockSource, base: number, locate: (globalStart: number) => string, out: Finding[]): void {
    const { put, terms } = collector(src.text, base, locate, out);
    const folded = (s: number, n: number) => fold(src.marked(Math.max(0, s - n), s)).text;
    const digest = (g: number) => digestOf(pass.digests[g]!, pass.windows[g]!, pass.originals?.[g]);
    const [digits, ats, marks, labels] = [digest(GROUP.DIGIT), digest(GROUP.AT), digest(GROUP.MARK), digest(GROUP.NAME)];
    /** The n characters before digest offset d of `g`, as the folded block has them. */
    const before = (g: Digest, d: number, n = 24) => g.before(d, n) ?? folded(g.at(d), n);
    const add = (g: Digest, kind: FindingKind, a: number, b: number, ground?: Ground, basisId: string | null = null, confidence?: number) =>
      // A match never leaves its line, so its end maps back by the same run as its start.
      put(kind, g.at(a), g.at(b - 1) + 1, before(g, a), ground, basisId, confidence, undefined, g.original?.slice(a, b));

    for (const [i, re] of markRes.entries())
      for (const m of markFrom[i] ? jumpingMatches(markFrom[i].at, markFrom[i].starts, marks.text) : marks.text.matchAll(re)) {
        const [s, e] = marks.span(m.index, m.index + m[0].length);
        put('CLASSIFICATION_MARK', s, e, before(marks, m.index), undefined, null, undefined, terms, marks.original?.slice(m.index, m.index + m[0].length));
      }
    // Personal numbers by their digest offset: the name before one is looked for there.
    const personal: number[] = [];
    for (const [k, a, b] of findNumbers(digits.text, numberRules, (x) => before(digits, x))) {
      add(digits, k, a, b);
      if (k !== 'PHONE') personal.push(a);
    }
    for (const m of ats.text.matchAll(email)) add(ats, 'EMAIL', m.index, m.index + m[0].length);
    for (const m of digits.text.matchAll(passport)) {
      add(digits, 'PASSPORT', m.index, m.index + m[0].length);
      if (contextRes.PASSPORT?.test(before(digits, m.index))) personal.push(m.index);
    }
    for (const m of digits.text.matchAll(plate)) add(digits, 'PLATE', m.index, m.index + m[0].length);
    for (const [a, b] of addressMatches(digits.text)) add(digits, 'ADDRESS', a, b);
    for (const [a, b] of names.labelled(labels.text)) add(labels, 'PERSON_NAME', a, b, GROUND.PERSON_NAME, null, 0.75);
    for (const d of personal) {
      // names.before reads at most 16 characters back: the same characters, cut out here.
      const at = digits.at(d);
      const from = Math.max(0, at - 16);
      const near = before(digits, d, 16);
      const n = names.before(near, near.length);
      if (n) put('PERSON_NAME', from + n[0], from + n[1], folded(from + n[0], 24), GROUND.PERSON_NAME, null, 0.6);
    }

    const { hits } = pass;
    for (let k = 0; k < hits.length; k += 3) {
      const f = fixed[hits[k]!]!;
      put(f.kind, hits[k + 1]!, hits[k + 2]!, folded(hits[k + 1]!, 24), f.ground, f.basisId, undefined, terms);
    }
    if (patterns.length) {
      const t = fold(src.marked(0, src.length)).text;
      const pv = t.includes(CELL_BOUNDARY) ? t.replaceAll(CELL_BOUNDARY, '\n') : t;
      for (const p of patterns) for (const [s, e] of re2Matches(p.re, pv)) put('NEGATIVE_LIST', s, e, folded(s, 24), p.ground, p.basisId, undefined, terms);
    }
    out.push(...longestOnly(terms));
  }

  /**
   * Where the text is cut into blocks: at line ends, so no number is split between blocks.
   * Threads that share a text scan these same blocks, so they find what one thread finds.
   */
  const blockCuts = (text: string): number[] => cutBlocks(text, opts.blockChars);

  /**
   * Scans text[0, text.length) block by block; offsets are reported plus `base` (where
   * this text starts in the whole, for a slice scanned by a worker).
   */
  function scanSpan(text: string, marked: string, base: number, locate: (at: number) => string, out: Finding[], onProgress?: (fraction: number) => void, check = false): boolean {
    const cuts = blockCuts(text);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [start, end] = [cuts[i]!, cuts[i + 1]!];
      if (!scanBlock(text.slice(start, end), marked.slice(start, end), base + start, locate, out, check)) return false;
      onProgress?.(end / text.length);
    }
    return true;
  }

  return {
    blockCuts,
    /**
     * Findings of one block (from blockCuts) that starts at `base`, in order of place;
     * location by `locate` (else left to the caller). With `check`: null for a block that
     * holds a lone surrogate (scanBlock above).
     */
    scanBlock(block: string, marked: string, base: number, check = false, locate: (globalStart: number) => string = () => ''): Finding[] | null {
      const out: Finding[] = [];
      return scanBlock(block, marked, base, locate, out, check) ? out.sort(byPlace) : null;
    },
    /**
     * Findings of block [from, to) of a text in shared memory, in order of place; location
     * left to the caller. With `check`: null for a block that holds a lone surrogate.
     */
    scanShared(text: SharedArrayBuffer, marked: SharedArrayBuffer | null, from: number, to: number, check = false): Finding[] | null {
      const out: Finding[] = [];
      const read = (sab: SharedArrayBuffer) => (s: number, e: number) => fromShared(sab, from + s, from + e);
      // A pool thread hands the native pass the shared units as they are: the block is never
      // decoded into a string, only the few characters each finding needs.
      const pass = native?.scan(new Uint16Array(marked ?? text, from * 2, to - from));
      if (pass) {
        scanLines(pass, { length: to - from, text: read(text), marked: read(marked ?? text) }, from, () => '', out);
        return out.sort(byPlace);
      }
      if (check && pass === false) return null;
      const block = read(text)(0, to - from);
      return scanBlock(block, marked ? read(marked)(0, to - from) : block, from, () => '', out, check) ? out.sort(byPlace) : null;
    },
    /** Scans segments in blocks; progress goes from 0 to 1. */
    scan(segments: ReadonlyArray<{ location: string; text: string; cell?: string }>, onProgress?: (fraction: number) => void): ScanResult {
      // The texts as given, each block checked for lone surrogates as it is scanned (the
      // native pass does so at no cost); in the rare text that has one, the scan starts
      // over on the repaired text.
      const progress = forward(onProgress);
      let prepared = prepareSegments(segments, false);
      let findings: Finding[] = [];
      if (!scanSpan(prepared.text, prepared.marked, 0, prepared.locate, findings, progress, true)) {
        prepared = prepareSegments(segments);
        findings = [];
        scanSpan(prepared.text, prepared.marked, 0, prepared.locate, findings, progress);
      }
      const { text, located } = prepared;
      findings.push(...gpsFindings(segments, located));
      findings.sort(byPlace);
      return { text, segments: located, findings };
    },
  };
}

export type Scanner = ReturnType<typeof createScanner>;
