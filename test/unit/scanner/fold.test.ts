import { describe, expect, it } from 'vitest';
import { fold } from '../../../electron/scanner/fold';
import { normalize } from '../../../electron/scanner/normalize';

// The scanner's fast fold gives exactly normalize()'s text and offsets, on generated
// text mixing what folds one for one with what drops or expands.

const ALPHABET = ['身', '份', '证', '号', '，', '：', '１', '２', 'Ａ', '\u3000', ' ', '\n', 'a', '9', '\u200b', '\ufeff', '\u2f9d', '\u2ed3', '\u2e80', '\u00ad', '😀', '。'];

describe('fold', () => {
  it('equals normalize on generated text, offsets included', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let k = 0; k < 500; k++) {
      const pool = rnd() < 0.5 ? ALPHABET.slice(0, 14) : ALPHABET;
      let s = '';
      const len = Math.floor(rnd() * 40);
      for (let i = 0; i < len; i++) s += pool[Math.floor(rnd() * pool.length)];
      const a = fold(s);
      const b = normalize(s);
      expect(a.text).toBe(b.text);
      for (let i = 0; i < a.text.length; i++) expect(a.at(i)).toBe(b.at(i));
    }
  });
});
