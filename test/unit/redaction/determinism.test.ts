import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../electron/redaction';
import { docx, pdf, png, xlsx } from '../../helpers/fixtures';
import { residentId } from '../../helpers/synthetic';

// The confirming signature covers the public version's hash: producing it again from
// the same file and the same decisions gives the same bytes, so a re-run can be compared.

const ID = residentId('330106', '19880512', '234');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const targets = [{ text: ID, kind: 'ID_CARD', ground: 'PERSONAL_PRIVACY' }];

describe('the same input gives the same public version', () => {
  const files: Array<[string, () => Uint8Array]> = [
    ['a.docx', () => docx({ body: [`证件 ${ID}`], comment: { author: '甲', text: '乙' }, core: { 'dc:creator': '丙' } })],
    ['a.xlsx', () => xlsx([{ name: 'S', cells: [['A1', ID, 's']] }])],
    ['a.pdf', () => pdf({ pages: [`证件 ${ID}`], info: { Title: '标题' } })],
    ['a.png', () => png({ tEXt: ['Comment', ID] })],
  ];
  for (const [name, make] of files)
    it(name, async () => {
      const a = await createRedactor().redact({ bytes: make(), name, targets });
      const b = await createRedactor().redact({ bytes: make(), name, targets });
      expect(sha(a.bytes)).toBe(sha(b.bytes));
    });
});
