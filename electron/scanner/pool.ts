import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { ListTerm } from './rules';
import { encodeConfig, unpackFindings, type PackedFindings, type ScanJob, type ScanReply } from './pool-protocol';
import { BlockCopier, newCounter, stopTaking, takeFront } from './shared-blocks';
import { byPlace, createScanner, cutBlocks, forward, gpsFindings, prepareSegments, type Finding, type Scanner, type ScannerOptions, type ScanResult } from './scanner';

// A long text scanned on every core by warm threads. The calling thread and one pool
// thread per other core take the one-thread scan's own blocks, the caller from the front
// and the pool threads from the back (shared-blocks.ts); each block is scanned exactly as
// the one-thread scan scans it, so the findings are the same, in the same order
// (test/unit/scanner/pool.test.ts). Pool threads are started on
// first use, keep their scanner until the rules or the list change, and never keep the
// process alive. Short texts are scanned on the calling thread alone.

// Paths joined, not new URL('./x', import.meta.url): a bundler would take that for an asset.
const HERE = dirname(fileURLToPath(import.meta.url));
const TS_ENTRY = join(HERE, 'pool-worker.ts');
const TS_LOADER = join(HERE, 'ts-worker.mjs');

/** Below this many characters a text is scanned on the calling thread (a block is 1M). */
export const POOL_MIN_CHARS = 1 << 21;

/** Something that takes scan jobs: a pool thread, or a port to one (from another thread). */
export type Helper = Worker | MessagePort;

export class ScanPool {
  private workers: Worker[] = [];

  /**
   * @param size threads (default: one per core beyond the caller's)
   * @param entry the bundled pool worker in the packaged app; by default the TypeScript entry (development, tests)
   */
  constructor(
    readonly size = Math.max(0, availableParallelism() - 1),
    private readonly entry = TS_ENTRY,
  ) {}

  /** Threads running now (they start on first use). */
  get running(): number {
    return this.workers.filter((w) => w.threadId >= 0).length;
  }

  /** The pool threads, started now if they are not running. */
  helpers(): Worker[] {
    this.workers = this.workers.filter((w) => w.threadId >= 0);
    while (this.workers.length < this.size) {
      const ts = this.entry.endsWith('.ts');
      // A block is at most blockChars characters: a small heap is plenty.
      const w = new Worker(ts ? TS_LOADER : this.entry, { workerData: { entry: this.entry }, resourceLimits: { maxOldGenerationSizeMb: 512 } });
      w.unref();
      const drop = () => (this.workers = this.workers.filter((x) => x !== w));
      w.on('error', drop);
      w.on('exit', drop);
      this.workers.push(w);
    }
    return this.workers;
  }

  /** One port per pool thread, for a caller in another thread (transfer them to it). */
  ports(): MessagePort[] {
    return this.helpers().map((w) => {
      const { port1, port2 } = new MessageChannel();
      w.postMessage({ type: 'port', port: port1 }, [port1]);
      return port2;
    });
  }

  /** Scans on the calling thread and the pool; short texts on the calling thread only. */
  scan(
    opts: ScannerOptions,
    segments: Segments,
    onProgress?: (fraction: number) => void,
    minChars = POOL_MIN_CHARS,
    run: { stats?: ShareStats; callerScans?: boolean } = {},
  ): Promise<ScanResult> {
    const chars = segments.reduce((n, s) => n + s.text.length + 1, 0);
    return scanWithHelpers(opts, chars < minChars ? [] : this.helpers(), segments, onProgress, undefined, run);
  }

