import dayjs from 'dayjs';
import { AppFailure } from '../../shared/result';
import type { CalendarPreview, CalendarStatus } from '../../shared/types';
import type { SessionContext } from '../context/session';
import { parseCalendarFile, WorkCalendar, type CalendarFile } from './workdays';

// The working-day calendar in use: the official years shipped with chinese-days plus
// the years the 系统管理员 imported. Deadlines everywhere are counted on it.

export class CalendarService {
  constructor(private readonly ctx: SessionContext) {}

  async calendar(): Promise<WorkCalendar> {
    const rows = await this.ctx.db().selectFrom('calendars').select('file').execute();
    return new WorkCalendar(rows.map((r) => JSON.parse(r.file) as CalendarFile));
  }

  async status(): Promise<CalendarStatus> {
    const cal = await this.calendar();
    const rows = await this.ctx.db().selectFrom('calendars').selectAll().orderBy('year').execute();
    return {
      coveredYears: cal.coveredYears(2020, dayjs(this.ctx.now()).year() + 5),
      imported: rows.map((r) => ({ year: r.year, source: (JSON.parse(r.file) as CalendarFile).source, importedAt: r.imported_at })),
    };
  }

  async preview(text: string): Promise<CalendarPreview> {
    const parsed = parseCalendarFile(text);
    if (!parsed.ok) throw new AppFailure('INVALID_INPUT', parsed.message);
    const cal = await this.calendar();
    return { year: parsed.file.year, source: parsed.file.source, changes: cal.diff(parsed.file) };
  }

  async import(text: string): Promise<CalendarStatus> {
    const parsed = parseCalendarFile(text);
    if (!parsed.ok) throw new AppFailure('INVALID_INPUT', parsed.message);
    const preview = await this.preview(text);
    const file = JSON.stringify(parsed.file);
    const by = this.ctx.user().id;
    const at = this.ctx.now().toISOString();
    await this.ctx
      .db()
      .transaction()
      .execute(async (tx) => {
        await tx
          .insertInto('calendars')
          .values({ year: parsed.file.year, file, imported_by: by, imported_at: at })
          .onConflict((oc) => oc.column('year').doUpdateSet({ file, imported_by: by, imported_at: at }))
          .execute();
        await this.ctx.append(tx, {
          action: 'calendar.imported',
          subject: `calendar:${parsed.file.year}`,
          payload: { year: parsed.file.year, source: parsed.file.source, changedDays: preview.changes.length },
          role: 'sysAdmin',
        });
      });
    return this.status();
  }
}
