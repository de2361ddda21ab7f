import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMonthsToDate,
  addMonthsToDay,
  dateOf,
  dayNumber,
  daysBetween,
  daysInMonth,
  isCalendarDate,
} from "../../src/contract/day-number.js";
import { parseContract } from "../../src/index.js";
import { contractJson, PERIODS, tranche } from "../support/contract-builder.js";

/**
 * The library's one calendar (src/contract/day-number.ts), at the days time zones skipped or shifted and in the
 * years JavaScript's `Date` gets wrong. The suite runs under UTC, Pacific/Apia (no 2011-12-30), Pacific/Kiritimati
 * (no 1994-12-31), Australia/Lord_Howe (half-hour daylight saving) and America/Sao_Paulo: every expectation is
 * the same in each.
 */

/** Days around the transitions: Apia skipped 2011-12-30, Kiritimati 1994-12-31; Lord Howe's half-hour changes. */
const TRANSITIONS = [
  ["2011-12-29", "2011-12-30", "2011-12-31", "2012-01-01"],
  ["1994-12-30", "1994-12-31", "1995-01-01", "1995-01-02"],
  ["2023-09-30", "2023-10-01", "2023-10-02"],
  ["2024-04-06", "2024-04-07", "2024-04-08"],
  ["2024-10-05", "2024-10-06", "2024-10-07"],
] as const;

/** The day number by the UTC calendar, with `setUTCFullYear` so that the years 0-99 are themselves. */
function utcDayNumber(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / 86_400_000);
}

const pad = (value: number, width: number) => String(value).padStart(width, "0");
const text = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

