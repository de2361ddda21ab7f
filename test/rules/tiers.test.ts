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
 * Tier tables, Peterborough-style: step amounts by band of relative reduction in reconviction events
 * (8.5% pays 4.8M, 10% pays 9.6M, 12.5% or more pays 12M). Bands are [from, to).
 */

const PARTIES = [
  { id: "moj", name: "Ministry of Justice", roles: ["outcome-payer"] },
  { id: "lottery", name: "Big Lottery Fund", roles: ["outcome-payer"] },
  { id: "investors", name: "One Service investors", roles: ["investor"] },
  { id: "qinetiq", name: "Independent assessor", roles: ["verifier"] },
] as const;

const reconvictions = metric({
  id: "reconvictions",
  name: "Reconviction events per 100 prisoners released",
  unit: "events per 100",
  kind: "frequency",
  better: "lower",
  baseline: {
    value: "80.0",
    period: { start: "2008-09-01", end: "2010-08-31" },
    source: "Police National Computer, comparison group",
  },
});

const TIERS: PricingRule = {
  type: "tiers",
  metric: "reconvictions",
  basis: "relative-improvement",
  tiers: [
    { from: "8.5%", to: "10%", amount: "4800000.00" },
    { from: "10%", to: "12.5%", amount: "9600000.00" },
    { from: "12.5%", amount: "12000000.00" },
  ],
};

function settleTiers(measured: number | string, pricing: PricingRule = TIERS) {
  const contract = contractJson({
    currency: "GBP",
    parties: PARTIES,
    metrics: [reconvictions],
    tranches: [
      tranche({
        pricing,
        payers: [
          { party: "moj", share: "80%" },
          { party: "lottery", share: "20%" },
        ],
        recipients: [{ party: "investors", share: "100%" }],
      }),
    ],
  });
  const settlement = settleJson(
    contract,
    [{ ...verified("r1", "reconvictions", "p1", measured), verifier: "qinetiq" }],
    "2027-12-31",
  );
  return { settlement, t1: trancheOf(settlement, "t1") };
}

describe("tiers rule", () => {
  it("an 8.5% reduction falls in the first band and pays 4.8M", () => {
    const { settlement, t1 } = settleTiers("73.2");
    // (80.0 − 73.2)/80 = 6.8/80 = 0.085 → [0.085, 0.10) → 4,800,000
    expect(t1.trace).toContainEqual({
      kind: "tier",
      metric: "reconvictions",
      basisValue: "0.085",
      tier: 0,
      from: "0.085",
      to: "0.1",
      amount: "4800000",
    });
    expect(t1.amountEarned?.amount).toBe("4800000.00");
    expect(earnedLines(t1)).toEqual({
      "moj→investors": "3840000.00", // 80% × 4,800,000
      "lottery→investors": "960000.00", // 20% × 4,800,000
    });
    expect(explain(settlement)).toContain("Rule (tiers): 0.085 falls in tier 1 [0.085, 0.1): pays GBP 4,800,000.00");
  });

  it("a 10% reduction pays 9.6M: a band's upper bound belongs to the next band", () => {
    const { settlement, t1 } = settleTiers(72);
    // (80 − 72)/80 = 0.1 → not in [0.085, 0.1) but in [0.1, 0.125) → 9,600,000
    expect(t1.amountEarned?.amount).toBe("9600000.00");
    expect(earnedLines(t1)).toEqual({
      "moj→investors": "7680000.00", // 80% × 9,600,000
      "lottery→investors": "1920000.00", // 20% × 9,600,000
    });
    const text = explain(settlement);
    expect(text).toContain("Rule (tiers): 0.1 falls in tier 2 [0.1, 0.125): pays GBP 9,600,000.00");
    expect(text).toContain("Split: Big Lottery Fund pays 20% = GBP 1,920,000.00");
  });

  it("the open top band pays 12M for any larger reduction", () => {
    const { settlement, t1 } = settleTiers(60);
    // (80 − 60)/80 = 0.25 ≥ 0.125 → open band → 12,000,000
    expect(t1.amountEarned?.amount).toBe("12000000.00");
    expect(explain(settlement)).toContain("Rule (tiers): 0.25 falls in tier 3 [0.125, ∞): pays GBP 12,000,000.00");
  });

  it("below the lowest band pays nothing", () => {
    const { settlement, t1 } = settleTiers(74);
    // (80 − 74)/80 = 0.075 < 0.085 → no band
    expect(t1.trace).toContainEqual({
      kind: "tier",
      metric: "reconvictions",
      basisValue: "0.075",
      tier: null,
      amount: "0",
    });
    expect(t1.amountEarned?.amount).toBe("0.00");
    expect(t1.status).toBe("not-earned");
    expect(explain(settlement)).toContain("Rule (tiers): 0.075 falls in no tier: pays nothing");
  });

  it("finds the band whatever order the tiers are listed in, and names it by its listed index", () => {
    const reversed: PricingRule = {
      type: "tiers",
      metric: "reconvictions",
      basis: "relative-improvement",
      tiers: [
        { from: "12.5%", amount: "12000000.00" },
        { from: "10%", to: "12.5%", amount: "9600000.00" },
        { from: "8.5%", to: "10%", amount: "4800000.00" },
      ],
    };
    const { t1 } = settleTiers("71.5", reversed);
    // (80 − 71.5)/80 = 8.5/80 = 0.10625 → [0.1, 0.125), listed second (index 1) → 9,600,000
    expect(t1.trace).toContainEqual(expect.objectContaining({ kind: "tier", basisValue: "0.10625", tier: 1 }));
    expect(t1.amountEarned?.amount).toBe("9600000.00");
  });

  it("bands on the improvement basis are in the metric's own units", () => {
    const absolute: PricingRule = {
      type: "tiers",
      metric: "reconvictions",
      basis: "improvement",
      tiers: [
        { from: 5, to: 8, amount: "1000000.00" },
        { from: 8, amount: "2500000.00" },
      ],
    };
    // improvement = 80.0 − 73.5 = 6.5 → [5, 8) → 1,000,000
    expect(settleTiers("73.5", absolute).t1.amountEarned?.amount).toBe("1000000.00");
    // improvement = 80.0 − 72 = 8 → [8, ∞) → 2,500,000
    expect(settleTiers(72, absolute).t1.amountEarned?.amount).toBe("2500000.00");
  });
});
