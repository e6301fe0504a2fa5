import { describe, expect, it } from 'vitest';
import { parseCalendarFile } from '../../../electron/calendar/workdays';
import { cycle, fileText, monthWeeks, stateOf, type YearMarks } from '../../../renderer/src/pages/calendar/days';

// The calendar editor's grid: a click moves a day through the states the file format
// allows, and the grid writes the very file the calendar service reads.

const none: YearMarks = { holidays: new Set(), workdays: new Set() };

describe('the year grid', () => {
  it('cycles a weekday between 工作日 and 节假日, a weekend through 节假日 and 调休上班', () => {
    let m = cycle('2027-02-08', none); // Monday
    expect(stateOf('2027-02-08', m)).toBe('holiday');
    m = cycle('2027-02-08', m);
    expect(stateOf('2027-02-08', m)).toBe('work');
    expect(stateOf('2027-02-06', m)).toBe('rest'); // Saturday
    m = cycle('2027-02-06', m);
    expect(stateOf('2027-02-06', m)).toBe('holiday');
    m = cycle('2027-02-06', m);
    expect(stateOf('2027-02-06', m)).toBe('makeup');
    m = cycle('2027-02-06', m);
    expect(stateOf('2027-02-06', m)).toBe('rest');
    expect([...m.holidays, ...m.workdays]).toEqual([]);
  });

  it('writes a file the calendar service accepts, with the notice recorded', () => {
    let m: YearMarks = none;
    for (const d of ['2027-01-01', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-07', '2027-10-01']) m = cycle(d, m);
    m = cycle('2027-02-06', cycle('2027-02-06', m));
    const parsed = parseCalendarFile(fileText(2027, m, { source: ' 国务院办公厅关于2027年部分节假日安排的通知 ', noticeNumber: '国办发明电〔2026〕9号', noticeDate: '2026-11-10' }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.file).toMatchObject({ year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知', workdays: ['2027-02-06'], noticeNumber: '国办发明电〔2026〕9号', noticeDate: '2026-11-10' });
    expect(parsed.file.holidays).toEqual(['2027-01-01', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-10-01']);
  });

  it('lays a month out in weeks from Monday', () => {
    const feb = monthWeeks(2027, 1); // 1 February 2027 is a Monday
    expect(feb[0]![0]).toBe('2027-02-01');
    expect(feb.flat().filter(Boolean)).toHaveLength(28);
    const jan = monthWeeks(2027, 0); // 1 January 2027 is a Friday
    expect(jan[0]!.slice(0, 5)).toEqual([null, null, null, null, '2027-01-01']);
  });
});
