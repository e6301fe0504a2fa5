import { describe, expect, it } from 'vitest';
import { markPatterns, markStarts } from '../../../electron/scanner/marks';
import { defaultRules } from '../../../electron/scanner/rules';
import { jumpingMatches, sticky } from '../../../electron/scanner/scanner';

// The scanner tries the mark patterns that begin with a look-behind only where a mark can
// start: that gives exactly the matches of a plain scan, on generated texts full of marks
// in every layout (alone on a line, in a header with a tab, letter-spaced, after 份号).

const PIECES = ['绝密', '机密', '秘密', '绝 密', '机\t密', '秘  密', '★', '10年', '特急', '000123', ' ', '  ', '\t', '\n', '\u001f', '商业秘密', '密级：', '保密期限：长期', '通知', '，', '1'];

describe('mark patterns tried where a mark can start', () => {
  it('find what a plain scan finds', () => {
    const rules = defaultRules();
    const res = markPatterns(rules);
    const starts = markStarts(rules);
    expect(starts).toHaveLength(res.length);
    expect(starts.some((s) => s)).toBe(true);
    let seed = 9;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let compared = 0;
    for (let k = 0; k < 2000; k++) {
      let t = '';
      const n = Math.floor(rnd() * 30);
      for (let i = 0; i < n; i++) t += PIECES[Math.floor(rnd() * PIECES.length)];
      res.forEach((re, i) => {
        const chars = starts[i];
        if (!chars) return;
        const plain = [...t.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
        const jumped = [...jumpingMatches(sticky(re), new RegExp(`[${chars}]`, 'g'), t)].map((m) => `${m.index}:${m[0]}`);
        expect(jumped).toEqual(plain);
        compared += plain.length;
      });
    }
    expect(compared).toBeGreaterThan(100);
  });
});
