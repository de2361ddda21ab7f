import { describe, expect, it } from "vitest";
import { explain, type PricingRule, type RoundingMode } from "../../src/index.js";
import {
  contractJson,
  earnedLines,
  metric,
  settleJson,
  tranche,
  trancheOf,
  verified,
} from "../support/contract-builder.js";

/** The single rounding step: its mode, and where it applies (once per tranche, or once per metric). */

const placements = metric({
  id: "placements",
  name: "Sustained job placements",
  unit: "participants",
  kind: "count",
  better: "higher",
  baseline: {
    value: 0,
    period: { start: "2022-01-01", end: "2022-12-31" },
    source: "no placements without the programme",
  },
});

function settleRate(mode: RoundingMode, measured: number, pricePerUnit: string, currency = "EUR") {
  const contract = contractJson({
    currency,
    rounding: { mode, at: "tranche" },
    metrics: [placements],
    tranches: [
      tranche({
        pricing: { type: "rate", metric: "placements", basis: "value", pricePerUnit },
        recipients: [{ party: "provider", share: "100%" }],
      }),
    ],
  });
  const settlement = settleJson(contract, [verified("r1", "placements", "p1", measured)], "2027-12-31");
  return { settlement, t1: trancheOf(settlement, "t1") };
}

describe("rounding mode", () => {
  it("half-even and half-up differ on an exact half cent", () => {
    // 5 × 100.025 = 500.125: half-even keeps the even 2 → 500.12; half-up goes away from zero → 500.13
    const even = settleRate("half-even", 5, "100.025");
    const up = settleRate("half-up", 5, "100.025");
    expect(even.t1.amountEarned?.amount).toBe("500.12");
    expect(up.t1.amountEarned?.amount).toBe("500.13");
    expect(even.t1.trace).toContainEqual({
      kind: "rounding",
      mode: "half-even",
      at: "tranche",
      before: "500.125",
      after: "500.12",
    });
    expect(explain(even.settlement)).toContain("Rounding (half-even, once per tranche): EUR 500.125 → EUR 500.12");
    expect(explain(up.settlement)).toContain("Rounding (half-up, once per tranche): EUR 500.125 → EUR 500.13");
    expect(explain(up.settlement)).toContain("Rounding: half-up, once per tranche.");
  });

  it.each([
    // 5 × 100.025 = 500.125
    { mode: "half-even", price: "100.025", expected: "500.12" },
    { mode: "half-up", price: "100.025", expected: "500.13" },
    { mode: "half-down", price: "100.025", expected: "500.12" },
    { mode: "down", price: "100.025", expected: "500.12" },
    { mode: "up", price: "100.025", expected: "500.13" },
    { mode: "floor", price: "100.025", expected: "500.12" },
    { mode: "ceiling", price: "100.025", expected: "500.13" },
    // 5 × 100.027 = 500.135: half-even rounds the odd 3 up to 4; half-down stays at 3
    { mode: "half-even", price: "100.027", expected: "500.14" },
    { mode: "half-down", price: "100.027", expected: "500.13" },
    // 5 × 100.0252 = 500.126: not a tie, every "half" mode goes to the nearest
    { mode: "half-down", price: "100.0252", expected: "500.13" },
    { mode: "down", price: "100.0252", expected: "500.12" },
  ] as const)("$mode: 5 × $price → $expected", ({ mode, price, expected }) => {
    expect(settleRate(mode, 5, price).t1.amountEarned?.amount).toBe(expected);
  });

  it("rounds to whole yen in a zero-decimal currency", () => {
    // 1 × 1500.5 = 1500.5: half-even → 1500 (0 is even); half-up → 1501
    expect(settleRate("half-even", 1, "1500.5", "JPY").t1.amountEarned).toEqual({ amount: "1500", currency: "JPY" });
    expect(settleRate("half-up", 1, "1500.5", "JPY").t1.amountEarned).toEqual({ amount: "1501", currency: "JPY" });
  });
});

describe("where rounding applies on a weighted rule", () => {
  const learning = metric({
    id: "learning",
    name: "Mean learning level",
    unit: "levels",
    kind: "mean",
    better: "higher",
    baseline: { value: "3.0", period: { start: "2014-07-01", end: "2015-03-31" }, source: "control villages" },
  });
  const enrolment = metric({
    id: "enrolment",
    name: "Enrolment",
    unit: "%",
    kind: "rate",
    better: "higher",
    baseline: { value: "70.0", period: { start: "2014-07-01", end: "2015-03-31" }, source: "census" },
  });
  const rule: PricingRule = {
    type: "weighted",
    parts: [
      { weight: "80%", rule: { type: "rate", metric: "learning", basis: "improvement", pricePerUnit: "1000.00625" } },
      { weight: "20%", rule: { type: "rate", metric: "enrolment", basis: "improvement", pricePerUnit: "500.025" } },
    ],
  };
  const settleAt = (at: "tranche" | "metric", mode: RoundingMode = "half-even") => {
    const contract = contractJson({
      rounding: { mode, at },
      metrics: [learning, enrolment],
      tranches: [tranche({ pricing: rule })],
    });
    // learning 4.0 − 3.0 = 1 level; enrolment 71 − 70 = 1 point
    const settlement = settleJson(
      contract,
      [verified("r1", "learning", "p1", 4), verified("r2", "enrolment", "p1", 71)],
      "2027-12-31",
    );
    return { settlement, t1: trancheOf(settlement, "t1") };
  };

  it("once per tranche rounds the sum of the parts: 900.01", () => {
    const { settlement, t1 } = settleAt("tranche");
    // learning 1 × 1000.00625 × 80% = 800.005; enrolment 1 × 500.025 × 20% = 100.005
    // sum 900.01 exactly → 900.01
    expect(t1.amountEarned?.amount).toBe("900.01");
    expect(t1.trace.filter((step) => step.kind === "rounding")).toEqual([
      { kind: "rounding", mode: "half-even", at: "tranche", before: "900.01", after: "900.01" },
    ]);
    expect(earnedLines(t1)).toEqual({ "payer→provider": "900.01" });
    expect(explain(settlement)).toContain("Rounding (half-even, once per tranche): EUR 900.01 → EUR 900.01");
  });

  it("once per metric rounds each part, which here loses a cent: 900.00", () => {
    const { settlement, t1 } = settleAt("metric");
    // learning 800.005 → 800.00 (half-even); enrolment 100.005 → 100.00; sum 900.00
    expect(t1.amountEarned?.amount).toBe("900.00");
    expect(t1.trace.filter((step) => step.kind === "rounding")).toEqual([
      { kind: "rounding", mode: "half-even", at: "metric", metric: "learning", before: "800.005", after: "800" },
      { kind: "rounding", mode: "half-even", at: "metric", metric: "enrolment", before: "100.005", after: "100" },
    ]);
    const text = explain(settlement);
    expect(text).toContain("Rounding (half-even, once per metric, learning): EUR 800.005 → EUR 800.00");
    expect(text).toContain("Rounding (half-even, once per metric, enrolment): EUR 100.005 → EUR 100.00");
  });

  it("once per metric with half-up gains a cent instead: 900.02", () => {
    // 800.005 → 800.01; 100.005 → 100.01; sum 900.02 (once per tranche with half-up: still 900.01)
    expect(settleAt("metric", "half-up").t1.amountEarned?.amount).toBe("900.02");
    expect(settleAt("tranche", "half-up").t1.amountEarned?.amount).toBe("900.01");
  });
});
