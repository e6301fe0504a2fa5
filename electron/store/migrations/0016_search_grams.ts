import { sql, type Kysely } from 'kysely';

// One- and two-character search through an index (issue 15): the FTS5 trigram index of
// migration 0005 cannot hold words shorter than three characters, and scanning every
// item's fields for 低保 took half a second at 100,000 items. search_grams lists, for each
// single character and each pair of adjacent characters in an item's short fields (信息名称,
// 文号, 关键词, 内容概要, 发布机构), the item and the first field holding it, sorted so that a
// page in rank order (field, then newest) is one index range read.
//  - Files' text is left out: its grams would double the index (measured on the bench
//    store in store/search-short.ts); a one- or two-character word is in nearly every file.
//  - Items are numbered in search_items (INTEGER PRIMARY KEY, kept by VACUUM INTO, which
//    backups and key rotation use) so that a posting is a few bytes, not a 36-byte id.
//  - Triggers write the rows in the statement that changes the item, so no service can
//    forget them and they commit or roll back with it.

/** Characters up to this position of a field are indexed (内容概要 allows 2,000). */
export const MAX_POSITION = 4000;

/**
 * Rows (g, f): every 1- and 2-character gram of the item `r` and the field it is in (1 信息名称,
 * 2 文号, 3 关键词, 4 内容概要, 5 发布机构). The fields come from json_tree, the only way to
 * reach a row's columns from a FROM clause in SQLite (no LATERAL); keywords are its
 * nested array, so a pair never spans two keywords.
 */
const gramRows = (r: string) => `SELECT lower(substr(t.value, p.p, w.w)) AS g, CASE WHEN t.path = '$' THEN t.key + 1 ELSE 3 END AS f
  FROM json_tree(json_array(${r}.title, ${r}.document_number,
      CASE WHEN json_valid(${r}.keywords) THEN json(${r}.keywords) ELSE json('[]') END, ${r}.summary, ${r}.issuer)) t,
    (SELECT 1 AS w UNION ALL SELECT 2) w,
    search_positions p
  WHERE t.type = 'text' AND p.p <= length(t.value) - w.w + 1 AND trim(substr(t.value, p.p, w.w)) = substr(t.value, p.p, w.w)`;

/** The (gram, field, n) rows of item `r`: one per gram, in its first field (0017 uses it too). */
export const postings = (r: string) => `SELECT g, min(f), (SELECT n FROM search_items WHERE item_id = ${r}.id) FROM (${gramRows(r)}) GROUP BY g`;

export const changed = ['title', 'document_number', 'keywords', 'summary', 'issuer'].map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');

export async function up(outer: Kysely<unknown>): Promise<void> {
  // One transaction (the migrator runs SQLite migrations without one): an interrupted
  // backfill leaves the store as it was, to be migrated again on the next start.
  await outer.transaction().execute((db) => upIn(db));
}

