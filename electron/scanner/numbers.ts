import { z } from 'zod';
import contextWords from '../../resources/scanner/number-context.json';
import type { FindingKind } from './rules';

// Numbers that identify a person, checked rather than matched: resident ID numbers by
// region, birth date and the GB 11643 check digit; bank cards by length and Luhn.
//
// Digits are joined across spaces, hyphens and a line break, because people and word
// processors break long numbers that way inside a paragraph. They are never joined across
// a tab (a column), nor across a cell boundary: the scanner writes CELL_BOUNDARY there in
// the text it gives to findNumbers.

/** Stands between two segments that are separate cells, columns or table cells. */
export const CELL_BOUNDARY = '\u001f';

// Context that takes a number out of the personal kinds: a Luhn-valid 运单号 or an 订单号
// that happens to pass the ID check is a business number, not a person's card or ID,
// unless the same clause also names one (运单号及收件人身份证号). The words are data
// (resources/scanner/number-context.json, or a rule pack's `numberContext`), not code.

const words = z.array(z.string().min(1));
export const numberContextSchema = z.object({
  format: z.literal('mishen-number-context/1').optional(),
  /** Labels of business numbers. */
  lower: words,
  /** Labels of personal numbers: they keep a number personal even next to a business label. */
  positive: words,
});
export type NumberContextWords = z.output<typeof numberContextSchema>;

