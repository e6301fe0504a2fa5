import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ScanPool } from '../scanner/pool';

// The app's entry points reach the scanner's warm pool through here (layering: main and
// host know documents, not the scanner).
export { ScanPool };
import type { ListTerm, Rules } from '../scanner/rules';
import { analyze, type Analysis, type Progress } from './analyze';
import { DocumentRefused } from './limits';

// Where analysis runs. The app runs it in a worker thread with a memory and a wall-clock
// limit, outside any lock, so one crafted file can neither stall other users' calls nor
// exhaust the machine; a stuck or runaway analysis is terminated and the file refused.
// The CLI and unit tests may run it inline.

export interface Analyzer {
  analyze(buf: Uint8Array, name: string, rules: Rules, terms: readonly ListTerm[], progress?: Progress, signal?: AbortSignal): Promise<Analysis>;
}

export const inlineAnalyzer: Analyzer = { analyze: (buf, name, rules, terms, progress) => analyze(buf, name, rules, terms, progress) };

export interface AnalysisLimits {
  /** V8 heap of the worker; Node terminates it with ERR_WORKER_OUT_OF_MEMORY past this. */
  heapMb: number;
  /** Wall-clock time before the worker is terminated. */
  timeoutMs: number;
}

export const DEFAULT_ANALYSIS_LIMITS: AnalysisLimits = { heapMb: 1536, timeoutMs: 180_000 };

type Message =
  | { type: 'progress'; phase: 'extract' | 'scan'; fraction: number }
  | { type: 'done'; result: Analysis }
  | { type: 'error'; message: string; refused: boolean };

export const ANALYSIS_MESSAGES = {
  timeout: (s: number) => `文件分析超过时间限制（${s} 秒），已停止，文件未保存`,
  memory: '文件分析超出内存限制，已停止，文件未保存',
  cancelled: '文件分析已取消，文件未保存',
  crashed: '文件分析意外中止，文件未保存',
} as const;

/** Files smaller than this cannot hold a text long enough for the scan pool (POOL_MIN_CHARS). */
const POOL_MIN_FILE_BYTES = 256 * 1024;

/**
 * `pool`: the app's warm scanning threads. They live in the main process, so their term
 * automaton survives from file to file; each analysis worker gets its own ports to them.
 */
export function workerAnalyzer(entry: string, limits: AnalysisLimits = DEFAULT_ANALYSIS_LIMITS, pool?: ScanPool): Analyzer {
  // A TypeScript entry (development, browser host, tests) goes through a small loader.
  const ts = entry.endsWith('.ts');
  const script = ts ? join(dirname(entry), 'ts-worker.mjs') : entry;
  return {
    analyze(buf, name, rules, terms, progress, signal) {
      return new Promise<Analysis>((resolve, reject) => {
        if (signal?.aborted) return reject(new DocumentRefused(ANALYSIS_MESSAGES.cancelled));
        const ports = pool && buf.length >= POOL_MIN_FILE_BYTES ? pool.ports() : [];
        const worker = new Worker(script, {
          workerData: { buf, name, rules, terms, entry, ports },
          transferList: ports,
          resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 64 },
        });
        let settled = false;
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          void worker.terminate();
          fn();
        };
        const timer = setTimeout(() => finish(() => reject(new DocumentRefused(ANALYSIS_MESSAGES.timeout(Math.round(limits.timeoutMs / 1000))))), limits.timeoutMs);
        const onAbort = () => finish(() => reject(new DocumentRefused(ANALYSIS_MESSAGES.cancelled)));
        signal?.addEventListener('abort', onAbort);
        worker.on('message', (m: Message) => {
          if (m.type === 'progress') {
            if (!settled) progress?.(m.phase, m.fraction);
          } else if (m.type === 'done') finish(() => resolve(m.result));
          else finish(() => reject(new DocumentRefused(m.message)));
        });
        worker.on('error', (err: Error & { code?: string }) =>
          finish(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new DocumentRefused(ANALYSIS_MESSAGES.memory) : err)),
        );
        worker.on('exit', () => finish(() => reject(new DocumentRefused(ANALYSIS_MESSAGES.crashed))));
      });
    },
  };
}
