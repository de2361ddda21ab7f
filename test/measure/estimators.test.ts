import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  blend,
  measure,
  measureCohorts,
  measureRecords,
  poolCohorts,
  toDecimalString,
  type ParticipantRecord,
} from "../../src/index.js";
import { COHORTS, generateRecords } from "../../examples/comparison-group/generate-records.js";

/** The estimators on figures small enough to check by hand. */

describe("estimators by hand", () => {
  it("a rate per 100 by default, a proportion and a mean unscaled", () => {
    expect(
      measure({ estimator: "level", better: "lower", treatment: { outcome: "count", events: 412, exposure: 1000 } })
        .value,
    ).toBeCloseTo(41.2, 12);
    expect(
      measure({ estimator: "level", better: "lower", treatment: { outcome: "binary", n: 8, successes: 2 } }).value,
    ).toBe(0.25);
    // values 2, 4, 6: mean 4, s² = (4 + 0 + 4)/2 = 4, SE = 2/√3
    const mean = measure({
      estimator: "level",
      better: "higher",
      treatment: { outcome: "continuous", n: 3, sum: 12, sumOfSquares: 56 },
    });
    expect(mean.value).toBe(4);
    expect(mean.standardError).toBeCloseTo(2 / Math.sqrt(3), 14);
    expect(mean.degreesOfFreedom).toBe(2);
    expect(mean.pValue).toBeUndefined();
  });

  it("a trend through points on a line projects the line exactly (zero residual spread)", () => {
    // 20, 19, 18 in 2020-22 → 15 in 2025; the treated group's 12.5% of 800 is 2.5 points below it
    const m = measure({
      estimator: "trend-baseline",
      better: "lower",
      scale: 100,
      at: 2025,
      treatment: { outcome: "binary", n: 800, successes: 100 },
      history: [
        { at: 2020, value: 20 },
        { at: 2021, value: 19 },
        { at: 2022, value: 18 },
      ],
    });
    expect(m.counterfactual).toBeCloseTo(15, 12);
    expect(m.effect).toBeCloseTo(-2.5, 12);
    // the projection is exact, so the standard error is the group's: √(0.125 × 0.875 / 800) × 100
    expect(m.standardError).toBeCloseTo(Math.sqrt((0.125 * 0.875) / 800) * 100, 12);
    expect(m.method).toBe("combined-z");
  });

  it("difference-in-differences: (10 − 20) − (18 − 22) = −6 points, counterfactual 20 + (18 − 22) = 16", () => {
    const g = (n: number, successes: number) => ({ outcome: "binary" as const, n, successes });
    const m = measure({
      estimator: "difference-in-differences",
      better: "lower",
      scale: 100,
      treatment: { before: g(500, 100), after: g(500, 50) },
      comparison: { before: g(500, 110), after: g(500, 90) },
    });
    expect(m.value).toBeCloseTo(10, 12);
    expect(m.counterfactual).toBeCloseTo(16, 12);
    expect(m.effect).toBeCloseTo(-6, 12);
    expect(m.relativeEffect).toBeCloseTo(-6 / 16, 12);
  });

  it("a blend of 80% and 20% weighs effects and standard errors", () => {
    const trial = measure({
      estimator: "comparison",
      better: "lower",
      treatment: { outcome: "binary", n: 100, successes: 10 },
      comparison: { outcome: "binary", n: 100, successes: 20 },
    });
    const did = measure({
      estimator: "fixed-baseline",
      better: "lower",
      baseline: 0.15,
      treatment: { outcome: "binary", n: 100, successes: 10 },
    });
    const m = blend([
      { weight: "80%", measurement: trial },
      { weight: 0.2, measurement: did },
    ]);
    expect(m.effect).toBeCloseTo(0.8 * -0.1 + 0.2 * -0.05, 14); // −0.09
    expect(m.standardError).toBeCloseTo(0.8 * trial.standardError + 0.2 * did.standardError, 14);
    expect(m.parts?.map((part) => part.weight)).toEqual([0.8, 0.2]);
    // each part keeps its own value and counterfactual: 10% against 20%, and 10% against the baseline 15%
    expect(m.parts?.map((part) => [part.value, part.counterfactual])).toEqual([
      [trial.value, trial.counterfactual],
      [did.value, did.counterfactual],
    ]);
    expect(m.parts?.[1]?.counterfactual).toBe(0.15);
  });

  it("a pool weights cohorts by treated participants", () => {
    const cohort = (treated: number, events: number) =>
      measure({
        estimator: "comparison",
        better: "lower",
        treatment: { outcome: "count", events, exposure: treated, n: treated },
        comparison: { outcome: "count", events: 500, exposure: 1000 },
      });
    // effects −10 (300 people) and −2 (100 people): pooled (300 × −10 + 100 × −2) / 400 = −8
    const m = poolCohorts([
      { label: "a", measurement: cohort(300, 120) },
      { label: "b", measurement: cohort(100, 48) },
    ]);
    expect(m.effect).toBeCloseTo(-8, 12);
    expect(m.parts?.map((part) => part.weight)).toEqual([0.75, 0.25]);
    // values 40 and 48 against 50 each: pooled value 0.75 × 40 + 0.25 × 48 = 42, counterfactual 50
    expect(m.parts?.map((part) => [part.value, part.counterfactual])).toEqual([
      [40, 50],
      [48, 50],
    ]);
    expect(m.value).toBeCloseTo(42, 12);
    expect(m.counterfactual).toBeCloseTo(50, 12);
  });

  it("records: a period is chosen with `period`, a cohort with `cohort`", () => {
    const records: ParticipantRecord[] = [
      { group: "treatment", period: "2026", cohort: "a", outcome: 1 },
      { group: "treatment", period: "2026", cohort: "a", outcome: 0 },
      { group: "comparison", period: "2026", cohort: "a", outcome: 0 },
      { group: "comparison", period: "2026", cohort: "a", outcome: 1 },
      { group: "comparison", period: "2026", cohort: "a", outcome: 0 },
      { group: "treatment", period: "2025", cohort: "b", outcome: true },
    ];
    const m = measureRecords(records, {
      estimator: "comparison",
      outcome: "binary",
      better: "lower",
      period: "2026",
      cohort: "a",
    });
    expect(m.groups.map((group) => [group.n, group.successes])).toEqual([
      [2, 1],
      [3, 1],
    ]);
    expect(m.effect).toBeCloseTo(1 / 2 - 1 / 3, 15);
  });

  it("decimal strings keep 12 significant digits, deterministically", () => {
    expect(toDecimalString(1 / 3)).toBe("0.333333333333");
    expect(toDecimalString((100 * 51) / 600)).toBe("8.5");
    expect(toDecimalString(-2.0222054805412344e-7)).toBe("-0.000000202220548054");
    expect(toDecimalString(123456789012345)).toBe("123456789012000");
    expect(() => toDecimalString(Number.NaN)).toThrow(ArgumentError);
  });
});

