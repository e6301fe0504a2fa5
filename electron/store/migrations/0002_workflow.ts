import { sql, type Kysely } from 'kysely';

// Items under review, their signed opinions, objections, escalations, consultations,
// declassification records, the basis library, the catalogue, incidents, imported
// calendars and stored profile versions. Released migrations are never edited.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('profiles')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('profiles_pk', ['id', 'version'])
    .execute();

  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('formed_on', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('disclosure', 'text', (c) => c.notNull())
    .addColumn('publish_form', 'text', (c) => c.notNull())
    .addColumn('review_mode', 'text', (c) => c.notNull())
    .addColumn('application_no', 'text')
    .addColumn('application_received_on', 'text')
    .addColumn('co_producers', 'text', (c) => c.notNull())
    .addColumn('third_parties', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('classification_term', 'text')
    .addColumn('special_domains', 'text', (c) => c.notNull())
    .addColumn('special_approval', 'text')
    .addColumn('sensitive', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('step_entered_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addForeignKeyConstraint('items_profile_fk', ['profile_id', 'profile_version'], 'profiles', ['id', 'version'])
    .execute();
  await db.schema.createIndex('items_status').on('items').columns(['status', 'step_id']).execute();

  await db.schema
    .createTable('opinions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('opinion_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('effect', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('grounds', 'text', (c) => c.notNull())
    .addColumn('bases', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('defer_until', 'text')
    .addColumn('audit_seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinions_item').on('opinions').column('item_id').execute();

  await db.schema
    .createTable('objections')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('audit_seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('escalations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('addressee', 'text', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('letter_number', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('reply_on', 'text')
    .addColumn('reply_authority', 'text')
    .addColumn('reply_document_number', 'text')
    .addColumn('reply_conclusion', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('consultations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('matters', 'text', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('reply', 'text')
    .addColumn('reply_on', 'text')
    .addColumn('reply_reason', 'text')
    .addColumn('override', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('declassifications')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('items.id'))
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('filed_with', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('patterns', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('catalogue')
    .addColumn('item_id', 'text', (c) => c.primaryKey().references('items.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('disclosure', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('discovered_on', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calendars')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  // The laws every review may cite (seed 000 第二十条). Titles only; no text is invented.
  const now = new Date().toISOString();
  const seeds: Array<[string, string, string, string]> = [
    ['law-bmf', 'law', '《中华人民共和国保守国家秘密法》', '审查依据：《保密法》及其相关法律法规'],
    ['law-bmf-ssz', 'law', '《中华人民共和国保守国家秘密法实施条例》', '审查依据：《保密法》及其相关法律法规'],
    ['law-gkt', 'law', '《中华人民共和国政府信息公开条例》', '政府信息公开的范围和程序'],
    ['scope-mj', 'scope', '《国家秘密及其密级具体范围规定》', '审查依据：国家秘密及其密级具体范围的规定'],
  ];
  for (const [id, kind, title, scope] of seeds)
    await sql`INSERT INTO bases (id, kind, title, document_number, scope, keywords, patterns, disabled, created_at, updated_at)
              VALUES (${id}, ${kind}, ${title}, '', ${scope}, '[]', '[]', 0, ${now}, ${now})`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are not reversed: restore a backup instead');
}
