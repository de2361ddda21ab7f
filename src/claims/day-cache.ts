import { dayNumberOfBytes } from "../contract/day-number.js";

/** Years the cache holds: 1900 to 2155. */
const FIRST_YEAR = 1900;
const YEARS = 256;
const NOT_READ = 0x7fffffff;
const NOT_A_DATE = 0x7ffffffe;
/** Entries of `DayCache.days` at or above this are not day numbers (not read yet, or not a date). */
export const NOT_CACHED = NOT_A_DATE;
/** Each byte's value as a digit, or 16 when it is not one: digits or'd together stay below 16. */
export const DIGIT = new Uint8Array(256).fill(16);
for (let digit = 0; digit < 10; digit += 1) DIGIT[48 + digit] = digit;

/**
 * The key of the date `bytes[at, at + 10)` in `DayCache.days` — or -1 when those bytes are not eight digits
 * with dashes, or name a year outside 1900-2155, a month outside 1-12 or a day outside 1-31. The caller makes
 * sure the ten bytes are there.
 */
export function dateKey(bytes: Uint8Array, at: number): number {
  const y0 = DIGIT[bytes[at]!]!;
  const y1 = DIGIT[bytes[at + 1]!]!;
  const y2 = DIGIT[bytes[at + 2]!]!;
  const y3 = DIGIT[bytes[at + 3]!]!;
  const m0 = DIGIT[bytes[at + 5]!]!;
  const m1 = DIGIT[bytes[at + 6]!]!;
  const d0 = DIGIT[bytes[at + 8]!]!;
  const d1 = DIGIT[bytes[at + 9]!]!;
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) >= 16 || bytes[at + 4] !== 45 || bytes[at + 7] !== 45) return -1;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3 - FIRST_YEAR;
  const month = m0 * 10 + m1 - 1;
  const day = d0 * 10 + d1 - 1;
  if (year >>> 0 >= YEARS || month >>> 0 >= 12 || day >>> 0 >= 31) return -1;
  return (year * 12 + month) * 31 + day;
}

/**
 * The day numbers of the dates a claims file names, read from their bytes: a file of millions of rows names a
 * few thousand days, so each is worked out once (`dayNumberOfBytes`) and then found by its year, month and day
 * in a table (years 1900-2155; any other goes to `dayNumberOfBytes` each time). Same answers, `NaN` included.
 */
export class DayCache {
  /** By `((year - 1900) × 12 + month - 1) × 31 + day - 1`: the day number, or not read yet, or not a date. */
  readonly days = new Int32Array(YEARS * 12 * 31).fill(NOT_READ);

  /**
   * `dayNumberOfBytes(bytes, at, at + 10)` for the bytes of a date in the table (its key: see `keyAt`), or
   * anything else: the hot loop of a reader looks a key up in `days` itself and asks here only when the day is
   * not there yet.
   */
  read(bytes: Uint8Array, at: number, key: number): number {
    if (key < 0) return dayNumberOfBytes(bytes, at, at + 10);
    const found = this.days[key]!;
    if (found === NOT_A_DATE) return NaN;
    if (found !== NOT_READ) return found;
    const read = dayNumberOfBytes(bytes, at, at + 10);
    this.days[key] = Number.isNaN(read) ? NOT_A_DATE : read;
    return read;
  }

  /** `dayNumberOfBytes(bytes, at, at + 10)`. */
  dayAt(bytes: Uint8Array, at: number): number {
    if (at + 10 > bytes.length) return dayNumberOfBytes(bytes, at, at + 10);
    return this.read(bytes, at, dateKey(bytes, at));
  }
}
