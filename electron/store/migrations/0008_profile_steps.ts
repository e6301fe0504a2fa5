import { sql, type Kysely } from 'kysely';

// The steps of every stored profile version as rows, so that a list can ask in SQL
// "items whose current step is one this user's roles may sign" instead of loading
// every item to ask the engine. Written when a profile version is stored; backfilled here.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE profile_steps (
    profile_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    step_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (profile_id, version, step_id)
  )`.execute(db);
  const stored = await sql<{ id: string; version: number; definition: string }>`SELECT id, version, definition FROM profiles`.execute(db);
  for (const p of stored.rows) {
    const steps = (JSON.parse(p.definition) as { steps?: Array<{ id: string; role: string; name: string }> }).steps ?? [];
    for (const [i, s] of steps.entries())
      await sql`INSERT INTO profile_steps (profile_id, version, step_id, position, role, name) VALUES (${p.id}, ${p.version}, ${s.id}, ${i}, ${s.role}, ${s.name})`.execute(db);
  }
  await sql`CREATE INDEX items_step ON items (profile_id, profile_version, step_id, status)`.execute(db);
}
