import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderCatalogue } from '../../../electron/export/catalogue';
import type { ManifestItem } from '../../../electron/export/types';

/** A strict RFC 4180 reader: what a spreadsheet program sees. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted cell');
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
    } else while (i < text.length && text[i] !== ',' && text[i] !== '\r') cell += text[i++];
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}

const defused = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

describe('catalogue.csv', () => {
  it('reads back cell for cell, formula-looking cells defused', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string(), fc.constantFrom('PUBLISH', 'PUBLISH_PART') as fc.Arbitrary<'PUBLISH' | 'PUBLISH_PART'>), { maxLength: 5 }), (rows) => {
        const items: ManifestItem[] = rows.map(([title, issuer, outcome], n) => ({
          id: `ID${n}`, title, documentNumber: '', issuer, formedOn: '2026-11-20', category: '', keywords: [], disclosure: '主动公开', outcome, approvedAt: '', files: [],
        }));
        const bytes = renderCatalogue(items);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const parsed = parseCsv(bytes.toString('utf8').slice(1));
        expect(parsed).toHaveLength(items.length + 1);
        parsed.slice(1).forEach((cells, n) => {
          expect(cells).toHaveLength(11);
          expect(cells[1]).toBe(defused(rows[n]![0]));
          expect(cells[3]).toBe(defused(rows[n]![1]));
          for (const c of cells) expect(c).not.toMatch(/^[=+\-@]/);
        });
      }),
      { numRuns: 1000 },
    );
  });
});
