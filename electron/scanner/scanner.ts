import type { FoundText } from '../../shared/documents';
import type { Ground } from '../../shared/workflow';
import { TermMatcher } from './aho';
import { markPatterns } from './marks';
import { nameFinder } from './names';
import { normalize, wellFormed } from './normalize';
import { CELL_BOUNDARY, findNumbers } from './numbers';
import { compileRe2, re2Matches } from './patterns';
import type { FindingKind, ListTerm, Rules } from './rules';

// The scanner: what the regulations forbid, found in the text a reader could find.
// Digits are checked, never just matched (numbers.ts). Boundaries are explicit
// look-arounds, because \b does not work next to Chinese characters. Each block is read
// in two views: the text with its spaces (numbers, names, marks by their layout) and a
// keyword view where letter-spaced Chinese is closed up (科 长 → 科长) for terms.

export { compilePattern, type PatternCheck } from './patterns';

export interface Finding extends Omit<FoundText, 'kind'> {
  kind: FindingKind;
  ground: Ground;
  basisId: string | null;
}

export interface Located {
  location: string;
  start: number;
  end: number;
}

export interface ScanResult {
  text: string;
  segments: Located[];
  findings: Finding[];
}

const GROUND: Record<FindingKind, Ground> = {
  CLASSIFICATION_MARK: 'MARKED_SECRET',
  ID_CARD: 'PERSONAL_PRIVACY',
  MOBILE: 'PERSONAL_PRIVACY',
  PHONE: 'PERSONAL_PRIVACY',
  BANK_CARD: 'PERSONAL_PRIVACY',
  EMAIL: 'PERSONAL_PRIVACY',
  PLATE: 'PERSONAL_PRIVACY',
  PASSPORT: 'PERSONAL_PRIVACY',
  ADDRESS: 'PERSONAL_PRIVACY',
  PERSON_NAME: 'PERSONAL_PRIVACY',
  SPECIAL_DOMAIN: 'APPROVAL_MISSING',
  PROCESS_INFO: 'PROCESS_INFO',
  NEGATIVE_LIST: 'OTHER',
};

const BASE: Record<FindingKind, number> = {
  CLASSIFICATION_MARK: 0.9,
  ID_CARD: 0.85,
  MOBILE: 0.65,
  PHONE: 0.5,
  BANK_CARD: 0.6,
  EMAIL: 0.7,
  PLATE: 0.55,
  PASSPORT: 0.4,
  ADDRESS: 0.5,
  PERSON_NAME: 0.5,
  SPECIAL_DOMAIN: 0.6,
  PROCESS_INFO: 0.7,
  NEGATIVE_LIST: 0.8,
};

const BASIS_GROUND: Record<string, Ground> = {
  law: 'LAW_PROHIBITED',
  rule: 'LAW_PROHIBITED',
  scope: 'UNMARKED_SECRET',
  determined: 'UNMARKED_SECRET',
  negative: 'OTHER',
};

export { luhn, validResidentId } from './numbers';

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (xs: readonly string[]) => xs.map(esc).join('|');

export interface ScannerOptions {
  rules: Rules;
  terms?: readonly ListTerm[];
  /** Characters per scanning block; adjacent segments share a block so context carries over. */
  blockChars?: number;
  today?: Date;
}

