import { sql, type Kysely } from 'kysely';

// The review gate: consultations know their case (another agency concerned, a jointly
// produced item, a third party), may be planned at registration before the letter is
// sent (send_by), and carry the coordinated result of a disagreement; escalations know
// what matter they concern, which decides their reply limit. Released migrations are
// never edited.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE consultations_v2 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL REFERENCES items(id),
    kind TEXT NOT NULL,
    case_kind TEXT NOT NULL,
    party TEXT NOT NULL,
    matters TEXT NOT NULL,
    send_by TEXT,
    sent_on TEXT,
    deadline TEXT,
    reply TEXT,
    reply_on TEXT,
    reply_reason TEXT,
    override TEXT,
    coordination TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`.execute(db);
  await sql`INSERT INTO consultations_v2 (id, item_id, kind, case_kind, party, matters, send_by, sent_on, deadline, reply, reply_on, reply_reason, override, coordination, created_by, created_at)
    SELECT id, item_id, kind, CASE kind WHEN 'thirdParty' THEN 'thirdParty' ELSE 'concernsAgency' END, party, matters, NULL, sent_on, deadline, reply, reply_on, reply_reason, override, NULL, created_by, created_at
    FROM consultations`.execute(db);
  await sql`DROP TABLE consultations`.execute(db);
  await sql`ALTER TABLE consultations_v2 RENAME TO consultations`.execute(db);
  await sql`CREATE INDEX consultations_item ON consultations (item_id)`.execute(db);
  await sql`ALTER TABLE escalations ADD COLUMN matter TEXT NOT NULL DEFAULT 'other'`.execute(db);
  // The pre-loaded bases as the regulation writes them (000 第二十条), without naming
  // one regulation in the library every profile shares.
  await sql`UPDATE bases SET title = '《国家秘密及其密级具体范围规定》', scope = '审查依据：国家秘密及其密级具体范围的规定' WHERE id = 'scope-mj'`.execute(db);
  await sql`UPDATE bases SET scope = '审查依据：《保密法》及其相关法律法规' WHERE id IN ('law-bmf', 'law-bmf-ssz')`.execute(db);
}
