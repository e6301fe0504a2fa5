import { sql, type Kysely } from 'kysely';

// Applications for disclosure (依申请公开, seed 004 附件2): registered at once and
// numbered, with the applicant's identity (personal data: the whole store is encrypted;
// lists mask it), the clock's events (补正, extension, third-party letter) and the reply.
// Released migrations are never edited.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    received_on TEXT NOT NULL,
    received_via TEXT NOT NULL,
    applicant_kind TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    id_type TEXT NOT NULL,
    id_number TEXT NOT NULL,
    contact TEXT NOT NULL,
    address TEXT NOT NULL,
    request TEXT NOT NULL,
    purpose TEXT NOT NULL,
    delivery_form TEXT NOT NULL,
    status TEXT NOT NULL,
    correction_requested_on TEXT,
    correction_text TEXT,
    correction_received_on TEXT,
    extension TEXT,
    third_party TEXT,
    item_id TEXT REFERENCES items(id),
    split_from TEXT,
    reply_type TEXT,
    reply_subtype TEXT,
    reply_on TEXT,
    reply_text TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX applications_year ON applications (year, received_on)`.execute(db);
  await sql`CREATE INDEX applications_status ON applications (status)`.execute(db);
  await sql`CREATE INDEX applications_reply ON applications (reply_on)`.execute(db);
}