describe("proportions against a fixed baseline: the exact binomial test where the normal one is unsafe", () => {
  const zeroOf30 = {
    estimator: "fixed-baseline",
    better: "lower",
    scale: 100,
    baseline: 10,
    treatment: { outcome: "binary", n: 30, successes: 0 },
  } as const;

  it("0 of 30 against 10%: the exact test by default (n·p₀ = 3 < 5), as R's binom.test", () => {
    const m = measure(zeroOf30);
    expect(m.method).toBe("binomial-exact");
    expect(m.methodText).toBe(
      "exact binomial test (two-sided as R's binom.test: the outcomes no more likely than the one observed), Clopper–Pearson interval; the normal approximation is unsafe here: n·p₀ = 3 < 5",
    );
    // binom.test(0, 30, 0.1): P(X ≤ 0) = 0.9³⁰, two-sided 0.0682; interval [0, 11.57%] less the baseline
    expect(m.pValue!.oneSided).toBeCloseTo(0.9 ** 30, 14);
    expect(m.pValue!.twoSided).toBeCloseTo(0.0682179469371262, 12);
    expect(m.statistic).toBeUndefined();
    expect(m.interval.lower).toBe(-10);
    expect(m.interval.upper).toBeCloseTo(11.570330822202779 - 10, 10);
    expect(m.standardError).toBe(0); // the estimate's own (Wald) standard error, which could not test it
  });

  it("the normal test on request: R's prop.test score test (0.034), and with Yates's correction", () => {
    const score = measure({ ...zeroOf30, test: "normal" });
    expect(score.method).toBe("one-proportion-z");
    expect(score.pValue!.oneSided).toBeCloseTo(0.0339445774309145, 12);
    expect(score.statistic! ** 2).toBeCloseTo(10 / 3, 12); // X-squared = 3²/(30·0.1·0.9)
    const corrected = measure({ ...zeroOf30, test: "normal", continuityCorrection: true });
    expect(corrected.pValue!.oneSided).toBeCloseTo(0.06407328063283986, 12);
    expect(corrected.continuityCorrection).toBeCloseTo(100 / 60, 12);
    expect(corrected.methodText).toContain("with Yates's continuity correction (|effect| reduced by 1.66667");
  });

  it("the rule: n·p₀ < 5, n·(1 − p₀) < 5, no success or no failure; the normal test otherwise", () => {
    const at = (n: number, successes: number, baseline: number, test?: "normal" | "exact") =>
      measure({
        estimator: "fixed-baseline",
        better: "higher",
        baseline,
        treatment: { outcome: "binary", n, successes },
        ...(test !== undefined ? { test } : {}),
      });
    expect(at(50, 3, 0.1).method).toBe("one-proportion-z"); // n·p₀ = 5: safe
    expect(at(49, 3, 0.1).methodText).toContain("n·p₀ = 4.9 < 5");
    expect(at(50, 47, 0.9).method).toBe("one-proportion-z");
    expect(at(49, 47, 0.9).methodText).toContain("n·(1 − p₀) = 4.9 < 5");
    expect(at(200, 0, 0.1).methodText).toContain("unsafe here: no success");
    expect(at(200, 200, 0.9).methodText).toContain("unsafe here: no failure");
    // on request, in the safe region, with no reason given
    const asked = at(200, 30, 0.1, "exact");
    expect(asked.method).toBe("binomial-exact");
    expect(asked.methodText).not.toContain("unsafe");
    expect(at(49, 3, 0.1, "normal").method).toBe("one-proportion-z");
  });

  it("two proportions with Yates's correction: 8/40 vs 17/40 gives R's prop.test default (0.0536, not 0.0299)", () => {
    const request = {
      estimator: "comparison",
      better: "lower",
      treatment: { outcome: "binary", n: 40, successes: 8 },
      comparison: { outcome: "binary", n: 40, successes: 17 },
    } as const;
    expect(measure(request).pValue!.twoSided).toBeCloseTo(0.029940117436412967, 12);
    const corrected = measure({ ...request, continuityCorrection: true });
    expect(corrected.pValue!.twoSided).toBeCloseTo(0.05364741636351154, 12);
    expect(corrected.methodText).toBe(
      "two-proportion z-test (pooled proportion for the test, unpooled standard error for the interval), with Yates's continuity correction (|effect| reduced by 0.025 for the test, the interval widened by as much)",
    );
    // the same from participant records
    const records: ParticipantRecord[] = [
      ...Array.from({ length: 40 }, (_, i) => ({ group: "treatment" as const, outcome: i < 8 })),
      ...Array.from({ length: 40 }, (_, i) => ({ group: "comparison" as const, outcome: i < 17 })),
    ];
    const fromRecords = measureRecords(records, {
      estimator: "comparison",
      outcome: "binary",
      better: "lower",
      continuityCorrection: true,
    });
    expect(fromRecords.pValue).toEqual(corrected.pValue);
  });
});

