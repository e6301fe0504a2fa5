import type { Transaction } from 'kysely';
import type { KeyObject } from 'node:crypto';
import { fingerprint, importPrivateKey, publicKeyFromPrivate, signEd25519 } from '../keys/crypto';
import type { DB } from '../store/database';
import type { Schema } from '../store/schema';
import { canonicalJson, entryHash, GENESIS_HASH, type AuditFields } from './entry';

export interface Signer {
  fingerprint: string;
  privateKey: KeyObject;
}

/** Parse the key once; signing then costs only the signature. */
export function signerFromPrivateKey(privateKey: Buffer): Signer {
  return { fingerprint: fingerprint(publicKeyFromPrivate(privateKey)), privateKey: importPrivateKey(privateKey) };
}

export interface AuditAction {
  actor: string;
  role: string;
  action: string;
  subject: string;
  payload: unknown;
}

export interface AppendedEntry extends AuditFields {
  hash: string;
  signature: string;
}

type Tx = Transaction<Schema> | DB;

/**
 * Appends one signed entry. Call it inside the transaction that makes the change it
 * records, so the action and its record commit together or not at all.
 */
export async function appendAudit(tx: Tx, action: AuditAction, signer: Signer, now = new Date()): Promise<AppendedEntry> {
  // Reading the head and inserting after it must not interleave with another append:
  // a transaction holds the one connection until both are done.
  if (!tx.isTransaction) return tx.transaction().execute((t) => appendAudit(t, action, signer, now));
  const last = await tx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  // Round-trip the payload so what is hashed is exactly what is stored and read back.
  const payloadText = canonicalJson(action.payload ?? null);
  const fields: AuditFields = {
    seq: (last?.seq ?? 0) + 1,
    time: now.toISOString(),
    actor: action.actor,
    role: action.role,
    action: action.action,
    subject: action.subject,
    payload: JSON.parse(payloadText) as unknown,
    prevHash: last?.hash ?? GENESIS_HASH,
    signer: signer.fingerprint,
  };
  const hash = entryHash(fields);
  const signature = signEd25519(signer.privateKey, Buffer.from(hash, 'hex')).toString('base64');
  await tx
    .insertInto('audit_log')
    .values({
      seq: fields.seq,
      time: fields.time,
      actor: fields.actor,
      role: fields.role,
      action: fields.action,
      subject: fields.subject,
      payload: payloadText,
      prev_hash: fields.prevHash,
      signer: fields.signer,
      hash,
      signature,
    })
    .execute();
  return { ...fields, hash, signature };
}

export async function auditHead(db: Tx | DB): Promise<{ seq: number; hash: string } | null> {
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last ?? null;
}
