import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../electron/calendar/workdays';
import { fastCalendar } from '../../../electron/workflow/fast-calendar';

// The list's working-day sums equal the calendar's own, on generated dates across
// years, into years the calendar does not cover, and for spans up to its cap.

describe('fastCalendar', () => {
  it('answers addWorkdays and workdaysBetween as the calendar does', () => {
    const cal = new WorkCalendar();
    const fast = fastCalendar(cal);
    let seed = 5;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const date = () => new Date(Date.UTC(2019, 0, 1) + Math.floor(rnd() * 365 * 12) * 86_400_000).toISOString().slice(0, 10);
    for (let k = 0; k < 300; k++) {
      const a = date();
      const b = rnd() < 0.5 ? date() : new Date(Date.parse(a) + Math.floor(rnd() * 90) * 86_400_000).toISOString().slice(0, 10);
      expect([a, b, fast.workdaysBetween(a, b)]).toEqual([a, b, cal.workdaysBetween(a, b)]);
      const n = Math.floor(rnd() * 40);
      expect([a, n, fast.addWorkdays(a, n)]).toEqual([a, n, cal.addWorkdays(a, n)]);
    }
    expect(fastCalendar(cal)).toBe(fast);
  }, 60_000);
});
