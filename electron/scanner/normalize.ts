// Text as a reader sees it, made comparable: full-width forms folded to ASCII, zero-width
// characters dropped. `map[i]` is the offset in the original of normalized char i, so a
// finding always points at the text as it appears in the file.

const ZERO_WIDTH = /[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/;

export interface Normalized {
  text: string;
  map: Int32Array;
}

export function normalize(original: string): Normalized {
  const out: string[] = [];
  const map = new Int32Array(original.length + 1);
  let n = 0;
  for (let i = 0; i < original.length; i++) {
    const ch = original[i]!;
    const code = ch.charCodeAt(0);
    if (ZERO_WIDTH.test(ch)) continue;
    let c = ch;
    if (code >= 0xff01 && code <= 0xff5e) c = String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) c = ' ';
    out.push(c);
    map[n++] = i;
  }
  map[n] = original.length;
  return { text: out.join(''), map: map.subarray(0, n + 1) };
}
