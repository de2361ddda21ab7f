import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { explain, type PricingRule } from "../../src/index.js";
import { contractJson, earnedLines, settleJson, tranche, trancheOf, verified } from "../support/contract-builder.js";

/**
 * Linear interpolation, on the FIS dropout example: EUR 120,000 at a 5% relative reduction of the dropout
 * rate, EUR 240,000 at 15%, a straight line in between; split 70% FIS / 30% Comune, and each payer's part
 * 80% investor / 20% cooperative.
 */

const example = (file: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../examples/fis-dispersione/${file}`, import.meta.url)), "utf8"));

const FIS_PARTIES = [
  { id: "fis", name: "Fondo per l'Innovazione Sociale", roles: ["outcome-payer"] },
  { id: "comune", name: "Comune di Palermo", roles: ["outcome-payer", "beneficiary"] },
  { id: "coop", name: "Cooperativa sociale Scuola Aperta", roles: ["provider"] },
  { id: "investor", name: "Fondazione di comunità", roles: ["investor"] },
  { id: "evaluator", name: "Valutatore indipendente", roles: ["verifier"] },
] as const;

const FIS_RULE: PricingRule = {
  type: "linear",
  metric: "dropout",
  basis: "relative-improvement",
  points: [
    { at: "5%", amount: "120000.00" },
    { at: "15%", amount: "240000.00" },
  ],
};

function settleLinear(measured: number | string, pricing: PricingRule = FIS_RULE) {
  const contract = contractJson({
    parties: FIS_PARTIES,
    tranches: [
      tranche({
        pricing,
        cap: "240000.00",
        payers: [
          { party: "fis", share: "70%" },
          { party: "comune", share: "30%" },
        ],
        recipients: [
          { party: "investor", share: "80%" },
          { party: "coop", share: "20%" },
        ],
      }),
    ],
  });
  const settlement = settleJson(contract, [verified("r1", "dropout", "p1", measured)], "2027-12-31");
  return { settlement, t1: trancheOf(settlement, "t1") };
}

describe("linear rule", () => {
  it("interpolates between two points (dropout 20.0 → 17.9)", () => {
    const { settlement, t1 } = settleLinear("17.9");
    // (20.0 − 17.9)/20 = 0.105; fraction (0.105 − 0.05)/0.10 = 0.55; 120000 + 0.55 × 120000 = 186000
    expect(t1.trace).toContainEqual({
      kind: "interpolation",
      metric: "dropout",
      basisValue: "0.105",
      position: "between",
      lower: { at: "0.05", amount: "120000" },
      upper: { at: "0.15", amount: "240000" },
      fraction: "0.55",
      amount: "186000",
    });
    expect(t1.amountEarned?.amount).toBe("186000.00");
    expect(earnedLines(t1)).toEqual({
      "fis→investor": "104160.00", // 70% × 186000 = 130200; 80% × 130200 = 104160
      "fis→coop": "26040.00", // 20% × 130200 = 26040
      "comune→investor": "44640.00", // 30% × 186000 = 55800; 80% × 55800 = 44640
      "comune→coop": "11160.00", // 20% × 55800 = 11160
    });
    const text = explain(settlement);
    expect(text).toContain("(baseline 20 − measured 17.9 = 2.1) / 20 = 0.105 (10.5%)");
    expect(text).toContain(
      "Rule (linear): 0.105 lies between 0.05 → EUR 120,000.00 and 0.15 → EUR 240,000.00, a fraction 0.55 of the way: EUR 120,000.00 + 0.55 × (EUR 240,000.00 − EUR 120,000.00) = EUR 186,000.00",
    );
    expect(text).toContain("Split: Fondo per l'Innovazione Sociale pays 70% = EUR 130,200.00");
    expect(text).toContain("of which to Fondazione di comunità 80% = EUR 104,160.00");
    expect(text).toContain("Split: Comune di Palermo pays 30% = EUR 55,800.00");
    expect(text).toContain("of which to Cooperativa sociale Scuola Aperta 20% = EUR 11,160.00");
  });

  it("pays nothing below the first point", () => {
    const { settlement, t1 } = settleLinear("19.5");
    // (20 − 19.5)/20 = 0.025 < 0.05 → nothing
    expect(t1.amountEarned?.amount).toBe("0.00");
    expect(explain(settlement)).toContain("Rule (linear): 0.025 is below the first point 0.05: pays nothing");
  });

  it("pays the first point's amount exactly at it", () => {
    // (20 − 19)/20 = 0.05 → fraction 0 → 120000
    expect(settleLinear(19).t1.amountEarned?.amount).toBe("120000.00");
  });

  it("pays the last amount at and above the last point", () => {
    const { settlement, t1 } = settleLinear(16);
    // (20 − 16)/20 = 0.2 ≥ 0.15 → 240000
    expect(t1.amountEarned?.amount).toBe("240000.00");
    expect(explain(settlement)).toContain("Rule (linear): 0.2 is at or above the last point 0.15: pays EUR 240,000.00");
    expect(settleLinear(17).t1.amountEarned?.amount).toBe("240000.00"); // (20 − 17)/20 = 0.15 exactly
  });

  it("follows each segment of a three-point line", () => {
    const threePoints: PricingRule = {
      type: "linear",
      metric: "dropout",
      basis: "improvement",
      points: [
        { at: 1, amount: "60000.00" },
        { at: 2, amount: "120000.00" },
        { at: 4, amount: "150000.00" },
      ],
    };
    // improvement 20 − 17 = 3: second segment, fraction (3 − 2)/(4 − 2) = 0.5; 120000 + 0.5 × 30000 = 135000
    expect(settleLinear(17, threePoints).t1.amountEarned?.amount).toBe("135000.00");
    // improvement 20 − 18.5 = 1.5: first segment, fraction 0.5; 60000 + 0.5 × 60000 = 90000
    expect(settleLinear("18.5", threePoints).t1.amountEarned?.amount).toBe("90000.00");
  });

  it("rounds an inexact interpolation once, to the cent", () => {
    const thirds: PricingRule = {
      type: "linear",
      metric: "dropout",
      basis: "improvement",
      points: [
        { at: 0, amount: "0.00" },
        { at: 3, amount: "100000.00" },
      ],
    };
    const { settlement, t1 } = settleLinear(19, thirds);
    // improvement 20 − 19 = 1; fraction 1/3; 100000/3 = 33333.333… → 33333.33 (half-even)
    expect(t1.amountPriced?.amount).toBe("33333.33");
    expect(earnedLines(t1)).toEqual({
      "fis→investor": "18666.66", // 70% × 33333.33 = 23333.331 → 23333.33; 80% = 18666.664 → 18666.66
      "fis→coop": "4666.67", // 20% × 23333.33 = 4666.666 → 4666.67 (largest remainder gets the cent)
      "comune→investor": "8000.00", // 30% × 33333.33 = 9999.999 → 10000.00 (remainder cent); 80% = 8000.00
      "comune→coop": "2000.00", // 20% × 10000.00
    });
    expect(explain(settlement)).toMatch(
      /Rounding \(half-even, once per tranche\): ≈EUR 33,333\.333333 → EUR 33,333\.33/,
    );
  });

  it("settles the bundled FIS example file as of 2027-12-31 (verified 17.6, paid in full)", () => {
    const settlement = settleJson(example("contract.json"), example("events.json"), "2027-12-31");
    const t1 = trancheOf(settlement, "t1");
    // (20.0 − 17.6)/20 = 0.12; fraction (0.12 − 0.05)/0.10 = 0.7; 120000 + 0.7 × 120000 = 204000
    expect(t1.amountEarned?.amount).toBe("204000.00");
    expect(earnedLines(t1)).toEqual({
      "fis→investor": "114240.00", // 70% × 204000 = 142800; 80% = 114240
      "fis→coop": "28560.00", // 20% × 142800
      "comune→investor": "48960.00", // 30% × 204000 = 61200; 80% = 48960
      "comune→coop": "12240.00", // 20% × 61200
    });
    expect(t1.status).toBe("paid");
    expect(t1.balance?.amount).toBe("0.00");
    expect(explain(settlement)).toContain("a fraction 0.7 of the way");
  });

  it("on the measured value of a lower-is-better metric, pays the better end below the first point and nothing past the last", () => {
    // dropout 15% → EUR 240,000, 19% → EUR 120,000: a lower rate is better, so 14% pays the full 240,000
    const rule: PricingRule = {
      type: "linear",
      metric: "dropout",
      basis: "value",
      points: [
        { at: 15, amount: "240000.00" },
        { at: 19, amount: "120000.00" },
      ],
    };
    const earned = (value: number) => trancheOf(settleLinear(value, rule).settlement, "t1").amountEarned?.amount;
    expect(earned(14)).toBe("240000.00");
    expect(earned(15)).toBe("240000.00");
    expect(earned(17)).toBe("180000.00"); // half way: 240,000 + 0.5 × (120,000 − 240,000)
    expect(earned(19)).toBe("120000.00");
    expect(earned(19.5)).toBe("0.00");
    const text = explain(settleLinear(14, rule).settlement);
    expect(text).toContain("Rule (linear): 14 is at or below the first point 15 (the better end): pays EUR 240,000.00");
    expect(explain(settleLinear(19.5, rule).settlement)).toContain(
      "Rule (linear): 19.5 is above the last point 19 (the worse end): pays nothing",
    );
  });
});
