import { sql, type Kysely } from 'kysely';

// What leaves the isolated network and the paper that goes with it: public versions of
// carrier files (redacted or sanitized, with their proof), printed forms kept with the
// item, export bundles, the publication register (政府信息公开登记, 001 第六条(五)),
// and recalls waiting to travel in the next bundle. Released migrations are never edited.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE public_versions (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES items(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    original_sha256 TEXT NOT NULL,
    removals TEXT NOT NULL,
    notes TEXT NOT NULL,
    proof TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    confirmed_by TEXT,
    confirmed_at TEXT
  )`.execute(db);
  await sql`CREATE INDEX public_versions_item ON public_versions (item_id, document_id)`.execute(db);

  await sql`CREATE TABLE forms (
    id TEXT PRIMARY KEY,
    item_id TEXT,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    content_hash TEXT NOT NULL,
    pages INTEGER NOT NULL,
    checkpoint_seq INTEGER NOT NULL,
    checkpoint_hash TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX forms_item ON forms (item_id, created_at)`.execute(db);

  await sql`CREATE TABLE bundles (
    id TEXT PRIMARY KEY,
    sequence INTEGER NOT NULL UNIQUE,
    folder TEXT NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    items INTEGER NOT NULL,
    recalls INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`.execute(db);

  await sql`CREATE TABLE publication_register (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL REFERENCES items(id),
    bundle_id TEXT NOT NULL REFERENCES bundles(id),
    files TEXT NOT NULL,
    exported_at TEXT NOT NULL,
    exported_by TEXT NOT NULL,
    published_on TEXT,
    published_url TEXT,
    recorded_by TEXT,
    recorded_at TEXT
  )`.execute(db);
  await sql`CREATE INDEX publication_register_item ON publication_register (item_id)`.execute(db);

  await sql`CREATE TABLE recalls (
    item_id TEXT PRIMARY KEY REFERENCES items(id),
    reason TEXT NOT NULL,
    recalled_at TEXT NOT NULL,
    published_bundle_id TEXT NOT NULL,
    carried_by_bundle_id TEXT
  )`.execute(db);
}
