import { describe, expect, it } from "vitest";
import { explain } from "../../src/index.js";
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
 * Rate rules: a price per unit of the basis. Figures from a UK rate card (DWP Innovation Fund: GBP 3,500 per
 * entry into employment) and a Peterborough-style price per reconviction event avoided.
 */

const UK_PARTIES = [
  { id: "dwp", name: "Department for Work and Pensions", roles: ["outcome-payer"] },
  { id: "lottery", name: "Big Lottery Fund", roles: ["outcome-payer"] },
  { id: "prospects", name: "Delivery provider", roles: ["provider"] },
  { id: "bridges", name: "Social investor", roles: ["investor"] },
  { id: "evaluator", name: "Independent assessor", roles: ["verifier"] },
] as const;

describe("rate rule", () => {
  it("pays GBP 3,500 per entry into employment (value basis, rate card)", () => {
    const contract = contractJson({
      currency: "GBP",
      parties: UK_PARTIES,
      metrics: [
        metric({
          id: "employment-entries",
          name: "Entries into employment",
          unit: "participants",
          kind: "count",
          better: "higher",
          baseline: {
            value: 0,
            period: { start: "2022-04-01", end: "2023-03-31" },
            source: "no entries without the programme",
          },
        }),
      ],
      tranches: [
        tranche({
          pricing: { type: "rate", metric: "employment-entries", basis: "value", pricePerUnit: "3500.00" },
          payers: [{ party: "dwp", share: "100%" }],
          recipients: [
            { party: "bridges", share: "60%" },
            { party: "prospects", share: "40%" },
          ],
        }),
      ],
    });
    const settlement = settleJson(contract, [verified("r1", "employment-entries", "p1", 37)], "2027-12-31");
    const t1 = trancheOf(settlement, "t1");

    expect(t1.status).toBe("earned");
    expect(t1.amountPriced).toEqual({ amount: "129500.00", currency: "GBP" }); // 37 × 3500 = 129500
    expect(t1.amountEarned).toEqual({ amount: "129500.00", currency: "GBP" });
    expect(earnedLines(t1)).toEqual({
      "dwp→bridges": "77700.00", // 60% × 129500 = 77700
      "dwp→prospects": "51800.00", // 40% × 129500 = 51800
    });
    expect(t1.trace).toContainEqual({
      kind: "rate",
      metric: "employment-entries",
      basisValue: "37",
      pricePerUnit: "3500.00",
      amount: "129500",
    });

    const text = explain(settlement);
    expect(text).toContain("Basis: the measured value of employment-entries, 37");
    expect(text).toContain("Rule (rate): 37 × GBP 3,500.00 per unit = GBP 129,500.00");
    expect(text).toContain("Split: Department for Work and Pensions pays 100% = GBP 129,500.00");
    expect(text).toContain("of which to Social investor 60% = GBP 77,700.00");
    expect(text).toContain("of which to Delivery provider 40% = GBP 51,800.00");
    expect(text).toContain("Earned GBP 129,500.00; paid GBP 0.00; balance GBP 129,500.00");
  });

  it("pays GBP 25,000 per reconviction event per 100 avoided, split between two payers (improvement basis)", () => {
    const contract = contractJson({
      currency: "GBP",
      parties: UK_PARTIES,
      metrics: [
        metric({
          id: "reconvictions",
          name: "Reconviction events per 100 released prisoners",
          unit: "events per 100",
          kind: "frequency",
          better: "lower",
          baseline: {
            value: "74.0",
            period: { start: "2008-01-01", end: "2009-12-31" },
            source: "Police National Computer, matched comparison",
          },
        }),
      ],
      tranches: [
        tranche({
          pricing: { type: "rate", metric: "reconvictions", basis: "improvement", pricePerUnit: "25000.00" },
          payers: [
            { party: "dwp", share: "60%" },
            { party: "lottery", share: "40%" },
          ],
          recipients: [{ party: "bridges", share: "100%" }],
        }),
      ],
    });
    const settlement = settleJson(contract, [verified("r1", "reconvictions", "p1", "66.5")], "2027-12-31");
    const t1 = trancheOf(settlement, "t1");

    // improvement = baseline − measured = 74.0 − 66.5 = 7.5 events per 100 avoided; 7.5 × 25000 = 187500
    expect(t1.amountEarned?.amount).toBe("187500.00");
    expect(earnedLines(t1)).toEqual({
      "dwp→bridges": "112500.00", // 60% × 187500
      "lottery→bridges": "75000.00", // 40% × 187500
    });
    expect(t1.byPayer.map((row) => [row.party, row.earned?.amount])).toEqual([
      ["dwp", "112500.00"],
      ["lottery", "75000.00"],
    ]);

    const text = explain(settlement);
    expect(text).toContain("Basis: improvement of reconvictions (lower is better): baseline 74 − measured 66.5 = 7.5");
    expect(text).toContain("Rule (rate): 7.5 × GBP 25,000.00 per unit = GBP 187,500.00");
    expect(text).toContain("Split: Big Lottery Fund pays 40% = GBP 75,000.00");
  });

  it("floors a negative amount at zero when the result got worse (zero-floor step)", () => {
    // Default contract: EUR 10,000 per point of dropout-rate reduction, baseline 20.0.
    const settlement = settleJson(contractJson(), [verified("r1", "dropout", "p1", "21.5")], "2027-12-31");
    const t1 = trancheOf(settlement, "t1");

    // improvement = 20.0 − 21.5 = −1.5; −1.5 × 10000 = −15000 → floored to 0
    expect(t1.trace).toContainEqual({ kind: "zero-floor", metric: "dropout", before: "-15000" });
    expect(t1.amountPriced?.amount).toBe("0.00");
    expect(t1.amountEarned?.amount).toBe("0.00");
    expect(t1.status).toBe("not-earned");
    expect(earnedLines(t1)).toEqual({ "payer→provider": "0.00" });
    expect(t1.clawback).toBeNull();

    const text = explain(settlement);
    expect(text).toContain("Rule (rate): -1.5 × EUR 10,000.00 per unit = EUR -15,000.00");
    expect(text).toContain(
      "Floor at zero: dropout would pay EUR -15,000.00 (the result got worse), so it pays nothing",
    );
    expect(text).toContain("Status: NOT EARNED");
  });

  it("pays nothing and records no zero-floor step when the result equals the baseline", () => {
    const settlement = settleJson(contractJson(), [verified("r1", "dropout", "p1", 20)], "2027-12-31");
    const t1 = trancheOf(settlement, "t1");
    // improvement = 20.0 − 20 = 0; 0 × 10000 = 0: nothing to floor
    expect(t1.amountEarned?.amount).toBe("0.00");
    expect(t1.trace.some((step) => step.kind === "zero-floor")).toBe(false);
  });

  it("shows an unrounded amount to 6 decimals, marked ≈, before the rounding step", () => {
    // relative improvement (30 − 20) / 30 = 0.333…; × EUR 100,000.00 = EUR 33,333.333… → rounds to 33,333.33
    const contract = contractJson({
      metrics: [
        metric({ baseline: { value: "30", period: { start: "2022-09-01", end: "2025-08-31" }, source: "registry" } }),
      ],
      tranches: [
        tranche({
          pricing: { type: "rate", metric: "dropout", basis: "relative-improvement", pricePerUnit: "100000.00" },
        }),
      ],
    });
    const settlement = settleJson(contract, [verified("r1", "dropout", "p1", "20")], "2027-12-31");
    expect(trancheOf(settlement, "t1").amountEarned?.amount).toBe("33333.33");
    expect(explain(settlement)).toContain("Rule (rate): ≈0.333333 × EUR 100,000.00 per unit = ≈EUR 33,333.333333");
  });
});
