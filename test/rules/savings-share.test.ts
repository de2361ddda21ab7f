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
 * Share of savings, Utah-style: the payer pays 95% of the public money saved for each child-year of special
 * education avoided (USD 2,607 saved per child-year).
 */

const PARTIES = [
  { id: "united-way", name: "United Way of Salt Lake", roles: ["outcome-payer"] },
  { id: "investor-a", name: "Senior investor", roles: ["investor"] },
  { id: "investor-b", name: "Subordinate investor", roles: ["investor"] },
  { id: "evaluator", name: "Independent evaluator", roles: ["verifier"] },
] as const;

const specialEd = metric({
  id: "special-ed-years",
  name: "Child-years in special education",
  unit: "child-years",
  kind: "count",
  better: "lower",
  baseline: {
    value: 400,
    period: { start: "2013-09-01", end: "2014-08-31" },
    source: "projected from the screening test (predicted placements)",
  },
});

function settleSavings(measured: number | string, pricing: PricingRule, currency = "USD") {
  const contract = contractJson({
    currency,
    parties: PARTIES,
    metrics: [specialEd],
    tranches: [
      tranche({
        pricing,
        payers: [{ party: "united-way", share: "100%" }],
        recipients: [
          { party: "investor-a", share: "70%" },
          { party: "investor-b", share: "30%" },
        ],
      }),
    ],
  });
  const settlement = settleJson(contract, [verified("r1", "special-ed-years", "p1", measured)], "2027-12-31");
  return { settlement, t1: trancheOf(settlement, "t1") };
}

const UTAH: PricingRule = {
  type: "savings-share",
  metric: "special-ed-years",
  basis: "improvement",
  savingPerUnit: "2607.00",
  share: "95%",
};

describe("savings-share rule", () => {
  it("pays 95% of USD 2,607 saved per child-year avoided", () => {
    const { settlement, t1 } = settleSavings(362, UTAH);
    // avoided = 400 − 362 = 38 child-years; saved 38 × 2607 = 99066; 95% × 99066 = 94112.70
    expect(t1.trace).toContainEqual({
      kind: "savings-share",
      metric: "special-ed-years",
      basisValue: "38",
      savingPerUnit: "2607.00",
      saving: "99066",
      share: "0.95",
      amount: "94112.7",
    });
    expect(t1.amountEarned?.amount).toBe("94112.70");
    expect(earnedLines(t1)).toEqual({
      "united-way→investor-a": "65878.89", // 70% × 94112.70 = 65878.89
      "united-way→investor-b": "28233.81", // 30% × 94112.70 = 28233.81
    });
    const text = explain(settlement);
    expect(text).toContain(
      "Rule (share of savings): 38 × USD 2,607.00 saved per unit = USD 99,066.00 saved; × 95% = USD 94,112.70",
    );
    expect(text).toContain("of which to Senior investor 70% = USD 65,878.89");
    expect(text).toContain("Earned USD 94,112.70; paid USD 0.00; balance USD 94,112.70");
  });

  it("rounds a share of a saving with sub-cent digits once", () => {
    const rule: PricingRule = {
      type: "savings-share",
      metric: "special-ed-years",
      basis: "improvement",
      savingPerUnit: "12345.67",
      share: "0.95",
    };
    const { t1 } = settleSavings(397, rule, "EUR");
    // avoided 400 − 397 = 3; saved 3 × 12345.67 = 37037.01; 95% = 35185.1595 → 35185.16 (half-even)
    expect(t1.trace).toContainEqual(
      expect.objectContaining({ kind: "rounding", before: "35185.1595", after: "35185.16" }),
    );
    expect(t1.amountEarned?.amount).toBe("35185.16");
    expect(earnedLines(t1)).toEqual({
      "united-way→investor-a": "24629.61", // 70% × 35185.16 = 24629.612 → 24629.61
      "united-way→investor-b": "10555.55", // 30% × 35185.16 = 10555.548 → 10555.55 (largest remainder)
    });
  });

  it("pays nothing when more child-years were spent in special education than projected", () => {
    const { settlement, t1 } = settleSavings(410, UTAH);
    // avoided 400 − 410 = −10; −10 × 2607 × 0.95 = −24766.5 → floored to 0
    expect(t1.trace).toContainEqual({ kind: "zero-floor", metric: "special-ed-years", before: "-24766.5" });
    expect(t1.amountEarned?.amount).toBe("0.00");
    expect(explain(settlement)).toContain(
      "Floor at zero: special-ed-years would pay USD -24,766.50 (the result got worse), so it pays nothing",
    );
  });
});
