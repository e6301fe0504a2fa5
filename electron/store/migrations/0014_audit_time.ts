import { sql, type Kysely } from 'kysely';

// The auditor's desk filters the trail by date and exports a range by dates: an index on
// the entry time keeps both from reading the whole trail.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS audit_log_time ON audit_log (time)`.execute(db);
}
