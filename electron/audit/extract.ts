import { z } from 'zod';
import { fingerprint, importPublicKey, verifyEd25519 } from '../keys/crypto';
import { canonicalJson, entryHash } from './entry';

// A signed extract of a range of the trail (mishen-audit-extract/2), for keeping outside
// the machine and for checking without the program's database: every entry with its
// links (prevHash → hash) and signature, every public key the trail vouches for with its
// owner, the organization key, and the auditor's Ed25519 signature over the RFC 8785
// canonical JSON of the body. Anyone with the file can recompute each entry's hash, walk
// the links, check each entry's signature and the extract's own.

export const EXTRACT_FORMAT = 'mishen-audit-extract/2';

const b64 = z.string().regex(/^[A-Za-z0-9+/]+=*$/);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

const entrySchema = z.object({
  seq: z.number().int().min(1),
  time: z.string(),
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  subject: z.string(),
  payload: z.unknown(),
  prevHash: hex64,
  signer: z.string(),
  hash: hex64,
  signature: b64,
});
export type ExtractEntry = z.output<typeof entrySchema>;

const keySchema = z.object({ fingerprint: z.string(), publicKey: b64, owner: z.string(), ownerName: z.string() });
export type ExtractKey = z.output<typeof keySchema>;

const bodySchema = z.object({
  organization: z.object({ name: z.string(), publicKey: b64, fingerprint: z.string() }),
  range: z.object({ fromSeq: z.number().int(), toSeq: z.number().int() }),
  exportedAt: z.string(),
  exportedBy: z.string(),
  /** The trail's head when the extract was made: the range is a prefix-linked part of it. */
  head: z.object({ seq: z.number().int(), hash: hex64 }),
  keys: z.array(keySchema),
  entries: z.array(entrySchema).min(1),
});
export type ExtractBody = z.output<typeof bodySchema>;

const fileSchema = z.object({
  format: z.literal(EXTRACT_FORMAT),
  body: bodySchema,
  signature: z.object({ alg: z.literal('Ed25519'), signer: z.string(), publicKey: b64, signature: b64 }),
});

export type ExtractSigner = (bytes: Buffer) => { publicKey: string; signature: string; signer: string };

/** The file's text: the body and the auditor's signature over its canonical JSON. */
export function signExtract(body: ExtractBody, sign: ExtractSigner): string {
  const s = sign(Buffer.from(canonicalJson(body), 'utf8'));
  return `${JSON.stringify({ format: EXTRACT_FORMAT, body, signature: { alg: 'Ed25519', ...s } }, null, 1)}\n`;
}

export interface ExtractReport {
  ok: boolean;
  count: number;
  fromSeq: number | null;
  toSeq: number | null;
  /** Chinese, one line per problem; empty when ok. */
  problems: string[];
}

const rawKey = (text: string): Buffer | null => {
  const raw = Buffer.from(text, 'base64');
  return raw.length === 32 ? raw : null;
};

/**
 * Checks an extract file: its shape, the signature over the body, the organization key
 * (against a fingerprint the caller trusts, when given), each entry's hash, the links
 * between consecutive entries, and each entry's signature by a key its owner held.
 */
export function verifyExtract(text: string, opts: { trustedOrgFingerprint?: string } = {}): ExtractReport {
  let parsed: z.output<typeof fileSchema>;
  try {
    const r = fileSchema.safeParse(JSON.parse(text));
    if (!r.success) return { ok: false, count: 0, fromSeq: null, toSeq: null, problems: ['文件不是密审台审计记录摘录，或格式已被改动'] };
    parsed = r.data;
  } catch {
    return { ok: false, count: 0, fromSeq: null, toSeq: null, problems: ['文件无法解析'] };
  }
  const { body, signature } = parsed;
  const problems: string[] = [];
  const report = (): ExtractReport => ({ ok: problems.length === 0, count: body.entries.length, fromSeq: body.range.fromSeq, toSeq: body.range.toSeq, problems });

  const signerKey = rawKey(signature.publicKey);
  if (!signerKey || fingerprint(signerKey) !== signature.signer) problems.push('摘录签名的公钥与其指纹不符');
  else if (!verifyEd25519(importPublicKey(signerKey), Buffer.from(canonicalJson(body), 'utf8'), Buffer.from(signature.signature, 'base64')))
    problems.push('摘录签名验证失败：内容被改动');
  if (!body.keys.some((k) => k.fingerprint === signature.signer)) problems.push('签署摘录的密钥不是审计日志登记过的密钥');

  const orgKey = rawKey(body.organization.publicKey);
  if (!orgKey || fingerprint(orgKey) !== body.organization.fingerprint) problems.push('单位公钥与其指纹不符');
  if (opts.trustedOrgFingerprint && opts.trustedOrgFingerprint !== body.organization.fingerprint) problems.push('单位密钥指纹与受信任的指纹不符');

  const keys = new Map<string, { key: ReturnType<typeof importPublicKey>; owner: string }>();
  for (const k of body.keys) {
    const raw = rawKey(k.publicKey);
    if (!raw || fingerprint(raw) !== k.fingerprint) {
      problems.push(`密钥 ${k.fingerprint.slice(0, 20)}… 与其指纹不符`);
      continue;
    }
    keys.set(k.fingerprint, { key: importPublicKey(raw), owner: k.owner });
  }
  if (orgKey) keys.set(body.organization.fingerprint, { key: importPublicKey(orgKey), owner: 'org' });

  const { fromSeq, toSeq } = body.range;
  if (body.entries[0]!.seq !== fromSeq || body.entries.at(-1)!.seq !== toSeq || body.entries.length !== toSeq - fromSeq + 1) problems.push('摘录的记录与所述范围不符');
  let prev: ExtractEntry | null = null;
  for (const e of body.entries) {
    const at = `第 ${e.seq} 条记录`;
    if (prev && e.seq !== prev.seq + 1) problems.push(`${at}：序号不连续`);
    if (prev && e.prevHash !== prev.hash) problems.push(`${at}：前序哈希不符`);
    const { hash, signature: sig, ...fields } = e;
    if (entryHash(fields) !== hash) problems.push(`${at}：内容被修改，哈希不符`);
    const k = keys.get(e.signer);
    if (!k || (k.owner !== 'org' && k.owner !== e.actor)) problems.push(`${at}：签名密钥不属于操作人`);
    else if (!verifyEd25519(k.key, Buffer.from(hash, 'hex'), Buffer.from(sig, 'base64'))) problems.push(`${at}：签名验证失败`);
    prev = e;
    if (problems.length > 50) break;
  }
  return report();
}
