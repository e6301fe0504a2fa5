import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { byPlace, createScanner, gpsFindings, prepareSegments, type Finding, type ScannerOptions, type ScanResult } from './scanner';
import { mergeParts, splitParts } from './split';

// A long text scanned on every core: cut at line ends into parts read with an overlap
// (split.ts), each part scanned by a worker thread with the same rules, the findings
// merged so each is reported once by the part it starts in. Short texts, and texts
// without line ends to cut at, are scanned on the calling thread as before.
// Memory: the joined text, plus one copy of it in slices sent to the workers.

export interface ParallelScanOptions extends ScannerOptions {
  /** Worker threads (default: one per core). */
  threads?: number;
  /** Parts to cut the text into (default: one per thread). */
  parts?: number;
  /** Characters each part reads of its neighbours (rounded out to whole lines). */
  overlap?: number;
  /** Below this many characters the text is scanned on the calling thread. */
  minChars?: number;
  /**
   * The worker entry: the bundled scanner worker in the packaged app; by default the
   * TypeScript entry beside this file, run through a loader (development, tests).
   */
  entry?: string;
}

const TS_ENTRY = fileURLToPath(new URL('./scan-worker.ts', import.meta.url));
const TS_LOADER = fileURLToPath(new URL('./ts-worker.mjs', import.meta.url));

export async function scanInParallel(
  opts: ParallelScanOptions,
  segments: ReadonlyArray<{ location: string; text: string; cell?: string }>,
  onProgress?: (fraction: number) => void,
): Promise<ScanResult> {
  const threads = opts.threads ?? availableParallelism();
  const prepared = prepareSegments(segments);
  const parts = splitParts(prepared.text, opts.parts ?? threads, opts.overlap ?? 4096);
  if (threads < 2 || parts.length < 2 || prepared.text.length < (opts.minChars ?? 1 << 21)) return createScanner(opts).scan(segments, onProgress);

  const entry = opts.entry ?? TS_ENTRY;
  const script = entry.endsWith('.ts') ? TS_LOADER : entry;
  const workerData = { entry, rules: opts.rules, terms: opts.terms ?? [], today: (opts.today ?? new Date()).getTime(), blockChars: opts.blockChars };
  const pool = Array.from({ length: Math.min(threads, parts.length) }, () => new Worker(script, { workerData }));
  const found: Finding[][] = new Array<Finding[]>(parts.length);
  const sameText = prepared.marked === prepared.text;
  try {
    let next = 0;
    let done = 0;
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.on('error', reject);
            const send = () => {
              if (next >= parts.length) return resolve();
              const i = next++;
              const p = parts[i]!;
              w.once('message', (m: { findings: Finding[] }) => {
                found[i] = m.findings;
                onProgress?.(++done / parts.length);
                send();
              });
              w.postMessage({ id: i, text: prepared.text.slice(p.from, p.to), marked: sameText ? null : prepared.marked.slice(p.from, p.to), base: p.from });
            };
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  const findings = mergeParts(parts, found);
  for (const f of findings) f.location = prepared.locate(f.start);
  findings.push(...gpsFindings(segments, prepared.located));
  findings.sort(byPlace);
  return { text: prepared.text, segments: prepared.located, findings };
}
