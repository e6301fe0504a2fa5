import { describe, expect, it } from 'vitest';
import { compilePattern, createScanner } from '../../../electron/scanner/scanner';
import { defaultRules } from '../../../electron/scanner/rules';
import { re2Matches, compileRe2 } from '../../../electron/scanner/patterns';

describe('negative-list patterns on a linear-time engine', () => {
  it('refuses patterns RE2 cannot run, with a Chinese message', () => {
    expect(compilePattern('绝密工程\\d+号')).toEqual({ ok: true });
    for (const bad of ['(a)\\1', '(?<=甲)乙', '(?!x)y', '(', '']) {
      const r = compilePattern(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('runs (a+)+$ against a long aaaa…b without backtracking', () => {
    // A backtracking engine needs ~2^n steps here and would never return for n = 5000.
    const scanner = createScanner({ rules: defaultRules(), terms: [{ basisId: 'p', kind: 'negative', pattern: '(a+)+$' }] });
    const r = scanner.scan([{ location: '测试', text: 'a'.repeat(5_000) + 'b' }]);
    expect(r.findings.filter((f) => f.kind === 'NEGATIVE_LIST')).toEqual([]);
  });

  it('reports UTF-16 offsets past astral characters', () => {
    expect([...re2Matches(compileRe2('工程\\d+'), '😀甲工程12乙')]).toEqual([[3, 7]]);
  });
});

describe('lone surrogates', () => {
  it('are scanned without a crash and come out as U+FFFD, offsets kept', () => {
    const scanner = createScanner({ rules: defaultRules(), terms: [{ basisId: 't', kind: 'negative', term: '拆迁补偿' }, { basisId: 'p', kind: 'negative', pattern: '工程\\d+' }] });
    const text = '\ud800拆迁补偿\udc00工程12\ud83d';
    const r = scanner.scan([{ location: '测试', text }]);
    expect(r.text).toBe('\ufffd拆迁补偿\ufffd工程12\ufffd');
    expect(r.text.length).toBe(text.length);
    expect(r.findings.map((f) => [f.text, f.start])).toEqual([['拆迁补偿', 1], ['工程12', 6]]);
    expect(() => new TextEncoder().encode(r.text)).not.toThrow();
    expect(Buffer.from(r.text, 'utf8').toString('utf8')).toBe(r.text); // round-trips through UTF-8
  });
});
