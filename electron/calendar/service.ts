import dayjs from 'dayjs';
import type { CalendarChangePreview, CalendarCoverage, CalendarYear, MovedDeadline } from '../../shared/ops/reference';
import { AppFailure } from '../../shared/result';
import type { SessionContext } from '../context/session';
import type { RunningDeadline, RunningDeadlines } from './ports';
import { parseCalendarFile, WorkCalendar, type CalendarFile } from './workdays';

// The working-day calendar in use: the official years shipped with chinese-days plus
// the years the 系统管理员 imported or entered. Deadlines everywhere are counted on it.

const key = (d: RunningDeadline) => `${d.itemId}\u0000${d.label}`;

/** Deadlines whose date differs between the two countings, matched by item and label. */
export function movedDeadlines(before: readonly RunningDeadline[], after: readonly RunningDeadline[]): MovedDeadline[] {
  const next = new Map(after.map((d) => [key(d), d.due]));
  const out: MovedDeadline[] = [];
  for (const d of before) {
    const due = next.has(key(d)) ? next.get(key(d))! : d.due;
    // 三员 do not read items: the item is named by the start of its id, never its title.
    if (due !== d.due) out.push({ item: d.itemId.slice(0, 8), label: d.label, before: d.due, after: due });
  }
  return out;
}

export class CalendarService {
  constructor(
    private readonly ctx: SessionContext,
    private readonly running: RunningDeadlines = { under: async () => [] },
  ) {}

  private async files(): Promise<CalendarFile[]> {
    const rows = await this.ctx.db().selectFrom('calendars').select('file').execute();
    return rows.map((r) => JSON.parse(r.file) as CalendarFile);
  }

  async calendar(): Promise<WorkCalendar> {
    return new WorkCalendar(await this.files());
  }

  async status(): Promise<CalendarCoverage> {
    const cal = await this.calendar();
    const rows = await this.ctx.db().selectFrom('calendars').selectAll().orderBy('year').execute();
    const gap = cal.firstUncoveredYear(dayjs(this.ctx.now()).year());
    return {
      coveredYears: cal.coveredYears(2020, dayjs(this.ctx.now()).year() + 5),
      imported: rows.map((r) => ({ year: r.year, source: (JSON.parse(r.file) as CalendarFile).source, importedAt: r.imported_at })),
      uncoveredFrom: `${gap}-01-01`,
      uncoveredNotice: `${gap}-01-01 起的期限未覆盖：请录入国务院办公厅公布的 ${gap} 年放假安排`,
    };
  }

  async year(year: number): Promise<CalendarYear> {
    const found = (await this.calendar()).yearFile(year);
    const f = found?.file;
    return {
      year,
      origin: found?.origin ?? 'none',
      source: f?.source ?? '',
      noticeNumber: f?.noticeNumber ?? '',
      noticeDate: f?.noticeDate ?? '',
      holidays: f?.holidays ?? [],
      workdays: f?.workdays ?? [],
      fileName: `工作日历-${year}.json`,
      text: f ? `${JSON.stringify(f, null, 2)}\n` : null,
    };
  }

  private parse(text: string): CalendarFile {
    const parsed = parseCalendarFile(text);
    if (!parsed.ok) throw new AppFailure('INVALID_INPUT', parsed.message);
    return parsed.file;
  }

  /** The days that change, and every running deadline of an open item that would move. */
  async preview(text: string): Promise<CalendarChangePreview> {
    const file = this.parse(text);
    const cal = await this.calendar();
    const before = await this.running.under(cal);
    const after = await this.running.under(cal.withYear(file));
    return { year: file.year, source: file.source, changes: cal.diff(file), moved: movedDeadlines(before, after), running: before.length };
  }

  async import(text: string): Promise<CalendarCoverage> {
    const file = this.parse(text);
    const preview = await this.preview(text);
    const stored = JSON.stringify(file);
    const by = this.ctx.user().id;
    const at = this.ctx.now().toISOString();
    await this.ctx
      .db()
      .transaction()
      .execute(async (tx) => {
        await tx
          .insertInto('calendars')
          .values({ year: file.year, file: stored, imported_by: by, imported_at: at })
          .onConflict((oc) => oc.column('year').doUpdateSet({ file: stored, imported_by: by, imported_at: at }))
          .execute();
        // Stored due dates (migration 0009) were counted on the old calendar: every item's
        // are computed again before the lists next read them.
        await tx.updateTable('items').set({ derived_at: null }).execute();
        await this.ctx.append(tx, {
          action: 'calendar.imported',
          subject: `calendar:${file.year}`,
          payload: {
            year: file.year,
            source: file.source,
            noticeNumber: file.noticeNumber ?? null,
            noticeDate: file.noticeDate ?? null,
            changedDays: preview.changes.length,
            movedDeadlines: preview.moved.length,
          },
          role: 'sysAdmin',
        });
      });
    return this.status();
  }
}
