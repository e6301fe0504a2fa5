import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { sql, type SqlBool } from 'kysely';
import { openStore, type OpenStore } from '../../../electron/store/database';
import { POPULAR, searchPage, TOTAL_CAP } from '../../../electron/store/search';
import { randomKey } from '../../../electron/keys/crypto';
import { tempDir } from '../../helpers/tmp';

// Words found in more items than can be counted quickly (县 in every 发布机构): the count
// stops at TOTAL_CAP and says so, a phrase with more than POPULAR matches is ranked newest
// first, and every page still holds only what need-to-know lets through.

const N = POPULAR + 100;
let store: OpenStore;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = await openStore(join(t.dir, 'm.db'), randomKey());
  const raw = store.raw;
  raw.prepare(`INSERT INTO users (id, username, display_name, department, roles, disabled, must_change_password, slot_id, public_key, created_at, updated_at) VALUES ('u', 'u', 'u', '', '[]', 0, 0, 's', NULL, 't', 't')`).run();
  raw.prepare(`INSERT INTO profiles (id, version, definition, created_by, created_at) VALUES ('p', 1, '{}', 'u', 't')`).run();
  const insert = raw.prepare(`INSERT INTO items (id, profile_id, profile_version, title, document_number, issuer, department, formed_on, category, keywords, summary, disclosure, publish_form, review_mode, application_no, application_received_on, co_producers, third_parties, classification, classification_term, special_domains, special_approval, sensitive, state, status, step_id, step_entered_on, created_by, created_at, updated_at, decided_on)
    VALUES (?, 'p', 1, ?, '', '某某县人民政府办公室', ?, '2026-11-20', '', '[]', '', '主动公开', '网站', '主动审查', NULL, NULL, '[]', '[]', 'none', NULL, '[]', NULL, 0, '{}', 'inReview', 'initial', '2026-11-20', 'u', ?, 't', NULL)`);
  raw.transaction(() => {
    for (let i = 0; i < N; i++) insert.run(`i${String(i).padStart(5, '0')}`, `第${i}号公告`, i % 2 ? '财政局' : '办公室', `2026-01-01T00:00:${String(i).padStart(5, '0')}`);
  })();
}, 120_000);
afterAll(async () => {
  await store.close();
  cleanup();
});

const all = { visible: sql<SqlBool>`1`, full: sql<SqlBool>`1` };
const office = { visible: sql<SqlBool>`items.department = '办公室'`, full: sql<SqlBool>`0` };

describe('search counts and ranks words found everywhere', () => {
  it('stops counting at the cap, for short and long queries alike', async () => {
    for (const q of ['县', '政府', '人民政府']) {
      const page = await searchPage(store.db, q, all, 20, 0);
      expect(page).toMatchObject({ total: TOTAL_CAP, capped: true });
      expect(page.hits).toHaveLength(20);
    }
    // Exact below the cap: 第20号, 第200…209号, 第2000…2099号.
    expect(await searchPage(store.db, '第20', all, 20, 0)).toMatchObject({ total: 1 + 10 + 100, capped: false });
    expect(await searchPage(store.db, '第20号', all, 200, 0)).toMatchObject({ total: 1, capped: false });
  });

  it('pages past the cap and keeps need-to-know', async () => {
    const deep = await searchPage(store.db, '县', all, 20, TOTAL_CAP + 20);
    expect(deep.hits).toHaveLength(20);
    expect(deep.total).toBe(TOTAL_CAP + 40);
    const mine = await searchPage(store.db, '人民政府', office, 50, 0);
    expect(mine.total).toBe(TOTAL_CAP);
    const ids = mine.hits.map((h) => h.itemId);
    // Newest first, 办公室's (even) items only.
    expect(ids.slice(0, 3)).toEqual([`i${String(N - 2).padStart(5, '0')}`, `i${String(N - 4).padStart(5, '0')}`, `i${String(N - 6).padStart(5, '0')}`]);
    const short = await searchPage(store.db, '县', office, 50, 0);
    expect(short.hits.map((h) => h.itemId)).toEqual(ids);
    expect(mine.hits[0]!.snippet).toContain('【人民政府】');
    expect(short.hits[0]!.snippet).toContain('【县】');
  });
});
