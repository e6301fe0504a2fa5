import { sql, type Kysely } from 'kysely';

// What the lists filter, sort and count on, kept beside each item so that a page is
// one indexed query whatever the size of the store (issue 15):
//  - step_role / step_first: the role acting on the current step and whether it is the
//    profile's first (registrant-only) step, NULL/0 unless the item is in review;
//  - item_signers: who signed which step (the ReviewState's signedBy as rows), for
//    need-to-know and separation of duties in SQL;
//  - class_question: an unmarked item one of whose files bears a mark not dismissed,
//    kept by triggers on findings, so the documents code cannot forget it;
//  - due_on / overdue_from / publish_due: the earliest running due date (for sorting),
//    the earliest one that turns the item overdue when passed, and the 主动公开 limit of
//    an approved item until its website publication. Stored as dates and compared with
//    today in SQL, so "overdue" needs no rewrite as days pass.
// Due dates need the working-day calendar, which a migration does not have: rows start
// with derived_at NULL and the workflow computes them before the first list reads them.

const QUESTION = (item: string) => `(SELECT i.classification = 'none' AND EXISTS (
    SELECT 1 FROM findings f JOIN documents d ON d.id = f.document_id
    WHERE d.item_id = i.id AND f.kind = 'CLASSIFICATION_MARK' AND f.status != 'dismissed')
  FROM items i WHERE i.id = ${item})`;

/**
 * Every column a list filters, sorts or counts on, so a page's count and its ids are read
 * from this index alone (a few MB) rather than from the rows with their JSON (hundreds).
 */
export const LIST_INDEX = `CREATE INDEX IF NOT EXISTS items_list ON items (created_at, status, step_role, step_first, step_id, class_question, classification, department, created_by, profile_id, formed_on, due_on, overdue_from, publish_due, id)`;

/** The items' own searchable fields, so a one- or two-character search reads this index, not the rows (store/search.ts). */
export const SHORT_TEXT_INDEX = `CREATE INDEX IF NOT EXISTS items_short_text ON items (title, document_number, keywords, summary, issuer, id)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`ALTER TABLE items ADD COLUMN step_role TEXT`);
  await run(`ALTER TABLE items ADD COLUMN step_first INTEGER NOT NULL DEFAULT 0`);
  await run(`ALTER TABLE items ADD COLUMN class_question INTEGER NOT NULL DEFAULT 0`);
  await run(`ALTER TABLE items ADD COLUMN due_on TEXT`);
  await run(`ALTER TABLE items ADD COLUMN overdue_from TEXT`);
  await run(`ALTER TABLE items ADD COLUMN publish_due TEXT`);
  await run(`ALTER TABLE items ADD COLUMN derived_at TEXT`);
  await run(`CREATE TABLE item_signers (
    item_id TEXT NOT NULL REFERENCES items(id),
    step_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (user_id, item_id, step_id)
  ) WITHOUT ROWID`);

  // Backfill what the rows themselves say; due dates follow on first read (above).
  await run(`UPDATE items SET
    step_role = CASE WHEN status = 'inReview' THEN (SELECT role FROM profile_steps ps WHERE ps.profile_id = items.profile_id AND ps.version = items.profile_version AND ps.step_id = items.step_id) END,
    step_first = CASE WHEN status = 'inReview' THEN coalesce((SELECT position = 0 FROM profile_steps ps WHERE ps.profile_id = items.profile_id AND ps.version = items.profile_version AND ps.step_id = items.step_id), 0) ELSE 0 END`);
  await run(`INSERT OR IGNORE INTO item_signers (item_id, step_id, user_id)
    SELECT i.id, s.key, u.value FROM items i, json_each(i.state, '$.signedBy') s, json_each(s.value) u WHERE json_valid(i.state)`);
  await run(`UPDATE items SET class_question = coalesce(${QUESTION('items.id')}, 0)`);

  for (const [event, ref] of [
    ['AFTER INSERT ON findings', 'new'],
    ['AFTER UPDATE OF status, kind ON findings', 'new'],
    ['AFTER DELETE ON findings', 'old'],
  ] as const)
    await run(`CREATE TRIGGER item_question_${event.split(' ')[1]!.toLowerCase()} ${event} BEGIN
      UPDATE items SET class_question = coalesce(${QUESTION('items.id')}, 0)
      WHERE id = (SELECT item_id FROM documents WHERE id = ${ref}.document_id);
    END`);
  await run(`CREATE TRIGGER item_question_classification AFTER UPDATE OF classification ON items BEGIN
    UPDATE items SET class_question = coalesce(${QUESTION('new.id')}, 0) WHERE id = new.id;
  END`);

  // One index per filter and sort of the lists; need-to-know and the inbox use the rest.
  const index = (name: string, on: string) => run(`CREATE INDEX IF NOT EXISTS ${name} ON ${on}`);
  await index('item_signers_item', 'item_signers (item_id)');
  await index('items_step_role', 'items (step_role, created_at)');
  await index('items_status_created', 'items (status, created_at)');
  await index('items_due', 'items (due_on)');
  await index('items_overdue', 'items (overdue_from)');
  await index('items_publish_due', 'items (publish_due) WHERE publish_due IS NOT NULL');
  await index('items_question', 'items (class_question) WHERE class_question = 1');
  await index('items_stale', 'items (derived_at) WHERE derived_at IS NULL');
  await index('items_title', 'items (title)');
  await index('items_document_number', 'items (document_number)');
  await index('items_profile_created', 'items (profile_id, created_at)');
  await index('items_classified', 'items (created_at) WHERE classification != \'none\'');
  await index('publication_register_published', 'publication_register (item_id) WHERE published_on IS NOT NULL');
  await index('escalations_open', 'escalations (item_id) WHERE reply_on IS NULL');
  await index('declassifications_item', 'declassifications (item_id)');
  await run(LIST_INDEX);
  await run(SHORT_TEXT_INDEX);
}
