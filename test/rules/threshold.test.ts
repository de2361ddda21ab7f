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
 * Threshold gates, Peterborough-style: nothing below a minimum reduction in reconvictions, then a fixed
 * amount, or an inner rule (a price per reconviction event avoided).
 */

const PARTIES = [
  { id: "moj", name: "Ministry of Justice", roles: ["outcome-payer"] },
  { id: "lottery", name: "Big Lottery Fund", roles: ["outcome-payer"] },
  { id: "investors", name: "One Service investors", roles: ["investor"] },
  { id: "st-giles", name: "St Giles Trust", roles: ["provider"] },
  { id: "qinetiq", name: "Independent assessor", roles: ["verifier"] },
] as const;

const frequency = metric({
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
const events = metric({
  id: "reconviction-events",
  name: "Reconviction events in the cohort",
  unit: "events",
  kind: "count",
  better: "lower",
  baseline: {
    value: 1000,
    period: { start: "2008-09-01", end: "2010-08-31" },
    source: "propensity-matched comparison group",
  },
});

function settleWith(pricing: PricingRule, results: readonly ReturnType<typeof verified>[]) {
  const contract = contractJson({
    currency: "GBP",
    parties: PARTIES,
    metrics: [frequency, events],
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
    results.map((event) => ({ ...event, verifier: "qinetiq" })),
    "2027-12-31",
  );
  return { settlement, t1: trancheOf(settlement, "t1") };
}

describe("threshold rule with a fixed amount", () => {
  const rule: PricingRule = {
    type: "threshold",
    metric: "reconvictions",
    basis: "relative-improvement",
    threshold: "10%",
    amount: "1500000.00",
  };

  it("pays the fixed amount when the reduction reaches 10%", () => {
    const { settlement, t1 } = settleWith(rule, [verified("r1", "reconvictions", "p1", "71.2")]);
    // (80.0 − 71.2)/80 = 8.8/80 = 0.11 ≥ 0.10 → met → 1,500,000.00
    expect(t1.trace).toContainEqual({
      kind: "threshold",
      metric: "reconvictions",
      basisValue: "0.11",
      threshold: "0.1",
      comparison: "at-least",
      met: true,
      amount: "1500000.00",
    });
    expect(t1.amountEarned?.amount).toBe("1500000.00");
    expect(earnedLines(t1)).toEqual({
      "moj→investors": "1200000.00", // 80% × 1,500,000
      "lottery→investors": "300000.00", // 20% × 1,500,000
    });
    const text = explain(settlement);
    expect(text).toContain("(baseline 80 − measured 71.2 = 8.8) / 80 = 0.11 (11%)");
    expect(text).toContain("Rule (threshold): 0.11 ≥ 0.1? met, pays GBP 1,500,000.00");
    expect(text).toContain("Split: Ministry of Justice pays 80% = GBP 1,200,000.00");
  });

  it("pays at exactly the threshold (the gate is inclusive)", () => {
    // (80 − 72)/80 = 0.1 ≥ 0.1 → met
    expect(settleWith(rule, [verified("r1", "reconvictions", "p1", 72)]).t1.amountEarned?.amount).toBe("1500000.00");
  });

  it("pays nothing below the threshold", () => {
    const { settlement, t1 } = settleWith(rule, [verified("r1", "reconvictions", "p1", 73)]);
    // (80 − 73)/80 = 0.0875 < 0.10 → not met
    expect(t1.trace).toContainEqual(
      expect.objectContaining({ kind: "threshold", basisValue: "0.0875", met: false, amount: "0" }),
    );
    expect(t1.amountEarned?.amount).toBe("0.00");
    expect(t1.status).toBe("not-earned");
    expect(earnedLines(t1)).toEqual({ "moj→investors": "0.00", "lottery→investors": "0.00" });
    expect(explain(settlement)).toContain("Rule (threshold): 0.0875 ≥ 0.1? not met: pays nothing");
  });
});

describe("threshold rule gating an inner rule (then)", () => {
  const rule: PricingRule = {
    type: "threshold",
    metric: "reconviction-events",
    basis: "relative-improvement",
    threshold: "7.5%",
    then: { type: "rate", metric: "reconviction-events", basis: "improvement", pricePerUnit: "7000.00" },
  };

  it("once the 7.5% gate is met, pays GBP 7,000 per reconviction event avoided", () => {
    const { settlement, t1 } = settleWith(rule, [verified("r1", "reconviction-events", "p1", 900)]);
    // gate: (1000 − 900)/1000 = 0.1 ≥ 0.075 → met; then: improvement 100 events × 7000 = 700000
    const gate = t1.trace.find((step) => step.kind === "threshold");
    expect(gate).toEqual({
      kind: "threshold",
      metric: "reconviction-events",
      basisValue: "0.1",
      threshold: "0.075",
      comparison: "at-least",
      met: true,
    });
    expect(t1.trace).toContainEqual({
      kind: "rate",
      metric: "reconviction-events",
      basisValue: "100",
      pricePerUnit: "7000.00",
      amount: "700000",
    });
    expect(t1.amountEarned?.amount).toBe("700000.00");
    expect(earnedLines(t1)).toEqual({
      "moj→investors": "560000.00", // 80% × 700000
      "lottery→investors": "140000.00", // 20% × 700000
    });
    const text = explain(settlement);
    expect(text).toContain("Rule (threshold): 0.1 ≥ 0.075? met");
    expect(text).toContain("Rule (rate): 100 × GBP 7,000.00 per unit = GBP 700,000.00");
  });

  it("below the gate, pays nothing and does not price the inner rule", () => {
    const { settlement, t1 } = settleWith(rule, [verified("r1", "reconviction-events", "p1", 940)]);
    // gate: (1000 − 940)/1000 = 0.06 < 0.075 → not met (the inner rule would have paid 60 × 7000 = 420000)
    expect(t1.amountEarned?.amount).toBe("0.00");
    expect(t1.trace.some((step) => step.kind === "rate")).toBe(false);
    expect(explain(settlement)).toContain("Rule (threshold): 0.06 ≥ 0.075? not met: pays nothing");
  });

  it("with a gate on one metric and a price on another, waits for both results", () => {
    const crossRule: PricingRule = {
      type: "threshold",
      metric: "reconvictions",
      basis: "relative-improvement",
      threshold: "10%",
      then: { type: "rate", metric: "reconviction-events", basis: "improvement", pricePerUnit: "7000.00" },
    };
    const gateOnly = settleWith(crossRule, [verified("r1", "reconvictions", "p1", 72)]);
    expect(gateOnly.t1.status).toBe("awaiting-verification"); // due 2027-11-30, asOf 2027-12-31, events result missing
    expect(gateOnly.t1.amountEarned).toBeNull();
    expect(gateOnly.t1.results.map((result) => [result.metric, result.status])).toEqual([
      ["reconvictions", "verified"],
      ["reconviction-events", "missing"],
    ]);

    const both = settleWith(crossRule, [
      verified("r1", "reconvictions", "p1", 72),
      verified("r2", "reconviction-events", "p1", 880),
    ]);
    // gate (80 − 72)/80 = 0.1 ≥ 0.1 → met; then (1000 − 880) × 7000 = 120 × 7000 = 840000
    expect(both.t1.amountEarned?.amount).toBe("840000.00");
  });
});
