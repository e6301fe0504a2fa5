import type { Generated } from 'kysely';

// Row types of the encrypted database, one interface per table. JSON columns hold
// text; the data-access functions parse and validate them.

export interface SettingsTable {
  key: string;
  value: string;
}

export interface OrganizationTable {
  id: number;
  name: string;
  short_name: string;
  public_key: Buffer;
  /** PKCS#8 DER; safe here only because the whole database is encrypted. */
  private_key: Buffer;
  bundle_sequence: number;
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  department: string;
  /** JSON array of role ids. */
  roles: string;
  disabled: number;
  must_change_password: number;
  slot_id: string;
  public_key: Buffer | null;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  seq: number;
  time: string;
  actor: string;
  role: string;
  action: string;
  subject: string;
  /** RFC 8785 canonical JSON. */
  payload: string;
  prev_hash: string;
  signer: string;
  hash: string;
  signature: string;
}

export interface MigrationRow {
  id: Generated<number>;
}

export interface Schema {
  settings: SettingsTable;
  organization: OrganizationTable;
  users: UsersTable;
  audit_log: AuditLogTable;
}
