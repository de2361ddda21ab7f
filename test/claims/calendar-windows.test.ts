import { describe, expect, it } from "vitest";
import { parseContract, settleClaims, type Claim, type RateCard } from "../../src/index.js";
import { cardContractJson, decisionOf } from "./support.js";

/**
 * Claim windows in calendar months on the days time zones skipped (Apia 2011-12-30, Kiritimati 1994-12-31) or
 * shifted by half an hour (Lord Howe), and in the years 50, 100 and 9999. The suite runs under several time
 * zones: each window closes on the same day in all of them.
 */

/** A card of one outcome, ATT (100.00), to be achieved within `months` months of enrolment. */
function card(months: number): RateCard {
  return {
    claimPeriod: "month",
    outcomes: [{ code: "ATT", name: "Attendance", price: "100.00", window: { months, from: "enrolment" } }],
    payers: [{ party: "dwp", share: "100%" }],
  };
}

function decide(
  months: number,
  enrolledOn: string,
  achievedOn: string,
  term: { start: string; end: string } = { start: "1990-01-01", end: "2030-12-31" },
) {
  const contract = parseContract(cardContractJson(card(months), { term }));
  const claim: Claim = {
    id: "c1",
    participant: "P1",
    outcome: "ATT",
    achievedOn,
    claimedOn: achievedOn,
    evidence: "ev",
    enrolledOn,
  };
  return decisionOf(settleClaims(contract, [claim], { asOf: term.end }), "c1");
}

describe("a window of months across a skipped day", () => {
  it.each([
    // [months, enrolled, last day inside]
    [1, "2011-12-30", "2012-01-30"],
    [1, "2011-12-29", "2012-01-29"],
    [1, "2011-12-31", "2012-01-31"],
    [1, "2011-11-30", "2011-12-30"],
    [6, "2011-06-30", "2011-12-30"],
    [1, "1994-12-31", "1995-01-31"],
    [1, "1994-11-30", "1994-12-30"],
    [2, "1994-10-31", "1994-12-31"],
    [36, "1991-12-01", "1994-12-01"],
    [1, "2023-09-01", "2023-10-01"],
    [1, "2024-03-07", "2024-04-07"],
    [1, "2024-09-06", "2024-10-06"],
  ] as const)("%i month(s) from %s: %s is inside, the next day outside", (months, enrolled, last) => {
    expect(decide(months, enrolled, last)).toMatchObject({ status: "accepted", amount: { amount: "100.00" } });
    const after = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const outside = decide(months, enrolled, after);
    expect(outside).toMatchObject({ amount: { amount: "0.00" }, reason: "outside_window" });
    expect(outside.message).toContain(`closed on ${last}`);
  });

  it("the claim of the issue: achieved 2012-01-31, one month from 2011-12-30, is rejected in every zone", () => {
    expect(decide(1, "2011-12-30", "2012-01-31")).toMatchObject({ reason: "outside_window" });
  });
});

describe("windows in the years 50, 100 and 9999", () => {
  it("one month from 0050-01-31 closes on 0050-02-28", () => {
    const term = { start: "0050-01-01", end: "0050-12-31" };
    expect(decide(1, "0050-01-31", "0050-02-28", term)).toMatchObject({ status: "accepted" });
    const outside = decide(1, "0050-01-31", "0050-03-01", term);
    expect(outside).toMatchObject({ reason: "outside_window" });
    expect(outside.message).toBe(
      "achieved on 0050-03-01, after the window of 1 months from enrolment closed on 0050-02-28",
    );
  });

  it("twelve months from 0099-03-01 close on 0100-03-01; 0100 is not a leap year", () => {
    const term = { start: "0099-01-01", end: "0100-12-31" };
    expect(decide(12, "0099-03-01", "0100-03-01", term)).toMatchObject({ status: "accepted" });
    expect(decide(12, "0099-03-01", "0100-03-02", term)).toMatchObject({ reason: "outside_window" });
    expect(decide(1, "0100-01-31", "0100-03-01", term).message).toContain("closed on 0100-02-28");
  });

  it("six months from 9999-06-30 close on 9999-12-30", () => {
    const term = { start: "9999-01-01", end: "9999-12-31" };
    expect(decide(6, "9999-06-30", "9999-12-30", term)).toMatchObject({ status: "accepted" });
    expect(decide(6, "9999-06-30", "9999-12-31", term).message).toContain("closed on 9999-12-30");
  });

  it("a window from late 9999 ends after 9999: the claim is inside", () => {
    const term = { start: "9999-01-01", end: "9999-12-31" };
    expect(decide(1, "9999-12-15", "9999-12-31", term)).toMatchObject({ status: "accepted" });
  });

  it("claim periods of the year 50 are labelled 0050-MM", () => {
    const contract = parseContract(cardContractJson(card(12), { term: { start: "0050-01-01", end: "0050-12-31" } }));
    const claim: Claim = {
      id: "c1",
      participant: "P1",
      outcome: "ATT",
      achievedOn: "0050-02-27",
      claimedOn: "0050-03-02",
      evidence: "ev",
      enrolledOn: "0050-01-15",
    };
    const settlement = settleClaims(contract, [claim], { asOf: "0050-12-31" });
    expect(settlement.total.amount).toBe("100.00");
    expect(decisionOf(settlement, "c1").period).toBe("0050-03");
    expect(settlement.byPeriod).toMatchObject([{ period: "0050-03", start: "0050-03-01", end: "0050-03-31" }]);
  });
});
