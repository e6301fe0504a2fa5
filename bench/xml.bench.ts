import { extractDocx } from '../electron/documents/extract/docx';
import { wideDocx } from '../test/helpers/badfiles';
import { rate, type Figure } from './harness';

// The XML walk must be linear: reading 150,000 paragraphs should cost three times
// reading 50,000 (a ratio near 0.33), where the old walk took 7× as long.

export async function run(): Promise<Figure[]> {
  const small = wideDocx(50_000);
  const large = wideDocx(150_000);
  const smallRate = await rate(3, () => extractDocx(small));
  const largeRate = await rate(3, () => extractDocx(large));
  return [{ name: 'docx with 150k paragraphs', rate: largeRate, baselineRate: smallRate, baseline: 'the same with 50k paragraphs (linear ≈ 0.333×)', unit: 'files' }];
}
