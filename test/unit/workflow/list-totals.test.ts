import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Services } from '../../../electron/app/services';
import { fakeClock } from '../../helpers/setup';
import { as, fields, PLAIN, type Workflow, workflowStore } from '../../helpers/workflow';
import { filtered, itemPage, type PageInput } from '../../../electron/workflow/list-pages';
import { listToken } from '../../../electron/workflow/list-totals';

// The lists' totals are remembered per state of the store (list-totals.ts): after every
// kind of write, each person's totals and pages equal a fresh count and a fresh page of the
// single need-to-know condition (list-pages.ts filtered), so a remembered total is never stale.

let core: Services;
let wf: Workflow;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ core, wf, close } = await workflowStore('tongliao', fakeClock(new Date('2026-11-23T09:00:00+08:00'))));
}, 60_000);
afterAll(() => close());

const VIEWS: Array<Pick<PageInput, 'view'> & Partial<PageInput>> = [{ view: 'inbox' }, { view: 'all' }, { view: 'all', overdue: false }, { view: 'declassification' }];

/** Every person's totals and first pages against the single condition, counted afresh. */
async function agree(): Promise<number> {
  let sum = 0;
  for (const who of ['liu', 'wang', 'zhao', 'qian', 'sun', 'zhou']) {
    await as(core, who);
    for (const v of VIEWS) {
      const input: PageInput = { sort: 'createdAt', dir: 'desc', page: 1, pageSize: 3, ...v };
      const page = await itemPage(core.queries, input);
      const fresh = filtered(core.queries, input);
      const n = Number((await fresh.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const ids = (await fresh.select('items.id').orderBy(sql`items.created_at DESC`).orderBy('items.id').limit(3).execute()).map((r) => r.id);
      expect({ who, ...v, total: page.total, ids: page.rows.map((r) => r.id) }).toEqual({ who, ...v, total: n, ids });
      sum += n;
    }
  }
  return sum;
}

describe('list totals', () => {
  it('follow every write: registration, opinions, moving steps, a decision', async () => {
    await agree();
    await as(core, 'liu');
    const a = await wf.register(fields({ title: '第一件' }));
    const b = await wf.register(fields({ title: '第二件' }));
    await agree();
    await as(core, 'liu');
    await wf.opinion({ itemId: a.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
    await agree();
    await as(core, 'zhao');
    await wf.opinion({ itemId: a.id, stepId: 'review', opinionId: 'active', ...PLAIN });
    await agree();
    await as(core, 'liu');
    await wf.opinion({ itemId: b.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
    await as(core, 'sun');
    await wf.opinion({ itemId: a.id, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    expect(await agree()).toBeGreaterThan(5);
  }, 60_000);

  it('changes token with every write to items, signers or the publication register, and not on reads', async () => {
    await as(core, 'zhao');
    const db = core.vault.db();
    const t0 = await listToken(db);
    await itemPage(core.queries, { view: 'inbox', sort: 'createdAt', dir: 'desc', page: 1, pageSize: 10 });
    expect(await listToken(db)).toBe(t0);
    await sql`UPDATE items SET title = title WHERE id = (SELECT min(id) FROM items)`.execute(db);
    const t1 = await listToken(db);
    expect(t1).not.toBe(t0);
    const one = await sql<{ item_id: string; step_id: string; user_id: string }>`SELECT item_id, step_id, user_id FROM item_signers LIMIT 1`.execute(db);
    const s = one.rows[0]!;
    await sql`DELETE FROM item_signers WHERE item_id = ${s.item_id} AND step_id = ${s.step_id} AND user_id = ${s.user_id}`.execute(db);
    const t2 = await listToken(db);
    expect(t2).not.toBe(t1);
    await sql`INSERT INTO item_signers (item_id, step_id, user_id) VALUES (${s.item_id}, ${s.step_id}, ${s.user_id})`.execute(db);
    expect(await listToken(db)).not.toBe(t2);
    const t3 = await listToken(db);
    await sql`UPDATE publication_register SET item_id = item_id`.execute(db);
    // No row in the register yet, so nothing changed: the token stays.
    const rows = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM publication_register`.execute(db)).rows[0]!.n);
    if (rows === 0) expect(await listToken(db)).toBe(t3);
    else expect(await listToken(db)).not.toBe(t3);
    await agree();
  }, 60_000);
});
