import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash } from '../../../electron/audit/entry';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys and is stable', () => {
    expect(canonicalJson({ b: 1, a: [true, null, '中文'] })).toBe('{"a":[true,null,"中文"],"b":1}');
    expect(canonicalJson({ n: 1e21, m: 0.1 })).toBe('{"m":0.1,"n":1e+21}');
  });
  it('rejects lone surrogates and non-finite numbers', () => {
    expect(() => canonicalJson({ s: '\ud800' })).toThrow();
    expect(() => canonicalJson({ s: 'a\udc00b' })).toThrow();
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow();
  });
  it('hashes every field', () => {
    const base = { seq: 1, time: 't', actor: 'a', role: 'r', action: 'x', subject: 's', payload: { k: 1 }, prevHash: '0', signer: 'f' };
    const h = entryHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    for (const [k, v] of Object.entries({ seq: 2, time: 'u', actor: 'b', role: 'q', action: 'y', subject: 't', payload: { k: 2 }, prevHash: '1', signer: 'g' }))
      expect(entryHash({ ...base, [k]: v }), k).not.toBe(h);
  });
});
