import { describe, expect, it } from 'vitest';
import { parseCalendarFile, WorkCalendar, type CalendarFile } from '../../../electron/calendar/workdays';

// Real dates on the official calendar: 2026 Spring Festival (2月15日–23日 off, 2月14日
// and 2月28日 worked) and National Day (10月1日–7日 off, 9月20日 and 10月10日 worked).

const cal = new WorkCalendar();

describe('working days (official calendar)', () => {
  it('knows holidays and make-up working weekends of 2026', () => {
    expect(cal.isWorkday('2026-10-01')).toBe(false);
    expect(cal.isWorkday('2026-10-07')).toBe(false);
    expect(cal.isWorkday('2026-10-10')).toBe(true); // Saturday, 调休
    expect(cal.isWorkday('2026-09-20')).toBe(true); // Sunday, 调休
    expect(cal.isWorkday('2026-02-17')).toBe(false); // 春节
    expect(cal.isWorkday('2026-02-14')).toBe(true); // Saturday, 调休
    expect(cal.isWorkday('2026-11-23')).toBe(true);
    expect(cal.isWorkday('2026-11-22')).toBe(false);
  });

  it('counts deadlines across National Day 2026', () => {
    // Formed on Wednesday 30 September: the holiday adds a week, the 10th counts.
    expect(cal.addWorkdays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkdays('2026-09-30', 3)).toBe('2026-10-10');
    // 10月8、9、10日 are 1–3; then four full weeks and 11月2、3日.
    expect(cal.addWorkdays('2026-09-30', 20)).toBe('2026-11-03');
    expect(cal.workdaysBetween('2026-09-30', '2026-10-10')).toBe(3);
  });

  it('counts deadlines across the 2026 Spring Festival', () => {
    expect(cal.addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkdays('2026-02-13', 2)).toBe('2026-02-24');
    // 2月13、14日 are 1–2, 24–28日 3–7 (28日 is 调休), then 3月2日 onwards.
    expect(cal.addWorkdays('2026-02-12', 20)).toBe('2026-03-18');
  });

  it('answers null beyond the known calendar instead of guessing', () => {
    expect(cal.isWorkday('2031-03-03')).toBeNull();
    expect(cal.addWorkdays('2030-12-20', 20)).toBeNull();
  });
});

const file2031: CalendarFile = {
  format: 'mishen-calendar/1',
  year: 2031,
  source: '测试用合成日历（非真实通知）',
  holidays: ['2031-01-01', '2031-01-22', '2031-01-23', '2031-01-24', '2031-01-27', '2031-01-28', '2031-10-01', '2031-10-02', '2031-10-03', '2031-10-06', '2031-10-07'],
  workdays: ['2031-01-26', '2031-10-11'],
};

describe('calendar import', () => {
  it('accepts a good file, extends coverage and shows what changes', () => {
    const parsed = parseCalendarFile(JSON.stringify(file2031));
    expect(parsed.ok).toBe(true);
    const before = new WorkCalendar();
    const changes = before.diff(file2031);
    expect(changes).toHaveLength(365);
    expect(changes.every((c) => c.before === null)).toBe(true);
    const after = new WorkCalendar([file2031]);
    expect(after.isWorkday('2031-01-26')).toBe(true);
    expect(after.isWorkday('2031-10-02')).toBe(false);
    expect(after.addWorkdays('2031-09-30', 1)).toBe('2031-10-08');
    expect(after.diff(file2031)).toEqual([]);
    const changed = after.diff({ ...file2031, workdays: ['2031-01-26'] });
    expect(changed).toEqual([{ date: '2031-10-11', before: true, after: false }]);
  });

  it('refuses malformed files with a Chinese reason', () => {
    const bad = (f: unknown) => {
      const r = parseCalendarFile(typeof f === 'string' ? f : JSON.stringify(f));
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.message;
    };
    expect(bad('{not json')).toBe('日历文件不是有效的 JSON');
    expect(bad({ ...file2031, format: 'x' })).toMatch(/^日历文件无效/);
    // In Chinese, naming the field, without validator wording.
    expect(bad({ ...file2031, format: 'x', year: undefined })).toBe('日历文件无效：格式标识（应为 mishen-calendar/1）不是可选的值；请填写年度');
    expect(bad({ ...file2031, holidays: [...file2031.holidays, '2031-02-30'] })).toContain('不是有效日期');
    expect(bad({ ...file2031, holidays: [...file2031.holidays, '2030-12-31'] })).toContain('不在 2031 年内');
    expect(bad({ ...file2031, workdays: ['2031-01-27'] })).toMatch(/同时列为|调休工作日只能是周六或周日/);
    expect(bad({ ...file2031, source: '' })).toContain('须注明来源');
  });
});
