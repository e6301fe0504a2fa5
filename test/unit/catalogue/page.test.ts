import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Services } from '../../../electron/app/services';
import { contract } from '../../../shared/contract';
import type { InputOf } from '../../../shared/define';
import { fakeClock, setUpCore } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';
import { as, fields, staffUp } from '../../helpers/workflow';

// catalogue.page: filtered, sorted, paged and counted in SQL, with the categories in use.

let core: Services;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  if (!cleanup) return;
  await core.close();
  cleanup();
  cleanup = undefined;
});

const ENTRIES = [
  { title: '关于城区道路改造工程的公告', date: '2026-03-01', category: '城乡建设', keywords: ['道路', '改造'], documentNumber: '某政办发〔2026〕1号' },
  { title: '低保对象公示', date: '2026-05-10', category: '社会救助', keywords: ['低保'], documentNumber: '某民发〔2026〕7号' },
  { title: '关于100%完成改造任务的通报', date: '2026-07-15', category: '城乡建设', keywords: ['通报'], documentNumber: '' },
  { title: '疫情防控工作安排', date: '2026-09-02', category: '卫生健康', keywords: ['疫情'], documentNumber: '某卫发〔2026〕3号' },
  { title: '乡村道路养护计划', date: '2026-11-20', category: '城乡建设', keywords: ['养护'], documentNumber: '某交发〔2026〕9号' },
];

async function catalogued(): Promise<(input: InputOf<typeof contract.catalogue.page>) => ReturnType<Services['catalogue']['page']>> {
  const t = tempDir();
  cleanup = t.cleanup;
  core = (await setUpCore(join(t.dir, 'data'), fakeClock(new Date('2026-11-23T09:00:00+08:00')))).core;
  const wf = await staffUp(core, 'tongliao');
  await as(core, 'liu');
  for (const e of ENTRIES) {
    const item = await wf.register(fields({ title: e.title }));
    await core.vault.db().transaction().execute((tx) =>
      core.catalogue.add(tx, { itemId: item.id, title: e.title, date: e.date, category: e.category, keywords: JSON.stringify(e.keywords), source: '某某县人民政府办公室', documentNumber: e.documentNumber, disclosure: '主动公开' }),
    );
  }
  return (input) => core.catalogue.page(contract.catalogue.page.input.parse(input));
}

describe('catalogue.page', () => {
  it('sorts by date (newest first by default), pages with a stable order and counts the whole match', async () => {
    const page = await catalogued();
    const first = await page({ pageSize: 2 });
    expect(first.total).toBe(5);
    expect(first.rows.map((r) => r.date)).toEqual(['2026-11-20', '2026-09-02']);
    const third = await page({ pageSize: 2, page: 3 });
    expect(third.rows.map((r) => r.title)).toEqual(['关于城区道路改造工程的公告']);
    expect(third.total).toBe(5);
    const asc = await page({ sort: 'date', dir: 'asc', pageSize: 5 });
    expect(asc.rows.map((r) => r.date)).toEqual([...ENTRIES.map((e) => e.date)]);
    expect(first.categories).toEqual(['卫生健康', '城乡建设', '社会救助'].sort());
  });

  it('filters by text in the title, 文号 or keywords, one or more characters, with % taken literally', async () => {
    const page = await catalogued();
    expect((await page({ text: '道路' })).rows.map((r) => r.title).sort()).toEqual(['乡村道路养护计划', '关于城区道路改造工程的公告']);
    expect((await page({ text: '保' })).total).toBe(1);
    expect((await page({ text: '民发' })).rows.map((r) => r.title)).toEqual(['低保对象公示']);
    expect((await page({ text: '疫情' })).total).toBe(1);
    expect((await page({ text: '%' })).rows.map((r) => r.title)).toEqual(['关于100%完成改造任务的通报']);
    expect((await page({ text: '不存在的词' })).total).toBe(0);
  });

  it('filters by category and an inclusive date range, and sorts by title', async () => {
    const page = await catalogued();
    const built = await page({ category: '城乡建设', sort: 'date', dir: 'asc' });
    expect(built.total).toBe(3);
    expect(built.rows.map((r) => r.date)).toEqual(['2026-03-01', '2026-07-15', '2026-11-20']);
    const range = await page({ dateFrom: '2026-05-10', dateTo: '2026-09-02' });
    expect(range.rows.map((r) => r.date)).toEqual(['2026-09-02', '2026-07-15', '2026-05-10']);
    const both = await page({ category: '城乡建设', dateFrom: '2026-05-10', dateTo: '2026-09-02' });
    expect(both.rows.map((r) => r.title)).toEqual(['关于100%完成改造任务的通报']);
    const byTitle = await page({ sort: 'title', dir: 'asc' });
    expect(byTitle.rows.map((r) => r.title)).toEqual([...ENTRIES.map((e) => e.title)].sort());
  });

  it('refuses a page size beyond the limit and an unknown sort column', () => {
    expect(contract.catalogue.page.input.safeParse({ pageSize: 500 }).success).toBe(false);
    expect(contract.catalogue.page.input.safeParse({ sort: 'keywords' }).success).toBe(false);
  });
});