export interface NumberContext {
  /** Whether the clause right before a number labels it as a business number and nothing personal. */
  notPersonal(before: string): boolean;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A clause ends at these: the label of one field never reaches a number in the next. */
const CLAUSE_END = new Uint8Array(65536);
for (const c of `，,；;。\n\t、${CELL_BOUNDARY}`) CLAUSE_END[c.charCodeAt(0)] = 1;
/** What `\s` matches in a JavaScript regular expression (white space and line terminators, ECMA-262). */
const isSpace = (c: number): boolean =>
  (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/**
 * The clause a number right after `before` is in: the text after the last clause end,
 * trailing white space dropped (a line break right before a number, 订单号：⏎123, is a
 * wrap, not a new clause). It runs for every ID and card number: by character codes,
 * where replace and split built strings and arrays each time.
 */
export function lastClause(before: string): string {
  let end = before.length;
  while (end > 0 && isSpace(before.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && !CLAUSE_END[before.charCodeAt(start - 1)]) start--;
  return before.slice(start, end);
}

export function numberContext(w: NumberContextWords): NumberContext {
  const lower = w.lower.length ? new RegExp(w.lower.map(esc).join('|'), 'i') : null;
  const positive = w.positive.length ? new RegExp(w.positive.map(esc).join('|'), 'i') : null;
  return {
    notPersonal(before) {
      if (!lower) return false;
      const clause = lastClause(before);
      return lower.test(clause) && !positive?.test(clause);
    },
  };
}

export const DEFAULT_NUMBER_CONTEXT: NumberContextWords = numberContextSchema.parse(contextWords);
let defaultContext: NumberContext | null = null;
const defaultNumberContext = (): NumberContext => (defaultContext ??= numberContext(DEFAULT_NUMBER_CONTEXT));

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999: region, a real birth date between 1900 and today, and the check digit. */
export function validResidentId(id: string, regions: ReadonlySet<string>, today = new Date()): boolean {
  // Digits read by their codes: this runs for every 18-digit number a long file holds.
  if (id.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    sum += digit * ID_WEIGHTS[i]!;
  }
  const last = id.charCodeAt(17);
  const check = last === 120 ? 88 : last; // x as X
  if (!((check >= 48 && check <= 57) || check === 88)) return false;
  if (!regions.has(id.slice(0, 2)) || (id.charCodeAt(2) === 48 && id.charCodeAt(3) === 48 && id.charCodeAt(4) === 48 && id.charCodeAt(5) === 48)) return false;
  const y = digitsAt(id, 6, 10);
  const birth = birthDay(y, digitsAt(id, 10, 12), digitsAt(id, 12, 14));
  if (y < 1900 || Number.isNaN(birth) || birth > today.getTime()) return false;
  return ID_CHECK.charCodeAt(sum % 11) === check;
}

// A day's validity by Date itself, kept: a long file holds thousands of birth dates, and
// building a Date for each costs more than the rest of the check.
const BIRTHS = new Map<number, number>();

/** The UTC start of day y-m-d in milliseconds, or NaN when there is no such day. */
function birthDay(y: number, m: number, d: number): number {
  const key = y * 10000 + m * 100 + d;
  let ms = BIRTHS.get(key);
  if (ms === undefined) {
    const birth = new Date(Date.UTC(y, m - 1, d));
    ms = birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d ? birth.getTime() : NaN;
    if (BIRTHS.size < 100_000) BIRTHS.set(key, ms);
  }
  return ms;
}

/** The number written by the (checked) digits s[from, to). */
function digitsAt(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export interface NumberRules {
  regions: ReadonlySet<string>;
  today: Date;
  /** Words before a number that make a 0-prefixed number a fixed-line phone. */
  phoneContext?: RegExp;
  /**
   * Labels that say a number is a waybill, order, invoice or credit code (运单号, 订单号…):
   * such a number is not an ID or a card unless its clause also names one. The rule pack's
   * words when given, else resources/scanner/number-context.json.
   */
  numberContext?: NumberContext;
}

export function classifyNumber(digits: string, hadHyphen: boolean, before: string, r: NumberRules): FindingKind | null {
  const kind = classifyDigits(digits, hadHyphen, before, r);
  if ((kind === 'ID_CARD' || kind === 'BANK_CARD') && (r.numberContext ?? defaultNumberContext()).notPersonal(before)) return null;
  return kind;
}

function classifyDigits(digits: string, hadHyphen: boolean, before: string, r: NumberRules): FindingKind | null {
  if (digits.length === 18 && validResidentId(digits, r.regions, r.today)) return 'ID_CARD';
  if (!/^\d+$/.test(digits)) return null;
  if (/^1[3-9]\d{9}$/.test(digits) || /^861[3-9]\d{9}$/.test(digits)) return 'MOBILE';
  if (digits.length >= 16 && digits.length <= 19 && /^[3-6]/.test(digits) && luhn(digits) && !mistypedId(digits, r)) return 'BANK_CARD';
  if (/^0[1-9]\d{8,10}$/.test(digits) && (hadHyphen || r.phoneContext?.test(before))) return 'PHONE';
  return null;
}

/**
 * An 18-digit number with a region and a real birth date where an ID has them is an ID
 * number with a wrong check digit, not a card that happens to pass Luhn (one in ten do).
 */
function mistypedId(digits: string, r: NumberRules): boolean {
  if (digits.length !== 18 || !r.regions.has(digits.slice(0, 2))) return false;
  const y = digitsAt(digits, 6, 10);
  const birth = birthDay(y, digitsAt(digits, 10, 12), digitsAt(digits, 12, 14));
  return y >= 1900 && !Number.isNaN(birth) && birth <= r.today.getTime();
}

// A digit, then digits or at most two joiners before the next digit. No tab and no
// CELL_BOUNDARY among the joiners. As a regular expression:
//   /\d(?:\d|[ \u00a0\r\n-]{1,2}(?=\d))*[Xx]?(?!\d)/g
// read here by character codes (digitRunEnd), which gives the same runs without a match
// object for each (test/unit/scanner/context-numbers.test.ts holds the two side by side).
const SINGLE_GROUP = /^\d+[Xx]?$/;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isJoiner = (c: number) => c === 32 || c === 0xa0 || c === 13 || c === 10 || c === 45;

/** Where the run of digits that starts at t[i] (a digit) ends. */
export function digitRunEnd(t: string, i: number): number {
  const n = t.length;
  let end = i + 1;
  for (;;) {
    if (end < n && isDigit(t.charCodeAt(end))) end++;
    else if (end + 1 < n && isJoiner(t.charCodeAt(end)) && isDigit(t.charCodeAt(end + 1))) end += 2;
    else if (end + 2 < n && isJoiner(t.charCodeAt(end)) && isJoiner(t.charCodeAt(end + 1)) && isDigit(t.charCodeAt(end + 2))) end += 3;
    else break;
  }
  // [Xx]?(?!\d): the X is taken unless a digit follows it (then the run ends before it).
  const x = end < n ? t.charCodeAt(end) : 0;
  if ((x === 88 || x === 120) && !(end + 1 < n && isDigit(t.charCodeAt(end + 1)))) end++;
  return end;
}

/** Every number in `t` that identifies a person (or is a phone), as [kind, start, end]. */
export function findNumbers(
  t: string,
  r: NumberRules,
  /** The 24 characters before offset `at`, as the whole text has them (the scanner's native path passes lines only). */
  before: (at: number) => string = (at) => t.slice(Math.max(0, at - 24), at),
): Array<[FindingKind, number, number]> {
  const out: Array<[FindingKind, number, number]> = [];
  // The next digit found by the engine (test() moves lastIndex and builds no match).
  const nextDigit = /\d/g;
  let i = 0;
  while (i < t.length) {
    nextDigit.lastIndex = i;
    if (!nextDigit.test(t)) break;
    const s0 = nextDigit.lastIndex - 1;
    i = digitRunEnd(t, s0);
    const run = t.slice(s0, i);
    // Most runs are one group of digits (no space, hyphen or break inside): then the run is
    // the number, and there are no parts to weigh against it.
    if (SINGLE_GROUP.test(run)) {
      const kind = classifyNumber(run, false, before(s0), r);
      if (kind) out.push([kind, s0, s0 + run.length]);
      continue;
    }
    // Groups of digits inside the run, with their positions in the text.
    const groups: Array<[number, number]> = [];
    for (const g of run.matchAll(/\d+[Xx]?/g)) groups.push([s0 + g.index, s0 + g.index + g[0].length]);
    const joined = run.replace(/[^\dXx]/g, '');
    const whole = classifyNumber(joined, run.includes('-'), before(s0), r);
    const parts =
      groups.length > 1
        ? groups.flatMap(([a, b]) => {
            const k = classifyNumber(t.slice(a, b), false, before(a), r);
            return k ? [[k, a, b] as [FindingKind, number, number]] : [];
          })
        : [];
    // A valid ID number written whole inside the run is stronger evidence than a Luhn
    // pass of the joined digits (one in ten random runs pass Luhn): keep the ID.
    const idInside = whole !== 'ID_CARD' && parts.some(([k]) => k === 'ID_CARD');
    if (whole && !idInside) out.push([whole, s0, s0 + run.length]);
    else out.push(...parts);
  }
  return out;
}
