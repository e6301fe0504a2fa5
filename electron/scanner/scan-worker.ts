import { parentPort, workerData } from 'node:worker_threads';
import { createScanner } from './scanner';
import type { ListTerm, Rules } from './rules';

// One scanning thread of electron/scanner/parallel.ts: builds the scanner once, then
// scans the slices it is sent. Findings go back to the thread that sent the slice only.

const { rules, terms, today, blockChars } = workerData as { rules: Rules; terms: ListTerm[]; today: number; blockChars?: number };
const scanner = createScanner({ rules, terms, today: new Date(today), blockChars });
parentPort!.on('message', (m: { id: number; text: string; marked: string | null; base: number }) => {
  const findings = scanner.scanSlice(m.text, m.marked ?? m.text, m.base);
  parentPort!.postMessage({ id: m.id, findings });
});
