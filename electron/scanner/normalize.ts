import { isRadical, RADICALS } from './radicals';

// Text as a reader sees it, made comparable: full-width forms folded to ASCII, zero-width
// characters dropped, radicals that stand in for ideographs (⾝, ⻓) replaced by them.
// `at(i)` is the offset in the original of normalized char i, so a finding always points
// at the text as it appears in the file.

const SPECIAL = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u3000\uff01-\uff5e\u2e80-\u2fdf]/;
// Letter-spaced Chinese (绝 密, 科 长): PDF layers and hand-typed headers put spaces between
// characters that a reader reads as one word.
const SPACED_CJK = /[\u3400-\u9fff\uf900-\ufaff\u2e80-\u2fdf][ \u00a0\u3000]+[\u3400-\u9fff\uf900-\ufaff\u2e80-\u2fdf]/;

export interface Normalized {
  text: string;
  at(i: number): number;
}

export interface NormalizeOptions {
  /** Drop spaces that stand between two Chinese characters (for keyword matching, not for names). */
  joinSpacedCjk?: boolean;
}

const isZeroWidth = (c: number) => c === 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff;
const isIdeograph = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd840 && c <= 0xd87f);
const isSpace = (c: number) => c === 0x20 || c === 0xa0;

/** Whether joinSpacedCjk would change anything in this text. */
export const hasSpacedCjk = (s: string) => SPACED_CJK.test(s);

export function normalize(original: string, opts: NormalizeOptions = {}): Normalized {
  const join = opts.joinSpacedCjk === true && SPACED_CJK.test(original);
  // Most text has nothing to fold: then offsets are the identity and nothing is copied.
  if (!join && !SPECIAL.test(original)) return { text: original, at: (i) => i };
  // A radical may stand for an ideograph outside the BMP (two units): room for that.
  const codes = new Uint16Array(original.length * 2);
  const map = new Int32Array(original.length * 2 + 1);
  let n = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (isZeroWidth(c)) continue;
    const unified = isRadical(c) ? RADICALS.get(c) : undefined;
    if (unified) {
      for (let k = 0; k < unified.length; k++) {
        codes[n] = unified.charCodeAt(k);
        map[n++] = i;
      }
      continue;
    }
    codes[n] = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c === 0x3000 ? 0x20 : c;
    map[n++] = i;
  }
  if (join) n = joinSpaced(codes, map, n);
  map[n] = original.length;
  let text = '';
  for (let i = 0; i < n; i += 8192) text += String.fromCharCode(...codes.subarray(i, Math.min(n, i + 8192)));
  return { text, at: (i) => map[i]! };
}

/** Removes runs of spaces with an ideograph on both sides, in place; returns the new length. */
function joinSpaced(codes: Uint16Array, map: Int32Array, n: number): number {
  let w = 0;
  for (let r = 0; r < n; ) {
    const c = codes[r]!;
    if (isSpace(c) && w > 0 && isIdeograph(prevIdeographUnit(codes, w))) {
      let e = r;
      while (e < n && isSpace(codes[e]!)) e++;
      if (e < n && isIdeograph(codes[e]!)) {
        r = e;
        continue;
      }
    }
    codes[w] = c;
    map[w++] = map[r++]!;
  }
  return w;
}

// For a surrogate pair the high unit decides whether it is an ideograph.
const prevIdeographUnit = (codes: Uint16Array, w: number) => {
  const last = codes[w - 1]!;
  return last >= 0xdc00 && last <= 0xdfff && w > 1 ? codes[w - 2]! : last;
};

// A lone surrogate (half of a UTF-16 pair) cannot be encoded as UTF-8: it would break
// storage, export and the report later. It becomes U+FFFD, one unit for one, so offsets hold.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd');
}
