import { availableParallelism } from 'node:os';
import { sql } from 'kysely';
import type { DB } from '../store/database';
import type { VerifyReport } from '../../shared/types';
import { keyEventOf, keyHistoryMismatch, TABLE_MISMATCH, type KeyEvent } from './key-history';
import { verifyAudit, KEY_EVENTS, type VerifyOptions } from './verify';
import { verifyByFeeding } from './verify-feed';
import { joinRanges } from './verify-join';
import { checkRanges, type Finding, type KeyEntryRow } from './verify-ranges';

// Verification across every core. Each worker opens the store itself and checks whole
// sequence ranges; the main thread only lists the few entries that change keys (through
// the index on action), joins the ranges at their boundaries and reports progress, so
// it leaves both cores to the checking. The report is the one verify.ts gives in a
// single pass: the first finding by sequence, with the same reason.

/** How the workers open the store: the data key never leaves this process. */
export interface StoreAccess {
  dataKey: Buffer;
  /** The database file; by default the one `db` has open. */
  file?: string;
  /** Electron's build of the SQLite module (store/database.ts useNativeBinding). */
  nativeBinding?: string;
}

export interface ParallelOptions extends VerifyOptions {
  workers?: number;
  onProgress?: (fraction: number) => void;
  /** Without it the main thread reads the trail and feeds the workers (verify-feed.ts). */
  store?: StoreAccess;
  /** Below this many entries one pass on the main thread is quicker than starting workers. */
  minEntries?: number;
  /** Entries per range; by default about eight ranges per worker. */
  chunk?: number;
}

const MIN_ENTRIES = 5_000;

/** How many verifications took each way since the process started (tests show which ran). */
export const verifyWays = { ranges: 0, feeding: 0, single: 0 };

const feeding = (db: DB, opts: ParallelOptions) => {
  verifyWays.feeding++;
  return verifyByFeeding(db, opts);
};
const single = (db: DB, opts: ParallelOptions) => {
  verifyWays.single++;
  return verifyAudit(db, opts);
};

async function mainFile(db: DB): Promise<string | null> {
  const { rows } = await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(db);
  return rows[0]?.file || null;
}

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function chainKeyEvents(rows: readonly KeyEntryRow[]): KeyEvent[] {
  const out: KeyEvent[] = [];
  for (const r of rows) {
    let payload: unknown = {};
    try {
      payload = JSON.parse(r.payload);
    } catch {
      /* every payload up to the head parsed in the ranges */
    }
    const ev = keyEventOf(r.seq, r.action, payload);
    if (ev) out.push(ev);
  }
  return out;
}

export async function verifyAuditParallel(db: DB, opts: ParallelOptions = {}): Promise<VerifyReport> {
  const file = opts.store ? (opts.store.file ?? (await mainFile(db))) : null;
  if (!opts.store || !file) return feeding(db, opts);
  const limit = opts.checkpoint?.seq ?? Number.MAX_SAFE_INTEGER;
  const top = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('m')).where('seq', '<=', limit).executeTakeFirst())?.m ?? 0);
  if (top === 0 || top < (opts.minEntries ?? MIN_ENTRIES)) {
    const report = await single(db, opts);
    opts.onProgress?.(1);
    return report;
  }
  const events: KeyEntryRow[] = await db
    .selectFrom('audit_log')
    .select(['seq', 'action', 'actor', 'signer', 'payload'])
    .where('action', 'in', Object.values(KEY_EVENTS))
    .where('seq', '<=', top)
    .orderBy('seq')
    .execute();
  const workers = Math.max(1, opts.workers ?? availableParallelism());
  let done = 0;
  const summaries = await checkRanges({
    file,
    dataKey: opts.store.dataKey,
    nativeBinding: opts.store.nativeBinding,
    events,
    trustedOrgFingerprint: opts.trustedOrgFingerprint,
    checkpoint: opts.checkpoint,
    top,
    workers,
    chunk: Math.max(1, opts.chunk ?? Math.ceil(top / (workers * 8))),
    onRows: (n) => {
      done += n;
      opts.onProgress?.(Math.min(1, done / top));
    },
  });
  if (!summaries) return feeding(db, opts);
  verifyWays.ranges++;
  const joined = joinRanges(summaries);
  // The key state each range starts from was folded from the index; the ranges read the
  // same entries from the table. They differ only if the index is damaged: then the
  // single pass, which needs no index, decides.
  const upto = joined.bad?.seq ?? Infinity;
  if (!sameList(joined.keySeqs.filter((s) => s < upto), events.map((e) => e.seq).filter((s) => s < upto))) return single(db, opts);
  opts.onProgress?.(1);

  let found: Finding | null = joined.bad;
  const head = joined.head;
  if (!found && opts.checkpoint && (head?.seq ?? 0) < opts.checkpoint.seq)
    found = { seq: (head?.seq ?? 0) + 1, reason: `审计记录在检查点（第 ${opts.checkpoint.seq} 条）之前被截断` };
  if (!found) {
    const mismatch = await keyHistoryMismatch(db, chainKeyEvents(events), head?.seq ?? 0);
    if (mismatch !== null) return { ok: false, checked: head?.seq ?? 0, head, firstBad: { seq: mismatch, reason: TABLE_MISMATCH } };
    return { ok: true, checked: head?.seq ?? 0, head, firstBad: null };
  }
  const before = await db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', found.seq - 1).executeTakeFirst();
  return { ok: false, checked: found.seq - 1, head: before ?? null, firstBad: found };
}
