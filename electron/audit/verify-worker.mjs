// Checks a batch of audit entries: recomputes each hash (RFC 8785 canonical JSON,
// SHA-256) and verifies its Ed25519 signature with the key the main thread says was in
// force. Plain JavaScript so it runs as a worker in Node and in the packaged app alike.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import canonicalize from 'canonicalize';

const keys = new Map();
const keyOf = (b64) => {
  let k = keys.get(b64);
  if (!k) {
    k = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(b64, 'base64').toString('base64url') }, format: 'jwk' });
    keys.set(b64, k);
  }
  return k;
};

parentPort.on('message', ({ id, rows }) => {
  let firstBad = null;
  for (const r of rows) {
    let payload;
    try {
      payload = JSON.parse(r.payload);
    } catch {
      firstBad = { seq: r.seq, reason: '记录内容无法解析' };
      break;
    }
    const fields = { seq: r.seq, time: r.time, actor: r.actor, role: r.role, action: r.action, subject: r.subject, payload, prevHash: r.prev_hash, signer: r.signer };
    const hash = createHash('sha256').update(canonicalize(fields), 'utf8').digest('hex');
    if (hash !== r.hash) {
      firstBad = { seq: r.seq, reason: '记录内容被修改：哈希不符' };
      break;
    }
    if (!r.key || !verify(null, Buffer.from(r.hash, 'hex'), keyOf(r.key), Buffer.from(r.signature, 'base64'))) {
      firstBad = { seq: r.seq, reason: '签名验证失败' };
      break;
    }
  }
  parentPort.postMessage({ id, firstBad });
});