export function createScanner(opts: ScannerOptions) {
  const { rules } = opts;
  const today = opts.today ?? new Date();
  const regions = new Set(rules.regionCodes);
  const marks = alt(rules.classification.marks);
  const stars = rules.classification.stars.map(esc).join('');
  const markRes = [
    new RegExp(`(?:${marks})[ \\t]*[${stars}][ \\t]*(?:\\d+[ \\t]*(?:年|个月|月|天)|长期)?`, 'g'),
    new RegExp(`(?<=^|\\n)[ \\t]*(?:${marks})[ \\t]*(?=\\n|$)`, 'g'),
    new RegExp(`(?:${alt(rules.classification.labels)})[ \\t]*[:：]?[ \\t]*(?:${marks})`, 'g'),
    /保密期限[ \t]*[:：][ \t]*[^\s，。；,;]{1,12}/g,
  ];
  const digitRun = /\d(?:\d|[ \t\u00a0\r\n-]{1,2}(?=\d))*[Xx]?(?!\d)/g;
  const email = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z])/g;
  const passport = /(?<![A-Za-z0-9])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![A-Za-z0-9])/g;
  const plate = new RegExp(`[${rules.plateProvinces}][A-HJ-NP-Z][·•. ]?(?=[A-HJ-NP-Z0-9]*\\d[A-HJ-NP-Z0-9]*\\d)[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])`, 'g');
  const cjk = '\\u4e00-\\u9fa5';
  const address = new RegExp(
    `(?:[${cjk}]{2,8}?(?:${alt(rules.addressUnits)})){1,4}[${cjk}\\d]{0,16}?(?:${alt(rules.addressDetail)})[${cjk}\\d-]{0,12}?\\d+(?:${alt(rules.addressEnd)})(?:[${cjk}]{0,2}\\d+(?:${alt(rules.addressEnd)}))*`,
    'g',
  );
  const labelledName = new RegExp(`(?:${alt(rules.context.PERSON_NAME ?? ['姓名'])})[ \\t]*[:：]?[ \\t]*([${cjk}]{2,4})(?![${cjk}])`, 'g');
  const stopwords = new Set(rules.nameStopwords);
  const nearName = new RegExp(`(?<![${cjk}])([${rules.surnames}][${cjk}]{1,2})(?![${cjk}])`, 'g');

  const internal = rules.classification.internal;
  const fixed: Array<{ term: string; kind: FindingKind; ground: Ground; basisId: string | null }> = [
    ...internal.map((term) => ({ term, kind: 'CLASSIFICATION_MARK' as const, ground: 'INTERNAL_AFFAIRS' as Ground, basisId: null })),
    ...rules.processInfo.map((term) => ({ term, kind: 'PROCESS_INFO' as const, ground: GROUND.PROCESS_INFO, basisId: null })),
    ...rules.specialDomains.map((term) => ({ term, kind: 'SPECIAL_DOMAIN' as const, ground: GROUND.SPECIAL_DOMAIN, basisId: null })),
    ...(opts.terms ?? [])
      .filter((t) => t.term)
      .map((t) => ({ term: t.term!, kind: 'NEGATIVE_LIST' as const, ground: BASIS_GROUND[t.kind] ?? 'OTHER', basisId: t.basisId })),
  ];
  const matcher = new TermMatcher(fixed.map((f) => f.term));
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

  function classifyNumber(digits: string, hadHyphen: boolean, before: string): FindingKind | null {
    if (digits.length === 18 && validResidentId(digits, regions, today)) return 'ID_CARD';
    if (!/^\d+$/.test(digits)) return null;
    if (/^1[3-9]\d{9}$/.test(digits) || /^861[3-9]\d{9}$/.test(digits)) return 'MOBILE';
    if (digits.length >= 16 && digits.length <= 19 && /^[3-6]/.test(digits) && luhn(digits)) return 'BANK_CARD';
    if (/^0[1-9]\d{8,10}$/.test(digits) && (hadHyphen || contextRes.PHONE?.test(before))) return 'PHONE';
    return null;
  }

  function scanBlock(block: string, base: number, locate: (globalStart: number) => string, out: Finding[]): void {
    const { text: t, at } = normalize(block);
    const seen = new Set<string>();
    const add = (kind: FindingKind, s: number, e: number, ground = GROUND[kind], basisId: string | null = null, confidence?: number) => {
      const key = `${kind}:${s}:${e}`;
      if (seen.has(key) || e <= s) return;
      seen.add(key);
      const start = base + at(s);
      const end = base + at(e - 1) + 1;
      let c = confidence ?? BASE[kind];
      const ctx = contextRes[kind];
      if (ctx && ctx.test(t.slice(Math.max(0, s - 24), s))) c = Math.min(0.99, c + 0.15);
      out.push({ kind, text: block.slice(start - base, end - base), start, end, location: locate(start), confidence: Math.round(c * 100) / 100, ground, basisId });
    };

    for (const re of markRes) for (const m of t.matchAll(re)) add('CLASSIFICATION_MARK', m.index, m.index + m[0].length);

    const personal: Array<[number, number]> = [];
    for (const m of t.matchAll(digitRun)) {
      const run = m[0];
      const s0 = m.index;
      // Groups of digits inside the run, with their positions in the normalized text.
      const groups: Array<[number, number]> = [];
      for (const g of run.matchAll(/\d+[Xx]?/g)) groups.push([s0 + g.index, s0 + g.index + g[0].length]);
      const before = t.slice(Math.max(0, s0 - 24), s0);
      const joined = run.replace(/[^\dXx]/g, '');
      const whole = classifyNumber(joined, run.includes('-'), before);
      const hits: Array<[FindingKind, number, number]> = whole
        ? [[whole, s0, s0 + run.length]]
        : groups.length > 1
          ? groups.flatMap(([a, b]) => {
              const k = classifyNumber(t.slice(a, b), false, t.slice(Math.max(0, a - 24), a));
              return k ? [[k, a, b] as [FindingKind, number, number]] : [];
            })
          : [];
      for (const [k, a, b] of hits) {
        add(k, a, b);
        if (k !== 'PHONE') personal.push([a, b]);
      }
    }
    for (const m of t.matchAll(email)) add('EMAIL', m.index, m.index + m[0].length);
    for (const m of t.matchAll(passport)) {
      add('PASSPORT', m.index, m.index + m[0].length);
      if (contextRes.PASSPORT?.test(t.slice(Math.max(0, m.index - 24), m.index))) personal.push([m.index, m.index + m[0].length]);
    }
    for (const m of t.matchAll(plate)) add('PLATE', m.index, m.index + m[0].length);
    for (const m of t.matchAll(address)) add('ADDRESS', m.index, m.index + m[0].length);
    for (const m of t.matchAll(labelledName)) {
      const s = m.index + m[0].length - m[1]!.length;
      add('PERSON_NAME', s, s + m[1]!.length, GROUND.PERSON_NAME, null, 0.75);
    }
    // A name right before a number that identifies a person is that person's name.
    for (const [a] of personal) {
      const from = Math.max(0, a - 16);
      let last: RegExpMatchArray | null = null;
      for (const m of t.slice(from, a).matchAll(nearName)) if (!stopwords.has(m[1]!)) last = m;
      if (!last) continue;
      const s = from + last.index!;
      const e = s + last[1]!.length;
      // Only labels and punctuation may stand between a name and its number, no other figures.
      if (/\d/.test(t.slice(e, a))) continue;
      add('PERSON_NAME', s, e, GROUND.PERSON_NAME, null, 0.6);
    }
    matcher.scan(t, (id, s, e) => {
      const f = fixed[id]!;
      // 秘密 inside 商业秘密 or 秘密花园 is not a mark: marks are handled above.
      add(f.kind, s, e, f.ground, f.basisId);
    });
    for (const p of patterns) for (const [s, e] of re2Matches(p.re, t)) add('NEGATIVE_LIST', s, e, p.ground, p.basisId);
  }

  return {
    /** Scans segments in blocks; progress goes from 0 to 1. */
    scan(segments: ReadonlyArray<{ location: string; text: string }>, onProgress?: (fraction: number) => void): ScanResult {
      const located: Located[] = [];
      const parts: string[] = [];
      let pos = 0;
      for (const s of segments) {
        located.push({ location: s.location, start: pos, end: pos + s.text.length });
        parts.push(wellFormed(s.text));
        pos += s.text.length + 1;
      }
      const text = parts.join('\n');
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
      const findings: Finding[] = [];
      const size = opts.blockChars ?? 1 << 20;
      let start = 0;
      while (start < text.length) {
        let end = Math.min(text.length, start + size);
        // Cut at a line end so no number is split between blocks.
        if (end < text.length) {
          const nl = text.lastIndexOf('\n', end);
          if (nl > start + size / 2) end = nl + 1;
        }
        scanBlock(text.slice(start, end), start, locate, findings);
        start = end;
        onProgress?.(start / text.length);
      }
      findings.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
      return { text, segments: located, findings };
    },
  };
}

export type Scanner = ReturnType<typeof createScanner>;