describe("a trend whose history lies on a line, within the rounding of its figures", () => {
  it("projects without error: the group's standard error alone, a normal test, even at uneven years", () => {
    // 30 − 0.7·(year − 2015) at 2015, 2018, 2019 and 2023: the least-squares residuals are rounding noise
    // (about 1e-13), which used to become a standard error of 3.8e-13 on 2 degrees of freedom.
    const m = measure({
      estimator: "trend-baseline",
      better: "lower",
      scale: 100,
      at: 2026,
      treatment: { outcome: "binary", n: 200, successes: 30 },
      history: [2015, 2018, 2019, 2023].map((at) => ({ at, value: 30 - 0.7 * (at - 2015) })),
    });
    expect(m.counterfactual).toBeCloseTo(22.3, 12);
    expect(m.standardError).toBe(Math.sqrt((0.15 * 0.85) / 200) * 100);
    expect(m.method).toBe("combined-z");
    expect(m.degreesOfFreedom).toBeUndefined();
  });
});

describe("the comparison-group example", () => {
  it("its seeded records are the same on every run, and measure as its README states", () => {
    const records = generateRecords(2010);
    expect(records).toEqual(generateRecords(2010));
    expect(records).toHaveLength(COHORTS.reduce((acc, cohort) => acc + cohort.treated + cohort.compared, 0));
    const { cohorts, pooled } = measureCohorts(records, { estimator: "comparison", outcome: "count", better: "lower" });
    expect(
      cohorts.map(({ cohort, measurement }) => [
        cohort,
        toDecimalString(measurement.value),
        toDecimalString(measurement.counterfactual!),
      ]),
    ).toEqual([
      ["c1", "44", "49.06"],
      ["c2", "47.5", "49.38"],
      ["c3", "42.5", "48.38"],
    ]);
    expect(toDecimalString(pooled.counterfactual!)).toBe("48.94");
  });
});
