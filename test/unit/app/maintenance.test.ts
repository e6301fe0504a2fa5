import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { sql } from 'kysely';
import { StoreMaintenance } from '../../../electron/app/maintenance';
import { Mutex } from '../../../electron/context/locks';
import { openStore, type OpenStore } from '../../../electron/store/database';
import { randomKey } from '../../../electron/keys/crypto';
import type { Vault } from '../../../electron/vault/vault';
import { tempDir } from '../../helpers/tmp';

// The hosts' quarter-minute tick merges waiting search postings when the store has been
// idle since the last tick, or when too many wait, one chunk per tick, under the vault's lock.

let store: OpenStore | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  cleanup?.();
});

async function setUp() {
  const t = tempDir();
  cleanup = t.cleanup;
  store = await openStore(join(t.dir, 'm.db'), randomKey());
  const s = store;
  const vault = { isOpen: true, db: () => s.db, changeCount: () => (s.raw.prepare('SELECT total_changes() AS n').get() as { n: number }).n } as unknown as Vault;
  await sql`INSERT INTO users (id, username, display_name, department, roles, disabled, must_change_password, slot_id, public_key, created_at, updated_at) VALUES ('u1','liu','刘','办公室','["handler"]',0,0,'s',NULL,'t','t')`.execute(s.db);
  await sql`INSERT INTO profiles (id, version, definition, created_by, created_at) VALUES ('p',1,'{}','u1','t')`.execute(s.db);
  let next = 0;
  const register = async (title: string) => {
    next++;
    await sql`INSERT INTO items (id, profile_id, profile_version, title, document_number, issuer, department, formed_on, category, keywords, summary, disclosure, publish_form, review_mode, co_producers, third_parties, classification, special_domains, sensitive, state, status, step_id, step_entered_on, created_by, created_at, updated_at)
      VALUES (${`i${next}`}, 'p', 1, ${title}, '', '县财政局', '办公室', '2026-11-20', '', '[]', '', '主动公开', '网站', '主动审查', '[]', '[]', 'none', '[]', 0, '{}', 'inReview', 'initial', '2026-11-20', 'u1', ${`2026-11-20T00:00:${String(next).padStart(2, '0')}Z`}, 't')`.execute(s.db);
  };
  const waiting = async () => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM search_grams_recent`.execute(s.db)).rows[0]!.n);
  return { vault, register, waiting, db: s.db };
}

describe('store maintenance', () => {
  it('merges only after a quiet tick, or when too many postings wait; one chunk per tick', async () => {
    const { vault, register, waiting } = await setUp();
    const lock = new Mutex();
    const m = new StoreMaintenance(vault, lock, { mergeAt: 20, forceAt: 1000, chunk: 15 });
    await register('城乡低保对象名单');
    await register('道路改造工程公告');
    const w0 = await waiting();
    expect(w0).toBeGreaterThan(20);

    await m.tick(); // the first tick only notes the store's state
    expect(await waiting()).toBe(w0);
    await register('低保标准调整');
    const w1 = await waiting();
    await m.tick(); // written since the last tick: busy
    expect(await waiting()).toBe(w1);
    await m.tick(); // quiet since the last tick: one chunk moves
    const w2 = await waiting();
    expect(w2).toBeLessThan(w1);
    expect(w2).toBeGreaterThan(0);
    for (let i = 0; i < 20 && (await waiting()) >= 20; i++) await m.tick();
    expect(await waiting()).toBeLessThan(20); // below the threshold, the rest waits

    // Busy, but over the hard limit: merged anyway.
    const busy = new StoreMaintenance(vault, lock, { mergeAt: 20, forceAt: 10, chunk: 1000 });
    await register('教育收费公示');
    await busy.tick();
    expect(await waiting()).toBe(0);
  });

  it('waits for the vault lock, skips a locked store and takes no tick after stop', async () => {
    const { vault, register, waiting } = await setUp();
    const lock = new Mutex();
    const m = new StoreMaintenance(vault, lock, { mergeAt: 1, forceAt: 1, chunk: 1000 });
    await register('城乡低保对象名单');
    let release!: () => void;
    const held = lock.run(() => new Promise<void>((r) => (release = r)));
    const tick = m.tick();
    await new Promise((r) => setTimeout(r, 20));
    expect(await waiting()).toBeGreaterThan(0); // a rotation or backup holds the lock
    release();
    await held;
    await tick;
    expect(await waiting()).toBe(0);

    await register('道路改造工程公告');
    (vault as { isOpen: boolean }).isOpen = false;
    await m.tick();
    (vault as { isOpen: boolean }).isOpen = true;
    expect(await waiting()).toBeGreaterThan(0);
    await m.stop();
    await m.tick();
    expect(await waiting()).toBeGreaterThan(0);
  });
});
