import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineAnalyzer, workerAnalyzer } from '../../../electron/documents/analyzer';
import { POOL_MIN_CHARS, ScanPool } from '../../../electron/scanner/pool';
import { defaultRules, type ListTerm } from '../../../electron/scanner/rules';
import { luhnCard, residentId } from '../../helpers/synthetic';

// Analysis in its worker thread shares a long text with the app's warm scan pool (ports
// handed to the worker) and stores exactly what an analysis on one thread finds.

const TERMS: ListTerm[] = [{ basisId: 'neg-1', kind: 'negative', term: '城关镇水厂改造' }];

function longFile(): Buffer {
  const out: string[] = [];
  let chars = 0;
  for (let i = 0; chars < POOL_MIN_CHARS * 1.5; i++) {
    const line =
      i % 97 === 0
        ? `第${i}行 联系人张小明，身份证号${residentId('110101', '19900307', String(100 + (i % 899)))}，卡号${luhnCard()}`
        : i % 89 === 0
          ? `第${i}行 城关镇水厂改造方案不得外传`
          : `第${i}行 关于进一步做好政府信息公开保密审查工作的通知，请各单位认真贯彻执行。`;
    out.push(line);
    chars += line.length + 1;
  }
  return Buffer.from(out.join('\n'), 'utf8');
}

const pool = new ScanPool(1);
afterAll(() => pool.close());

describe('analysis with the scan pool', () => {
  it('finds in a long file exactly what one thread finds', async () => {
    const buf = longFile();
    const analyzer = workerAnalyzer(join(process.cwd(), 'electron/documents/worker.ts'), undefined, pool);
    const fractions: number[] = [];
    const pooled = await analyzer.analyze(buf, '长文件.txt', defaultRules(), TERMS, (phase, f) => phase === 'scan' && fractions.push(f));
    expect(pool.running).toBe(1);
    const inline = await inlineAnalyzer.analyze(buf, '长文件.txt', defaultRules(), TERMS);
    expect(inline.findings.length).toBeGreaterThan(1000);
    expect(pooled.findings).toEqual(inline.findings);
    expect(pooled.segments).toEqual(inline.segments);
    expect(fractions.at(-1)).toBe(1);
    // A second file reuses the same threads.
    const again = await analyzer.analyze(buf, '长文件.txt', defaultRules(), TERMS);
    expect(again.findings).toEqual(inline.findings);
    expect(pool.running).toBe(1);
  }, 180_000);
});
