import { describe, expect, it } from 'vitest';
import { nameFinder } from '../../../electron/scanner/names';
import { CELL_BOUNDARY } from '../../../electron/scanner/numbers';
import { defaultRules } from '../../../electron/scanner/rules';
import { seededRandom } from '../../helpers/synthetic';

// The name right before a number: the quick check that passes a window with no place a
// name could start must never pass one where the expression finds a name.

const rules = defaultRules();
const fast = nameFinder(rules);
const exact = nameFinder(rules, { prefilter: false });

describe('the name before a number', () => {
  it('is found with the quick check exactly as without it, in any window', () => {
    const r = seededRandom(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    // Surnames, labels (whose last characters may stand before a surname), plain Chinese,
    // digits, punctuation, spaces and cell boundaries.
    const parts = ['王', '李', '张', '欧', '小明', '明', '华', '身份证号', '联系电话', '姓名', '户主', '申请人', '单位', '的', '审查', '程序', '，', '：', ':', ' ', '\t', CELL_BOUNDARY, '1', '23', 'a', '\n', '𠀀'];
    let found = 0;
    for (let k = 0; k < 20_000; k++) {
      const t = Array.from({ length: 1 + Math.floor(r() * 12) }, () => pick(parts)).join('');
      for (const at of [t.length, Math.floor(r() * (t.length + 1))]) {
        const want = exact.before(t, at);
        expect(fast.before(t, at), JSON.stringify([t, at])).toEqual(want);
        if (want) found++;
      }
    }
    // The windows hold names often enough for the comparison to mean something.
    expect(found).toBeGreaterThan(2000);
  });

  it('finds the usual cases', () => {
    expect(fast.before('申请人王小明身份证号', 10)).toEqual([3, 6]);
    expect(fast.before('，王小明：', 5)).toEqual([1, 4]);
    expect(fast.before('规范审查程序，身份证号', 11)).toBeNull();
  });
});
