// Benchmarks print ratios against a baseline measured in the same run, never bare
// timings: the machine's speed cancels out, the cost of our layers remains.

export interface Figure {
  name: string;
  /** Operations per second of the thing measured. */
  rate: number;
  /** Operations per second of the baseline, measured in the same run. */
  baselineRate: number;
  baseline: string;
  unit: string;
}

/** Runs fn n times (after a warm-up) and returns operations per second. */
export async function rate(n: number, fn: (i: number) => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return n / seconds;
}

export function print(figures: Figure[]): void {
  for (const f of figures) {
    const ratio = f.rate / f.baselineRate;
    console.log(
      `${f.name}: ${f.rate < 100 ? f.rate.toFixed(2) : f.rate.toFixed(0)} ${f.unit}/s — ${ratio.toFixed(3)}× of ${f.baseline} (${f.baselineRate < 100 ? f.baselineRate.toFixed(2) : f.baselineRate.toFixed(0)} ${f.unit}/s)`,
    );
  }
}