  /**
   * Starts the threads and has each (and the calling thread) build its scanner for these
   * options now, so that the next long scan finds them ready; resolves when all are.
   */
  async prepare(opts: ScannerOptions): Promise<void> {
    const { key, config, today } = configFor(opts);
    scannerFor(opts, { key });
    // A job of no blocks: the thread builds its scanner for the key and reports done.
    const job: ScanJob = { type: 'job', id: ++jobs, key, config, today, text: new SharedArrayBuffer(0), marked: null, cuts: [0], counter: newCounter(0) };
    await Promise.all(this.helpers().map((h) => ask(h, job, () => {}, new AbortController().signal)));
  }

  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

export interface ShareStats {
  blocks: number;
  byHelpers: number;
}

type Segments = ReadonlyArray<{ location: string; text: string; cell?: string }>;

let jobs = 0;

/** Blocks per helper kept copied ahead of the helpers: one to scan, one to take next. */
const AHEAD = 2;

let mine: { key: string; scanner: Scanner } | null = null;

// Shared copies of texts, kept a little while for the next long scan on this thread: the
// first write to a new buffer faults in every page of it, which costs more than the copy.
// A buffer is lent to one scan at a time; none is kept longer than SPARE_MS after use.
const SPARE_MS = 10_000;
const spare: Array<{ sab: SharedArrayBuffer; drop: NodeJS.Timeout }> = [];

/** A shared buffer for `chars` characters, kept or new; the caller fills it (BlockCopier). */
function borrowShared(chars: number): SharedArrayBuffer {
  const i = spare.findIndex((s) => s.sab.byteLength >= chars * 2 && s.sab.byteLength <= chars * 4 + 65536);
  if (i < 0) return new SharedArrayBuffer(chars * 2);
  const [{ sab, drop }] = spare.splice(i, 1) as [{ sab: SharedArrayBuffer; drop: NodeJS.Timeout }];
  clearTimeout(drop);
  return sab;
}

function returnShared(sab: SharedArrayBuffer): void {
  if (spare.length >= 2) clearTimeout(spare.shift()!.drop);
  const entry = {
    sab,
    drop: setTimeout(() => {
      const k = spare.indexOf(entry);
      if (k >= 0) spare.splice(k, 1);
    }, SPARE_MS).unref(),
  };
  spare.push(entry);
}

/**
 * The calling thread's scanner for these options, kept as a pool thread keeps its own:
 * built again only when the rules, the list or the day change. Building the automaton
 * of a 10,000-term list takes longer than scanning a long file with it.
 */
export function scannerFor(opts: ScannerOptions, { key }: { key: string } = configFor(opts)): Scanner {
  // A scanner kept from native: false (tests) is not one for the native pass, nor the other way.
  const own = opts.native === false ? `${key}:js` : key;
  if (mine?.key !== own) mine = { key: own, scanner: createScanner(opts) };
  return mine.scanner;
}

interface Encoded {
  key: string;
  config: string;
  today: number;
}

// Per rules object and list array: the config last encoded from them, with what it was
// encoded from. Encoding a 10,000-term list (JSON, then SHA-256) takes some milliseconds
// in which the helpers would wait for their job; comparing the objects with what they
// held then takes a tenth of that. A list or rules edited in place since are encoded again.
interface Hint extends Encoded {
  blockChars?: number;
  rules: string;
  /** basisId, kind, term, pattern of every term, in order: all of a term the scanner reads. */
  fields: Array<string | undefined>;
}
const hints = new WeakMap<object, WeakMap<object, Hint>>();
const NO_TERMS: readonly ListTerm[] = [];
const dayOf = (t: number) => Math.floor(t / 86_400_000);
const termFields = (terms: readonly ListTerm[]) => terms.flatMap((t) => [t.basisId, t.kind, t.term, t.pattern]);

/** The config for these options: the one encoded last from the same objects if they still hold the same, else encoded now. */
function configFor(opts: ScannerOptions): Encoded {
  const terms = opts.terms ?? NO_TERMS;
  const today = (opts.today ?? new Date()).getTime();
  const h = hints.get(opts.rules)?.get(terms);
  if (h && h.blockChars === opts.blockChars && dayOf(h.today) === dayOf(today) && h.fields.length === terms.length * 4 && h.rules === JSON.stringify(opts.rules)) {
    let same = true;
    for (let i = 0, j = 0; same && i < terms.length; i++, j += 4) {
      const t = terms[i]!;
      same = t.basisId === h.fields[j] && t.kind === h.fields[j + 1] && t.term === h.fields[j + 2] && t.pattern === h.fields[j + 3];
    }
    if (same) return { key: h.key, config: h.config, today };
  }
  const e = encoded(opts);
  let byTerms = hints.get(opts.rules);
  if (!byTerms) hints.set(opts.rules, (byTerms = new WeakMap()));
  byTerms.set(terms, { ...e, blockChars: opts.blockChars, rules: JSON.stringify(opts.rules), fields: termFields(terms) });
  return e;
}

function encoded(opts: ScannerOptions): Encoded {
  const today = (opts.today ?? new Date()).getTime();
  return { ...encodeConfig({ rules: opts.rules, terms: opts.terms ?? [], today, blockChars: opts.blockChars }), today };
}

/**
 * The one-thread scan, shared with `helpers` block by block. Any block a helper took and
 * did not report (it failed or went away) is scanned here, so the result never depends
 * on the helpers.
 */
export async function scanWithHelpers(
  opts: ScannerOptions,
  helpers: readonly Helper[],
  segments: Segments,
  onProgress?: (fraction: number) => void,
  given?: Scanner,
  /**
   * For tests and the bench: `stats` is filled in with how many blocks the helpers scanned;
   * `callerScans: false` leaves every block to the helpers (the caller scans only what they
   * leave), so a test sees their work whatever the machine's load.
   */
  run: { stats?: ShareStats; callerScans?: boolean; repaired?: boolean } = {},
): Promise<ScanResult> {
  const { stats } = run;
  // Kept from the first attempt when the scan starts over: progress never goes back.
  if (!run.repaired) onProgress = forward(onProgress);
  // Encoded once (or kept from the last scan with the same objects): the key finds this
  // thread's scanner, the config goes to the helpers.
  const sent = configFor(opts);
  const scanner = given ?? scannerFor(opts, sent);
  // The texts as given: every thread checks each block it scans for lone surrogates (the
  // native pass does so at no cost). In the rare text that has one, all work is dropped
  // and the scan starts over on the repaired text, on this thread.
  const check = !run.repaired;
  const prepared = prepareSegments(segments, !check);
  const { text, marked, locate } = prepared;
  const cuts = cutBlocks(text, opts.blockChars);
  const blocks = cuts.length - 1;
  const found: Array<Finding[] | undefined> = new Array<Finding[] | undefined>(blocks);
  let done = 0;
  let dropped = false;
  let illFormed = false;
  const report = (i: number, f: Finding[] | null, byHelper = false) => {
    if (found[i] || dropped) return;
    if (!f) {
      illFormed = true;
      return drop();
    }
    if (stats && byHelper) stats.byHelpers++;
    found[i] = f;
    done++;
    onProgress?.(done / blocks);
  };
  const scanHere = (i: number) => report(i, scanner.scanBlock(text.slice(cuts[i]!, cuts[i + 1]!), marked.slice(cuts[i]!, cuts[i + 1]!), cuts[i]!, check, locate));

  if (stats) Object.assign(stats, { blocks, byHelpers: 0 });
  const counter = newCounter(blocks);
  const taking = new Int32Array(counter);
  let waits: Promise<void> = Promise.resolve();
  let allFound = () => {};
  let lent: SharedArrayBuffer[] = [];
  let copier: BlockCopier | null = null;
  const stopWaiting = new AbortController();
  // No block is taken any more; the helpers finish the ones they hold, unheard. Their
  // copies are not lent again: one may still be reading a block it took.
  function drop() {
    dropped = true;
    stopTaking(taking);
    stopWaiting.abort();
  }
  if (helpers.length && blocks > 1) {
    const id = ++jobs;
    const { key, config, today } = sent;
    const job: ScanJob = { type: 'job', id, key, config, today, text: borrowShared(text.length), marked: marked === text ? null : borrowShared(marked.length), cuts, counter, check };
    lent = [job.text, ...(job.marked ? [job.marked] : [])];
    // Once every block is in, a helper still busy with an earlier job is not waited for.
    allFound = () => done === blocks && stopWaiting.abort();
    waits = Promise.all(helpers.map((h) => ask(h, job, (i, p) => (report(i, p && unpackFindings(p, locate), true), allFound()), stopWaiting.signal))).then(() => {});
    // Sent before anything is copied: the helpers start on the last blocks as soon as
    // they are there. This thread keeps a few blocks copied ahead of them.
    copier = new BlockCopier(job, text, marked);
    copier.ahead(AHEAD * helpers.length);
  }
  const callerScans = run.callerScans !== false || !helpers.length;
  try {
    if (!callerScans) copier?.downTo(0);
    else
      for (let i = takeFront(taking); i >= 0; i = takeFront(taking)) {
        copier?.ahead(AHEAD * helpers.length);
        scanHere(i);
      }
  } finally {
    // Every block a helper took is copied before it is waited for, whatever happened here.
    copier?.taken();
  }
  allFound();
  await waits;
  for (let i = 0; i < blocks && !dropped; i++) if (!found[i]) scanHere(i);
  if (illFormed) return scanWithHelpers(opts, [], segments, onProgress, scanner, { ...run, repaired: true });
  // Every block is in: no helper reads this job's text any more (a late one finds no block left).
  for (const sab of lent) returnShared(sab);

  // Each block comes sorted, and a block's findings all start inside it: in block order
  // they are in order (sorting here took longer than scanning a block).
  const findings: Finding[] = [];
  for (const f of found) for (const x of f!) findings.push(x);
  const gps = gpsFindings(segments, prepared.located);
  if (gps.length) {
    findings.push(...gps);
    findings.sort(byPlace);
  }
  return { text, segments: prepared.located, findings };
}

/** Sends the job to one helper; settles when it is done, failed, gone or no longer needed (never rejects). */
function ask(h: Helper, job: ScanJob, report: (i: number, f: PackedFindings | null) => void, ended: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const off = () => {
      h.off('message', onMessage);
      h.off('close', off);
      h.off('exit', off);
      h.off('error', off);
      ended.removeEventListener('abort', off);
      h.unref();
      resolve();
    };
    const onMessage = (r: ScanReply) => {
      if (r.id !== job.id) return;
      if (r.type === 'block') report(r.index, r.findings);
      else off();
    };
    h.on('message', onMessage);
    h.on('close', off);
    h.on('exit', off);
    h.on('error', off);
    ended.addEventListener('abort', off);
    // While it works for us, the helper keeps the process alive (a CLI would exit otherwise).
    h.ref();
    h.postMessage(job);
  });
}
