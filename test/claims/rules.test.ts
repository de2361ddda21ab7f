import { describe, expect, it } from "vitest";
import { parseContract, settleClaims } from "../../src/index.js";
import { amounts, cardContractJson, claim, decisionOf, rateCard, settle } from "./support.js";

/** Every rule of a rate card on hand-computed figures (GBP, the card of ./support.ts). */

describe("prerequisites", () => {
  it("sustained employment pays 2,000.00 only after an entry into employment", () => {
    const early = claim("SUST", "2013-01-05", { id: "sust-early" });
    const entry = claim("ENTRY", "2013-02-01", { id: "entry" });
    const later = claim("SUST", "2013-05-01", { id: "sust-later" });
    const result = settle([early, entry, later]);
    expect(amounts(result)).toEqual({ "sust-early": "0.00", entry: "3500.00", "sust-later": "2000.00" });
    expect(decisionOf(result, "sust-early").reason).toBe("prerequisite_missing");
    expect(result.total.amount).toBe("5500.00");
  });

  it("on the same day, the prerequisite is taken first whatever the claim ids", () => {
    // "a-sust" sorts before "b-entry" by id, but a prerequisite comes before the outcomes that need it.
    const result = settle([
      claim("SUST", "2013-03-01", { id: "a-sust" }),
      claim("ENTRY", "2013-03-01", { id: "b-entry" }),
    ]);
    expect(amounts(result)).toEqual({ "a-sust": "2000.00", "b-entry": "3500.00" });
  });

  it("another participant's entry does not count", () => {
    const result = settle([
      claim("ENTRY", "2013-02-01", { participant: "P2" }),
      claim("SUST", "2013-05-01", { id: "p1-sust" }),
    ]);
    expect(decisionOf(result, "p1-sust").reason).toBe("prerequisite_missing");
  });
});

describe("claim windows (calendar months, last day included)", () => {
  it("6 months from entry on 2013-01-31: 2013-07-31 is inside, 2013-08-01 outside", () => {
    const entry = claim("ENTRY", "2013-01-31", { id: "entry" });
    const inside = settle([entry, claim("SUST", "2013-07-31", { id: "s" })]);
    const outside = settle([entry, claim("SUST", "2013-08-01", { id: "s" })]);
    expect(decisionOf(inside, "s").amount.amount).toBe("2000.00");
    expect(decisionOf(outside, "s")).toMatchObject({ amount: { amount: "0.00" }, reason: "outside_window" });
    expect(decisionOf(outside, "s").message).toBe(
      "achieved on 2013-08-01, after the window of 6 months from achieving ENTRY (claim entry) closed on 2013-07-31",
    );
  });

  it("a window ending in a shorter month ends on its last day: 2013-08-31 + 6 months = 2014-02-28", () => {
    const entry = claim("ENTRY", "2013-08-31", { id: "entry" });
    expect(decisionOf(settle([entry, claim("SUST", "2014-02-28", { id: "s" })]), "s").amount.amount).toBe("2000.00");
    expect(decisionOf(settle([entry, claim("SUST", "2014-03-01", { id: "s" })]), "s").message).toContain(
      "closed on 2014-02-28",
    );
  });

  it("12 months from enrolment on 2012-09-01: attendance on 2013-09-01 pays, on 2013-09-02 does not", () => {
    expect(decisionOf(settle([claim("ATT", "2013-09-01", { id: "a" })]), "a").amount.amount).toBe("1400.00");
    expect(decisionOf(settle([claim("ATT", "2013-09-02", { id: "a" })]), "a").reason).toBe("outside_window");
  });

  it("the window from enrolment uses the participant register when there is one", () => {
    const contract = parseContract(cardContractJson());
    const result = settleClaims(contract, [claim("ATT", "2013-09-20", { id: "a", enrolledOn: undefined })], {
      asOf: "2015-12-31",
      participants: [{ id: "P1", enrolledOn: "2012-10-01" }],
    });
    expect(decisionOf(result, "a").amount.amount).toBe("1400.00");
  });
});

describe("exclusive groups (a ladder pays its highest rung)", () => {
  it("level 1 then level 3 then level 2: 1,100.00 + 4,000.00 top-up + nothing = 5,100.00", () => {
    const result = settle([
      claim("L1", "2013-01-10", { id: "l1" }),
      claim("L3", "2013-06-10", { id: "l3" }),
      claim("L2", "2013-09-10", { id: "l2" }),
    ]);
    expect(amounts(result)).toEqual({ l1: "1100.00", l3: "4000.00", l2: "0.00" });
    expect(decisionOf(result, "l3")).toMatchObject({
      status: "accepted",
      price: { amount: "5100.00" },
      priced: { amount: "4000.00" },
    });
    expect(decisionOf(result, "l2")).toMatchObject({ reason: "superseded_in_group", price: { amount: "3300.00" } });
    expect(decisionOf(result, "l2").message).toBe(
      "exclusive group nqf: an outcome at or above L2 was already priced at GBP 5,100.00 for this participant by claim l3, so L2 adds nothing",
    );
    expect(result.total.amount).toBe("5100.00");
  });

  it("the highest rung first: the lower rungs add nothing", () => {
    const result = settle([claim("L1", "2013-06-10", { id: "l1" }), claim("L3", "2013-01-10", { id: "l3" })]);
    expect(amounts(result)).toEqual({ l1: "0.00", l3: "5100.00" });
  });
});

