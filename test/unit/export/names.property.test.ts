import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sanitizeFileName } from '../../../electron/export/names';
import { pathProblems } from '../../../tools/verify-bundle-core.mjs';

describe('sanitizeFileName', () => {
  it('turns any string into one segment that obeys the path rules of bundle.md', () => {
    const anyName = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme-composite', maxLength: 120 }), fc.constantFrom('..', '.', '', ' ', 'a/../b', 'C:\\x', '/etc/passwd', 'NUL.txt'));
    fc.assert(
      fc.property(anyName, (name) => {
        const s = sanitizeFileName(name);
        expect(pathProblems(`items/X/${s}`)).toEqual([]);
        // eslint-disable-next-line no-control-regex -- control characters must be gone
        expect(s).not.toMatch(/[/\\:*?"<>|\u0000-\u001f\u007f-\u009f]/);
        expect(s).not.toContain('..');
        expect(s.length).toBeGreaterThan(0);
        expect(Buffer.byteLength(s)).toBeLessThanOrEqual(240);
        expect(s.normalize('NFC')).toBe(s);
        expect(sanitizeFileName(s)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});
