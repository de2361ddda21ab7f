import { addMonths } from "date-fns";
import type { CalendarDate } from "../contract/calendar.js";

/**
 * Calendar dates as whole day numbers (days since 1970-01-01), for the hot path of claims: integer
 * comparisons instead of string ones, and no `Date` objects per claim. Pure arithmetic on the proleptic
 * Gregorian calendar (H. Hinnant's days-from-civil), so the time zone never matters.
 */

const ZERO = 48; // "0"

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The day number of a `YYYY-MM-DD` date, or `NaN` when the text is not a real calendar date. */
export function dayNumber(text: unknown): number {
  if (typeof text !== "string" || text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return NaN;
  if (day > (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) return NaN;
  return daysFromCivil(year, month, day);
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number. */
export function civilOf(dayNumberValue: number): { year: number; month: number; day: number } {
  const z = dayNumberValue + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The `YYYY-MM-DD` text of a day number. */
export function dateOf(dayNumberValue: number): CalendarDate {
  const { year, month, day } = civilOf(dayNumberValue);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The day `months` calendar months after `start`, by date-fns `addMonths` on the calendar date (the same day
 * of the month, or the last day of a shorter month: 31 January + 1 month = 28 or 29 February). Computed at
 * local noon, which exists in every time zone on every day, and read back as a calendar date.
 */
export function addMonthsToDay(start: number, months: number): number {
  const { year, month, day } = civilOf(start);
  const shifted = addMonths(new Date(year, month - 1, day, 12), months);
  return daysFromCivil(shifted.getFullYear(), shifted.getMonth() + 1, shifted.getDate());
}
