import { describe, expect, it } from "vitest";
import { ClaimDecisionList, type ClaimDecision } from "../../src/index.js";
import { claim, settle } from "./support.js";

/** The decisions of a settlement: a read-only list whose decision objects are made when read. */

describe("ClaimDecisionList", () => {
  const claims = [
    claim("ENTRY", "2013-01-10", { id: "a1" }),
    claim("ATT", "2015-01-10", { id: "a2" }), // outside the 12-month window from enrolment
    claim("ENTRY", "2013-01-10", { id: "a1" }), // an identical repeat of a1: no decision of its own
    claim("L2", "2013-03-10", { id: "a3" }),
    claim("L1", "2013-04-10", { id: "a4" }), // below the rung already paid: superseded
  ];
  // The repeat must be identical to a1: same evidence and claimed date.
  const repeated = [claims[0]!, claims[1]!, { ...claims[0]! }, claims[3]!, claims[4]!];
  const settlement = settle(repeated);
  const decisions = settlement.decisions!;

  it("has a decision for every claim but the repeats, in reading order", () => {
    expect(decisions).toBeInstanceOf(ClaimDecisionList);
    expect(decisions.length).toBe(4);
    expect(settlement.counts.repeatsIgnored).toBe(1);
    expect(decisions.map((decision) => [decision.claimId, decision.status, decision.reason ?? ""])).toEqual([
      ["a1", "accepted", ""],
      ["a2", "rejected", "outside_window"],
      ["a3", "accepted", ""],
      ["a4", "rejected", "superseded_in_group"],
    ]);
  });

  it("at(): an index, a negative index from the end, undefined outside", () => {
    expect(decisions.at(0)?.claimId).toBe("a1");
    expect(decisions.at(2)?.claimId).toBe("a3");
    expect(decisions.at(-1)?.claimId).toBe("a4");
    expect(decisions.at(-4)?.claimId).toBe("a1");
    expect(decisions.at(4)).toBeUndefined();
    expect(decisions.at(-5)).toBeUndefined();
    expect(decisions.at(Number.NaN)?.claimId).toBe("a1");
  });

  it("iterates, spreads and answers like an array", () => {
    const all: ClaimDecision[] = [...decisions];
    expect(all.map((decision) => decision.claimId)).toEqual(["a1", "a2", "a3", "a4"]);
    expect(decisions.toArray()).toEqual(all);
    expect(decisions.find((decision) => decision.status === "rejected")?.claimId).toBe("a2");
    expect(decisions.find((decision) => decision.claimId === "zz")).toBeUndefined();
    expect(decisions.filter((decision) => decision.status === "accepted").map((decision) => decision.claimId)).toEqual([
      "a1",
      "a3",
    ]);
    expect(decisions.some((decision) => decision.reason === "outside_window")).toBe(true);
    expect(decisions.every((decision) => decision.participant === "P1")).toBe(true);
    expect(decisions.every((decision) => decision.status === "accepted")).toBe(false);
    expect(decisions.reduce((sum, decision) => sum + Number(decision.amount.amount), 0)).toBe(3500 + 3300);
    const seen: number[] = [];
    decisions.forEach((_, index) => seen.push(index));
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it("JSON.stringify writes it as an array of decisions", () => {
    const written = JSON.parse(JSON.stringify(settlement)) as { decisions: ClaimDecision[] };
    expect(written.decisions).toEqual(decisions.toArray());
  });

  it("money as in a settlement: frozen { amount, currency } objects, one for each amount, shared", () => {
    const all = decisions.toArray();
    for (const decision of all)
      for (const money of [decision.amount, decision.price, decision.priced])
        if (money !== undefined) {
          expect(Object.keys(money)).toEqual(["amount", "currency"]);
          expect(money.currency).toBe("GBP");
          expect(Object.isFrozen(money)).toBe(true);
        }
    // the same amount read twice is the same object: a price in force, nothing paid
    expect(decisions.at(0)!.price).toBe(decisions.at(0)!.price);
    const zeros = all.filter((decision) => decision.amount.amount === "0.00").map((decision) => decision.amount);
    expect(new Set(zeros).size).toBe(1);
  });

  it("each reading makes a new frozen object, equal to the last", () => {
    const first = decisions.at(3)!;
    const again = decisions.at(3)!;
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(decisions)).toBe(true);
    expect(first).toEqual({
      claimId: "a4",
      participant: "P1",
      outcome: "L1",
      achievedOn: "2013-04-10",
      claimedOn: "2013-04-20",
      period: "2013-Q2",
      status: "rejected",
      amount: { amount: "0.00", currency: "GBP" },
      price: { amount: "1100.00", currency: "GBP" },
      reason: "superseded_in_group",
      message:
        "exclusive group nqf: an outcome at or above L1 was already priced at GBP 3,300.00 for this participant by claim a3, so L1 adds nothing",
      dependsOn: "a3",
    });
  });

  it("the list cannot be changed", () => {
    expect(() => {
      (decisions as unknown as { length: number }).length = 0;
    }).toThrow(TypeError);
    expect(decisions.length).toBe(4);
  });
});
