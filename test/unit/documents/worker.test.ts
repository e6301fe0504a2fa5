import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { inlineAnalyzer, workerAnalyzer } from '../../../electron/documents/analyzer';
import { defaultRules } from '../../../electron/scanner/rules';
import { residentId } from '../../helpers/synthetic';

// A large text is analysed in a worker thread: the main thread's event loop keeps
// running (timers fire, IPC is answered) and progress arrives while it works.

function bigText(lines: number): Buffer {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(i % 500 === 0 ? `第${i}行 身份证号 ${residentId()}` : `第${i}行 关于进一步做好政府信息公开保密审查工作的通知，请各单位认真贯彻执行。`);
  return Buffer.from(out.join('\n'), 'utf8');
}

describe('analysis off the main thread', () => {
  it('keeps the event loop free and reports progress on a large text', async () => {
    const buf = bigText(250_000); // about 20 MB
    expect(buf.length).toBeGreaterThan(15 * 1024 * 1024);
    const analyzer = workerAnalyzer(join(process.cwd(), 'electron/documents/worker.ts'));
    const fractions: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const result = await analyzer.analyze(buf, '大文件.txt', defaultRules(), [], (phase, f) => phase === 'scan' && fractions.push(f));
    clearInterval(timer);
    expect(result.findings.filter((f) => f.kind === 'ID_CARD')).toHaveLength(500);
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    expect(ticks).toBeGreaterThan(10);
  });

  it('inline analysis would have blocked it (the contrast that makes the test mean something)', async () => {
    const buf = bigText(60_000);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const scan = inlineAnalyzer.analyze(buf, 'a.txt', defaultRules(), []);
    // Extraction awaits nothing for text, so the whole analysis runs before any timer.
    await scan;
    const during = ticks;
    clearInterval(timer);
    expect(during).toBe(0);
  });
});
