import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectionPower, minimumDetectableEffect, requiredSample, type DesignRequest } from "../../src/index.js";

/**
 * The design tools against reference software: R's power.prop.test and power.t.test, statsmodels' NormalIndPower, and (for one
 * proportion and event rates, which neither has) the same formula in R with uniroot. The figures were computed
 * once by test/design/reference/make_fixtures.R and make_fixtures.py. Tolerance: 1e-9 relative (nine
 * significant digits); the largest difference seen is 1.2e-12 (the t-test's sample), 4e-15 elsewhere.
 */
const load = (file: string) => JSON.parse(readFileSync(new URL(`./reference/${file}`, import.meta.url), "utf8"));
const r = load("fixtures-r.json") as {
  two_proportions: {
    alternative: "one-sided" | "two-sided";
    baseline: number;
    treated: number;
    n: number;
    power: number;
    n_for_80: number;
    treated_detectable_at_90: number;
  }[];
  one_proportion: Case[];
  rates: Case[];
  t_means: {
    alternative: "one-sided" | "two-sided";
    type: "one.sample" | "two.sample";
    effect: number;
    sd: number;
    n: number;
    power: number;
    n_for_80: number;
    effect_detectable_at_80: number;
  }[];
};
interface Case {
  alternative: "one-sided" | "two-sided";
  baseline: number;
  treated: number;
  n1: number;
  n2?: number;
  power: number;
  n1_for_80: number;
  effect_detectable_at_80: number;
}
const sm = load("fixtures-statsmodels.json") as {
  means: {
    alternative: "one-sided" | "two-sided";
    effect: number;
    sd: number;
    n1: number;
    n2: number | null;
    power: number;
    n1_for_80: number;
    effect_detectable_at_80: number;
  }[];
};

const TOLERANCE = 1e-9;
const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(TOLERANCE);

const base = (
  outcome: DesignRequest["outcome"],
  baseline: number,
  treated: number,
  alternative: "one-sided" | "two-sided",
  power = 0.8,
): DesignRequest => ({
  outcome,
  baseline,
  better: treated < baseline ? "lower" : "higher",
  significance: 0.05,
  power,
  alternative,
});

describe("two proportions match R's power.prop.test", () => {
  for (const c of r.two_proportions) {
    const label = `${c.baseline} → ${c.treated}, n = ${c.n}, ${c.alternative}`;
    const effect = Math.abs(c.treated - c.baseline);
    it(`power: ${label}`, () =>
      close(
        detectionPower({
          ...base("binary", c.baseline, c.treated, c.alternative),
          sample: { treatment: c.n, comparison: c.n },
          effect,
        }),
        c.power,
      ));
    it(`n for 80% power: ${label}`, () => {
      const sample = requiredSample({
        ...base("binary", c.baseline, c.treated, c.alternative),
        effect,
        comparisonGroup: true,
      });
      close(sample.exact.treatment, c.n_for_80);
      expect(sample.treatment).toBe(Math.ceil(c.n_for_80));
    });
    it(`detectable proportion at 90% power: ${label}`, () => {
      close(
        minimumDetectableEffect({
          ...base("binary", c.baseline, c.treated, c.alternative, 0.9),
          sample: { treatment: c.n, comparison: c.n },
        }).value,
        c.treated_detectable_at_90,
      );
    });
  }
});

describe("one proportion and event rates match the normal-test formula in R", () => {
  const cases = [...r.one_proportion.map((c) => ["binary", c] as const), ...r.rates.map((c) => ["count", c] as const)];
  for (const [outcome, c] of cases) {
    const sample = c.n2 === undefined ? { treatment: c.n1 } : { treatment: c.n1, comparison: c.n2 };
    const label = `${outcome} ${c.baseline} → ${c.treated}, n = ${c.n1}/${c.n2 ?? "-"}, ${c.alternative}`;
    const request = base(outcome, c.baseline, c.treated, c.alternative);
    const effect = Math.abs(c.treated - c.baseline);
    it(`power: ${label}`, () => close(detectionPower({ ...request, sample, effect }), c.power));
    it(`sample for 80%: ${label}`, () => {
      const ratio = c.n2 === undefined ? {} : { ratio: c.n2 / c.n1 };
      close(
        requiredSample({ ...request, effect, comparisonGroup: c.n2 !== undefined, ...ratio }).exact.treatment,
        c.n1_for_80,
      );
    });
    it(`minimum detectable effect: ${label}`, () =>
      close(minimumDetectableEffect({ ...request, sample }).effect, c.effect_detectable_at_80));
  }
});

describe("means match statsmodels' NormalIndPower", () => {
  for (const c of sm.means) {
    const sample = c.n2 === null ? { treatment: c.n1 } : { treatment: c.n1, comparison: c.n2 };
    const label = `effect ${c.effect}, sd ${c.sd}, n = ${c.n1}/${c.n2 ?? "-"}, ${c.alternative}`;
    const request: DesignRequest = {
      outcome: "continuous",
      better: "higher",
      baseline: 50,
      standardDeviation: c.sd,
      significance: 0.05,
      power: 0.8,
      alternative: c.alternative,
      test: "normal",
    };
    it(`power: ${label}`, () => close(detectionPower({ ...request, sample, effect: c.effect }), c.power));
    it(`sample for 80%: ${label}`, () => {
      const ratio = c.n2 === null ? {} : { ratio: c.n2 / c.n1 };
      close(
        requiredSample({ ...request, effect: c.effect, comparisonGroup: c.n2 !== null, ...ratio }).exact.treatment,
        c.n1_for_80,
      );
    });
    it(`minimum detectable effect: ${label}`, () =>
      close(minimumDetectableEffect({ ...request, sample }).effect, c.effect_detectable_at_80));
  }
});

describe("means with the t-test match R's power.t.test (noncentral t)", () => {
  for (const c of r.t_means) {
    const two = c.type === "two.sample";
    const sample = two ? { treatment: c.n, comparison: c.n } : { treatment: c.n };
    const label = `${c.type}, effect ${c.effect}, sd ${c.sd}, n = ${c.n}, ${c.alternative}`;
    const request: DesignRequest = {
      outcome: "continuous",
      better: "higher",
      baseline: 0,
      standardDeviation: c.sd,
      significance: 0.05,
      power: 0.8,
      alternative: c.alternative,
    };
    it(`power: ${label}`, () => close(detectionPower({ ...request, sample, effect: c.effect }), c.power));
    it(`sample for 80%: ${label}`, () =>
      close(requiredSample({ ...request, effect: c.effect, comparisonGroup: two }).exact.treatment, c.n_for_80));
    it(`minimum detectable effect: ${label}`, () =>
      close(minimumDetectableEffect({ ...request, sample }).effect, c.effect_detectable_at_80));
  }
});
