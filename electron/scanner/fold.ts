import { normalize, type Normalized } from './normalize';

// normalize() (the reader's view) on the scanner's hot path. Ordinary Chinese text is
// full of full-width punctuation (，：（）) and nothing else to fold: every character
// then maps to one character, offsets are the identity, and native string replacement
// does the folding. Anything that drops or expands characters (zero-width characters,
// radicals) goes to normalize() itself, so the result is the same in every case
// (test/unit/scanner/fold.test.ts).

const NOT_ONE_FOR_ONE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u2e80-\u2fdf]/;
const FOLDS = /[\u3000\uff01-\uff5e]/;
const FOLD_ALL = /[\u3000\uff01-\uff5e]/g;
const TABLE = new Map<string, string>([['\u3000', ' ']]);
for (let c = 0xff01; c <= 0xff5e; c++) TABLE.set(String.fromCharCode(c), String.fromCharCode(c - 0xfee0));
const fold1 = (c: string) => TABLE.get(c)!;
const identity = (i: number) => i;

export function fold(text: string): Normalized {
  if (NOT_ONE_FOR_ONE.test(text)) return normalize(text);
  if (!FOLDS.test(text)) return { text, at: identity };
  return { text: text.replace(FOLD_ALL, fold1), at: identity };
}
