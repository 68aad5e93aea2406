/**
 * Event-driven analysis of a time-to-event trial: the analysis happens when
 * the D-th event occurs (calendar time: entry plus time to event), and every
 * patient's follow-up is cut there, as an event-driven protocol does (the
 * trial's information is its number of events: Schoenfeld 1983). With fewer
 * than D events by the end of follow-up the analysis happens at the end.
 */
import type { Cohort } from '../../population/cohort.js';

/**
 * Cuts the cohort's follow-up at the calendar time of its D-th event and
 * returns that time (Infinity when there are fewer than D events, and then
 * nothing changes). `buffer` holds at least c.n numbers.
 */
export function censorAtEvents(c: Cohort, target: number, buffer: Float64Array): number {
  let m = 0;
  for (let i = 0; i < c.n; i++) if (c.event[i]) buffer[m++] = c.entry[i] + c.outcome[i];
  if (m < target) return Infinity;
  const times = buffer.subarray(0, m).sort();
  const cut = times[target - 1];
  for (let i = 0; i < c.n; i++) {
    // Compared on the calendar, as the cut was found: (entry + time) - entry need not equal time in floating point.
    if (c.entry[i] + c.outcome[i] > cut) {
      c.outcome[i] = Math.max(0, cut - c.entry[i]);
      c.event[i] = 0;
    }
  }
  return cut;
}

/** Whether any patient entered after the cut (analysed with no follow-up). */
export function enrolledAfter(c: Cohort, cut: number): boolean {
  for (let i = 0; i < c.n; i++) if (c.entry[i] > cut) return true;
  return false;
}
