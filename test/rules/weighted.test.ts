import { describe, expect, it } from "vitest";
import { explain, type PricingRule } from "../../src/index.js";
import {
  contractJson,
  earnedLines,
  metric,
  settleJson,
  tranche,
  trancheOf,
  verified,
} from "../support/contract-builder.js";

/**
 * Weighted rules, Educate Girls-style: 80% of the outcome payment on learning gains, 20% on enrolment of
 * out-of-school girls, each priced by its own rule.
 */

const PARTIES = [
  { id: "ciff", name: "Children's Investment Fund Foundation", roles: ["outcome-payer"] },
  { id: "ubs-optimus", name: "UBS Optimus Foundation", roles: ["investor"] },
  { id: "educate-girls", name: "Educate Girls", roles: ["provider"] },
  { id: "idinsight", name: "IDinsight", roles: ["verifier"] },
] as const;

const learning = metric({
  id: "learning",
  name: "Mean ASER learning level of pupils",
  unit: "ASER levels",
  kind: "mean",
  better: "higher",
  baseline: { value: "3.0", period: { start: "2014-07-01", end: "2015-03-31" }, source: "randomised control villages" },
});
const enrolment = metric({
  id: "enrolment",
  name: "Enrolment of eligible out-of-school girls",
  unit: "%",
  kind: "rate",
  better: "higher",
  baseline: { value: "70.0", period: { start: "2014-07-01", end: "2015-03-31" }, source: "door-to-door census" },
});

const EDUCATE_GIRLS: PricingRule = {
  type: "weighted",
  parts: [
    { weight: "80%", rule: { type: "rate", metric: "learning", basis: "improvement", pricePerUnit: "200000.00" } },
    { weight: "20%", rule: { type: "rate", metric: "enrolment", basis: "improvement", pricePerUnit: "10000.00" } },
  ],
};

function settleWeighted(results: readonly ReturnType<typeof verified>[], pricing: PricingRule = EDUCATE_GIRLS) {
  const contract = contractJson({
    currency: "USD",
    parties: PARTIES,
    metrics: [learning, enrolment],
    tranches: [
      tranche({
        pricing,
        payers: [{ party: "ciff", share: "100%" }],
        recipients: [
          { party: "ubs-optimus", share: "85%" },
          { party: "educate-girls", share: "15%" },
        ],
      }),
    ],
  });
  const settlement = settleJson(
    contract,
    results.map((event) => ({ ...event, verifier: "idinsight" })),
    "2027-12-31",
  );
  return { settlement, t1: trancheOf(settlement, "t1") };
}

describe("weighted rule", () => {
  it("pays 80% of the learning part plus 20% of the enrolment part", () => {
    const { settlement, t1 } = settleWeighted([
      verified("r1", "learning", "p1", "4.35"),
      verified("r2", "enrolment", "p1", "79.6"),
    ]);
    // learning: (4.35 − 3.0) = 1.35 levels × 200000 = 270000; × 80% = 216000
    // enrolment: (79.6 − 70.0) = 9.6 points × 10000 = 96000; × 20% = 19200
    // total 216000 + 19200 = 235200
    expect(t1.trace).toContainEqual({ kind: "weight", part: 0, weight: "0.8", partAmount: "270000", amount: "216000" });
    expect(t1.trace).toContainEqual({ kind: "weight", part: 1, weight: "0.2", partAmount: "96000", amount: "19200" });
    expect(t1.amountEarned?.amount).toBe("235200.00");
    expect(earnedLines(t1)).toEqual({
      "ciff→ubs-optimus": "199920.00", // 85% × 235200 = 199920
      "ciff→educate-girls": "35280.00", // 15% × 235200 = 35280
    });
    expect(t1.results.map((result) => result.metric)).toEqual(["learning", "enrolment"]);

    const text = explain(settlement);
    expect(text).toContain("Rule (rate): 1.35 × USD 200,000.00 per unit = USD 270,000.00");
    expect(text).toContain("Weight: part 1 pays USD 270,000.00 × 80% = USD 216,000.00");
    expect(text).toContain("Rule (rate): 9.6 × USD 10,000.00 per unit = USD 96,000.00");
    expect(text).toContain("Weight: part 2 pays USD 96,000.00 × 20% = USD 19,200.00");
    expect(text).toContain("of which to UBS Optimus Foundation 85% = USD 199,920.00");
    expect(text).toContain("Earned USD 235,200.00");
  });

  it("floors a part that got worse at zero without cancelling the other part", () => {
    const { t1 } = settleWeighted([verified("r1", "learning", "p1", "4.35"), verified("r2", "enrolment", "p1", 68)]);
    // learning 270000 × 80% = 216000; enrolment (68 − 70) × 10000 = −20000 → 0; × 20% = 0; total 216000
    expect(t1.trace).toContainEqual({ kind: "zero-floor", metric: "enrolment", before: "-20000" });
    expect(t1.amountEarned?.amount).toBe("216000.00");
  });

  it("mixes rule shapes: a learning threshold and an enrolment line", () => {
    const mixed: PricingRule = {
      type: "weighted",
      parts: [
        {
          weight: "0.8",
          rule: { type: "threshold", metric: "learning", basis: "improvement", threshold: 1, amount: "300000.00" },
        },
        {
          weight: "0.2",
          rule: {
            type: "linear",
            metric: "enrolment",
            basis: "value",
            points: [
              { at: 75, amount: "0.00" },
              { at: 90, amount: "150000.00" },
            ],
          },
        },
      ],
    };
    const { t1 } = settleWeighted(
      [verified("r1", "learning", "p1", "4.1"), verified("r2", "enrolment", "p1", 81)],
      mixed,
    );
    // learning: 4.1 − 3.0 = 1.1 ≥ 1 → 300000; × 0.8 = 240000
    // enrolment: value 81, fraction (81 − 75)/15 = 0.4; 0 + 0.4 × 150000 = 60000; × 0.2 = 12000
    // total 252000
    expect(t1.amountEarned?.amount).toBe("252000.00");
  });

  it("waits for every metric's verified result", () => {
    const { t1 } = settleWeighted([verified("r1", "learning", "p1", "4.35")]);
    // due 2027-11-30, asOf 2027-12-31: enrolment missing after the due date
    expect(t1.status).toBe("awaiting-verification");
    expect(t1.amountEarned).toBeNull();
    expect(t1.reason).toContain("enrolment (period p1): no result reported");
  });
});
