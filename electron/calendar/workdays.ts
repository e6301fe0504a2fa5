import { issueMessage } from '../../shared/messages';
import chineseDays from 'chinese-days';
import dayjs from 'dayjs';
import { z } from 'zod';

// Working days on the official calendar (国务院办公厅 holiday notices, with 调休
// make-up working weekends). chinese-days carries the published years; next year's
// notice comes out each winter and the 系统管理员 imports it as a file. Nothing is
// guessed: a date outside every known year answers null (日历未覆盖).

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((d) => dayjs(d, 'YYYY-MM-DD', true).isValid() && dayjs(d).format('YYYY-MM-DD') === d, '不是有效日期');

/** The import file: one year per file. See resources/calendars/README.md. */
export const calendarFileSchema = z
  .object({
    format: z.literal('mishen-calendar/1'),
    year: z.number().int().min(2000).max(2100),
    source: z.string().refine((s) => s.trim().length > 0, '须注明来源（如国务院办公厅通知的文号）'),
    /** Days off that fall on Monday–Friday, and weekend days inside a holiday. */
    holidays: z.array(isoDate),
    /** Saturdays and Sundays that are working days (调休). */
    workdays: z.array(isoDate),
    /** The notice's document number and date, as the editor records them (optional: older files have only `source`). */
    noticeNumber: z.string().max(100).optional(),
    noticeDate: isoDate.optional(),
  })
  .superRefine((f, ctx) => {
    for (const d of [...f.holidays, ...f.workdays])
      if (!d.startsWith(`${f.year}-`)) ctx.addIssue({ code: 'custom', message: `${d} 不在 ${f.year} 年内` });
    const both = f.holidays.filter((d) => f.workdays.includes(d));
    if (both.length) ctx.addIssue({ code: 'custom', message: `${both.join('、')} 同时列为休息日和工作日` });
    for (const d of f.workdays) {
      const dow = dayjs(d).day();
      if (dow !== 0 && dow !== 6) ctx.addIssue({ code: 'custom', message: `${d} 是周一至周五，调休工作日只能是周六或周日` });
    }
    if (f.holidays.length < 7) ctx.addIssue({ code: 'custom', message: '休息日过少，不像一份完整的全年节假日安排' });
  });
export type CalendarFile = z.output<typeof calendarFileSchema>;

const MAX_SPAN = 3660; // ten years of days: a bound on every walk

function packageCovers(year: number): boolean {
  // A year the package knows has named holidays on weekdays (元旦 at least).
  return chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}

export class WorkCalendar {
  private readonly imported = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  private readonly packageYears = new Map<number, boolean>();

  constructor(private readonly files: readonly CalendarFile[] = []) {
    for (const f of files) this.imported.set(f.year, { holidays: new Set(f.holidays), workdays: new Set(f.workdays) });
  }

  /** The same calendar with `file` in place of whatever it had for that year. */
  withYear(file: CalendarFile): WorkCalendar {
    return new WorkCalendar([...this.files.filter((f) => f.year !== file.year), file]);
  }

  /**
   * One year as an import file: the imported one, or the package's days written the same
   * way (weekday days off and the days of a named holiday; weekends worked), or null.
   */
  yearFile(year: number): { origin: 'imported' | 'package'; file: CalendarFile } | null {
    const own = this.files.find((f) => f.year === year);
    if (own) return { origin: 'imported', file: own };
    if (!this.covers(year)) return null;
    const named = new Set(chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false));
    const holidays: string[] = [];
    const workdays: string[] = [];
    for (let d = dayjs(`${year}-01-01`); d.year() === year; d = d.add(1, 'day')) {
      const date = d.format('YYYY-MM-DD');
      const weekend = d.day() === 0 || d.day() === 6;
      const work = chineseDays.isWorkday(date);
      if (weekend && work) workdays.push(date);
      else if (!work && (!weekend || named.has(date))) holidays.push(date);
    }
    return { origin: 'package', file: { format: 'mishen-calendar/1', year, source: `国务院办公厅关于${year}年部分节假日安排的通知（程序自带）`, holidays, workdays } };
  }

  /** The first year from `year` on that no known calendar covers. */
  firstUncoveredYear(year: number): number {
    let y = year;
    while (this.covers(y) && y < year + 100) y++;
    return y;
  }

  covers(year: number): boolean {
    if (this.imported.has(year)) return true;
    if (!this.packageYears.has(year)) this.packageYears.set(year, packageCovers(year));
    return this.packageYears.get(year)!;
  }

  coveredYears(from = 2020, to = dayjs().year() + 3): number[] {
    const years: number[] = [];
    for (let y = from; y <= to; y++) if (this.covers(y)) years.push(y);
    return years;
  }

  /** true or false on a known year; null when the calendar does not cover the date. */
  isWorkday(date: string): boolean | null {
    const year = Number(date.slice(0, 4));
    if (!this.covers(year)) return null;
    const imp = this.imported.get(year);
    if (imp) {
      if (imp.workdays.has(date)) return true;
      if (imp.holidays.has(date)) return false;
      const dow = dayjs(date).day();
      return dow !== 0 && dow !== 6;
    }
    return chineseDays.isWorkday(date);
  }

  /** The n-th working day after `start` (start itself not counted); null if uncovered. */
  addWorkdays(start: string, n: number): string | null {
    let d = dayjs(start);
    let left = n;
    for (let i = 0; left > 0 && i < MAX_SPAN; i++) {
      d = d.add(1, 'day');
      const w = this.isWorkday(d.format('YYYY-MM-DD'));
      if (w === null) return null;
      if (w) left -= 1;
    }
    return left === 0 ? d.format('YYYY-MM-DD') : null;
  }

  /** Working days in (from, to]; 0 when to ≤ from; null if uncovered. */
  workdaysBetween(from: string, to: string): number | null {
    let d = dayjs(from);
    const end = dayjs(to);
    let count = 0;
    for (let i = 0; d.isBefore(end) && i < MAX_SPAN; i++) {
      d = d.add(1, 'day');
      const w = this.isWorkday(d.format('YYYY-MM-DD'));
      if (w === null) return null;
      if (w) count += 1;
    }
    return count;
  }

  /** What importing `file` would change against what is known now, day by day. */
  diff(file: CalendarFile): Array<{ date: string; before: boolean | null; after: boolean }> {
    const next = new WorkCalendar([file]);
    const out: Array<{ date: string; before: boolean | null; after: boolean }> = [];
    for (let d = dayjs(`${file.year}-01-01`); d.year() === file.year; d = d.add(1, 'day')) {
      const date = d.format('YYYY-MM-DD');
      const before = this.isWorkday(date);
      const after = next.isWorkday(date)!;
      if (before !== after) out.push({ date, before, after });
    }
    return out;
  }
}

export function parseCalendarFile(text: string): { ok: true; file: CalendarFile } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, message: '日历文件不是有效的 JSON' };
  }
  const parsed = calendarFileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, file: parsed.data };
  const labels = { format: '格式标识（应为 mishen-calendar/1）', year: '年度', source: '来源', holidays: '休息日', workdays: '调休上班日' };
  return { ok: false, message: `日历文件无效：${parsed.error.issues.slice(0, 3).map((i) => issueMessage(i, labels)).join('；')}` };
}
