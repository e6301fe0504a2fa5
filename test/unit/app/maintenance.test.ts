import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { StoreMaintenance } from '../../../electron/app/maintenance';
import { Mutex } from '../../../electron/context/locks';
import type { Vault } from '../../../electron/vault/vault';
import { insertRow, itemRow, seedOwner, storePerTest } from '../../helpers/store-rows';

// The hosts' quarter-minute tick merges waiting search postings when the store has been
// idle since the last tick, or when too many wait, one chunk per tick, under the vault's lock.

const stores = storePerTest();

async function setUp() {
  const s = await stores.fresh();
  const vault = { isOpen: true, db: () => s.db, changeCount: () => (s.raw.prepare('SELECT total_changes() AS n').get() as { n: number }).n } as unknown as Vault;
  await seedOwner(s.db as never);
  let next = 0;
  const register = async (title: string) => {
    next++;
    await insertRow(s.db as never, 'items', itemRow(String(next), title));
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
