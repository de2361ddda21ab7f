import { readFileSync } from "node:fs";
import fc from "fast-check";
import { codesAndPaths as refusal } from "../support/refusal.js";
import { describe, expect, it } from "vitest";
import {
  DesignError,
  type DesignRequest,
  dealOutlook,
  detectionPower,
  type Measurement,
  minimumDetectableEffect,
  OptionsError,
  parseContract,
  requiredSample,
  suggestTerms,
} from "../../src/index.js";
import { nonFiniteIn } from "../fuzz/exports-fuzz.js";

/**
 * The design tools at the edges of double precision: every request is answered with finite figures, or refused
 * with a typed error saying which figure (never an internal assertion, a NaN or a loop without end); and the
 * options of dealOutlook and the measurements of suggestTerms are checked before they are read.
 */

const mean: DesignRequest = {
  outcome: "continuous",
  better: "higher",
  baseline: 0,
  standardDeviation: 1,
  significance: 0.05,
  power: 0.8,
};

describe("design requests beyond double precision", () => {
  it("a proportion or a rate that the baseline and scale make too small or too large: beyond_precision at $.baseline", () => {
    const proportion = { ...mean, outcome: "binary", baseline: 5e-324, scale: 100 } as const;
    const { standardDeviation: _, ...binary } = proportion;
    expect(refusal(DesignError, () => minimumDetectableEffect({ ...binary, sample: { treatment: 100 } }))).toEqual([
      ["beyond_precision", "$.baseline"],
    ]);
    const { standardDeviation: __, ...rate } = { ...mean, outcome: "count", baseline: 1e300, scale: 1e-300 } as const;
    expect(refusal(DesignError, () => requiredSample({ ...rate, effect: 1, comparisonGroup: false }))).toEqual([
      ["beyond_precision", "$.baseline"],
    ]);
  });

  it("figures each valid whose standard error is no number together: beyond_precision at $", () => {
    const request = { ...mean, standardDeviation: 1e150, test: "normal" as const, sample: { treatment: 1e-300 } };
    expect(refusal(DesignError, () => minimumDetectableEffect(request))).toEqual([["beyond_precision", "$"]]);
    expect(refusal(DesignError, () => detectionPower({ ...request, effect: 1 }))).toEqual([["beyond_precision", "$"]]);
  });

  it("a t-test's power at an effect thousands of standard errors wide: 1, at once (R's normal approximation)", () => {
    const started = performance.now();
    expect(detectionPower({ ...mean, standardDeviation: 1e-150, effect: 1e150, sample: { treatment: 2 } })).toBe(1);
    const needed = requiredSample({
      ...mean,
      standardDeviation: 1e-27,
      significance: 1e-9,
      alternative: "one-sided",
      effect: 1e-20,
      comparisonGroup: false,
    });
    expect(needed.treatment).toBe(3);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("a relative effect beyond the largest number is left out, as for a baseline of 0", () => {
    const detectable = minimumDetectableEffect({ ...mean, baseline: 5e-324, sample: { treatment: 100 } });
    expect(detectable.effect).toBeCloseTo(0.2829, 4);
    expect(detectable.relativeEffect).toBeUndefined();
  });

  it("any request of valid figures, however large or small: finite figures or a DesignError, within a second", () => {
    const extreme = fc.oneof(
      fc.constantFrom(5e-324, 1e-300, 1e-150, 1e-20, 1e-9, 0.05, 0.5, 1, 2, 100, 1e12, 1e150, 1e300, Number.MAX_VALUE),
      fc.double({ min: 1e-320, max: 1e308, noNaN: true }),
    );
    const request = fc.record({
      outcome: fc.constantFrom("binary", "count", "continuous" as const),
      better: fc.constantFrom("higher", "lower" as const),
      baseline: extreme,
      scale: extreme,
      standardDeviation: extreme,
      significance: fc.oneof(fc.constantFrom(1e-9, 0.05, 0.4999999), fc.double({ min: 1e-9, max: 0.49, noNaN: true })),
      power: fc.oneof(fc.constantFrom(0.5, 0.8, 0.9999999999999999), fc.double({ min: 0.5, max: 0.99, noNaN: true })),
      alternative: fc.constantFrom("one-sided", "two-sided" as const),
      test: fc.constantFrom("t", "normal" as const),
      effect: extreme,
      comparisonGroup: fc.boolean(),
      ratio: extreme,
      treatment: extreme,
      comparison: fc.option(extreme, { nil: undefined }),
    });
    fc.assert(
      fc.property(request, (drawn) => {
        const { treatment, comparison, standardDeviation, test, ratio, ...rest } = drawn;
        const design = {
          ...rest,
          ...(drawn.outcome === "continuous" ? { standardDeviation, test } : {}),
          ...(drawn.comparisonGroup ? { ratio } : {}),
        };
        const sample = comparison === undefined ? { treatment } : { treatment, comparison };
        for (const call of [
          () => detectionPower({ ...design, sample }),
          () => minimumDetectableEffect({ ...design, sample }),
          () => requiredSample(design),
        ]) {
          const started = performance.now();
          try {
            expect(nonFiniteIn(call())).toBeUndefined();
          } catch (error) {
            expect(error).toBeInstanceOf(DesignError);
          }
          expect(performance.now() - started).toBeLessThan(1000);
        }
      }),
      { numRuns: 300 },
    );
  });
});

const load = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/fis-three-stages/${file}`, import.meta.url), "utf8"));
const design = parseContract(load("1-design.json"));
const experiment = parseContract(load("2-experiment.json"));
const pilot = (changes: Record<string, unknown> = {}): Measurement =>
  ({
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
  }) as Measurement;
const outlook = {
  metric: "dropout-rate",
  amounts: { atThreshold: "120000.00", atTarget: "240000.00" },
  runs: 20,
  seed: 1,
};

describe("suggestTerms and dealOutlook check what they read", () => {
  it("a measurement without a direction: invalid_measurement at $.measurement.better", () => {
    expect(
      refusal(OptionsError, () => suggestTerms(experiment, "dropout-rate", pilot({ better: Symbol("x") }))),
    ).toEqual([["invalid_measurement", "$.measurement.better"]]);
  });

  it("a negative standard error, an interval upside down or without its confidence: invalid_measurement", () => {
    for (const changes of [
      { standardError: -1 },
      { interval: { confidence: 0.95, lower: -0.9, upper: -4.3 } },
      { interval: { lower: -4.3, upper: -0.9 } },
    ])
      expect(refusal(OptionsError, () => suggestTerms(experiment, "dropout-rate", pilot(changes)))).toEqual([
        ["invalid_measurement", "$.measurement"],
      ]);
  });

  it("an effect that moves the baseline beyond the largest number: invalid_measurement at $.measurement.effect", () => {
    const json = load("1-design.json");
    json.metrics[0].baseline.value = `1${"0".repeat(308)}`;
    const huge = parseContract(json);
    const measurement = pilot({ effect: 1e308, interval: { confidence: 0.95, lower: 9e307, upper: 1.1e308 } });
    expect(refusal(OptionsError, () => dealOutlook(huge, measurement, outlook))).toEqual([
      ["invalid_measurement", "$.measurement.effect"],
    ]);
  });

  it("options that are not an object, or amounts that are not one: invalid_type", () => {
    expect(refusal(OptionsError, () => dealOutlook(design, pilot(), "dropout-rate" as never))[0]).toEqual([
      "invalid_type",
      "$",
    ]);
    expect(
      refusal(OptionsError, () => dealOutlook(design, pilot(), { ...outlook, amounts: "240000.00" } as never)),
    ).toEqual([["invalid_type", "$.amounts"]]);
  });

  it("no amounts: required at $.amounts", () => {
    const { amounts: _, ...without } = outlook;
    expect(refusal(OptionsError, () => dealOutlook(design, pilot(), without as never))).toEqual([
      ["required", "$.amounts"],
    ]);
  });

  it("an amount that is not a decimal string: invalid_decimal at its path", () => {
    const amounts = { atThreshold: 120000, atTarget: "240,000" };
    expect(refusal(OptionsError, () => dealOutlook(design, pilot(), { ...outlook, amounts } as never))).toEqual([
      ["invalid_decimal", "$.amounts.atThreshold"],
      ["invalid_decimal", "$.amounts.atTarget"],
    ]);
  });

  it("an unknown basis: invalid_choice at $.basis", () => {
    expect(refusal(OptionsError, () => dealOutlook(design, pilot(), { ...outlook, basis: "value" } as never))).toEqual([
      ["invalid_choice", "$.basis"],
    ]);
  });
});
