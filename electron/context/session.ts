import type { Transaction } from 'kysely';
import type { SessionUser } from '../../shared/types';
import type { AppendedEntry } from '../audit/append';
import type { DB } from '../store/database';
import type { Schema } from '../store/schema';

// What every domain service receives from the session: the open store, who is acting,
// the clock, and signing. A domain never reaches into the session or another domain's
// service for these; the app composes them.

export interface AuditInput {
  action: string;
  subject: string;
  payload: unknown;
  /** The role the action is taken in, when it is not simply the user's roles. */
  role?: string;
}

export interface SessionContext {
  db(): DB;
  user(): SessionUser;
  now(): Date;
  /** Appends an entry signed by the current user inside `tx`. */
  append(tx: Transaction<Schema>, a: AuditInput): Promise<AppendedEntry>;
  /** Appends one entry for the current user outside any other change. */
  audit(a: AuditInput): Promise<AppendedEntry>;
}

export type Tx = Transaction<Schema>;
