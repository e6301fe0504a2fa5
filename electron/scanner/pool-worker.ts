import { parentPort, type MessagePort } from 'node:worker_threads';
import { packedTransfer, packFindings, type ScanJob, type ScanReply } from './pool-protocol';
import { takeBack, waitCopied } from './shared-blocks';
import { createScanner, type Scanner } from './scanner';

// One warm scanning thread of the pool (pool.ts). It keeps the scanner built for the last
// config, so the term automaton is built once and again only when the rules or the list
// change. It serves its parent and any port handed to it (a caller in another thread,
// such as the analysis worker). Findings go back only to the port the job came from.

let current: { key: string; scanner: Scanner } | null = null;

function scannerFor(job: ScanJob): Scanner {
  if (current?.key !== job.key) {
    const c = JSON.parse(job.config) as { rules: Parameters<typeof createScanner>[0]['rules']; terms: []; blockChars: number | null };
    current = { key: job.key, scanner: createScanner({ rules: c.rules, terms: c.terms, today: new Date(job.today), blockChars: c.blockChars ?? undefined }) };
  }
  return current.scanner;
}

function run(job: ScanJob, reply: (r: ScanReply) => void): void {
  try {
    const scanner = scannerFor(job);
    const counter = new Int32Array(job.counter);
    // Blocks from the back: the caller scans from the front and copies only these.
    for (let i = takeBack(counter); i >= 0; i = takeBack(counter)) {
      const [from, to] = [job.cuts[i]!, job.cuts[i + 1]!];
      if (!waitCopied(counter, i)) throw new Error('block never copied');
      const findings = scanner.scanShared(job.text, job.marked, from, to, job.check);
      reply({ type: 'block', id: job.id, index: i, findings: findings && packFindings(findings) });
      // A lone surrogate: the caller starts over on the repaired text, so stop here.
      if (!findings) break;
    }
    reply({ type: 'done', id: job.id });
  } catch {
    // The caller scans whatever was not reported; nothing of the text is logged.
    reply({ type: 'failed', id: job.id });
  }
}

/** Replies go to the port the job came from; a block's arrays are moved, not copied. */
const replyTo = (port: MessagePort) => (r: ScanReply) => port.postMessage(r, r.type === 'block' ? packedTransfer(r.findings) : []);

function serve(port: MessagePort): void {
  port.on('message', (m: ScanJob) => {
    if (m.type === 'job') run(m, replyTo(port));
  });
}

function serveCallers(parent: MessagePort): void {
  parent.on('message', (m: ScanJob | { type: 'port'; port: MessagePort }) => {
    if (m.type === 'port') {
      serve(m.port);
      // A caller's port must not keep this thread alive: the pool decides when it ends.
      m.port.unref();
    } else if (m.type === 'job') run(m, replyTo(parent));
  });
}

serveCallers(parentPort!);
