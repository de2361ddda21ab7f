import { describe, expect, it } from "vitest";
import { renderHtml, renderMarkdown, type Settlement } from "../../src/index.js";
import { reportStyle } from "../../src/report/style.js";
import { contractJson, metric, settleJson, tranche, verified } from "../support/contract-builder.js";

/**
 * Dates in words in the reports (English and Italian) on the days time zones skipped (Apia 2011-12-30,
 * Kiritimati 1994-12-31) or shifted by half an hour (Lord Howe), and in the years 27, 50, 100 and 9999. The
 * suite runs under several time zones: each date is written as the same day in all of them.
 */

/** A contract whose one period ends `periodEnd`, with a tranche t1 due on each of `dueDates` (t1, t2, …). */
function settled(periodStart: string, periodEnd: string, dueDates: readonly string[], asOf: string): Settlement {
  const contract = contractJson({
    term: { start: periodStart, end: dueDates.reduce((a, b) => (a > b ? a : b)) },
    metrics: [
      metric({ baseline: { value: "20.0", period: { start: periodStart, end: periodEnd }, source: "registry" } }),
    ],
    periods: [{ id: "p1", start: periodStart, end: periodEnd }],
    tranches: dueDates.map((dueDate, index) => tranche({ id: `t${index + 1}`, dueDate })),
  });
  return settleJson(contract, [verified("r1", "dropout", "p1", "19.0", periodEnd)], asOf);
}

describe("dates in words, in English and Italian", () => {
  it.each([
    ["2011-12-29", "29 December 2011", "29 dicembre 2011"],
    ["2011-12-30", "30 December 2011", "30 dicembre 2011"],
    ["2011-12-31", "31 December 2011", "31 dicembre 2011"],
    ["1994-12-31", "31 December 1994", "31 dicembre 1994"],
    ["1995-01-01", "1 January 1995", "1 gennaio 1995"],
    ["1995-01-02", "2 January 1995", "2 gennaio 1995"],
    ["2023-10-01", "1 October 2023", "1 ottobre 2023"],
    ["2024-04-07", "7 April 2024", "7 aprile 2024"],
    ["2024-10-06", "6 October 2024", "6 ottobre 2024"],
    ["0027-11-30", "30 November 0027", "30 novembre 0027"],
    ["0050-06-15", "15 June 0050", "15 giugno 0050"],
    ["0100-02-28", "28 February 0100", "28 febbraio 0100"],
    ["9999-12-31", "31 December 9999", "31 dicembre 9999"],
  ])("%s: %s, %s", (date, english, italian) => {
    expect(reportStyle("en", "EUR").date(date)).toBe(english);
    expect(reportStyle("it", "EUR").date(date)).toBe(italian);
  });

  it("agrees with Intl in UTC on every day of 2011-2012 and of 1994-1995", () => {
    const english = new Intl.DateTimeFormat("en-GB", {
      timeZone: "UTC",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    const italian = new Intl.DateTimeFormat("it-IT", {
      timeZone: "UTC",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    for (const [from, to] of [
      ["2011-01-01", "2012-12-31"],
      ["1994-01-01", "1995-12-31"],
    ] as const) {
      for (let time = Date.parse(`${from}T00:00:00Z`); time <= Date.parse(`${to}T00:00:00Z`); time += 86_400_000) {
        const date = new Date(time).toISOString().slice(0, 10);
        expect(reportStyle("en", "EUR").date(date)).toBe(english.format(time));
        expect(reportStyle("it", "EUR").date(date)).toBe(italian.format(time));
      }
    }
  });
});

describe("due dates in the reports", () => {
  it("Apia's skipped day: due 29, 30 and 31 December 2011, as known on 30 December", () => {
    const settlement = settled("2010-09-01", "2011-08-31", ["2011-12-29", "2011-12-30", "2011-12-31"], "2011-12-30");
    const english = renderMarkdown(settlement, { locale: "en" });
    const italian = renderMarkdown(settlement, { locale: "it" });
    for (const day of ["29", "30", "31"]) {
      expect(english).toContain(`due ${day} December 2011`);
      expect(italian).toContain(`scadenza ${day} dicembre 2011`);
    }
    expect(english).toContain("As known on 30 December 2011");
    expect(italian).toContain("Situazione nota al 30 dicembre 2011");
    expect(renderHtml(settlement, { locale: "en" })).toContain("due 30 December 2011");
  });

  it("Kiritimati's skipped day and Lord Howe's changes", () => {
    const kiritimati = settled("1993-09-01", "1994-08-31", ["1994-12-31", "1995-01-01", "1995-01-02"], "1994-12-31");
    expect(renderMarkdown(kiritimati, { locale: "en" })).toContain("due 31 December 1994");
    expect(renderMarkdown(kiritimati, { locale: "it" })).toContain("Situazione nota al 31 dicembre 1994");
    const lordHowe = settled("2022-09-01", "2023-08-31", ["2023-10-01", "2024-04-07", "2024-10-06"], "2024-10-06");
    const italian = renderMarkdown(lordHowe, { locale: "it" });
    expect(italian).toContain("scadenza 1 ottobre 2023");
    expect(italian).toContain("scadenza 7 aprile 2024");
    expect(italian).toContain("scadenza 6 ottobre 2024");
  });

  it("the year 27 is not 1927, and 9999 is itself", () => {
    const early = settled("0026-09-01", "0027-08-31", ["0027-11-30"], "0027-12-31");
    expect(renderMarkdown(early, { locale: "en" })).toContain("due 30 November 0027");
    expect(renderMarkdown(early, { locale: "it" })).toContain("scadenza 30 novembre 0027");
    expect(renderMarkdown(early, { locale: "en" })).not.toContain("1927");
    const late = settled("9998-09-01", "9999-08-31", ["9999-12-31"], "9999-12-31");
    expect(renderMarkdown(late, { locale: "en" })).toContain("due 31 December 9999");
    expect(renderMarkdown(late, { locale: "it" })).toContain("Situazione nota al 31 dicembre 9999");
  });
});
