import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  OptionsError,
  dealOutlook,
  exAnteTable,
  measure,
  parseContract,
  simulate,
  suggestTerms,
  type Measurement,
  type MeasureRequest,
} from "../../src/index.js";

/** The ex-ante table and the step from the experiment to the deal, with figures checked by hand. */
const load = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/fis-three-stages/${file}`, import.meta.url), "utf8"));
const design = parseContract(load("1-design.json"));
const experiment = parseContract(load("2-experiment.json"));
const deal = parseContract(load("3-deal.json"));

/** A hand-made pilot: lower is better, effect −2.6 points, 95% interval [−4.3, −0.9]. */
const pilot = (changes: Partial<Measurement> = {}): Measurement => ({
  estimator: "comparison",
  method: "two-proportion-z",
  methodText: "",
  outcome: "binary",
  better: "lower",
  scale: 100,
  value: 17.4,
  counterfactual: 20,
  effect: -2.6,
  standardError: 0.867,
  interval: { confidence: 0.95, lower: -4.3, upper: -0.9 },
  groups: [],
  ...changes,
});
const optionsError = (call: () => unknown) => {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError);
    const issues = (error as OptionsError).issues;
    expect(issues).toHaveLength(1);
    return issues[0]!;
  }
  throw new Error("expected an OptionsError");
};

describe("ex-ante table", () => {
  const rows = exAnteTable(design, { metric: "dropout-rate", effects: ["0", "1", "2", "3"], discountRate: "4%" });

  it("1 point: 19.0%, a 5% relative improvement, the first point of each year's linear rule: 3 × 120,000", () => {
    expect(rows[1]).toMatchObject({
      effect: "1",
      value: "19",
      relativeEffect: "0.05",
      totalCost: { amount: "360000.00", currency: "EUR" },
    });
    expect(rows[1]!.byPayer).toEqual([
      { party: "fis", cost: { amount: "252000.00", currency: "EUR" } },
      { party: "comune", cost: { amount: "108000.00", currency: "EUR" } },
    ]);
  });

  it("2 points: 10%, halfway from 5% to 15%: 3 × 180,000; 3 points: 15% pays 3 × 240,000, capped at the contract's 600,000", () => {
    expect(rows[2]!.totalCost.amount).toBe("540000.00");
    expect(rows[3]!.totalCost.amount).toBe("600000.00");
  });

  it("no effect: nothing paid, and the social investor loses the 150,000 it drew (100,000 + 50,000)", () => {
    expect(rows[0]!.totalCost.amount).toBe("0.00");
    expect(rows[0]!.investors.find((entry) => entry.party === "investor")!.net.amount).toBe("-150000.00");
  });

  it("refuses an unknown metric, a contract without tranches, no effects, and an effect that is not a decimal string", () => {
    expect(
      optionsError(() => exAnteTable(design, { metric: "drop", effects: ["1"], discountRate: "4%" })),
    ).toMatchObject({
      code: "unknown_metric",
      at: "$.metric",
      message: 'unknown metric "drop": the contract declares dropout-rate',
    });
    expect(
      optionsError(() => exAnteTable(experiment, { metric: "dropout-rate", effects: ["1"], discountRate: "4%" })),
    ).toMatchObject({
      code: "no_tranches",
      at: "$",
      message: "an ex-ante table prices the contract's tranches: give the design indicative tranches",
    });
    expect(
      optionsError(() => exAnteTable(design, { metric: "dropout-rate", effects: [], discountRate: "4%" })),
    ).toMatchObject({ code: "empty", at: "$.effects" });
    expect(
      optionsError(() =>
        exAnteTable(design, { metric: "dropout-rate", effects: [1 as unknown as string], discountRate: "4%" }),
      ),
    ).toMatchObject({
      code: "invalid_decimal",
      at: "$.effects[0]",
      message: 'expected an effect as a decimal string such as "2.5", in the metric\'s unit',
    });
  });
});

describe("suggested terms", () => {
  it("threshold at the conservative bound, target at the point estimate, on the three bases", () => {
    const terms = suggestTerms(experiment, "dropout-rate", pilot());
    expect(terms.significant).toBe(true);
    // 0.9 / 20 = 0.045; 20 − 0.9 = 19.1.  2.6 / 20 = 0.13; 20 − 2.6 = 17.4
    expect(terms.threshold).toEqual({ improvement: "0.9", relativeImprovement: "0.045", value: "19.1" });
    expect(terms.target).toEqual({ improvement: "2.6", relativeImprovement: "0.13", value: "17.4" });
    expect(terms.rule).toBe(
      "threshold at the conservative bound of the 95% interval (the improvement the pilot is confident of), target at the point estimate",
    );
  });

  it("an interval that reaches no effect: threshold 0, not significant", () => {
    const terms = suggestTerms(
      experiment,
      "dropout-rate",
      pilot({ effect: -1.2, interval: { confidence: 0.9, lower: -2.9, upper: 0.5 } }),
    );
    expect(terms.significant).toBe(false);
    expect(terms.threshold.improvement).toBe("0");
    expect(terms.target.improvement).toBe("1.2");
    expect(terms.rule).toContain("90% interval");
    expect(terms.rule).toContain("the interval reaches no effect, so 0");
  });

  it("from the example's pilot, measured by the measure layer", () => {
    const measured = measure(load("2-experiment-results.json") as MeasureRequest);
    const terms = suggestTerms(experiment, "dropout-rate", measured);
    // 237/1500 = 15.8%, 301/1500 = 20.0667%: the effect is −4.2667 points
    expect(terms.target.improvement).toBe("4.2666667");
    expect(Number(terms.threshold.improvement)).toBeCloseTo(-measured.interval.upper, 6);
  });

  it("refuses an unknown metric, a measurement in the other direction, and a measurement that is not one", () => {
    expect(optionsError(() => suggestTerms(experiment, "drop", pilot()))).toMatchObject({
      code: "unknown_metric",
      at: "$.metric",
    });
    expect(optionsError(() => suggestTerms(experiment, "dropout-rate", pilot({ better: "higher" })))).toMatchObject({
      code: "direction_mismatch",
      at: "$.measurement.better",
      message: 'the measurement says higher is better, the metric "dropout-rate" says lower',
    });
    expect(optionsError(() => suggestTerms(experiment, "dropout-rate", pilot({ effect: Number.NaN })))).toMatchObject({
      code: "invalid_measurement",
      at: "$.measurement",
      message:
        "expected a measurement of the measure layer: a finite effect, a standard error of 0 or more, and an interval (lower up to upper) with its confidence between 0 and 1",
    });
  });
});

describe("deal outlook", () => {
  const amounts = { atThreshold: "120000.00", atTarget: "240000.00" };

  it("re-prices each tranche linearly from the threshold to the target", () => {
    const outlook = dealOutlook(design, pilot(), { metric: "dropout-rate", amounts, runs: 200, seed: 7 });
    expect(outlook.contract.stage).toBe("pay-by-results");
    expect(outlook.contract.tranches[0]!.pricing).toEqual({
      type: "linear",
      metric: "dropout-rate",
      basis: "relative-improvement",
      points: [
        { at: "0.045", amount: "120000.00" },
        { at: "0.13", amount: "240000.00" },
      ],
    });
    expect(outlook.distribution).toEqual({
      metric: "dropout-rate",
      distribution: { type: "normal", mean: 17.4, sd: 0.867 },
    });
  });

  it("with the deal's own pair (1 and 4 points = 5% and 20%), it simulates what the signed deal does, run for run", () => {
    const outlook = dealOutlook(design, pilot(), {
      metric: "dropout-rate",
      amounts,
      threshold: "1",
      target: "4",
      runs: 500,
      seed: 11,
      decimals: 1,
    });
    const signed = simulate(deal, { runs: 500, seed: 11, results: [outlook.distribution] });
    expect(outlook.simulation.totalPayments).toEqual(signed.totalPayments);
    expect(outlook.simulation.investors).toEqual(signed.investors);
  });

  it("on the improvement basis, the points are in the metric's unit", () => {
    const outlook = dealOutlook(design, pilot(), {
      metric: "dropout-rate",
      amounts,
      basis: "improvement",
      runs: 10,
      seed: 1,
    });
    expect(outlook.contract.tranches[0]!.pricing).toMatchObject({
      basis: "improvement",
      points: [{ at: "0.9" }, { at: "2.6" }],
    });
  });

  it("refuses a threshold above the target, an override that is not a decimal, and a contract with no tranche on the metric", () => {
    expect(
      optionsError(() =>
        dealOutlook(design, pilot(), {
          metric: "dropout-rate",
          amounts,
          threshold: "3",
          target: "2",
          runs: 10,
          seed: 1,
        }),
      ),
    ).toMatchObject({
      code: "threshold_above_target",
      at: "$.threshold",
      message: "the threshold 3 is above the target 2",
    });
    expect(
      optionsError(() =>
        dealOutlook(design, pilot(), { metric: "dropout-rate", amounts, target: "-2", runs: 10, seed: 1 }),
      ),
    ).toMatchObject({
      code: "invalid_decimal",
      at: "$.target",
      message:
        'expected the target as an improvement, a non-negative decimal string such as "1.5", in the metric\'s unit',
    });
    expect(
      optionsError(() => dealOutlook(experiment, pilot(), { metric: "dropout-rate", amounts, runs: 10, seed: 1 })),
    ).toMatchObject({
      code: "no_tranche_on_metric",
      at: "$.metric",
      message: 'no tranche is priced on metric "dropout-rate": the outlook re-prices those tranches',
    });
  });
});
