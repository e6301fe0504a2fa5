import type { WorkCalendar } from './workdays';

// What the calendar needs from the review workflow to preview a change: every running
// deadline of the open items, counted on a calendar it is handed. The app wires the
// workflow's own deadline computation here; the calendar never imports the workflow.

export interface RunningDeadline {
  itemId: string;
  label: string;
  due: string | null;
}

export interface RunningDeadlines {
  under(cal: WorkCalendar): Promise<RunningDeadline[]>;
}