describe("claims per participant", () => {
  it("basic skills pays at most twice: 900.00 + 900.00, the third is rejected", () => {
    const result = settle(
      ["2013-01-01", "2013-02-01", "2013-03-01"].map((date, index) => claim("SKILLS", date, { id: `s${index}` })),
    );
    expect(amounts(result)).toEqual({ s0: "900.00", s1: "900.00", s2: "0.00" });
    expect(decisionOf(result, "s2").message).toBe(
      "outcome SKILLS is paid at most 2 times per participant, already reached (claim s1)",
    );
  });
});

describe("price schedule (by the achieved date)", () => {
  it("entry into employment: 3,500.00 on 2014-03-31, 3,300.00 from 2014-04-01", () => {
    const result = settle([
      claim("ENTRY", "2014-03-31", { id: "before" }),
      claim("ENTRY", "2014-04-01", { id: "after", participant: "P2" }),
    ]);
    expect(amounts(result)).toEqual({ before: "3500.00", after: "3300.00" });
    expect(decisionOf(result, "after").price?.amount).toBe("3300.00");
  });
});

describe("caps", () => {
  it("per participant 11,700.00: 1,400 + 3,500 + 2,000 + 5,100 = 12,000, the last claim is cut by 300.00", () => {
    const result = settle([
      claim("ATT", "2013-01-10", { id: "att" }),
      claim("ENTRY", "2013-02-10", { id: "entry" }),
      claim("SUST", "2013-05-10", { id: "sust" }),
      claim("L3", "2013-07-10", { id: "l3" }),
      claim("SKILLS", "2013-08-10", { id: "skills" }),
    ]);
    expect(amounts(result)).toEqual({
      att: "1400.00",
      entry: "3500.00",
      sust: "2000.00",
      l3: "4800.00",
      skills: "0.00",
    });
    expect(decisionOf(result, "l3")).toMatchObject({
      status: "accepted-in-part",
      priced: { amount: "5100.00" },
      cuts: [
        {
          cap: "participant",
          id: "P1",
          limit: "11700.00",
          usedBefore: "6900.00",
          before: "5100.00",
          after: "4800.00",
          cut: "300.00",
        },
      ],
    });
    expect(decisionOf(result, "skills")).toMatchObject({ status: "rejected", reason: "participant_cap_reached" });
    expect(result.total.amount).toBe("11700.00");
    expect(result.caps).toEqual([
      { cap: "participant", id: "*", limit: "11700.00", claimsCut: 2, cut: { amount: "1200.00", currency: "GBP" } },
    ]);
  });

  it("outcome volume 2: the third entry by achieved date is not paid; a tie on the date goes by claim id", () => {
    const contract = parseContract(
      cardContractJson(
        rateCard({ outcomes: rateCard().outcomes.map((o) => (o.code === "ENTRY" ? { ...o, maxVolume: 2 } : o)) }),
      ),
    );
    const result = settle(
      [
        claim("ENTRY", "2013-03-01", { id: "z-early", participant: "P3" }),
        claim("ENTRY", "2013-05-01", { id: "b-tie", participant: "P2" }),
        claim("ENTRY", "2013-05-01", { id: "a-tie", participant: "P1" }),
      ],
      contract,
    );
    expect(amounts(result)).toEqual({ "z-early": "3500.00", "a-tie": "3500.00", "b-tie": "0.00" });
    expect(decisionOf(result, "b-tie")).toMatchObject({
      reason: "outcome_volume_reached",
      message: "the volume cap of outcome ENTRY (2 claims) is reached: 2 claims already paid",
    });
  });

  it("per claim period 5,000.00: two entries claimed in 2013-Q1 pay 3,500.00 and 1,500.00; Q2 is a new period", () => {
    const contract = parseContract(cardContractJson(rateCard({ caps: { perPeriod: "5000.00" } })));
    const result = settle(
      [
        claim("ENTRY", "2013-01-10", { id: "first", participant: "P1" }),
        claim("ENTRY", "2013-02-10", { id: "second", participant: "P2" }),
        claim("ENTRY", "2013-04-10", { id: "q2", participant: "P3" }),
      ],
      contract,
    );
    expect(amounts(result)).toEqual({ first: "3500.00", second: "1500.00", q2: "3500.00" });
    expect(decisionOf(result, "second").cuts).toEqual([
      {
        cap: "period",
        id: "2013-Q1",
        limit: "5000.00",
        usedBefore: "3500.00",
        before: "3500.00",
        after: "1500.00",
        cut: "2000.00",
      },
    ]);
    expect(result.byPeriod.map((period) => [period.period, period.due.amount])).toEqual([
      ["2013-Q1", "5000.00"],
      ["2013-Q2", "3500.00"],
    ]);
  });

  it("contract cap 6,000.00: 3,500.00, then 2,500.00, then nothing", () => {
    const contract = parseContract(cardContractJson(rateCard({ caps: { contract: "6000.00" } })));
    const result = settle(
      [
        claim("ENTRY", "2013-01-10", { id: "first", participant: "P1" }),
        claim("ENTRY", "2013-02-10", { id: "second", participant: "P2" }),
        claim("ENTRY", "2013-03-10", { id: "third", participant: "P3" }),
      ],
      contract,
    );
    expect(amounts(result)).toEqual({ first: "3500.00", second: "2500.00", third: "0.00" });
    expect(decisionOf(result, "third")).toMatchObject({
      reason: "contract_cap_reached",
      message: "cut by the contract cap of youth-fund (6,000.00): 0.00 was left of it, so 3,500.00 became 0.00",
    });
    expect(result.total.amount).toBe("6000.00");
  });
});