/** A reference month length on integers, written apart from the library's. */
function referenceMonthLength(year: number, month: number): number {
  if (month === 2) return year % 400 === 0 || (year % 100 !== 0 && year % 4 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Reference: (y, m, d) + k months on integers — the same day, or the month's last day when it is shorter. */
function referenceAddMonths(year: number, month: number, day: number, months: number): [number, number, number] {
  let y = year;
  let m = month + months;
  while (m > 12) {
    m -= 12;
    y += 1;
  }
  while (m < 1) {
    m += 12;
    y -= 1;
  }
  return [y, m, Math.min(day, referenceMonthLength(y, m))];
}

describe("day numbers at time-zone transitions", () => {
  it.each(TRANSITIONS)("%s … are consecutive days, each itself", (...days) => {
    const numbers = days.map((day) => dayNumber(day));
    numbers.forEach((value, index) => {
      expect(dateOf(value)).toBe(days[index]);
      const [year, month, day] = days[index]!.split("-").map(Number) as [number, number, number];
      expect(value).toBe(utcDayNumber(year, month, day));
      if (index > 0) expect(value - numbers[index - 1]!).toBe(1);
    });
    expect(daysBetween(days[0]!, days.at(-1)!)).toBe(days.length - 1);
  });

  it("counts the whole days across the skipped days", () => {
    expect(daysBetween("2011-12-29", "2011-12-31")).toBe(2);
    expect(daysBetween("1994-12-30", "1995-01-02")).toBe(3);
    expect(daysBetween("2012-01-01", "2011-12-29")).toBe(-3);
    expect(daysBetween("2011-12-30", "2011-12-30")).toBe(0);
  });

  it("adds months onto, from and over the skipped days", () => {
    expect(addMonthsToDate("2011-12-30", 1)).toBe("2012-01-30");
    expect(addMonthsToDate("2011-11-30", 1)).toBe("2011-12-30");
    expect(addMonthsToDate("2011-06-30", 6)).toBe("2011-12-30");
    expect(addMonthsToDate("2010-12-30", 12)).toBe("2011-12-30");
    expect(addMonthsToDate("2011-12-29", 1)).toBe("2012-01-29");
    expect(addMonthsToDate("2011-12-31", 2)).toBe("2012-02-29");
    expect(addMonthsToDate("1994-12-31", 1)).toBe("1995-01-31");
    expect(addMonthsToDate("1994-11-30", 1)).toBe("1994-12-30");
    expect(addMonthsToDate("1994-10-31", 2)).toBe("1994-12-31");
    expect(addMonthsToDate("1991-12-01", 36)).toBe("1994-12-01");
    expect(addMonthsToDate("1991-12-31", 36)).toBe("1994-12-31");
    expect(addMonthsToDate("2023-09-01", 1)).toBe("2023-10-01");
    expect(addMonthsToDate("2024-03-07", 1)).toBe("2024-04-07");
    expect(addMonthsToDate("2024-10-06", -6)).toBe("2024-04-06");
  });
});

describe("years 0000 to 9999 are themselves", () => {
  it.each([
    ["0027-11-30", 27, 11, 30],
    ["0050-02-28", 50, 2, 28],
    ["0100-02-28", 100, 2, 28],
    ["0100-03-01", 100, 3, 1],
    ["9999-12-31", 9999, 12, 31],
    ["0001-01-01", 1, 1, 1],
    ["0000-02-29", 0, 2, 29],
  ])("%s", (date, year, month, day) => {
    expect(isCalendarDate(date)).toBe(true);
    expect(dayNumber(date)).toBe(utcDayNumber(year, month, day));
    expect(dateOf(dayNumber(date))).toBe(date);
  });

  it("leap years: 0004 and 0400 are, 0100 and 0050 are not", () => {
    expect(isCalendarDate("0004-02-29")).toBe(true);
    expect(isCalendarDate("0400-02-29")).toBe(true);
    expect(isCalendarDate("0100-02-29")).toBe(false);
    expect(isCalendarDate("0050-02-29")).toBe(false);
    expect(daysInMonth(100, 2)).toBe(28);
    expect(daysBetween("0099-12-31", "0100-03-01")).toBe(60);
  });

  it("every day of the years 0000-0120 and 9990-9999 round-trips, one day apart", () => {
    for (const [from, to] of [
      ["0000-01-01", "0120-12-31"],
      ["9990-01-01", "9999-12-31"],
    ] as const) {
      for (let day = dayNumber(from); day <= dayNumber(to); day += 1) {
        const written = dateOf(day);
        expect(dayNumber(written)).toBe(day);
      }
    }
  });

  it("adds months in the years 27, 50, 100 and 9999", () => {
    expect(addMonthsToDate("0027-01-31", 1)).toBe("0027-02-28");
    expect(addMonthsToDate("0050-01-31", 1)).toBe("0050-02-28");
    expect(addMonthsToDate("0099-12-15", 1)).toBe("0100-01-15");
    expect(addMonthsToDate("0100-01-31", 1)).toBe("0100-02-28");
    expect(addMonthsToDate("0001-03-31", -1)).toBe("0001-02-28");
    expect(addMonthsToDate("9999-06-30", 6)).toBe("9999-12-30");
    expect(addMonthsToDate("9999-12-31", 1)).toBe("10000-01-31");
  });

  it("a contract in the years 27-29 parses, dates as written", () => {
    const contract = parseContract(
      contractJson({
        term: { start: "0026-09-01", end: "0029-12-31" },
        periods: PERIODS.map((period) => ({
          ...period,
          start: `00${period.start.slice(2)}`,
          end: `00${period.end.slice(2)}`,
        })),
        tranches: [tranche({ dueDate: "0027-11-30" })],
      }),
    );
    expect(contract.term.start).toBe("0026-09-01");
    expect(contract.tranches[0]?.dueDate).toBe("0027-11-30");
  });
});

describe("properties on (year, month, day) integers, years 1-9999", () => {
  const dates = fc
    .record({
      year: fc.integer({ min: 1, max: 9999 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .map(({ year, month, day }) => ({ year, month, day: Math.min(day, referenceMonthLength(year, month)) }));

  it("adding months equals the reference computed on integers", () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -1200, max: 1200 }), ({ year, month, day }, months) => {
        const [y, m, d] = referenceAddMonths(year, month, day, months);
        fc.pre(y >= 1 && y <= 9999);
        expect(addMonthsToDate(text(year, month, day), months)).toBe(text(y, m, d));
        expect(addMonthsToDay(dayNumber(text(year, month, day)), months)).toBe(utcDayNumber(y, m, d));
      }),
      { numRuns: 5000 },
    );
  });

  it("day numbers equal the UTC calendar's, and read back", () => {
    fc.assert(
      fc.property(dates, ({ year, month, day }) => {
        const written = text(year, month, day);
        expect(dayNumber(written)).toBe(utcDayNumber(year, month, day));
        expect(dateOf(dayNumber(written))).toBe(written);
      }),
      { numRuns: 5000 },
    );
  });
});
