import { sql, type Kysely } from 'kysely';

// The parts of each carrier file and whether each was read (已读取 / 未读取 with the
// reason), stored with the file's analysis as JSON. Files imported before this have an
// empty list: they were analysed before parts were recorded, which the item page says.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE documents ADD COLUMN parts TEXT NOT NULL DEFAULT '[]'`.execute(db);
}
