import { describe, expect, it } from "vitest";
import { addMonthsToDay, dateOf, dayNumber } from "../../src/contract/day-number.js";
import { describePeriod } from "../../src/claims/claim-period.js";

/** The integer calendar of the claims hot path, checked against its inverse and against known dates. */

describe("day numbers", () => {
  it("round-trip every day from 1900 to 2100, and known anchors", () => {
    const first = dayNumber("1900-01-01");
    const last = dayNumber("2100-12-31");
    for (let day = first; day <= last; day += 1) expect(dayNumber(dateOf(day))).toBe(day);
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2000-03-01") - dayNumber("2000-02-28")).toBe(2);
    expect(dayNumber("2100-03-01") - dayNumber("2100-02-28")).toBe(1);
  });

  it("rejects what is not a real YYYY-MM-DD date", () => {
    for (const text of [
      "2013-02-29",
      "2013-13-01",
      "2013-00-10",
      "2013-01-00",
      "2013-1-01",
      "2013/01/01",
      "2013-01-1a",
      "",
      20130101,
    ]) {
      expect(dayNumber(text)).toBeNaN();
    }
  });

  it("adds calendar months, clamping to the end of a shorter month", () => {
    expect(dateOf(addMonthsToDay(dayNumber("2013-08-31"), 6))).toBe("2014-02-28");
    expect(dateOf(addMonthsToDay(dayNumber("2015-08-31"), 6))).toBe("2016-02-29");
    expect(dateOf(addMonthsToDay(dayNumber("2013-01-15"), 12))).toBe("2014-01-15");
  });

  it("claim periods: labels and their first and last days", () => {
    expect(describePeriod("quarter", 2013 * 4 + 3)).toEqual({
      label: "2013-Q4",
      start: "2013-10-01",
      end: "2013-12-31",
    });
    expect(describePeriod("month", 2016 * 12 + 1)).toEqual({
      label: "2016-02",
      start: "2016-02-01",
      end: "2016-02-29",
    });
  });
});
