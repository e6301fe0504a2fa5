import canonicalize from 'canonicalize';
import { sha256Hex } from '../keys/crypto';
import type { AuditLogTable } from '../store/schema';

// An audit entry's hash covers every field but the hash and signature themselves,
// as RFC 8785 canonical JSON, so any program can recompute it.

export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers: the stored row's fields, with the payload parsed. */
export interface AuditFields extends Pick<AuditLogTable, 'seq' | 'time' | 'actor' | 'role' | 'action' | 'subject'> {
  payload: unknown;
  prevHash: string;
  /** Fingerprint of the key that signs this entry: the actor's, or the organization's. */
  signer: string;
}

/** Throws on values RFC 8785 cannot represent (lone surrogates, NaN, Infinity). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalized');
  return text;
}

export function entryHash(fields: AuditFields): string {
  return sha256Hex(canonicalJson(fields));
}
