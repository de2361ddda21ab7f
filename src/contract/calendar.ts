/**
 * Calendar dates are `YYYY-MM-DD` strings, never instants: a due date of 2027-10-31 is the same day in Rome,
 * in Apia and in São Paulo. They compare as strings (the format sorts chronologically). Years 0000 to 9999 are
 * dates of the proleptic Gregorian calendar like any other.
 *
 * All calendar arithmetic is in `day-number.ts`, on integers, never in local time; this module re-exports
 * what the contract checks use.
 */
export type CalendarDate = string;

export { daysBetween, isCalendarDate } from "./day-number.js";

/** The later of two calendar dates. */
export function laterOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}
