import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ListTerm, Rules } from '../scanner/rules';
import { analyze } from './analyze';
import { DocumentRefused } from './limits';

// Runs one analysis off the main thread and reports progress. Messages carry no
// document text except the final result, which goes back to the main process only.

// `ports` lead to the app's warm scanning threads (electron/scanner/pool.ts), if any.
const { buf, name, rules, terms, ports } = workerData as { buf: Uint8Array; name: string; rules: Rules; terms: ListTerm[]; ports?: MessagePort[] };
let last = 0;
analyze(buf, name, rules, terms, (phase, fraction) => {
  const now = Date.now();
  if (fraction >= 1 || now - last > 100) {
    last = now;
    parentPort!.postMessage({ type: 'progress', phase, fraction });
  }
}, ports ?? []).then(
  (result) => parentPort!.postMessage({ type: 'done', result }),
  (err: unknown) =>
    parentPort!.postMessage({
      type: 'error',
      refused: err instanceof DocumentRefused,
      message: err instanceof DocumentRefused ? err.message : '文件无法读取或格式不受支持',
    }),
);
