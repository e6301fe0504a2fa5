import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ListTerm, Rules } from '../scanner/rules';
import { analyze, type Analysis, type Progress } from './analyze';
import { DocumentRefused } from './limits';

// Where analysis runs. The app runs it in a worker thread so a 50 MB file never stalls
// the main process (and with it every window); the CLI and unit tests run it inline.

export interface Analyzer {
  analyze(buf: Uint8Array, name: string, rules: Rules, terms: readonly ListTerm[], progress?: Progress): Promise<Analysis>;
}

export const inlineAnalyzer: Analyzer = { analyze };

type Message =
  | { type: 'progress'; phase: 'extract' | 'scan'; fraction: number }
  | { type: 'done'; result: Analysis }
  | { type: 'error'; message: string; refused: boolean };

export function workerAnalyzer(entry: string): Analyzer {
  // A TypeScript entry (development, browser host, tests) goes through a small loader.
  const ts = entry.endsWith('.ts');
  const script = ts ? join(dirname(entry), 'ts-worker.mjs') : entry;
  return {
    analyze(buf, name, rules, terms, progress) {
      return new Promise<Analysis>((resolve, reject) => {
        const worker = new Worker(script, { workerData: { buf, name, rules, terms, entry } });
        let settled = false;
        worker.on('message', (m: Message) => {
          if (m.type === 'progress') progress?.(m.phase, m.fraction);
          else {
            settled = true;
            void worker.terminate();
            if (m.type === 'done') resolve(m.result);
            else reject(m.refused ? new DocumentRefused(m.message) : new Error(m.message));
          }
        });
        worker.on('error', (err) => {
          if (!settled) reject(err);
        });
        worker.on('exit', (code) => {
          if (!settled) reject(new DocumentRefused(code === 0 ? '文件分析意外中止' : '文件分析失败（可能耗尽了内存），已拒绝'));
        });
      });
    },
  };
}