async function upIn(db: Kysely<unknown>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE search_items (n INTEGER PRIMARY KEY, item_id TEXT NOT NULL UNIQUE)`);
  await run(`CREATE TABLE search_positions (p INTEGER PRIMARY KEY)`);
  await run(`CREATE TABLE search_grams (
    gram TEXT NOT NULL,
    field INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (gram, field, n DESC)
  ) WITHOUT ROWID`);
  await sql`INSERT INTO search_positions (p) SELECT value FROM json_each(${JSON.stringify(Array.from({ length: MAX_POSITION }, (_, i) => i + 1))})`.execute(db);

  // Backfill, oldest first so that n follows registration.
  await run(`INSERT INTO search_items (item_id) SELECT id FROM items ORDER BY created_at, id`);
  await backfill(db);
  // The index 0009 made for scanning the short fields is no longer read: one index fewer per write.
  await run(`DROP INDEX IF EXISTS items_short_text`);

  await run(`CREATE TRIGGER search_grams_insert AFTER INSERT ON items BEGIN
    INSERT INTO search_items (item_id) VALUES (new.id);
    INSERT INTO search_grams (gram, field, n) ${postings('new')};
  END`);
  await run(`CREATE TRIGGER search_grams_update AFTER UPDATE OF title, document_number, keywords, summary, issuer ON items
    WHEN ${changed} BEGIN
    DELETE FROM search_grams WHERE (gram, field, n) IN (${postings('old')});
    INSERT INTO search_grams (gram, field, n) ${postings('new')};
  END`);
  await run(`CREATE TRIGGER search_grams_delete AFTER DELETE ON items BEGIN
    DELETE FROM search_grams WHERE (gram, field, n) IN (${postings('old')});
    DELETE FROM search_items WHERE item_id = old.id;
  END`);
}

interface ShortFields {
  n: number;
  title: unknown;
  document_number: unknown;
  keywords: unknown;
  summary: unknown;
  issuer: unknown;
}

/** Characters of short fields held in memory per pass of the backfill. */
const PASS_CHARS = 3_000_000;
const CHUNK = 5000;
const BATCH = 20_000;

/**
 * The backfill computes the same rows as gramRows in JavaScript: json_tree over 100,000
 * items took many minutes on a busy machine, this takes seconds. Grams are collected per
 * (gram, field) and written in key order, in passes over a share of the grams each, so
 * memory stays bounded whatever the store's size.
 */
async function backfill(db: Kysely<unknown>): Promise<void> {
  const chars = Number((await sql<{ c: number | null }>`SELECT sum(length(title) + length(document_number) + length(keywords) + length(summary) + length(issuer)) AS c FROM items`.execute(db)).rows[0]?.c ?? 0);
  const passes = Math.max(1, Math.ceil(chars / PASS_CHARS));
  for (let pass = 0; pass < passes; pass++) {
    const lists = new Map<string, number[]>();
    for (let last = 0; ; ) {
      const rows = (
        await sql<ShortFields>`SELECT si.n, i.title, i.document_number, i.keywords, i.summary, i.issuer
          FROM search_items si JOIN items i ON i.id = si.item_id WHERE si.n > ${last} ORDER BY si.n LIMIT ${CHUNK}`.execute(db)
      ).rows;
      if (rows.length === 0) break;
      for (const r of rows) {
        for (const [g, f] of gramsOf(r)) {
          if (passes > 1 && g.charCodeAt(0) % passes !== pass) continue;
          const key = `${g}${f}`; // f is one digit
          const list = lists.get(key);
          if (list) list.push(r.n);
          else lists.set(key, [r.n]);
        }
      }
      last = rows[rows.length - 1]!.n;
    }
    // Triples [gram, field, n], n descending within (gram, field): the key order of the table.
    let batch: Array<[string, number, number]> = [];
    const flush = async () => {
      if (batch.length) await sql`INSERT INTO search_grams (gram, field, n) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(${JSON.stringify(batch)})`.execute(db);
      batch = [];
    };
    for (const key of [...lists.keys()].sort()) {
      const [g, f] = [key.slice(0, -1), Number(key.slice(-1))];
      const ns = lists.get(key)!;
      for (let i = ns.length - 1; i >= 0; i--) batch.push([g, f, ns[i]!]);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  }
}

const ASCII_UPPER = /[A-Z]/g;

/** gramRows for one item: gram -> first field, with SQLite's character counting, trim(' ') and ASCII-only lower(). */
export function gramsOf(r: Omit<ShortFields, 'n'>): Map<string, number> {
  const out = new Map<string, number>();
  const add = (v: unknown, f: number) => {
    if (typeof v !== 'string') return;
    const cs = [...v];
    for (let i = 0; i < Math.min(cs.length, MAX_POSITION); i++)
      for (let w = 1; w <= 2 && i + w <= cs.length; w++) {
        const g = w === 1 ? cs[i]! : cs[i]! + cs[i + 1]!;
        if (g.startsWith(' ') || g.endsWith(' ')) continue;
        const k = g.replace(ASCII_UPPER, (c) => c.toLowerCase());
        if (!(out.get(k)! <= f)) out.set(k, f);
      }
  };
  const leaves = (v: unknown): void => {
    if (typeof v === 'string') add(v, 3);
    else if (Array.isArray(v)) v.forEach(leaves);
    else if (v && typeof v === 'object') Object.values(v).forEach(leaves);
  };
  add(r.title, 1);
  add(r.document_number, 2);
  if (typeof r.keywords === 'string') {
    try {
      leaves(JSON.parse(r.keywords));
    } catch {
      /* not JSON: no keywords, as json_valid() says in the triggers */
    }
  }
  add(r.summary, 4);
  add(r.issuer, 5);
  return out;
}
