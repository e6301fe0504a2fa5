import dayjs from 'dayjs';

// The calendar editor's model: each day of one year in one of four states, as the
// 国务院办公厅 notice states them, and the mishen-calendar/1 file they make.

export type DayState = 'work' | 'rest' | 'holiday' | 'makeup';

export const STATE_LABELS: Record<DayState, string> = { work: '工作日', rest: '休息日', holiday: '节假日', makeup: '调休上班' };

export const isWeekend = (date: string) => [0, 6].includes(dayjs(date).day());

export interface YearMarks {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export function stateOf(date: string, m: YearMarks): DayState {
  if (m.workdays.has(date)) return 'makeup';
  if (m.holidays.has(date)) return 'holiday';
  return isWeekend(date) ? 'rest' : 'work';
}

/**
 * A click moves a day to its next state. A weekday is worked or off; a weekend is off,
 * part of a holiday, or a 调休 working day — the only days the file format allows.
 */
export function cycle(date: string, m: YearMarks): { holidays: Set<string>; workdays: Set<string> } {
  const holidays = new Set(m.holidays);
  const workdays = new Set(m.workdays);
  const now = stateOf(date, m);
  holidays.delete(date);
  workdays.delete(date);
  if (!isWeekend(date)) {
    if (now === 'work') holidays.add(date);
  } else if (now === 'rest') holidays.add(date);
  else if (now === 'holiday') workdays.add(date);
  return { holidays, workdays };
}

export interface Notice {
  source: string;
  noticeNumber: string;
  noticeDate: string;
}

/** The import file for the year, in the one format the calendar service reads. */
export function fileText(year: number, m: YearMarks, n: Notice): string {
  const sorted = (s: ReadonlySet<string>) => [...s].filter((d) => d.startsWith(`${year}-`)).sort();
  const file = { format: 'mishen-calendar/1', year, source: n.source.trim(), holidays: sorted(m.holidays), workdays: sorted(m.workdays), noticeNumber: n.noticeNumber.trim(), noticeDate: n.noticeDate };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The weeks of one month, Monday first; null pads the days of other months. */
export function monthWeeks(year: number, month: number): Array<Array<string | null>> {
  const first = dayjs(new Date(year, month, 1));
  const lead = (first.day() + 6) % 7;
  const cells: Array<string | null> = Array.from({ length: lead }, () => null);
  for (let d = first; d.month() === month; d = d.add(1, 'day')) cells.push(d.format('YYYY-MM-DD'));
  while (cells.length % 7) cells.push(null);
  const weeks: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
