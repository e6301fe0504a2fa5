import { sql, type Kysely } from 'kysely';

// Queries that do not grow with the store: an index for every filter and join of the
// lists, the item page and the audit desk; and full-text search over items and their
// files' text. FTS5 with the trigram tokenizer (any Chinese query of three characters
// or more) is SQLite's own: this migration and store/search.ts are the only places that
// know it. Triggers keep the index in step with the tables, so no service can forget.

export async function up(db: Kysely<unknown>): Promise<void> {
  const index = (name: string, on: string) => sql.raw(`CREATE INDEX IF NOT EXISTS ${name} ON ${on}`).execute(db);
  await index('audit_log_subject_seq', 'audit_log (subject, seq)');
  await index('audit_log_actor_seq', 'audit_log (actor, seq)');
  await index('audit_log_action_seq', 'audit_log (action, seq)');
  await index('items_created', 'items (created_at)');
  await index('items_department', 'items (department, created_at)');
  await index('items_creator', 'items (created_by, created_at)');
  await index('items_formed', 'items (formed_on)');
  await index('items_classification', 'items (classification)');
  await index('items_profile', 'items (profile_id, profile_version)');
  await index('findings_document_status', 'findings (document_id, status)');
  await index('documents_sha', 'documents (sha256)');
  await index('escalations_item', 'escalations (item_id)');
  await index('objections_item', 'objections (item_id)');
  await index('incidents_item', 'incidents (item_id)');
  await index('catalogue_date', 'catalogue (date)');

  await sql`CREATE VIRTUAL TABLE search_index USING fts5(item_id UNINDEXED, source UNINDEXED, body, tokenize = 'trigram')`.execute(db);
  const itemBody = (r: string) => `${r}.title || ' ' || ${r}.document_number || ' ' || ${r}.issuer || ' ' || ${r}.keywords || ' ' || ${r}.summary`;
  await sql.raw(`INSERT INTO search_index (item_id, source, body) SELECT id, 'item', ${itemBody('items')} FROM items`).execute(db);
  await sql`INSERT INTO search_index (item_id, source, body) SELECT item_id, id, name || ' ' || text FROM documents`.execute(db);
  await sql.raw(`CREATE TRIGGER search_item_insert AFTER INSERT ON items BEGIN
    INSERT INTO search_index (item_id, source, body) VALUES (new.id, 'item', ${itemBody('new')});
  END`).execute(db);
  await sql.raw(`CREATE TRIGGER search_item_update AFTER UPDATE OF title, document_number, issuer, keywords, summary ON items BEGIN
    DELETE FROM search_index WHERE item_id = old.id AND source = 'item';
    INSERT INTO search_index (item_id, source, body) VALUES (new.id, 'item', ${itemBody('new')});
  END`).execute(db);
  await sql`CREATE TRIGGER search_document_insert AFTER INSERT ON documents BEGIN
    INSERT INTO search_index (item_id, source, body) VALUES (new.item_id, new.id, new.name || ' ' || new.text);
  END`.execute(db);
}
