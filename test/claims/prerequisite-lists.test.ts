import { describe, expect, it } from "vitest";
import { explainClaimDecision, parseContract, type RateCard } from "../../src/index.js";
import { contractIssues } from "../support/contract-builder.js";
import { amounts, cardContractJson, claim, decisionOf, rateCard, settle } from "./support.js";

/** Prerequisites as lists (`requiresAllOf`, `requiresAnyOf`), and a ladder's higher rung meeting a lower one. */

const LADDER: Partial<RateCard> = {
  outcomes: [
    { code: "PT13", name: "Part-time work sustained 13 weeks", price: "1000.00" },
    { code: "FT13", name: "Full-time work sustained 13 weeks", price: "1500.00" },
    { code: "PT26", name: "Part-time work sustained 26 weeks", price: "800.00", requires: "PT13" },
    { code: "ENTRY", name: "Entry into employment", price: "3000.00" },
    { code: "L1", name: "NQF level 1", price: "1100.00" },
    {
      code: "BONUS",
      name: "Qualified and employed",
      price: "400.00",
      requiresAllOf: ["ENTRY", "L1"],
      window: { months: 6, from: "prerequisite" },
    },
    {
      code: "PROGRESS",
      name: "Progression after work or a qualification",
      price: "250.00",
      requiresAnyOf: ["ENTRY", "L1"],
    },
  ],
  exclusiveGroups: [{ id: "thirteen-weeks", outcomes: ["PT13", "FT13"] }],
};
const CONTRACT = parseContract(cardContractJson(rateCard(LADDER)));

describe("a ladder's higher rung meets a prerequisite on a lower rung", () => {
  it("full-time 13 weeks → part-time 13 weeks → part-time 26 weeks pays the 26-week claim", () => {
    const result = settle(
      [
        claim("FT13", "2013-03-01", { id: "ft13" }),
        claim("PT13", "2013-04-01", { id: "pt13" }),
        claim("PT26", "2013-07-01", { id: "pt26" }),
      ],
      CONTRACT,
    );
    expect(amounts(result)).toEqual({ ft13: "1500.00", pt13: "0.00", pt26: "800.00" });
    expect(decisionOf(result, "pt13")).toMatchObject({ reason: "superseded_in_group", dependsOn: "ft13" });
    expect(decisionOf(result, "pt26")).toMatchObject({ status: "accepted", dependsOn: "ft13" });
    expect(explainClaimDecision(decisionOf(result, "pt26"), "GBP")).toBe(
      "Claim pt26 (participant P1, PT26 achieved 2013-07-01, claimed 2013-07-11, period 2013-Q3, after claim ft13): accepted, price GBP 800.00, pays GBP 800.00",
    );
    expect(explainClaimDecision(decisionOf(result, "pt26"), "GBP", { locale: "it" })).toContain(
      "periodo 2013-Q3, dopo la richiesta ft13): accolta",
    );
  });

  it("a lower rung does not meet a prerequisite on a higher one", () => {
    const card = rateCard({
      ...LADDER,
      outcomes: [
        ...LADDER.outcomes!.slice(0, 2),
        { code: "FT26", name: "Full-time 26 weeks", price: "900.00", requires: "FT13" },
      ],
    });
    const result = settle(
      [claim("PT13", "2013-03-01", { id: "pt13" }), claim("FT26", "2013-09-01", { id: "ft26" })],
      parseContract(cardContractJson(card)),
    );
    expect(decisionOf(result, "ft26").reason).toBe("prerequisite_missing");
  });

  it("the single-code requires works as before", () => {
    const result = settle([claim("PT26", "2013-07-01", { id: "pt26" })], CONTRACT);
    expect(decisionOf(result, "pt26")).toMatchObject({
      reason: "prerequisite_missing",
      message:
        "outcome PT26 can only be claimed after PT13, which the participant has not achieved on or before 2013-07-01",
    });
    expect(decisionOf(result, "pt26").dependsOn).toBeUndefined();
  });
});

