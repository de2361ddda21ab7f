import type { CalendarDate } from "./calendar.js";

/**
 * The library's one calendar: every computation on calendar dates (validity, day numbers, days between two
 * dates, adding months, the parts of a date for printing) is done here, on integers.
 *
 * Calendar dates as whole day numbers (days since 1970-01-01), for the hot paths of claims and finance: integer
 * comparisons instead of string ones, and no `Date` objects per claim. Pure arithmetic on the proleptic
 * Gregorian calendar (H. Hinnant's days-from-civil): no `Date`, no local time, so the time zone never matters
 * (a day a zone skipped, such as 2011-12-30 in Pacific/Apia, is a day like any other), and every year of the
 * `YYYY-MM-DD` form, 0000 to 9999, is itself (JavaScript's `Date` reads the years 0-99 as 1900-1999).
 */

const ZERO = 48; // "0"
const DASH = 45; // "-"

/** Days before the first of each month in a common year. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a leap year of the proleptic Gregorian calendar (2000 and 2024 are, 1900 and 2100 are not). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days of a month (1-12) of a year: 28 to 31. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * The day number of a `YYYY-MM-DD` date, or `NaN` when the text is not a real calendar date. Written out
 * digit by digit: it runs three times per claim.
 */
export function dayNumber(text: unknown): number {
  if (typeof text !== "string" || text.length !== 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH)
    return NaN;
  return dayOfDigits(
    text.charCodeAt(0) - ZERO,
    text.charCodeAt(1) - ZERO,
    text.charCodeAt(2) - ZERO,
    text.charCodeAt(3) - ZERO,
    text.charCodeAt(5) - ZERO,
    text.charCodeAt(6) - ZERO,
    text.charCodeAt(8) - ZERO,
    text.charCodeAt(9) - ZERO,
  );
}

/** `dayNumber` of the ASCII bytes `bytes[from, to)` (a date in a claims file), without making a string. */
export function dayNumberOfBytes(bytes: Uint8Array, from: number, to: number): number {
  if (to - from !== 10 || bytes[from + 4] !== DASH || bytes[from + 7] !== DASH) return NaN;
  return dayOfDigits(
    bytes[from]! - ZERO,
    bytes[from + 1]! - ZERO,
    bytes[from + 2]! - ZERO,
    bytes[from + 3]! - ZERO,
    bytes[from + 5]! - ZERO,
    bytes[from + 6]! - ZERO,
    bytes[from + 8]! - ZERO,
    bytes[from + 9]! - ZERO,
  );
}

/** The day number of 1 January of each year 0-9999, and whether the year is a leap year: two table reads per date. */
const YEAR_START = new Int32Array(10_000);
const LEAP = new Uint8Array(10_000);
for (let year = 0; year < 10_000; year += 1) {
  const before = year - 1;
  YEAR_START[year] =
    365 * (year - 1970) + (Math.floor(before / 4) - Math.floor(before / 100) + Math.floor(before / 400)) - 477;
  LEAP[year] = isLeapYear(year) ? 1 : 0;
}
/** Days before the first of each month (index 1-12), in a common year (0-12) and in a leap year (13-25). */
const MONTH_START = new Int32Array(26);
const MONTH_DAYS = new Int32Array(26);
for (let month = 1; month <= 12; month += 1) {
  MONTH_START[month] = DAYS_BEFORE_MONTH[month - 1]!;
  MONTH_START[13 + month] = DAYS_BEFORE_MONTH[month - 1]! + (month > 2 ? 1 : 0);
  MONTH_DAYS[month] = DAYS_IN_MONTH[month - 1]!;
  MONTH_DAYS[13 + month] = DAYS_IN_MONTH[month - 1]! + (month === 2 ? 1 : 0);
}

/** The day number of the date whose eight digits are given (each should be 0-9), or `NaN`. */
function dayOfDigits(
  y0: number,
  y1: number,
  y2: number,
  y3: number,
  m0: number,
  m1: number,
  d0: number,
  d1: number,
): number {
  // A character outside 0-9 gives a value outside 0-9, and `>>> 0` turns a negative one into a large one.
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9
  )
    return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1) return NaN;
  const at = LEAP[year]! * 13 + month;
  if (day > MONTH_DAYS[at]!) return NaN;
  return YEAR_START[year]! + MONTH_START[at]! + day - 1;
}

/** True when `text` is a real calendar date in `YYYY-MM-DD` form, years 0000 to 9999 (2027-02-29 is not). */
export function isCalendarDate(text: unknown): boolean {
  return !Number.isNaN(dayNumber(text));
}

/** The day number of a calendar date given as integers (any year, month 1-12, day 1 to the month's length). */
export function daysFromCivil(year: number, month: number, day: number): number {
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

/**
 * The `YYYY-MM-DD` text of a day number. Years outside 0000-9999 (reached only by arithmetic, such as a window
 * of months from late 9999) are written with their digits and sign, e.g. `10000-01-15`.
 */
export function dateOf(dayNumberValue: number): CalendarDate {
  const { year, month, day } = civilOf(dayNumberValue);
  const yearText = year < 0 ? `-${String(-year).padStart(4, "0")}` : String(year).padStart(4, "0");
  return `${yearText}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Whole days from `from` to `to` (positive when `to` is later): `NaN` when either is not a calendar date. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The day `months` calendar months after `start` (before it when `months` is negative). The rule: the same day
 * of the month `months` later, or the last day of that month when it is shorter — 31 January + 1 month =
 * 28 February (29 in a leap year), 31 August + 6 months = 28 or 29 February, 29 February 2028 + 12 months =
 * 28 February 2029. Computed on (year, month, day) integers.
 */
export function addMonthsToDay(start: number, months: number): number {
  const { year, month, day } = civilOf(start);
  const index = year * 12 + (month - 1) + months;
  const toYear = Math.floor(index / 12);
  const toMonth = index - toYear * 12 + 1;
  return daysFromCivil(toYear, toMonth, Math.min(day, daysInMonth(toYear, toMonth)));
}

/** `addMonthsToDay` on a `YYYY-MM-DD` date: `addMonthsToDate("2028-02-29", -12)` is `"2027-02-28"`. */
export function addMonthsToDate(date: CalendarDate, months: number): CalendarDate {
  return dateOf(addMonthsToDay(dayNumber(date), months));
}
