import { describe, expect, it } from "vitest";
import { explainClaimDecision, parseContract, type RateCardOutcome } from "../../src/index.js";
import { contractIssues } from "../support/contract-builder.js";
import { amounts, cardContractJson, claim, decisionOf, rateCard, settle } from "./support.js";

/**
 * Holding periods: an outcome counts only once it has been held a minimum time after enrolment or after its
 * prerequisite was met (days, weeks or calendar months), besides the window's maximum.
 */

const HELD: RateCardOutcome[] = [
  { code: "MOVE-IN", name: "Moved into accommodation", price: "500.00" },
  {
    code: "SUST-3M",
    name: "Accommodation sustained 3 months",
    price: "1000.00",
    requires: "MOVE-IN",
    holdingPeriod: { months: 3, from: "prerequisite" },
  },
  { code: "ENTRY", name: "Entry into employment", price: "3500.00" },
  {
    code: "SUST-13W",
    name: "Employment sustained 13 weeks",
    price: "2000.00",
    requires: "ENTRY",
    holdingPeriod: { weeks: 13, from: "prerequisite" },
    window: { months: 12, from: "prerequisite" },
  },
  {
    code: "ENGAGED-90D",
    name: "Engaged 90 days after enrolment",
    price: "300.00",
    holdingPeriod: { days: 90, from: "enrolment" },
  },
];
const CONTRACT = parseContract(cardContractJson(rateCard({ outcomes: HELD, exclusiveGroups: [] })));

describe("holding periods", () => {
  it("a sustained-13-weeks claim dated before the 13 weeks have passed is rejected, never paid", () => {
    // Entry on 2013-01-01: 13 weeks = 91 days, so 2013-04-02 is the first day the outcome counts.
    const entry = claim("ENTRY", "2013-01-01", { id: "entry" });
    const early = settle([entry, claim("SUST-13W", "2013-04-01", { id: "s13" })], CONTRACT);
    expect(decisionOf(early, "s13")).toMatchObject({
      status: "rejected",
      amount: { amount: "0.00" },
      reason: "holding_period_not_met",
      dependsOn: "entry",
      message:
        "achieved on 2013-04-01, before the holding period of 13 weeks from achieving ENTRY (claim entry) was over: the earliest day it counts is 2013-04-02",
    });
    const onTime = settle([entry, claim("SUST-13W", "2013-04-02", { id: "s13" })], CONTRACT);
    expect(decisionOf(onTime, "s13")).toMatchObject({
      status: "accepted",
      amount: { amount: "2000.00" },
      dependsOn: "entry",
    });
  });

  it("the issue's case: a sustained-3-months claim 19 days after the move-in pays nothing", () => {
    const result = settle(
      [claim("MOVE-IN", "2013-05-10", { id: "in" }), claim("SUST-3M", "2013-05-29", { id: "s3" })],
      CONTRACT,
    );
    expect(amounts(result)).toEqual({ in: "500.00", s3: "0.00" });
    expect(decisionOf(result, "s3").message).toContain("the earliest day it counts is 2013-08-10");
  });

  it("calendar months end on the same day of the month, or the last day of a shorter month", () => {
    const moveIn = claim("MOVE-IN", "2013-11-30", { id: "in" });
    // 2013-11-30 + 3 months = 2014-02-28 (February is shorter).
    expect(decisionOf(settle([moveIn, claim("SUST-3M", "2014-02-27", { id: "s" })], CONTRACT), "s").reason).toBe(
      "holding_period_not_met",
    );
    expect(decisionOf(settle([moveIn, claim("SUST-3M", "2014-02-28", { id: "s" })], CONTRACT), "s").amount.amount).toBe(
      "1000.00",
    );
  });

  it("the window still closes: held 13 weeks but 12 months after the entry is outside the window", () => {
    const result = settle(
      [claim("ENTRY", "2013-01-01", { id: "entry" }), claim("SUST-13W", "2014-01-02", { id: "late" })],
      CONTRACT,
    );
    expect(decisionOf(result, "late")).toMatchObject({ reason: "outside_window", dependsOn: "entry" });
  });

  it("days from enrolment (2012-09-01 + 90 days = 2012-11-30), and an unknown enrolment", () => {
    expect(decisionOf(settle([claim("ENGAGED-90D", "2012-11-29", { id: "e" })], CONTRACT), "e")).toMatchObject({
      reason: "holding_period_not_met",
      message:
        "achieved on 2012-11-29, before the holding period of 90 days from enrolment was over: the earliest day it counts is 2012-11-30",
    });
    expect(decisionOf(settle([claim("ENGAGED-90D", "2012-11-30", { id: "e" })], CONTRACT), "e").amount.amount).toBe(
      "300.00",
    );
    const unknown = settle([claim("ENGAGED-90D", "2013-01-10", { id: "e", enrolledOn: undefined })], CONTRACT);
    expect(decisionOf(unknown, "e")).toMatchObject({
      reason: "enrolment_unknown",
      message: "outcome ENGAGED-90D must be held 90 days after enrolment, and the enrolment date is not known",
    });
    expect(explainClaimDecision(decisionOf(unknown, "e"), "GBP", { locale: "it" })).toContain(
      "l'esito ENGAGED-90D deve essere mantenuto 90 giorni dall'iscrizione, e la data di iscrizione non è nota",
    );
  });

  it("in Italian, with its figures", () => {
    const entry = claim("ENTRY", "2013-01-01", { id: "entry" });
    const result = settle([entry, claim("SUST-13W", "2013-04-01", { id: "s13" })], CONTRACT);
    expect(explainClaimDecision(decisionOf(result, "s13"), "GBP", { locale: "it" })).toContain(
      "respinta (holding_period_not_met): conseguito il 2013-04-01, prima della fine del periodo di mantenimento di 13 settimane dal conseguimento di ENTRY (richiesta entry): il primo giorno valido è il 2013-04-02",
    );
  });
});