describe("requiresAllOf and requiresAnyOf", () => {
  it("all of: both must be achieved; the window runs from the later of the two", () => {
    const entry = claim("ENTRY", "2013-01-10", { id: "entry" });
    const level = claim("L1", "2013-05-20", { id: "l1" });
    const missing = settle([entry, claim("BONUS", "2013-03-01", { id: "b" })], CONTRACT);
    expect(decisionOf(missing, "b")).toMatchObject({
      reason: "prerequisite_missing",
      message:
        "outcome BONUS can only be claimed after L1, which the participant has not achieved on or before 2013-03-01",
    });
    // Met on 2013-05-20 (by l1): the 6-month window closes on 2013-11-20.
    const inside = settle([entry, level, claim("BONUS", "2013-11-20", { id: "b" })], CONTRACT);
    expect(decisionOf(inside, "b")).toMatchObject({ amount: { amount: "400.00" }, dependsOn: "l1" });
    const outside = settle([entry, level, claim("BONUS", "2013-11-21", { id: "b" })], CONTRACT);
    expect(decisionOf(outside, "b")).toMatchObject({
      reason: "outside_window",
      dependsOn: "l1",
      message: "achieved on 2013-11-21, after the window of 6 months from achieving L1 (claim l1) closed on 2013-11-20",
    });
  });

  it("any of: one is enough, the earliest names the claim", () => {
    const none = settle([claim("PROGRESS", "2013-03-01", { id: "p" })], CONTRACT);
    expect(decisionOf(none, "p")).toMatchObject({
      reason: "prerequisite_missing",
      message:
        "outcome PROGRESS can only be claimed after one of ENTRY, L1, and the participant has achieved none of them on or before 2013-03-01",
    });
    expect(explainClaimDecision(decisionOf(none, "p"), "GBP", { locale: "it" })).toContain(
      "l'esito PROGRESS si può richiedere solo dopo uno tra ENTRY, L1, e il partecipante non ne ha conseguito nessuno entro il 2013-03-01",
    );
    const result = settle(
      [
        claim("L1", "2013-02-01", { id: "l1" }),
        claim("ENTRY", "2013-01-05", { id: "entry" }),
        claim("PROGRESS", "2013-03-01", { id: "p" }),
      ],
      CONTRACT,
    );
    expect(decisionOf(result, "p")).toMatchObject({ amount: { amount: "250.00" }, dependsOn: "entry" });
  });
});

describe("prerequisite list checks (parseContract)", () => {
  const issuesOf = (change: (list: Record<string, unknown>[]) => void) => {
    const list = structuredClone(LADDER.outcomes) as unknown as Record<string, unknown>[];
    change(list);
    return contractIssues(cardContractJson(rateCard({ ...LADDER, outcomes: list as never }))).map((entry) => ({
      at: entry.at,
      code: entry.code,
      message: entry.message,
    }));
  };

  it("an unknown code, a code listed twice, the outcome itself", () => {
    expect(issuesOf((list) => (list[5]!.requiresAllOf = ["ENTRY", "L2", "ENTRY", "BONUS"]))).toEqual([
      {
        at: "$.rateCard.outcomes[5].requiresAllOf[1]",
        code: "unknown_outcome",
        message: 'unknown outcome "L2": declare it under rateCard.outcomes',
      },
      {
        at: "$.rateCard.outcomes[5].requiresAllOf[2]",
        code: "duplicate_prerequisite",
        message: 'outcome "ENTRY" is listed twice among the prerequisites',
      },
      {
        at: "$.rateCard.outcomes[5].requiresAllOf[3]",
        code: "prerequisite_cycle",
        message: 'outcome "BONUS" cannot require itself',
      },
    ]);
  });

  it("a cycle through a list", () => {
    expect(
      issuesOf((list) => (list[3]!.requiresAnyOf = ["L1", "PROGRESS"])).map((entry) => [entry.at, entry.code]),
    ).toEqual([
      ["$.rateCard.outcomes[3].requiresAnyOf[1]", "prerequisite_cycle"],
      ["$.rateCard.outcomes[6].requiresAnyOf[0]", "prerequisite_cycle"],
    ]);
  });

  it("an empty list", () => {
    expect(issuesOf((list) => (list[6]!.requiresAnyOf = []))).toMatchObject([
      { at: "$.rateCard.outcomes[6].requiresAnyOf", message: "list at least one outcome" },
    ]);
  });

  it("a window or holding period from the prerequisite counts a list as a prerequisite", () => {
    expect(() =>
      parseContract(
        cardContractJson(
          rateCard({
            ...LADDER,
            outcomes: LADDER.outcomes!.map((outcome) =>
              outcome.code === "PROGRESS" ? { ...outcome, holdingPeriod: { weeks: 4, from: "prerequisite" } } : outcome,
            ),
          }),
        ),
      ),
    ).not.toThrow();
  });
});
