import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemPage } from '../../../electron/workflow/list-pages';
import type { Services as Core } from '../../../electron/app/services';
import { fakeClock, setUpCore, type Clock } from '../../helpers/setup';
import { refusal } from '../../helpers/refusal';
import { tempDir } from '../../helpers/tmp';
import { as, fields, staffUp, type Workflow } from '../../helpers/workflow';

// calendar.preview: before a calendar year is saved, every running deadline of the open
// items is counted on the current and on the proposed calendar, and those that move are
// listed (by the start of the item's id only: the 系统管理员 does not read items).

let cleanup: () => void;
let core: Core;
let clock: Clock;
let wf: Workflow;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  clock = fakeClock(new Date('2026-11-23T09:00:00+08:00'));
  core = (await setUpCore(t.dir, clock)).core;
  wf = await staffUp(core, 'tongliao');
});
afterEach(async () => {
  await core.close();
  cleanup();
});

const file = (year: number, holidays: string[], workdays: string[] = [], extra: object = {}) =>
  JSON.stringify({ format: 'mishen-calendar/1', year, source: `国务院办公厅关于${year}年部分节假日安排的通知（测试用合成）`, holidays, workdays, ...extra });

describe('calendar preview', () => {
  it('shows a deadline that moves when a holiday is added, and saves with an audit entry', async () => {
    await as(core, 'liu');
    const item = await wf.register(fields({ formedOn: '2026-11-20' }));
    expect(item.deadlines[0]!.due).toBe('2026-12-18');
    await as(core, 'sysadm');
    const current = await core.calendar.year(2026);
    expect(current.origin).toBe('package');
    const proposed = JSON.parse(current.text!) as { holidays: string[] };
    proposed.holidays.push('2026-12-01');
    const text = JSON.stringify({ ...proposed, noticeNumber: '国办发明电〔2025〕7号', noticeDate: '2025-11-04' });
    const preview = await core.calendar.preview(text);
    expect(preview.changes).toEqual([{ date: '2026-12-01', before: true, after: false }]);
    expect(preview.moved).toEqual([{ item: item.id.slice(0, 8), label: '主动公开期限（形成之日起 20 个工作日）', before: '2026-12-18', after: '2026-12-21' }]);
    expect(preview.running).toBe(1);
    await core.calendar.import(text);
    const entry = await core.vault.db().selectFrom('audit_log').selectAll().where('action', '=', 'calendar.imported').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload)).toMatchObject({ year: 2026, noticeNumber: '国办发明电〔2025〕7号', movedDeadlines: 1 });
    await as(core, 'liu');
    expect((await wf.get(item.id)).deadlines[0]!.due).toBe('2026-12-21');
    // The stored due date the lists sort and filter by is counted again on the new calendar.
    await itemPage(core.queries, { view: 'all', sort: 'due', dir: 'asc', page: 1, pageSize: 20 });
    expect((await core.vault.db().selectFrom('items').select('due_on').where('id', '=', item.id).executeTakeFirstOrThrow()).due_on).toBe('2026-12-21');
  });

  it('shows 日历未覆盖 deadlines that a new year would give a date, and says from when deadlines are not covered', async () => {
    clock.advance(20 * 86_400_000); // 2026-12-13
    await as(core, 'liu');
    const item = await wf.register(fields({ formedOn: '2026-12-11' }));
    expect(item.deadlines[0]!.due).toBeNull();
    await as(core, 'sysadm');
    const status = await core.calendar.status();
    expect(status.uncoveredFrom).toBe('2027-01-01');
    expect(status.uncoveredNotice).toBe('2027-01-01 起的期限未覆盖：请录入国务院办公厅公布的 2027 年放假安排');
    expect((await core.calendar.year(2027)).origin).toBe('none');
    const holidays = ['2027-01-01', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-10-01'];
    const preview = await core.calendar.preview(file(2027, holidays));
    // 12月14日–31日 are 14 working days; 1月1日 is off, 4–8日 are 15–19, 11日 the 20th.
    expect(preview.moved).toEqual([{ item: item.id.slice(0, 8), label: '主动公开期限（形成之日起 20 个工作日）', before: null, after: '2027-01-11' }]);
    expect((await core.calendar.import(file(2027, holidays))).uncoveredFrom).toBe('2028-01-01');
  });

  it('refuses, in Chinese, a file that is not a whole year of calendar', async () => {
    await as(core, 'sysadm');
    expect((await refusal(core.calendar.preview(file(2027, ['2027-01-01'])))).message).toContain('休息日过少');
    expect((await refusal(core.calendar.preview(file(2027, ['2027-01-01'], ['2027-01-04'])))).message).toContain('调休工作日只能是周六或周日');
  });
});
