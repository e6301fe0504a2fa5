import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { Services as Core } from '../../../electron/app/services';
import { WorkCalendar } from '../../../electron/calendar/workdays';
import { ADMINS, fakeClock, firstLogin, setUpCore } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';

// Export writes the same mishen-calendar/1 file that import reads: a year exported and
// imported again counts every day the same way, and an imported year exports as it came.

let cleanup: () => void;
let core: Core;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  core = (await setUpCore(t.dir, fakeClock(new Date('2026-11-23T09:00:00+08:00')))).core;
  await firstLogin(core, ADMINS.sysAdmin);
});
afterEach(async () => {
  await core.close();
  cleanup();
});

const days = (year: number) => Array.from({ length: 365 }, (_, i) => dayjs(`${year}-01-01`).add(i, 'day').format('YYYY-MM-DD'));

describe('calendar export and import', () => {
  it('round-trips a shipped year: the re-imported file counts every day as before', async () => {
    const exported = await core.calendar.year(2026);
    expect(exported.fileName).toBe('工作日历-2026.json');
    expect(exported.holidays).toContain('2026-10-01');
    expect(exported.workdays).toEqual(expect.arrayContaining(['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10']));
    expect((await core.calendar.preview(exported.text!)).changes).toEqual([]);
    await core.calendar.import(exported.text!);
    const again = await core.calendar.year(2026);
    expect(again.origin).toBe('imported');
    const shipped = new WorkCalendar();
    const stored = await core.calendar.calendar();
    for (const d of days(2026)) expect([d, stored.isWorkday(d)]).toEqual([d, shipped.isWorkday(d)]);
  });

  it('exports an entered year with its notice number and date, byte for byte the same after a second import', async () => {
    const text = JSON.stringify({
      format: 'mishen-calendar/1',
      year: 2027,
      source: '国务院办公厅关于2027年部分节假日安排的通知（测试用合成）',
      holidays: ['2027-01-01', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-10-01'],
      workdays: ['2027-02-06'],
      noticeNumber: '国办发明电〔2026〕9号',
      noticeDate: '2026-11-10',
    });
    await core.calendar.import(text);
    const first = await core.calendar.year(2027);
    expect(first).toMatchObject({ origin: 'imported', noticeNumber: '国办发明电〔2026〕9号', noticeDate: '2026-11-10', workdays: ['2027-02-06'] });
    await core.calendar.import(first.text!);
    expect((await core.calendar.year(2027)).text).toBe(first.text);
    const cal = await core.calendar.calendar();
    expect(cal.isWorkday('2027-02-06')).toBe(true);
    expect(cal.isWorkday('2027-02-10')).toBe(false);
    expect(cal.isWorkday('2027-03-01')).toBe(true);
  });
});
