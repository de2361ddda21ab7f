import { describe, expect, it } from "vitest";
import { explain, type Basis, type Metric } from "../../src/index.js";
import { contractJson, metric, settleJson, tranche, trancheOf, verified } from "../support/contract-builder.js";

/**
 * The three bases a rule can work on, for both directions of a metric. A rate of EUR 1,000.00 per unit makes
 * the basis value visible in the amount: amount = basis × 1000.
 */

const attendance = metric({
  id: "attendance",
  name: "School attendance",
  unit: "%",
  kind: "rate",
  better: "higher",
  baseline: { value: 40, period: { start: "2022-09-01", end: "2025-08-31" }, source: "school registers 2022-25" },
});
const dropout = metric(); // lower is better, baseline 20.0

function priceOn(m: Metric, basis: Basis, measured: number | string) {
  const contract = contractJson({
    metrics: [m],
    tranches: [tranche({ pricing: { type: "rate", metric: m.id, basis, pricePerUnit: "1000.00" } })],
  });
  const settlement = settleJson(contract, [verified("r1", m.id, "p1", measured)], "2027-12-31");
  return { settlement, t1: trancheOf(settlement, "t1") };
}

describe("basis of a rule", () => {
  it.each([
    // higher is better, baseline 40, measured 46
    { m: attendance, basis: "value", measured: 46, value: "46", improvement: "6", amount: "46000.00" }, // 46 × 1000
    { m: attendance, basis: "improvement", measured: 46, value: "6", improvement: "6", amount: "6000.00" }, // (46 − 40) × 1000
    { m: attendance, basis: "relative-improvement", measured: 46, value: "0.15", improvement: "6", amount: "150.00" }, // (46 − 40)/40 = 0.15; × 1000
    // lower is better, baseline 20.0, measured 17.9
    { m: dropout, basis: "value", measured: "17.9", value: "17.9", improvement: "2.1", amount: "17900.00" }, // 17.9 × 1000
    { m: dropout, basis: "improvement", measured: "17.9", value: "2.1", improvement: "2.1", amount: "2100.00" }, // (20.0 − 17.9) × 1000
    {
      m: dropout,
      basis: "relative-improvement",
      measured: "17.9",
      value: "0.105",
      improvement: "2.1",
      amount: "105.00",
    }, // 2.1/20 = 0.105; × 1000
    // worse than baseline: improvement negative on both directions
    { m: attendance, basis: "improvement", measured: 38, value: "-2", improvement: "-2", amount: "0.00" }, // 38 − 40 = −2 → floored
    { m: dropout, basis: "relative-improvement", measured: 22, value: "-0.1", improvement: "-2", amount: "0.00" }, // (20 − 22)/20 = −0.1 → floored
  ] as const)(
    "$m.better is better, $basis, measured $measured → basis $value, pays $amount",
    ({ m, basis, measured, value, improvement, amount }) => {
      const { t1 } = priceOn(m, basis, measured);
      const step = t1.trace.find((entry) => entry.kind === "basis");
      expect(step).toMatchObject({ kind: "basis", metric: m.id, basis, better: m.better, value, improvement });
      expect(t1.amountEarned?.amount).toBe(amount);
    },
  );

  it("explains each basis with its arithmetic", () => {
    expect(explain(priceOn(attendance, "improvement", 46).settlement)).toContain(
      "Basis: improvement of attendance (higher is better): measured 46 − baseline 40 = 6; baseline from school registers 2022-25",
    );
    expect(explain(priceOn(dropout, "relative-improvement", "17.9").settlement)).toContain(
      "Basis: relative improvement of dropout (lower is better): (baseline 20 − measured 17.9 = 2.1) / 20 = 0.105 (10.5%); baseline from national student registry 2022-25",
    );
    expect(explain(priceOn(dropout, "value", "17.9").settlement)).toContain(
      "Basis: the measured value of dropout, 17.9 (baseline 20 from national student registry 2022-25)",
    );
  });

  it("divides a relative improvement by the magnitude of a negative baseline", () => {
    const netChange = metric({
      id: "net-change",
      name: "Net change in households in arrears",
      unit: "households",
      kind: "count",
      better: "higher",
      baseline: { value: -50, period: { start: "2022-01-01", end: "2022-12-31" }, source: "housing register" },
    });
    const { t1 } = priceOn(netChange, "relative-improvement", -40);
    // improvement = −40 − (−50) = 10; relative = 10 / |−50| = 0.2 (not −0.2); 0.2 × 1000 = 200
    expect(t1.trace.find((entry) => entry.kind === "basis")).toMatchObject({ improvement: "10", value: "0.2" });
    expect(t1.amountEarned?.amount).toBe("200.00");
  });

  describe("threshold direction", () => {
    const gate = (m: Metric, basis: Basis, threshold: number | string, measured: number | string) => {
      const contract = contractJson({
        metrics: [m],
        tranches: [tranche({ pricing: { type: "threshold", metric: m.id, basis, threshold, amount: "50000.00" } })],
      });
      const settlement = settleJson(contract, [verified("r1", m.id, "p1", measured)], "2027-12-31");
      return { settlement, t1: trancheOf(settlement, "t1") };
    };

    it("on the value basis, lower is better: met when the value is at most the threshold", () => {
      const met = gate(dropout, "value", 18, "17.9"); // 17.9 ≤ 18 → met
      expect(met.t1.trace).toContainEqual({
        kind: "threshold",
        metric: "dropout",
        basisValue: "17.9",
        threshold: "18",
        comparison: "at-most",
        met: true,
        amount: "50000.00",
      });
      expect(met.t1.amountEarned?.amount).toBe("50000.00");
      expect(explain(met.settlement)).toContain("Rule (threshold): 17.9 ≤ 18? met, pays EUR 50,000.00");
      expect(gate(dropout, "value", 18, 18).t1.amountEarned?.amount).toBe("50000.00"); // 18 ≤ 18 → met (inclusive)
      const missed = gate(dropout, "value", 18, "18.1"); // 18.1 > 18 → not met
      expect(missed.t1.amountEarned?.amount).toBe("0.00");
      expect(explain(missed.settlement)).toContain("Rule (threshold): 18.1 ≤ 18? not met: pays nothing");
    });

    it("on the value basis, higher is better: met when the value is at least the threshold", () => {
      expect(gate(attendance, "value", 45, 46).t1.amountEarned?.amount).toBe("50000.00"); // 46 ≥ 45
      expect(gate(attendance, "value", 45, 44).t1.amountEarned?.amount).toBe("0.00"); // 44 < 45
    });

    it("on the improvement bases, always at least (positive is better)", () => {
      const met = gate(dropout, "improvement", 2, "17.9"); // 20 − 17.9 = 2.1 ≥ 2
      expect(met.t1.trace).toContainEqual(
        expect.objectContaining({ kind: "threshold", comparison: "at-least", basisValue: "2.1", met: true }),
      );
      expect(gate(dropout, "improvement", "2.5", "17.9").t1.amountEarned?.amount).toBe("0.00"); // 2.1 < 2.5
      expect(gate(attendance, "relative-improvement", "15%", 46).t1.amountEarned?.amount).toBe("50000.00"); // 0.15 ≥ 0.15
    });
  });
});
