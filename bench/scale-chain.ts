import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3-multiple-ciphers';
import { canonicalJson, entryHash, GENESIS_HASH } from '../electron/audit/entry';
import { signerFromPrivateKey } from '../electron/audit/append';

// Appends a long run of real audit entries to a store in bulk: hashes are chained in
// order on this thread (each needs the one before), signatures are made on both cores by
// workers, rows go in by prepared statement inside transactions. Verification of the
// result is the real one: nothing here is trusted by the verifier.

const SIGNER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createPrivateKey, sign } = require('node:crypto');
const key = createPrivateKey({ key: Buffer.from(workerData.key), format: 'der', type: 'pkcs8' });
parentPort.on('message', ({ id, hashes }) => {
  const out = hashes.map((h) => sign(null, Buffer.from(h, 'hex'), key).toString('base64'));
  parentPort.postMessage({ id, out });
});`;

const ACTIONS = ['item.opinion', 'item.viewed', 'document.attached', 'finding.decided', 'item.consultation'];
const CHUNK = 20_000;

export async function appendSignedChain(
  raw: Database.Database,
  opts: { actor: string; privateKey: Buffer; count: number; subjects: readonly string[]; log: (s: string) => void },
): Promise<void> {
  const signer = signerFromPrivateKey(opts.privateKey);
  const workers = [0, 1].map(() => new Worker(SIGNER, { eval: true, workerData: { key: opts.privateKey } }));
  let nextId = 0;
  const waiting = new Map<number, (out: string[]) => void>();
  for (const w of workers) w.on('message', (m: { id: number; out: string[] }) => waiting.get(m.id)?.(m.out));
  const signAll = async (hashes: string[]): Promise<string[]> => {
    const half = Math.ceil(hashes.length / 2);
    const parts = [hashes.slice(0, half), hashes.slice(half)].map(
      (part, i) =>
        new Promise<string[]>((resolve) => {
          const id = nextId++;
          waiting.set(id, (out) => {
            waiting.delete(id);
            resolve(out);
          });
          workers[i]!.postMessage({ id, hashes: part });
        }),
    );
    return (await Promise.all(parts)).flat();
  };
  const insert = raw.prepare(
    'INSERT INTO audit_log (seq, time, actor, role, action, subject, payload, prev_hash, signer, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const head = raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const start = Date.UTC(2025, 0, 1);
  try {
    // Sign chunk k while chunk k+1 is hashed: the two cores sign, this thread hashes.
    let pending: Promise<void> = Promise.resolve();
    for (let done = 0; done < opts.count; done += CHUNK) {
      const n = Math.min(CHUNK, opts.count - done);
      const rows: Array<[number, string, string, string, string, string, string, string, string, string]> = [];
      for (let i = 0; i < n; i++) {
        seq += 1;
        const subject = opts.subjects[seq % opts.subjects.length]!;
        const action = ACTIONS[seq % ACTIONS.length]!;
        const payloadText = canonicalJson({ text: `基准记录 ${seq}`, n: seq });
        const time = new Date(start + seq * 60_000).toISOString();
        const fields = { seq, time, actor: opts.actor, role: 'handler', action, subject, payload: JSON.parse(payloadText) as unknown, prevHash: prev, signer: signer.fingerprint };
        const hash = entryHash(fields);
        rows.push([seq, time, opts.actor, 'handler', action, subject, payloadText, prev, signer.fingerprint, hash]);
        prev = hash;
      }
      await pending;
      pending = signAll(rows.map((r) => r[9])).then((signatures) => {
        raw.transaction(() => rows.forEach((r, i) => insert.run(...r, signatures[i]!)))();
      });
      if ((done / CHUNK) % 10 === 0) opts.log(`  audit: ${done + n} / ${opts.count}`);
    }
    await pending;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
