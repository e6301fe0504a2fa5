import { sql, type Kysely } from 'kysely';

// Key history as its own small table, so the item page can tell whether an entry's
// signature holds without rereading the chain. It is derived from the chain only: a
// trigger copies each key event as the entry is appended, and full verification
// (electron/audit/key-history.ts) checks the table against the chain, so a key slipped
// into this table alone is found.

const EVENTS = `('system.setup', 'user.keyRegistered', 'user.keyRevoked')`;
const ROW = (r: string) => `${r}.seq, ${r}.action,
  CASE WHEN ${r}.action = 'system.setup' THEN 'org' ELSE json_extract(${r}.payload, '$.userId') END,
  CASE WHEN ${r}.action = 'system.setup' THEN json_extract(${r}.payload, '$.organization.publicKey')
       WHEN ${r}.action = 'user.keyRegistered' THEN json_extract(${r}.payload, '$.publicKey') END`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE audit_keys (
    seq INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    owner TEXT,
    public_key TEXT
  )`);
  await run(`INSERT INTO audit_keys (seq, action, owner, public_key)
    SELECT ${ROW('a')} FROM audit_log a WHERE a.action IN ${EVENTS} AND (a.action != 'system.setup' OR a.seq = 1) AND json_valid(a.payload)`);
  await run(`CREATE TRIGGER audit_keys_append AFTER INSERT ON audit_log
    WHEN new.action IN ${EVENTS} AND (new.action != 'system.setup' OR new.seq = 1) AND json_valid(new.payload) BEGIN
    INSERT INTO audit_keys (seq, action, owner, public_key) VALUES (${ROW('new')});
  END`);
}
