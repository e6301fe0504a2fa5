import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Selectable } from 'kysely';
import type { DB } from '../store/database';
import type { AuditLogTable } from '../store/schema';
import { fingerprint } from '../keys/crypto';
import { GENESIS_HASH } from './entry';
import { KEY_EVENTS, type VerifyOptions } from './verify';
import { VERIFY_WORKER } from './verify-ranges';
import { keyEventOf, keyHistoryMismatch, TABLE_MISMATCH, type KeyEvent } from './key-history';
import type { VerifyReport } from '../../shared/types';

// Verification when the workers cannot open the store themselves (no data key at hand,
// or the worker failed to open it): the main thread reads the trail in order and checks
// what only order can tell (sequence, links between hashes, which key was in force for
// whom), while workers recompute hashes and check signatures in batches. The first
// failure by sequence number wins, so the report is the one a sequential pass gives.

const BATCH = 1000;

/** A stored entry, with the signer's raw public key (base64) as the main thread knows it. */
type Row = Selectable<AuditLogTable> & { key?: string };

type Bad = { seq: number; reason: string } | null;

const b64key = (v: unknown): Buffer | null => {
  if (typeof v !== 'string') return null;
  const raw = Buffer.from(v, 'base64');
  return raw.length === 32 ? raw : null;
};

export async function verifyByFeeding(db: DB, opts: VerifyOptions & { workers?: number; onProgress?: (fraction: number) => void } = {}): Promise<VerifyReport> {
  const limit = opts.checkpoint?.seq ?? Number.MAX_SAFE_INTEGER;
  const total = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('seq', '<=', limit).executeTakeFirstOrThrow()).n);
  const size = Math.max(1, opts.workers ?? availableParallelism());
  const pool = Array.from({ length: size }, () => new Worker(VERIFY_WORKER, { workerData: { mode: 'batches' } }));
  const waiting = new Map<number, (b: Bad) => void>();
  for (const w of pool) w.on('message', (m: { id: number; firstBad: Bad }) => waiting.get(m.id)?.(m.firstBad));
  let nextId = 0;
  let done = 0;
  let settled = 0;
  const pending: Array<Promise<Bad>> = [];
  const dispatch = (rows: Row[]) => {
    const id = nextId++;
    const worker = pool[id % size]!;
    pending.push(
      new Promise<Bad>((resolve) => {
        waiting.set(id, (b) => {
          waiting.delete(id);
          done += rows.length;
          opts.onProgress?.(total ? done / total : 1);
          resolve(b);
        });
        worker.postMessage({ id, rows });
      }),
    );
  };

  const keys = new Map<string, string>(); // fingerprint -> raw key (base64)
  const current = new Map<string, string>(); // actor -> fingerprint in force
  let orgFp: string | null = null;
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let mainBad: Bad = null;
  let head: { seq: number; hash: string } | null = null;
  let batch: Row[] = [];
  const keyEvents: KeyEvent[] = [];
  try {
    const rows = db.selectFrom('audit_log').selectAll().where('seq', '<=', limit).orderBy('seq').stream(BATCH);
    for await (const row of rows as AsyncIterable<Row>) {
      const bad = (reason: string, seq = row.seq) => (mainBad = { seq, reason });
      if (row.seq !== expected) {
        bad(`第 ${expected} 条记录缺失或顺序被改动`, expected);
        break;
      }
      if (row.prev_hash !== prevHash) {
        bad('前序哈希不符：记录被删除、插入或调换');
        break;
      }
      const keyEvent = row.action === KEY_EVENTS.keyRegistered || row.action === KEY_EVENTS.keyRevoked;
      let p: Record<string, unknown> = {};
      if (row.seq === 1 || keyEvent) {
        // An unparsable payload is the workers' finding (记录内容无法解析), in sequence order.
        try {
          p = JSON.parse(row.payload) as Record<string, unknown>;
        } catch {
          p = {};
        }
        const ev = keyEventOf(row.seq, row.action, p);
        if (ev) keyEvents.push(ev);
      }
      if (row.seq === 1) {
        const orgKey = b64key((p.organization as Record<string, unknown> | undefined)?.publicKey);
        if (row.action !== KEY_EVENTS.setup || !orgKey) {
          bad('首条记录不是系统初始化记录');
          break;
        }
        orgFp = fingerprint(orgKey);
        if (opts.trustedOrgFingerprint && opts.trustedOrgFingerprint !== orgFp) {
          bad('单位密钥指纹与受信任的指纹不符');
          break;
        }
        keys.set(orgFp, orgKey.toString('base64'));
      }
      if (row.signer !== orgFp && current.get(row.actor) !== row.signer) {
        bad('签名密钥不是该操作人当时持有的密钥');
        break;
      }
      batch.push({ ...row, key: keys.get(row.signer) });
      if (keyEvent) {
        const userId = typeof p.userId === 'string' ? p.userId : null;
        if (row.signer !== orgFp || !userId) {
          bad(row.signer !== orgFp ? '密钥登记必须由单位密钥签名' : '密钥登记缺少用户');
          break;
        }
        if (row.action === KEY_EVENTS.keyRegistered) {
          const raw = b64key(p.publicKey);
          if (!raw) {
            bad('密钥登记中的公钥无效');
            break;
          }
          keys.set(fingerprint(raw), raw.toString('base64'));
          current.set(userId, fingerprint(raw));
        } else current.delete(userId);
      }
      if (opts.checkpoint && row.seq === opts.checkpoint.seq && row.hash !== opts.checkpoint.hash) {
        bad('与检查点的哈希不符');
        break;
      }
      prevHash = row.hash;
      head = { seq: row.seq, hash: row.hash };
      expected += 1;
      if (batch.length >= BATCH) {
        dispatch(batch);
        batch = [];
        // A few batches in flight per worker: reading runs ahead of checking by that
        // much only, so memory stays bounded however long the trail.
        if (pending.length - settled >= size * 3) await pending[settled++];
      }
    }
    if (batch.length) dispatch(batch);
    const found = [mainBad, ...(await Promise.all(pending))].filter((b): b is NonNullable<Bad> => b !== null);
    if (!found.length && opts.checkpoint && (head?.seq ?? 0) < opts.checkpoint.seq)
      found.push({ seq: (head?.seq ?? 0) + 1, reason: `审计记录在检查点（第 ${opts.checkpoint.seq} 条）之前被截断` });
    if (!found.length) {
      const mismatch = await keyHistoryMismatch(db, keyEvents, head?.seq ?? 0);
      if (mismatch !== null) return { ok: false, checked: head?.seq ?? 0, head, firstBad: { seq: mismatch, reason: TABLE_MISMATCH } };
    }
    if (found.length) {
      const first = found.reduce((a, b) => (b.seq < a.seq ? b : a));
      const before = await db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', first.seq - 1).executeTakeFirst();
      return { ok: false, checked: first.seq - 1, head: before ?? null, firstBad: first };
    }
    return { ok: true, checked: expected - 1, head, firstBad: null };
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
