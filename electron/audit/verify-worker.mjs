// Audit verification off the main thread. Plain JavaScript so it runs as a worker under
// Node and in the packaged app alike, without a TypeScript loader.
//
// Two modes:
// - ranges (workerData.mode === 'ranges'): the worker opens the store itself, read-only,
//   and checks whole sequence ranges the main thread names: each entry's hash, the links
//   inside the range, who held which key, the signatures, key registrations and the
//   checkpoint, exactly as verify.ts does in one pass. It answers with a small summary;
//   the main thread joins the ranges (first prev_hash against the previous last hash).
// - batches (workerData.mode === 'batches'): the main thread reads the rows and sends them; the worker
//   recomputes hashes and checks signatures with the key the main thread says was in force.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import canonicalize from 'canonicalize';

const GENESIS_HASH = '0'.repeat(64);
const SETUP = 'system.setup';
const REGISTERED = 'user.keyRegistered';
const REVOKED = 'user.keyRevoked';
/** What the index query of the main thread selects: every entry that may change keys. */
export const KEY_ACTIONS = [SETUP, REGISTERED, REVOKED];

/** Same as keys/crypto.ts fingerprint(): a test keeps the two equal. */
export const fingerprintOf = (raw) => `sha256:${createHash('sha256').update(raw).digest('hex')}`;

const b64key = (v) => {
  if (typeof v !== 'string') return null;
  const raw = Buffer.from(v, 'base64');
  return raw.length === 32 ? raw : null;
};

const keyObjects = new Map();
const keyOf = (b64) => {
  let k = keyObjects.get(b64);
  if (!k) {
    k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(b64, 'base64').toString('base64url') }, format: 'jwk' });
    keyObjects.set(b64, k);
  }
  return k;
};

const signatureHolds = (b64, hashHex, signatureB64) => {
  try {
    const sig = Buffer.from(signatureB64, 'base64');
    return sig.length === 64 && verify(null, Buffer.from(hashHex, 'hex'), keyOf(b64), sig);
  } catch {
    return false;
  }
};

/** entry.ts entryHash(): RFC 8785 canonical JSON of every field but hash and signature. */
const hashOf = (r, payload) =>
  createHash('sha256')
    .update(canonicalize({ seq: r.seq, time: r.time, actor: r.actor, role: r.role, action: r.action, subject: r.subject, payload, prevHash: r.prev_hash, signer: r.signer }), 'utf8')
    .digest('hex');

const parse = (text) => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/** The organization key of the genesis entry, or null when it is not a valid setup entry. */
function orgKeyOf(row, payload) {
  if (row.seq !== 1 || row.action !== SETUP) return null;
  return b64key((payload ?? {}).organization?.publicKey);
}

/**
 * A key registration or revocation taking effect (after the entry that records it):
 * the finding verify.ts gives for an invalid one, or null.
 */
function keyChange(state, row, payload) {
  if (row.signer !== state.orgFp) return '密钥登记必须由单位密钥签名';
  const p = payload ?? {};
  const userId = typeof p.userId === 'string' ? p.userId : null;
  if (!userId) return '密钥登记缺少用户';
  if (row.action === REGISTERED) {
    const raw = b64key(p.publicKey);
    if (!raw) return '密钥登记中的公钥无效';
    const fp = fingerprintOf(raw);
    state.keys.set(fp, raw.toString('base64'));
    state.current.set(userId, fp);
  } else state.current.delete(userId);
  return null;
}

const setOrg = (state, raw) => {
  state.orgFp = fingerprintOf(raw);
  state.keys.set(state.orgFp, raw.toString('base64'));
};

/**
 * Who held which key just before `seq`, folded from the chain's key entries (rows of
 * the main thread's index query). An invalid entry is skipped: the range holding it
 * reports it, and that finding comes first by sequence.
 */
export function stateBefore(events, seq) {
  const state = { orgFp: null, keys: new Map(), current: new Map() };
  for (const e of events) {
    if (e.seq >= seq) break;
    const parsed = parse(e.payload);
    if (!parsed.ok) continue;
    if (e.seq === 1) {
      const raw = orgKeyOf(e, parsed.value);
      if (raw) setOrg(state, raw);
    } else if (e.action === REGISTERED || e.action === REVOKED) keyChange(state, e, parsed.value);
  }
  return state;
}

/**
 * Checks the entries of one range [a, b] in sequence order, as verify.ts checks them.
 * `ctx`: { a, b, events, trustedOrgFingerprint?, checkpoint? }. The first entry's link
 * is left to the caller unless the range starts the chain.
 */
