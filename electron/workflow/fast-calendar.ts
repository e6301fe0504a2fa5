import type { WorkCalendar } from '../calendar/workdays';

// Working-day sums for lists. WorkCalendar walks day by day with date objects (about
// 15 ms for a deadline two years past); a page shows fifty items with several deadlines
// each. This view answers the same questions from one table of running workday counts
// per year, built once per calendar from its own isWorkday, so the answers are the
// calendar's (test/unit/workflow/fast-calendar.test.ts). Spans the calendar itself caps
// (ten years of days) go to the calendar.

const DAY = 86_400_000;
const MAX_SPAN = 3660;
const dayNo = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / DAY;
const iso = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const yearOf = (n: number) => new Date(n * DAY).getUTCFullYear();

class Years {
  /** Per year: counts[i] = workdays among the year's days 0..i; null when not covered. */
  private readonly years = new Map<number, { first: number; counts: Int32Array } | null>();
  constructor(private readonly cal: WorkCalendar) {}

  year(y: number) {
    let t = this.years.get(y);
    if (t === undefined) {
      const first = Date.UTC(y, 0, 1) / DAY;
      const days = Date.UTC(y + 1, 0, 1) / DAY - first;
      const counts = new Int32Array(days);
      t = { first, counts };
      let n = 0;
      for (let i = 0; i < days; i++) {
        const w = this.cal.isWorkday(iso(first + i));
        if (w === null) {
          t = null;
          break;
        }
        counts[i] = n += w ? 1 : 0;
      }
      this.years.set(y, t);
    }
    return t;
  }

  isWorkday(n: number): boolean | null {
    const t = this.year(yearOf(n));
    if (!t) return null;
    const i = n - t.first;
    return t.counts[i]! - (i > 0 ? t.counts[i - 1]! : 0) === 1;
  }
}

const views = new WeakMap<WorkCalendar, WorkCalendar>();
// The calendar service builds a new WorkCalendar per call from the stored year files: the
// tables are kept by those files' content, so a page does not rebuild them. Should the
// class stop holding `files`, every calendar simply gets its own tables.
const byContent = new Map<string, Years>();

function yearsFor(cal: WorkCalendar): Years {
  const files: unknown = Reflect.get(cal, 'files');
  if (files === undefined) return new Years(cal);
  const key = JSON.stringify(files);
  let y = byContent.get(key);
  if (!y) {
    if (byContent.size >= 4) byContent.clear();
    y = new Years(cal);
    byContent.set(key, y);
  }
  return y;
}

export function fastCalendar(cal: WorkCalendar): WorkCalendar {
  const known = views.get(cal);
  if (known) return known;
  const years = yearsFor(cal);
  // The calendar's other methods stay its own (through the prototype).
  const view = Object.create(cal) as WorkCalendar;
  view.workdaysBetween = (from: string, to: string): number | null => {
    const a = dayNo(from);
    const b = dayNo(to);
    if (b <= a) return 0;
    if (b - a > MAX_SPAN) return cal.workdaysBetween(from, to);
    // Days in (a, b], year by year.
    let count = 0;
    let d = a + 1;
    while (d <= b) {
      const y = yearOf(d);
      const t = years.year(y);
      if (!t) return null;
      const last = Math.min(b, t.first + t.counts.length - 1);
      const before = d > t.first ? t.counts[d - 1 - t.first]! : 0;
      count += t.counts[last - t.first]! - before;
      d = last + 1;
    }
    return count;
  };
  view.addWorkdays = (start: string, n: number): string | null => {
    let d = dayNo(start);
    let left = n;
    for (let i = 0; left > 0 && i < MAX_SPAN; i++) {
      d += 1;
      const w = years.isWorkday(d);
      if (w === null) return null;
      if (w) left -= 1;
    }
    return left === 0 ? iso(d) : null;
  };
  views.set(cal, view);
  return view;
}
