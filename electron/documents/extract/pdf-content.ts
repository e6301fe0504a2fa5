// The strings a content stream shows, read from the operators themselves rather than
// through the fonts' character maps: the fallback that finds text a font maps badly or
// not at all. Strings inside one BT…ET block are one piece, in order; strings outside
// text blocks (marked-content /ActualText, /Alt) are pieces of their own. Each piece
// remembers the font it was shown in, so the caller decodes only what a byte encoding
// can say (single-byte fonts) and lists the rest.

export interface Shown {
  bytes: Uint8Array;
  /** The font resource name (/F1) current when the piece began, or null outside text. */
  font: string | null;
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** A literal string starting after '(' at `i`: its bytes and the index after ')'. */
function literal(b: Uint8Array, i: number): [number[], number] {
  const out: number[] = [];
  let depth = 1;
  while (i < b.length) {
    const c = b[i++]!;
    if (c === 0x5c) {
      const e = b[i++];
      if (e === undefined) break;
      const map: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
      if (e in map) out.push(map[e]!);
      else if (e >= 0x30 && e <= 0x37) {
        let v = e - 0x30;
        for (let k = 0; k < 2 && b[i]! >= 0x30 && b[i]! <= 0x37; k++) v = v * 8 + (b[i++]! - 0x30);
        out.push(v & 0xff);
      } else if (e === 0x0d) {
        if (b[i] === 0x0a) i++;
      } else if (e !== 0x0a) out.push(e);
    } else if (c === 0x28) {
      depth++;
      out.push(c);
    } else if (c === 0x29) {
      if (--depth === 0) break;
      out.push(c);
    } else out.push(c);
  }
  return [out, i];
}

function hex(b: Uint8Array, i: number): [number[], number] {
  const digits: number[] = [];
  while (i < b.length && b[i] !== 0x3e) {
    const c = b[i++]!;
    const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
    if (v >= 0) digits.push(v);
  }
  if (digits.length % 2) digits.push(0);
  const out: number[] = [];
  for (let k = 0; k < digits.length; k += 2) out.push(digits[k]! * 16 + digits[k + 1]!);
  return [out, i + 1];
}

export function shownStrings(b: Uint8Array): Shown[] {
  const out: Shown[] = [];
  let inText = false;
  let piece: number[] = [];
  let pieceFont: string | null = null;
  let font: string | null = null;
  let lastName: string | null = null;
  const flush = () => {
    if (piece.length) out.push({ bytes: Uint8Array.from(piece), font: pieceFont });
    piece = [];
  };
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (WS.has(c)) {
      i++;
    } else if (c === 0x25) {
      while (i < b.length && b[i] !== 0x0a && b[i] !== 0x0d) i++;
    } else if (c === 0x28 || (c === 0x3c && b[i + 1] !== 0x3c)) {
      const [bytes, next] = c === 0x28 ? literal(b, i + 1) : hex(b, i + 1);
      i = next;
      if (inText) {
        if (!piece.length) pieceFont = font;
        for (const x of bytes) piece.push(x);
      } else if (bytes.length) out.push({ bytes: Uint8Array.from(bytes), font: null });
    } else if (c === 0x2f) {
      let j = i + 1;
      while (j < b.length && !WS.has(b[j]!) && !DELIM.has(b[j]!)) j++;
      lastName = new TextDecoder('latin1').decode(b.subarray(i + 1, j));
      i = j;
    } else if (DELIM.has(c)) {
      i += c === 0x3c || c === 0x3e ? (b[i + 1] === c ? 2 : 1) : 1;
    } else {
      let j = i;
      while (j < b.length && !WS.has(b[j]!) && !DELIM.has(b[j]!)) j++;
      const op = new TextDecoder('latin1').decode(b.subarray(i, j));
      i = j;
      if (op === 'BT') inText = true;
      else if (op === 'ET') {
        flush();
        inText = false;
      } else if (op === 'Tf') {
        // A new font inside a block starts a new piece: its bytes mean something else.
        if (lastName !== font) flush();
        font = lastName;
      } else if (op === 'BI') i = skipInlineImage(b, i);
    }
  }
  flush();
  return out;
}

/** Inline image data is binary: skip from BI past ID … EI. */
function skipInlineImage(b: Uint8Array, i: number): number {
  for (let k = i; k + 2 < b.length; k++) if (b[k] === 0x49 && b[k + 1] === 0x44 && WS.has(b[k + 2]!) && WS.has(b[k - 1]!)) {
    for (let e = k + 3; e + 2 < b.length; e++) if (WS.has(b[e]!) && b[e + 1] === 0x45 && b[e + 2] === 0x49 && (e + 3 >= b.length || WS.has(b[e + 3]!))) return e + 3;
    return b.length;
  }
  return b.length;
}

/** Bytes of a single-byte font as text, when they are plainly text; null otherwise. */
export function singleByteText(bytes: Uint8Array): string | null {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let printable = 0;
  for (const c of bytes) if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13) printable++;
  if (bytes.length === 0 || printable / bytes.length < 0.9) return null;
  const text = new TextDecoder('latin1').decode(bytes).trim();
  return /[A-Za-z0-9]{2}/.test(text) ? text : null;
}
