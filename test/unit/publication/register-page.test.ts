import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Services } from '../../../electron/app/services';
import { contract } from '../../../shared/contract';
import type { InputOf } from '../../../shared/define';
import { fakeClock, setUpCore } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';
import { as, fields, staffUp } from '../../helpers/workflow';

// publication.registerPage: the register filtered (text, published or not, Beijing export
// days), sorted and paged in SQL, counted over the whole match.

let core: Services;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  if (!cleanup) return;
  await core.close();
  cleanup();
  cleanup = undefined;
});

// exportedAt instants in UTC: the second is 2026-05-10 in Beijing although its UTC day is 05-09.
const ROWS = [
  { title: '关于城区道路改造工程的公告', number: '某政办发〔2026〕1号', exportedAt: '2026-03-01T02:00:00.000Z', publishedOn: '2026-03-02' },
  { title: '低保对象公示', number: '某民发〔2026〕7号', exportedAt: '2026-05-09T17:30:00.000Z', publishedOn: null },
  { title: '乡村道路养护计划', number: '某交发〔2026〕9号', exportedAt: '2026-11-20T03:00:00.000Z', publishedOn: null },
];

async function registered(): Promise<(input: InputOf<typeof contract.publication.registerPage>) => ReturnType<Services['publication']['registerPage']>> {
  const t = tempDir();
  cleanup = t.cleanup;
  core = (await setUpCore(join(t.dir, 'data'), fakeClock(new Date('2026-11-23T09:00:00+08:00')))).core;
  const wf = await staffUp(core, 'tongliao');
  await as(core, 'liu');
  const userId = core.session.info().user!.id;
  const db = core.vault.db();
  let sequence = 0;
  for (const r of ROWS) {
    const item = await wf.register(fields({ title: r.title, documentNumber: r.number }));
    sequence += 1;
    const bundleId = `bundle-${sequence}`;
    await db.insertInto('bundles').values({ id: bundleId, sequence, folder: `MMX-${sequence}`, manifest_sha256: '0'.repeat(64), items: 1, recalls: 0, created_by: userId, created_at: r.exportedAt }).execute();
    await db
      .insertInto('publication_register')
      .values({ item_id: item.id, bundle_id: bundleId, files: JSON.stringify([`${r.title}.pdf`]), exported_at: r.exportedAt, exported_by: userId, published_on: r.publishedOn, published_url: r.publishedOn ? 'http://www.example.gov.cn/gk/1.html' : null, recorded_by: null, recorded_at: null })
      .execute();
  }
  return (input) => core.publication.registerPage(contract.publication.registerPage.input.parse(input));
}

describe('publication.registerPage', () => {
  it('lists the newest export first, pages with the total of the whole match, and sorts by other columns', async () => {
    const page = await registered();
    const first = await page({ pageSize: 2 });
    expect(first.total).toBe(3);
    expect(first.rows.map((r) => r.title)).toEqual(['乡村道路养护计划', '低保对象公示']);
    expect(first.rows[0]!.exportedBy).toBe('刘承办');
    expect(first.rows[0]!.files).toEqual(['乡村道路养护计划.pdf']);
    expect((await page({ pageSize: 2, page: 2 })).rows.map((r) => r.title)).toEqual(['关于城区道路改造工程的公告']);
    expect((await page({ sort: 'sequence', dir: 'asc' })).rows.map((r) => r.sequence)).toEqual([1, 2, 3]);
    expect((await page({ sort: 'title', dir: 'asc' })).rows.map((r) => r.title)).toEqual(ROWS.map((r) => r.title).sort());
  });

  it('filters by text (title or 文号, short Chinese too), by whether the website publication is recorded, and by Beijing export days', async () => {
    const page = await registered();
    expect((await page({ text: '道路' })).total).toBe(2);
    expect((await page({ text: '低' })).rows.map((r) => r.title)).toEqual(['低保对象公示']);
    expect((await page({ text: '交发' })).rows.map((r) => r.title)).toEqual(['乡村道路养护计划']);
    expect((await page({ published: true })).rows.map((r) => r.title)).toEqual(['关于城区道路改造工程的公告']);
    expect((await page({ published: false })).total).toBe(2);
    // 2026-05-09T17:30Z is 2026-05-10 01:30 in Beijing.
    expect((await page({ exportedFrom: '2026-05-10', exportedTo: '2026-05-10' })).rows.map((r) => r.title)).toEqual(['低保对象公示']);
    expect((await page({ exportedFrom: '2026-05-09', exportedTo: '2026-05-09' })).total).toBe(0);
    expect((await page({ exportedFrom: '2026-03-01', exportedTo: '2026-05-10', published: false })).rows.map((r) => r.title)).toEqual(['低保对象公示']);
  });
});