describe("totals, periods and payers", () => {
  it("quarterly: what falls due per period, split 70/30, and per payer", () => {
    const result = settle([
      claim("ENTRY", "2013-01-10", { id: "a" }),
      claim("ATT", "2013-03-25", { id: "b", claimedOn: "2013-04-02" }),
      claim("L1", "2013-05-10", { id: "c", participant: "P2" }),
    ]);
    expect(result.byPeriod).toEqual([
      {
        period: "2013-Q1",
        start: "2013-01-01",
        end: "2013-03-31",
        claimsPaid: 1,
        due: { amount: "3500.00", currency: "GBP" },
        byPayer: [
          { party: "dwp", share: "70%", due: { amount: "2450.00", currency: "GBP" } },
          { party: "council", share: "30%", due: { amount: "1050.00", currency: "GBP" } },
        ],
      },
      {
        period: "2013-Q2",
        start: "2013-04-01",
        end: "2013-06-30",
        claimsPaid: 2,
        due: { amount: "2500.00", currency: "GBP" },
        byPayer: [
          { party: "dwp", share: "70%", due: { amount: "1750.00", currency: "GBP" } },
          { party: "council", share: "30%", due: { amount: "750.00", currency: "GBP" } },
        ],
      },
    ]);
    expect(result.byPayer).toEqual([
      { party: "dwp", due: { amount: "4200.00", currency: "GBP" } },
      { party: "council", due: { amount: "1800.00", currency: "GBP" } },
    ]);
    expect(result.byParticipant).toEqual([
      { participant: "P1", claimsPaid: 2, amount: { amount: "4900.00", currency: "GBP" } },
      { participant: "P2", claimsPaid: 1, amount: { amount: "1100.00", currency: "GBP" } },
    ]);
    expect(result.byOutcome.find((entry) => entry.outcome === "ENTRY")).toEqual({
      outcome: "ENTRY",
      name: "Entry into employment",
      claimsPaid: 1,
      amount: { amount: "3500.00", currency: "GBP" },
    });
  });

  it("monthly periods; the leftover penny of a split goes by largest remainder (0.05 at 70/30 = 0.04 + 0.01)", () => {
    const card = rateCard({
      claimPeriod: "month",
      outcomes: [{ code: "TICK", name: "A tiny outcome", price: "0.05" }],
      exclusiveGroups: [],
      caps: {},
    });
    const result = settle([claim("TICK", "2013-02-27", { id: "t" })], parseContract(cardContractJson(card)));
    expect(result.byPeriod[0]).toMatchObject({ period: "2013-03", start: "2013-03-01", end: "2013-03-31" });
    expect(result.byPeriod[0]!.byPayer.map((part) => part.due.amount)).toEqual(["0.04", "0.01"]);
  });

  it("a repeat of a claim (same id, same content) is ignored: the replay pays once", () => {
    const entry = claim("ENTRY", "2013-01-10", { id: "e" });
    const result = settle([entry, { ...entry }]);
    expect(result.counts).toEqual({ received: 2, repeatsIgnored: 1, accepted: 1, acceptedInPart: 0, rejected: 0 });
    expect(result.decisions).toHaveLength(1);
    expect(result.total.amount).toBe("3500.00");
  });
});
