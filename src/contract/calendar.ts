import { differenceInCalendarDays } from "date-fns";

/**
 * Calendar dates are `YYYY-MM-DD` strings, never instants: a due date of 2027-10-31 is the same day in Rome,
 * in Apia and in São Paulo. They compare as strings (the format sorts chronologically).
 */
export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date in `YYYY-MM-DD` form (2027-02-29 is not). */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Whole days from `from` to `to` (positive when `to` is later), by the calendar, independent of time zone. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  // Noon local time exists in every zone on every day (midnight does not, e.g. Pacific/Apia on 2011-12-30),
  // so the local calendar day of each Date is the intended one.
  return differenceInCalendarDays(atNoon(to), atNoon(from));
}

function atNoon(date: CalendarDate): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, day, 12);
}

/** The later of two calendar dates. */
export function laterOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}
