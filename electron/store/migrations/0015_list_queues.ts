import { sql, type Kysely } from 'kysely';

// Reviewer-sized lists at 100,000 items (issue 15): the lists count and page as a sum of
// disjoint branches, each one range of an index led by status and step role
// (workflow/list-branches.ts), instead of one scan applying need-to-know per row.
//  - items_queue: status and step role first, then the sort and every column need-to-know,
//    the views and the filters read, so each branch is counted and paged from the index alone;
//  - item_blocks: separation of duties (one step per person per item) as a small set per
//    person: (user, role of the current step, item) for each in-review item on which the
//    person signed another step. The inbox subtracts it once per query instead of probing
//    item_signers for every row. It is kept by triggers, whatever code writes items or
//    signers, so it cannot go stale;
//  - list_generation: one row whose token every write to what a list total depends on
//    (items, item_signers, publication_register) replaces, by trigger, in the writing
//    transaction. A total remembered with the token it was counted under is reused only
//    while the token is unchanged (workflow/list-totals.ts). The token is random, not a
//    counter, so that a rolled-back write followed by another can never bring back a
//    token under which a different store was counted.

const BLOCK_COND = `i.status = 'inReview' AND i.step_role IS NOT NULL AND s.step_id != i.step_id`;

export const QUEUE_INDEX = `CREATE INDEX IF NOT EXISTS items_queue ON items (status, step_role, created_at, id, step_first, created_by, class_question, classification, department, profile_id, formed_on, due_on, overdue_from, publish_due, step_id)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE item_blocks (
    user_id TEXT NOT NULL,
    step_role TEXT NOT NULL,
    item_id TEXT NOT NULL,
    PRIMARY KEY (user_id, step_role, item_id)
  ) WITHOUT ROWID`);
  await run(`CREATE INDEX item_blocks_item ON item_blocks (item_id)`);
  await run(`INSERT OR IGNORE INTO item_blocks (user_id, step_role, item_id)
    SELECT s.user_id, i.step_role, i.id FROM item_signers s JOIN items i ON i.id = s.item_id WHERE ${BLOCK_COND}`);

  // The rows of one (item, user) pair, or of one item, are recomputed from item_signers
  // and items: a trigger never reasons about what changed, only about what now holds.
  const refill = (where: string) => `INSERT OR IGNORE INTO item_blocks (user_id, step_role, item_id)
      SELECT s.user_id, i.step_role, i.id FROM item_signers s JOIN items i ON i.id = s.item_id WHERE ${where} AND ${BLOCK_COND};`;
  await run(`CREATE TRIGGER item_blocks_signer_insert AFTER INSERT ON item_signers BEGIN
    ${refill('s.item_id = new.item_id AND s.user_id = new.user_id')}
  END`);
  await run(`CREATE TRIGGER item_blocks_signer_delete AFTER DELETE ON item_signers BEGIN
    DELETE FROM item_blocks WHERE item_id = old.item_id AND user_id = old.user_id;
    ${refill('s.item_id = old.item_id AND s.user_id = old.user_id')}
  END`);
  await run(`CREATE TRIGGER item_blocks_signer_update AFTER UPDATE ON item_signers BEGIN
    DELETE FROM item_blocks WHERE item_id IN (old.item_id, new.item_id);
    ${refill('s.item_id IN (old.item_id, new.item_id)')}
  END`);
  await run(`CREATE TRIGGER item_blocks_item_update AFTER UPDATE OF status, step_id, step_role, id ON items
    WHEN old.status IS NOT new.status OR old.step_id IS NOT new.step_id OR old.step_role IS NOT new.step_role OR old.id IS NOT new.id BEGIN
    DELETE FROM item_blocks WHERE item_id IN (old.id, new.id);
    ${refill('s.item_id = new.id')}
  END`);
  await run(`CREATE TRIGGER item_blocks_item_delete AFTER DELETE ON items BEGIN
    DELETE FROM item_blocks WHERE item_id = old.id;
  END`);
  await run(`CREATE TABLE list_generation (id INTEGER PRIMARY KEY CHECK (id = 1), token INTEGER NOT NULL)`);
  await run(`INSERT INTO list_generation (id, token) VALUES (1, random())`);
  for (const table of ['items', 'item_signers', 'publication_register'])
    for (const event of ['INSERT', 'UPDATE', 'DELETE'])
      await run(`CREATE TRIGGER list_generation_${table}_${event.toLowerCase()} AFTER ${event} ON ${table} BEGIN
        UPDATE list_generation SET token = random() WHERE id = 1;
      END`);
  await run(QUEUE_INDEX);
}
