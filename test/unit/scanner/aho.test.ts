import { describe, expect, it } from 'vitest';
import { TermMatcher } from '../../../electron/scanner/aho';

// The automaton reports every occurrence of every term, overlapping and nested ones
// included, exactly as a plain search for each term does, on generated terms and texts
// over a small alphabet (so that terms share prefixes and suffixes and failure links run).

const ALPHABET = ['秘', '密', '绝', '机', '内', '部', 'a', 'b', '１', '\ud83d', '\ude00'];

function naive(terms: string[], text: string): string[] {
  const out: string[] = [];
  terms.forEach((t, id) => {
    if (!t) return;
    for (let i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + 1)) out.push(`${id}:${i}:${i + t.length}`);
  });
  return out.sort();
}

describe('TermMatcher', () => {
  it('finds what a plain search finds, on generated terms and texts', () => {
    let seed = 5;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const word = (max: number) => {
      let s = '';
      const n = Math.floor(rnd() * max);
      for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
      return s;
    };
    for (let k = 0; k < 200; k++) {
      const terms = Array.from({ length: 1 + Math.floor(rnd() * 60) }, () => word(6));
      const text = word(400);
      // Rows for every state, for the root alone, and for a few states (the rest in the hash table).
      for (const cells of [undefined, 1, 40]) {
        const found: string[] = [];
        new TermMatcher(terms, cells).scan(text, (id, s, e) => found.push(`${id}:${s}:${e}`));
        expect(found.sort()).toEqual(naive(terms, text));
      }
    }
  });

  it('handles thousands of terms (a grown hash table) and duplicate terms', () => {
    const terms = Array.from({ length: 5000 }, (_, i) => `清单${i}`);
    terms.push('清单42');
    const text = `前言清单42，清单4999与清单50000。`;
    for (const cells of [undefined, 1000]) {
      const found: string[] = [];
      new TermMatcher(terms, cells).scan(text, (id, s, e) => found.push(`${id}:${s}:${e}`));
      expect(found.sort()).toEqual(naive(terms, text));
      expect(found).toContain('5000:2:6');
    }
  });
});
