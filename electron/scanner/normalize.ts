// Text as a reader sees it, made comparable: full-width forms folded to ASCII, zero-width
// characters dropped. `at(i)` is the offset in the original of normalized char i, so a
// finding always points at the text as it appears in the file.

const SPECIAL = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u3000\uff01-\uff5e]/;

export interface Normalized {
  text: string;
  at(i: number): number;
}

const isZeroWidth = (c: number) => c === 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff;

export function normalize(original: string): Normalized {
  // Most text has nothing to fold: then offsets are the identity and nothing is copied.
  if (!SPECIAL.test(original)) return { text: original, at: (i) => i };
  const codes = new Uint16Array(original.length);
  const map = new Int32Array(original.length + 1);
  let n = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (isZeroWidth(c)) continue;
    codes[n] = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c === 0x3000 ? 0x20 : c;
    map[n++] = i;
  }
  map[n] = original.length;
  let text = '';
  for (let i = 0; i < n; i += 8192) text += String.fromCharCode(...codes.subarray(i, Math.min(n, i + 8192)));
  return { text, at: (i) => map[i]! };
}

// A lone surrogate (half of a UTF-16 pair) cannot be encoded as UTF-8: it would break
// storage, export and the report later. It becomes U+FFFD, one unit for one, so offsets hold.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd');
}
