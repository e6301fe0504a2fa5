import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services';
import { itemStats } from '../../../electron/workflow/list-pages';
import { fakeClock, type Clock } from '../../helpers/setup';
import { residentId } from '../../helpers/synthetic';
import { as, fields, PLAIN, type Workflow, workflowStore } from '../../helpers/workflow';

// The start page's figures beyond the counts: findings by kind, in the files the user may
// read, and the average time an item spent at each step, from the trail of opinions.

let core: Services;
let wf: Workflow;
let clock: Clock;
let close: () => Promise<void>;

beforeAll(async () => {
  clock = fakeClock(new Date('2026-11-16T09:00:00+08:00'));
  ({ core, wf, close } = await workflowStore('tongliao', clock));
  await as(core, 'liu');
  const item = await wf.register(fields({ title: '补贴名单', formedOn: '2026-11-13' }));
  const doc = await core.documents.attach(item.id, '名单.txt', Buffer.from(`公示名单\n甲 身份证号 ${residentId('150502', '19800101', '031')}\n联系电话 13912345678\n`).toString('base64'));
  // The gate wants every finding decided before the opinion (a publicity list: dismissed).
  await core.findings.decideMany(
    (await core.documents.get(doc.id)).findings.map((f) => f.id),
    'dismissed',
    '公示名单依法公开',
  );
  // Two days at the first step before the handler signs it.
  clock.advance(2 * 86_400_000);
  await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
  await wf.register(fields({ title: '另一个部门的事项', department: '财政局' }));
}, 120_000);
afterAll(() => close());

it('counts findings by kind and the days spent per step, within need-to-know', async () => {
  await as(core, 'liu');
  const stats = await itemStats(core.queries);
  expect(stats.findingsByKind?.['ID_CARD']).toBe(1);
  expect(stats.findingsByKind?.['MOBILE']).toBe(1);
  const first = (await core.queries.get((await core.queries.list('all')).find((i) => i.title === '补贴名单')!.id)).profile.steps[0]!;
  expect(stats.stepDays).toEqual([{ step: first.name, days: 2, count: 1 }]);
  // A leader whose step has not come reads no file of the item: no findings are counted for them.
  await as(core, 'sun');
  expect((await itemStats(core.queries)).findingsByKind ?? {}).toEqual({});
});