export function checkRange(rows, ctx, onRows = () => {}) {
  const state = stateBefore(ctx.events, ctx.a);
  const keySeqs = [];
  let expected = ctx.a;
  let prevHash = ctx.a === 1 ? GENESIS_HASH : null;
  let first = null;
  let last = null;
  const summary = (bad) => ({ a: ctx.a, b: ctx.b, first, last, keySeqs, bad });
  const bad = (seq, reason) => summary({ seq, reason });
  for (const row of rows) {
    if (row.seq !== expected) return bad(expected, `第 ${expected} 条记录缺失或顺序被改动`);
    if (first === null) first = { seq: row.seq, prevHash: row.prev_hash };
    if (prevHash !== null && row.prev_hash !== prevHash) return bad(row.seq, '前序哈希不符：记录被删除、插入或调换');
    const parsed = parse(row.payload);
    if (!parsed.ok) return bad(row.seq, '记录内容无法解析');
    if (hashOf(row, parsed.value) !== row.hash) return bad(row.seq, '记录内容被修改：哈希不符');
    if (KEY_ACTIONS.includes(row.action)) keySeqs.push(row.seq);
    if (row.seq === 1) {
      const raw = orgKeyOf(row, parsed.value);
      if (!raw) return bad(1, '首条记录不是系统初始化记录');
      setOrg(state, raw);
      if (ctx.trustedOrgFingerprint && ctx.trustedOrgFingerprint !== state.orgFp) return bad(1, '单位密钥指纹与受信任的指纹不符');
    }
    if (row.signer !== state.orgFp && state.current.get(row.actor) !== row.signer) return bad(row.seq, '签名密钥不是该操作人当时持有的密钥');
    const key = state.keys.get(row.signer);
    if (!key || !signatureHolds(key, row.hash, row.signature)) return bad(row.seq, '签名验证失败');
    if (row.action === REGISTERED || row.action === REVOKED) {
      const reason = keyChange(state, row, parsed.value);
      if (reason) return bad(row.seq, reason);
    }
    if (ctx.checkpoint && row.seq === ctx.checkpoint.seq && row.hash !== ctx.checkpoint.hash) return bad(row.seq, '与检查点的哈希不符');
    prevHash = row.hash;
    last = { seq: row.seq, hash: row.hash };
    expected += 1;
    if ((expected & 4095) === 0) onRows(4096);
  }
  // The range ends at an entry that exists (the head, or before the next range), so
  // entries missing at its end are a gap, not a shorter chain.
  if (expected <= ctx.b) return bad(expected, `第 ${expected} 条记录缺失或顺序被改动`);
  return summary(null);
}

/** A read-only connection with the store's cipher settings (store/database.ts openRaw). */
async function openReadOnly(file, keyBytes, nativeBinding) {
  const { default: Database } = await import('better-sqlite3-multiple-ciphers');
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma(`cipher='chacha20'`);
    db.pragma('hmac_check=1');
    db.pragma(`key="x'${Buffer.from(keyBytes.buffer, keyBytes.byteOffset, keyBytes.byteLength).toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('temp_store=MEMORY');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

async function serveRanges() {
  const { file, key, nativeBinding, events, trustedOrgFingerprint, checkpoint } = workerData;
  const keyBytes = new Uint8Array(key);
  let db;
  try {
    db = await openReadOnly(file, keyBytes, nativeBinding);
  } catch (err) {
    // The message names the failure only; the key never leaves this thread.
    parentPort.postMessage({ type: 'failed', message: err instanceof Error ? err.name : 'open failed' });
    return;
  } finally {
    keyBytes.fill(0);
  }
  const select = db.prepare('SELECT seq, time, actor, role, action, subject, payload, prev_hash, signer, hash, signature FROM audit_log WHERE seq BETWEEN ? AND ? ORDER BY seq');
  parentPort.on('message', (m) => {
    if (m.type === 'close') {
      db.close();
      parentPort.close();
      return;
    }
    try {
      const summary = checkRange(select.iterate(m.a, m.b), { a: m.a, b: m.b, events, trustedOrgFingerprint, checkpoint }, (n) => parentPort.postMessage({ type: 'rows', n }));
      parentPort.postMessage({ type: 'range', summary });
    } catch (err) {
      parentPort.postMessage({ type: 'failed', message: err instanceof Error ? err.name : 'range failed' });
    }
  });
  parentPort.postMessage({ type: 'ready' });
}

function serveBatches() {
  parentPort.on('message', ({ id, rows }) => {
    let firstBad = null;
    for (const r of rows) {
      const parsed = parse(r.payload);
      if (!parsed.ok) {
        firstBad = { seq: r.seq, reason: '记录内容无法解析' };
        break;
      }
      if (hashOf(r, parsed.value) !== r.hash) {
        firstBad = { seq: r.seq, reason: '记录内容被修改：哈希不符' };
        break;
      }
      if (!r.key || !signatureHolds(r.key, r.hash, r.signature)) {
        firstBad = { seq: r.seq, reason: '签名验证失败' };
        break;
      }
    }
    parentPort.postMessage({ id, firstBad });
  });
}

// A test runner's own worker thread imports this file for its functions: serve only
// when started as one of ours.
if (!isMainThread && parentPort) {
  if (workerData?.mode === 'ranges') await serveRanges();
  else if (workerData?.mode === 'batches') serveBatches();
}