describe("holding period checks (parseContract)", () => {
  const issuesOf = (change: (list: Record<string, unknown>[]) => void) => {
    const list = structuredClone(HELD) as unknown as Record<string, unknown>[];
    change(list);
    return contractIssues(cardContractJson(rateCard({ outcomes: list as never, exclusiveGroups: [] }))).map(
      (entry) => ({ at: entry.at, code: entry.code, message: entry.message }),
    );
  };

  it("zero or negative lengths", () => {
    expect(issuesOf((list) => (list[3]!.holdingPeriod = { weeks: 0, from: "prerequisite" }))).toEqual([
      {
        at: "$.rateCard.outcomes[3].holdingPeriod.weeks",
        code: "holding_period_not_positive",
        message: "the holding period must be at least 1 week, got 0",
      },
    ]);
    expect(issuesOf((list) => (list[4]!.holdingPeriod = { days: -5, from: "enrolment" }))).toEqual([
      {
        at: "$.rateCard.outcomes[4].holdingPeriod.days",
        code: "holding_period_not_positive",
        message: "the holding period must be at least 1 day, got -5",
      },
    ]);
  });

  it("longer than 100 years", () => {
    expect(issuesOf((list) => (list[4]!.holdingPeriod = { months: 1201, from: "enrolment" }))).toEqual([
      {
        at: "$.rateCard.outcomes[4].holdingPeriod.months",
        code: "holding_period_too_long",
        message: "the holding period must be at most 100 years (1200 months), got 1201",
      },
    ]);
  });

  it("exactly one unit", () => {
    expect(issuesOf((list) => (list[3]!.holdingPeriod = { weeks: 13, days: 91, from: "prerequisite" }))).toEqual([
      {
        at: "$.rateCard.outcomes[3].holdingPeriod",
        code: "holding_period_unit",
        message:
          'give the holding period of outcome "SUST-13W" in exactly one of days, weeks or months, not days and weeks',
      },
    ]);
    expect(issuesOf((list) => (list[3]!.holdingPeriod = { from: "prerequisite" })).map((entry) => entry.code)).toEqual([
      "holding_period_unit",
    ]);
  });

  it("a holding period from the prerequisite on an outcome that requires none", () => {
    expect(issuesOf((list) => (list[4]!.holdingPeriod = { days: 90, from: "prerequisite" }))).toEqual([
      {
        at: "$.rateCard.outcomes[4].holdingPeriod.from",
        code: "holding_period_without_prerequisite",
        message: 'outcome "ENGAGED-90D" has a holding period from its prerequisite but requires no outcome',
      },
    ]);
  });

  it("a holding period that cannot end inside the window from the same start", () => {
    expect(issuesOf((list) => (list[3]!.holdingPeriod = { weeks: 60, from: "prerequisite" }))).toEqual([
      {
        at: "$.rateCard.outcomes[3].holdingPeriod.weeks",
        code: "holding_period_exceeds_window",
        message:
          'outcome "SUST-13W" must be held 60 weeks but its window closes 12 months from the same start, so it could never be paid',
      },
    ]);
    // 12 months held, window of 12 months: the last day of the window is the first it counts. Allowed.
    const list = structuredClone(HELD) as unknown as Record<string, unknown>[];
    list[3]!.holdingPeriod = { months: 12, from: "prerequisite" };
    expect(() =>
      parseContract(cardContractJson(rateCard({ outcomes: list as never, exclusiveGroups: [] }))),
    ).not.toThrow();
  });

  it("a length that is not a whole number, and an unknown start", () => {
    expect(issuesOf((list) => (list[3]!.holdingPeriod = { weeks: 1.5, from: "prerequisite" }))).toMatchObject([
      {
        at: "$.rateCard.outcomes[3].holdingPeriod.weeks",
        message: "expected the holding period in weeks as a whole number",
      },
    ]);
    expect(issuesOf((list) => (list[3]!.holdingPeriod = { weeks: 13, from: "entry" }))[0]).toMatchObject({
      at: "$.rateCard.outcomes[3].holdingPeriod.from",
    });
  });
});
