import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services';
import { markDerivedStale } from '../../../electron/workflow/derived';
import { itemPage, itemStats } from '../../../electron/workflow/list-pages';
import { fakeClock, type Clock } from '../../helpers/setup';
import { as, fields, PLAIN, type Workflow, workflowStore } from '../../helpers/workflow';

// The overdue filter and the due sort read stored dates (derived.ts), compared with today
// in SQL. They must agree with the summaries, which compute each deadline from the rows,
// on the day of registration and weeks later, and after the columns were marked stale.

let core: Services;
let wf: Workflow;
let clock: Clock;
let close: () => Promise<void>;

beforeAll(async () => {
  clock = fakeClock(new Date('2026-11-23T09:00:00+08:00'));
  ({ core, wf, close } = await workflowStore('tongliao', clock));
  await as(core, 'liu');
  await wf.register(fields({ title: '刚形成的事项', formedOn: '2026-11-20' }));
  await wf.register(fields({ title: '早已形成的事项', formedOn: '2026-09-01' }));
  const consulted = await wf.register(fields({ title: '征求意见的事项', formedOn: '2026-11-20' }));
  await wf.consult({ itemId: consulted.id, kind: 'agency', party: '某某局', matters: '是否同意公开', sentOn: '2026-11-23', deadline: '2026-12-01' });
  const signed = await wf.register(fields({ title: '已提出意见的事项', formedOn: '2026-11-20', disclosure: '依申请公开' }));
  await wf.opinion({ itemId: signed.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
}, 120_000);
afterAll(() => close());

async function agree(user: string) {
  await as(core, user);
  const all = await core.queries.list('all');
  expect(all.length).toBeGreaterThan(0);
  const page = async (overdue: boolean) => (await itemPage(core.queries, { view: 'all', overdue, sort: 'due', dir: 'asc', page: 1, pageSize: 200 })).rows.map((r) => r.id).sort();
  expect(await page(true)).toEqual(all.filter((s) => s.overdue).map((s) => s.id).sort());
  expect(await page(false)).toEqual(all.filter((s) => !s.overdue).map((s) => s.id).sort());
  expect((await itemStats(core.queries)).overdue).toBe(all.filter((s) => s.overdue).length);
  // Sorted by the earliest running deadline, items without one last.
  const byDue = (await itemPage(core.queries, { view: 'all', sort: 'due', dir: 'asc', page: 1, pageSize: 200 })).rows;
  const earliest = (s: (typeof all)[number]) => s.deadlines.filter((d) => d.due).map((d) => d.due!).sort()[0] ?? '9999-12-31';
  const keys = byDue.map(earliest);
  expect([...keys].sort()).toEqual(keys);
  return all.filter((s) => s.overdue).length;
}

describe('derived due dates', () => {
  it('give the same overdue items and order as the summaries, as days pass and after a stale mark', async () => {
    const early = await agree('liu');
    expect(early).toBeGreaterThanOrEqual(1); // formed 2026-09-01: past its 20 working days
    clock.advance(40 * 86_400_000);
    const later = await agree('liu');
    expect(later).toBeGreaterThan(early);
    await agree('zhao');
    await markDerivedStale(core.vault.db());
    expect(await agree('liu')).toBe(later);
  }, 120_000);
});
