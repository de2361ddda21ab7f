import { describe, expect, it } from "vitest";
import {
  blend,
  measure,
  measureCohorts,
  measureRecords,
  MeasureError,
  measurementEvent,
  type InputIssue,
  type MeasureRequest,
  type ParticipantRecord,
} from "../../src/index.js";
import { contractIssues, contractJson, eventIssues, tranche } from "../support/contract-builder.js";

/** Every error a user can meet when measuring: a typed MeasureError naming the field, never NaN in a result. */

function issuesOf(run: () => unknown): readonly InputIssue[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MeasureError);
    return (error as MeasureError).issues;
  }
  throw new Error("expected a MeasureError");
}
const one = (run: () => unknown) => {
  const issues = issuesOf(run);
  expect(issues).toHaveLength(1);
  return issues[0]!;
};
const binary = (n: number, successes: number) => ({ outcome: "binary" as const, n, successes });
const comparison = (treatment: unknown, control: unknown): MeasureRequest =>
  ({ estimator: "comparison", better: "lower", treatment, comparison: control }) as MeasureRequest;

describe("group aggregates", () => {
  it("an empty group", () => {
    expect(one(() => measure(comparison(binary(0, 0), binary(650, 91))))).toMatchObject({
      code: "empty_group",
      at: "$.treatment.n",
      message: "the group has no participants",
    });
  });

  it("zero exposure", () => {
    expect(
      one(() =>
        measure(
          comparison({ outcome: "count", events: 4, exposure: 0 }, { outcome: "count", events: 40, exposure: 100 }),
        ),
      ),
    ).toMatchObject({
      code: "zero_exposure",
      at: "$.treatment.exposure",
      message: "the exposure is zero: a rate of events per exposure is undefined",
    });
  });

  it("negative exposure", () => {
    expect(
      one(() =>
        measure(
          comparison({ outcome: "count", events: 4, exposure: 10 }, { outcome: "count", events: 40, exposure: -100 }),
        ),
      ),
    ).toMatchObject({
      code: "negative_exposure",
      at: "$.comparison.exposure",
      message: "the exposure cannot be negative (got -100)",
    });
  });

  it("a negative count", () => {
    expect(one(() => measure(comparison(binary(600, -1), binary(650, 91))))).toMatchObject({
      code: "negative_count",
      at: "$.treatment.successes",
      message: "a number of successes cannot be negative (got -1)",
    });
  });

  it("a count that is not whole", () => {
    expect(
      one(() =>
        measure(
          comparison({ outcome: "count", events: 4.5, exposure: 10 }, { outcome: "count", events: 40, exposure: 100 }),
        ),
      ),
    ).toMatchObject({
      code: "not_whole",
      at: "$.treatment.events",
      message: "a count of events must be a whole number (got 4.5)",
    });
  });

  it("a proportion above 1", () => {
    expect(one(() => measure(comparison(binary(600, 51), binary(650, 700))))).toMatchObject({
      code: "proportion_above_1",
      at: "$.comparison.successes",
      message: "700 successes among 650 participants: a proportion cannot be above 1",
    });
  });

  it("a mean from one participant", () => {
    expect(
      one(() =>
        measure(
          comparison(
            { outcome: "continuous", n: 1, sum: 5, sumOfSquares: 25 },
            { outcome: "continuous", n: 3, sum: 6, sumOfSquares: 14 },
          ),
        ),
      ),
    ).toMatchObject({
      code: "too_few_participants",
      at: "$.treatment.n",
      message: "a mean's spread needs at least 2 participants",
    });
  });

  it("a sum of squares no real values can have", () => {
    expect(
      one(() =>
        measure(
          comparison(
            { outcome: "continuous", n: 2, sum: 10, sumOfSquares: 40 },
            { outcome: "continuous", n: 3, sum: 6, sumOfSquares: 14 },
          ),
        ),
      ),
    ).toMatchObject({
      code: "inconsistent_sum_of_squares",
      at: "$.treatment.sumOfSquares",
      message: "the sum of squares 40 is below (sum)²/n = 50: it cannot come from real values",
    });
  });

  it("groups of different kinds of outcome", () => {
    expect(
      one(() => measure(comparison(binary(600, 51), { outcome: "count", events: 40, exposure: 100 }))),
    ).toMatchObject({
      code: "mixed_outcomes",
      at: "$.comparison.outcome",
      message: "every group must have the same kind of outcome: expected binary, got count",
    });
  });

  it("an outcome that does not vary cannot be tested (zero variance), instead of a NaN", () => {
    expect(one(() => measure(comparison(binary(600, 0), binary(650, 0))))).toMatchObject({
      code: "zero_variance",
      at: "$",
      message:
        "the pooled proportion of both groups has a standard error of 0 (the outcome does not vary): no interval or test is possible",
    });
    // A proportion against a fixed baseline is no longer refused here: 0 of 40 against 10% gets the exact binomial
    // test (see "proportions against a fixed baseline" in estimators.test.ts). A rate of no event still is.
    expect(
      one(() =>
        measure({
          estimator: "fixed-baseline",
          better: "lower",
          baseline: 10,
          treatment: { outcome: "count", events: 0, exposure: 40 },
        }),
      ),
    ).toMatchObject({ code: "zero_variance", at: "$.treatment" });
  });

  it("a proportion tested with the normal test against a baseline of 0 (nothing varies under the null)", () => {
    expect(
      one(() =>
        measure({
          estimator: "fixed-baseline",
          better: "lower",
          baseline: 0,
          test: "normal",
          treatment: binary(40, 2),
        }),
      ),
    ).toMatchObject({
      code: "zero_variance",
      at: "$.baseline",
      message:
        "the baseline proportion has a standard error of 0 (a baseline of 0 or of the whole scale leaves nothing to vary under the null hypothesis: leave the test to the library, which uses the exact binomial test here): no interval or test is possible",
    });
  });

  it("a baseline proportion outside 0 to the scale", () => {
    expect(
      one(() =>
        measure({ estimator: "fixed-baseline", better: "lower", scale: 100, baseline: 120, treatment: binary(40, 2) }),
      ),
    ).toMatchObject({
      code: "baseline_out_of_range",
      at: "$.baseline",
      message:
        "a baseline proportion lies between 0 and the scale 100 (got 120): the test asks how likely the treated group's count is if its proportion were the baseline",
    });
  });

  it("the continuity correction on other than a proportion test", () => {
    expect(
      one(() =>
        measure({
          ...comparison({ outcome: "count", events: 4, exposure: 10 }, { outcome: "count", events: 40, exposure: 100 }),
          continuityCorrection: true,
        }),
      ),
    ).toMatchObject({
      code: "continuity_correction_unavailable",
      at: "$.continuityCorrection",
      message:
        "the continuity correction is for the proportion tests: a proportion against a fixed baseline, or two proportions (got count outcomes, estimator comparison)",
    });
  });

  it("a confidence level outside (0, 1) and a non-positive scale", () => {
    const issues = issuesOf(() =>
      measure({ ...comparison(binary(600, 51), binary(650, 91)), confidence: 95, scale: 0 }),
    );
    expect(issues.map((entry) => [entry.code, entry.at])).toEqual([
      ["confidence_out_of_range", "$.confidence"],
      ["non_positive_scale", "$.scale"],
    ]);
    expect(issues[0]!.message).toBe("the confidence level must lie strictly between 0 and 1, e.g. 0.95 (got 95)");
  });

  it("the exact test on other than event counts or a proportion against a fixed baseline, and against a negative baseline", () => {
    // The message names the proportion against a fixed baseline since the exact binomial test was added.
    expect(one(() => measure({ ...comparison(binary(600, 51), binary(650, 91)), test: "exact" }))).toMatchObject({
      code: "exact_test_unavailable",
      at: "$.test",
      message:
        "the exact test is for event counts compared with a comparison group or a fixed baseline, and for a proportion against a fixed baseline (got binary outcomes, estimator comparison)",
    });
    expect(
      one(() =>
        measure({
          estimator: "fixed-baseline",
          better: "lower",
          test: "exact",
          baseline: -2,
          treatment: { outcome: "count", events: 3, exposure: 10 },
        }),
      ),
    ).toMatchObject({
      code: "negative_baseline",
      at: "$.baseline",
      message: "an event rate cannot be negative (got -2)",
    });
  });

  it("a trend from too few points, and from points all at one time", () => {
    const treatment = binary(600, 51);
    expect(
      one(() =>
        measure({
          estimator: "trend-baseline",
          better: "lower",
          treatment,
          history: [
            { at: 2020, value: 0.1 },
            { at: 2021, value: 0.09 },
          ],
          at: 2026,
        }),
      ),
    ).toMatchObject({
      code: "too_few_points",
      at: "$.history",
      message: "a trend needs at least 3 historical points to estimate its own uncertainty (got 2)",
    });
    expect(
      one(() =>
        measure({
          estimator: "trend-baseline",
          better: "lower",
          treatment,
          history: [2020, 2020, 2020].map((at, i) => ({ at, value: 0.1 + i / 100 })),
          at: 2026,
        }),
      ),
    ).toMatchObject({
      code: "flat_history_times",
      at: "$.history",
    });
  });

  it("structure: an unknown estimator, a missing field, a NaN (all through its structural schema, with paths)", () => {
    expect(one(() => measure({ estimator: "regression" } as unknown as MeasureRequest))).toMatchObject({
      code: "unknown_type",
      at: "$.estimator",
    });
    expect(
      one(() =>
        measure({ estimator: "comparison", better: "lower", treatment: binary(600, 51) } as unknown as MeasureRequest),
      ),
    ).toMatchObject({
      code: "required",
      at: "$.comparison",
    });
    expect(one(() => measure(comparison(binary(600, Number.NaN), binary(650, 91))))).toMatchObject({
      at: "$.treatment.successes",
    });
  });

  it("figures so large that their squares overflow are refused, never returned as Infinity or NaN", () => {
    expect(
      one(() =>
        measure({
          estimator: "trend-baseline",
          better: "lower",
          treatment: binary(600, 51),
          at: 1e300,
          history: [
            { at: -1e300, value: 1 },
            { at: 0, value: 2 },
            { at: 1e300, value: 4 },
          ],
        }),
      ),
    ).toMatchObject({
      code: "not_finite",
      at: "$.treatment",
      message:
        "the figures are too large to measure in double precision (a square or a product overflowed): rescale them, e.g. with a smaller unit",
    });
  });

  it("reports every problem at once", () => {
    const issues = issuesOf(() => measure(comparison(binary(0, 3), { outcome: "binary", n: 650, successes: -2 })));
    expect(issues.map((entry) => entry.code).sort()).toEqual(["empty_group", "negative_count", "proportion_above_1"]);
  });
});

describe("rounding noise is no evidence: no p-value from it", () => {
  it("a trend on a straight line at uneven years, and a treated proportion of 0 or 1: zero variance", () => {
    // The residuals of the fitted line are rounding noise (about 1e-13); they used to give a standard error of
    // 3.8e-13 and p = 1e-27.
    for (const successes of [0, 200]) {
      expect(
        one(() =>
          measure({
            estimator: "trend-baseline",
            better: "lower",
            scale: 100,
            at: 2026,
            treatment: binary(200, successes),
            history: [2015, 2018, 2019, 2023].map((at) => ({ at, value: 30 - 0.7 * (at - 2015) })),
          }),
        ),
      ).toMatchObject({
        code: "zero_variance",
        at: "$.treatment",
        message:
          "the treatment group and the trend together has a standard error of 0 (the treated group's outcome does not vary and the history lies on a straight line, within the rounding of its figures): no interval or test is possible",
      });
    }
  });

  /** n, Σx and Σx² of values summed as doubles, as a user's own code would. */
  const sums = (values: readonly number[]) => ({
    outcome: "continuous" as const,
    n: values.length,
    sum: values.reduce((acc, x) => acc + x, 0),
    sumOfSquares: values.reduce((acc, x) => acc + x * x, 0),
  });
  // a fixed spread of about 0.3 around 0 (no randomness in the tests)
  const noise = Array.from({ length: 50 }, (_, i) => (((i * 0.6180339887) % 1) - 0.5) * 1.1);

  it("aggregates whose sums have lost the spread's digits are refused: pass the records instead", () => {
    // Values of 1e9 plus noise (sd 0.32), a real difference of 1: Σx² ≈ 5e19 carries the spread (Σ(x − x̄)² ≈ 5)
    // in no digit. The sums used to give p = 0.35 one-sided; the records give 1.8e-28.
    const treated = noise.map((x) => 1e9 + 1 + x);
    const compared = noise.map((_, i) => 1e9 + noise[(i + 7) % 50]!);
    const issues = issuesOf(() =>
      measure({ estimator: "comparison", better: "higher", treatment: sums(treated), comparison: sums(compared) }),
    );
    expect(issues.map((entry) => [entry.code, entry.at])).toEqual([
      ["insufficient_precision", "$.treatment.sumOfSquares"],
      ["insufficient_precision", "$.comparison.sumOfSquares"],
    ]);
    // the sums give 8190 for a Σ(x − x̄)² of about 5: garbage, which is what the test used to divide by
    expect(issues[0]!.message).toBe(
      "the sums cannot carry this group's spread: sumOfSquares − sum²/n = 8190 is within the rounding error of sumOfSquares = 50000000000000000000 (fewer than 4 of its significant digits are left: the mean is too large against the spread for double precision), so a variance, an interval or a p-value from them would be rounding noise: pass the participant records to measureRecords instead, which keep the spread's digits (and tell whether the outcome varies at all)",
    );
    // the records keep the digits: the difference of 1 is overwhelming
    const records: ParticipantRecord[] = [
      ...treated.map((value) => ({ group: "treatment" as const, value })),
      ...compared.map((value) => ({ group: "comparison" as const, value })),
    ];
    const m = measureRecords(records, { estimator: "comparison", outcome: "continuous", better: "higher" });
    expect(m.effect).toBeCloseTo(1, 6);
    expect(m.pValue!.oneSided).toBeLessThan(1e-20);

    // Ten values of 0.1 against 0.1000001: the sums leave rounding noise (2.8e-17) that used to give p = 6e-16.
    const tenths = Array.from({ length: 10 }, () => 0.1);
    expect(
      one(() =>
        measure({ estimator: "fixed-baseline", better: "higher", baseline: 0.1000001, treatment: sums(tenths) }),
      ),
    ).toMatchObject({ code: "insufficient_precision", at: "$.treatment.sumOfSquares" });
    // Sums that are exactly those of a constant outcome are refused too: they cannot tell it from a spread below
    // their last digit (three values of 2 and of 2 ± 1e-8 have the same n, Σx and Σx²), where records can.
    expect(
      one(() =>
        measure({
          estimator: "level",
          better: "higher",
          treatment: { outcome: "continuous", n: 3, sum: 6, sumOfSquares: 12 },
        }),
      ),
    ).toMatchObject({ code: "insufficient_precision" });
    // the records tell that the outcome does not vary
    expect(
      one(() =>
        measureRecords(
          tenths.map((value) => ({ group: "treatment" as const, value })),
          { estimator: "fixed-baseline", outcome: "continuous", better: "higher", baseline: 0.1000001 },
        ),
      ),
    ).toMatchObject({
      code: "zero_variance",
      message:
        "the treatment group has a standard error of 0 (the outcome does not vary): no interval or test is possible",
    });
  });
});

describe("participant records", () => {
  const base = { estimator: "comparison", outcome: "binary", better: "lower" } as const;

  it("a record naming no known group", () => {
    const records = [{ group: "treated", outcome: 1 }] as unknown as ParticipantRecord[];
    expect(one(() => measureRecords(records, base))).toMatchObject({
      code: "invalid_choice",
      at: "$[0].group",
      message: 'expected a group: treatment or comparison (got "treated")',
    });
  });

  it("a binary outcome above 1", () => {
    const records: ParticipantRecord[] = [
      { group: "treatment", outcome: 1 },
      { group: "comparison", outcome: 2 as 1 },
    ];
    expect(one(() => measureRecords(records, base))).toMatchObject({
      code: "proportion_above_1",
      at: "$[1].outcome",
      message: "a binary outcome is true/false or 1/0 (got 2)",
    });
  });

  it("a negative count of events, and a missing value", () => {
    expect(
      one(() => measureRecords([{ group: "treatment", events: -1 }], { ...base, outcome: "count" })),
    ).toMatchObject({ code: "negative_count", at: "$[0].events" });
    expect(one(() => measureRecords([{ group: "treatment" }], { ...base, outcome: "continuous" }))).toMatchObject({
      code: "required",
      at: "$[0].value",
      message: '"value" is required for a continuous outcome',
    });
  });

  it("an empty comparison group", () => {
    expect(
      one(() =>
        measureRecords(
          [
            { group: "treatment", outcome: 1 },
            { group: "treatment", outcome: 0 },
          ],
          base,
        ),
      ),
    ).toMatchObject({
      code: "empty_group",
      at: "$",
      message: "no comparison records",
    });
  });

  it("zero total exposure", () => {
    const records: ParticipantRecord[] = [
      { group: "treatment", events: 0, exposure: 0 },
      { group: "comparison", events: 1, exposure: 1 },
    ];
    expect(one(() => measureRecords(records, { ...base, outcome: "count" }))).toMatchObject({
      code: "zero_exposure",
      at: "$",
    });
  });

  it("mismatched periods between the groups", () => {
    const records: ParticipantRecord[] = [
      { group: "treatment", period: "2027", outcome: 1 },
      { group: "treatment", period: "2027", outcome: 0 },
      { group: "comparison", period: "2026", outcome: 1 },
      { group: "comparison", period: "2026", outcome: 0 },
    ];
    const issues = issuesOf(() => measureRecords(records, base));
    expect(issues.map((entry) => [entry.code, entry.at])).toEqual([
      ["mismatched_periods", "$[0].period"],
      ["mismatched_periods", "$[2].period"],
    ]);
    expect(issues[0]!.message).toBe(
      'treatment records have period "2027" but no comparison record has it: compare the same periods, or choose one with "period"',
    );
  });

  it("a period that is neither before nor after in a difference-in-differences", () => {
    const records: ParticipantRecord[] = ["pre", "post", "2030"].flatMap((period) => [
      { group: "treatment" as const, period, outcome: 1 as const },
      { group: "treatment" as const, period, outcome: 0 as const },
      { group: "comparison" as const, period, outcome: 1 as const },
      { group: "comparison" as const, period, outcome: 0 as const },
    ]);
    const issues = issuesOf(() =>
      measureRecords(records, {
        ...base,
        estimator: "difference-in-differences",
        periods: { before: "pre", after: "post" },
      }),
    );
    expect(issues[0]).toMatchObject({
      code: "mismatched_period",
      at: "$[8].period",
      message: 'period "2030" is neither the period before ("pre") nor after ("post")',
    });
  });

  it("a difference-in-differences without its periods", () => {
    expect(one(() => measureRecords([], { ...base, estimator: "difference-in-differences" }))).toMatchObject({
      code: "required",
      at: "$.periods",
    });
  });

  it("measuring by cohort needs a cohort on every record", () => {
    expect(
      one(() =>
        measureCohorts(
          [
            { group: "treatment", cohort: "c1", outcome: 1 },
            { group: "comparison", outcome: 0 },
          ],
          base,
        ),
      ),
    ).toMatchObject({
      code: "required",
      at: "$[1].cohort",
      message: '"cohort" is required to measure by cohort',
    });
  });

  it("not a list", () => {
    expect(one(() => measureRecords({} as unknown as ParticipantRecord[], base))).toMatchObject({
      code: "invalid_type",
      at: "$",
    });
  });
});

describe("blends", () => {
  const trial = measure(comparison(binary(600, 51), binary(650, 91)));
  const level = measure({ estimator: "level", better: "lower", treatment: binary(600, 51) });

  it("weights that do not add up to 100%", () => {
    expect(
      one(() =>
        blend([
          { weight: "80%", measurement: trial },
          { weight: "30%", measurement: trial },
        ]),
      ),
    ).toMatchObject({
      code: "weights_not_100",
      at: "$.parts",
      message: "the weights add up to 110%, not 100%",
    });
  });

  it("a part without a counterfactual, a bad weight, parts in different units", () => {
    const perHundred = measure({ ...comparison(binary(600, 51), binary(650, 91)), scale: 100 });
    const issues = issuesOf(() =>
      blend([
        { weight: "x", measurement: trial },
        { weight: 0.5, measurement: level },
        { weight: 0.5, measurement: perHundred },
      ]),
    );
    expect(issues.map((entry) => [entry.code, entry.at])).toEqual([
      ["invalid_weight", "$.parts[0].weight"],
      ["no_counterfactual", "$.parts[1].measurement"],
      ["incompatible_parts", "$.parts[2].measurement"],
    ]);
  });
});

describe("measurements in contracts and events", () => {
  const event = measurementEvent(measure(comparison(binary(600, 51), binary(650, 91))), {
    id: "r1",
    metric: "dropout",
    period: "p1",
    status: "verified",
    verifier: "evaluator",
    recordedAt: "2027-10-15",
  });

  it("a measurement whose value is not the result's value", () => {
    expect(eventIssues([{ ...event, value: "8.6" }])).toEqual([
      expect.objectContaining({
        code: "measurement_value_mismatch",
        at: "$[0].measurement.value",
        message:
          "the measurement's value 0.085 is not the result's value 8.6: the value paid must be the value measured",
      }),
    ]);
  });

  it("a measurement whose direction is not the metric's", () => {
    const higher = measurementEvent(measure({ ...comparison(binary(600, 51), binary(650, 91)), better: "higher" }), {
      id: "r1",
      metric: "dropout",
      period: "p1",
      status: "verified",
      verifier: "evaluator",
      recordedAt: "2027-10-15",
    });
    expect(eventIssues([higher])).toEqual([
      expect.objectContaining({
        code: "measurement_direction_mismatch",
        at: "$[0].measurement.better",
        message:
          "the measurement takes higher as better, but the metric says lower is better: its one-sided p-value tests the wrong direction",
      }),
    ]);
  });

  it("a p-value above 1, an interval that excludes the effect, a figure with an exponent", () => {
    const measurement = {
      ...event.measurement!,
      pValue: { oneSided: "1.2", twoSided: "0.5" },
      interval: { confidence: "0.95", lower: "1", upper: "2" },
      effect: "1e-3",
    };
    const issues = eventIssues([{ ...event, measurement }]);
    expect(issues.map((entry) => [entry.code, entry.at])).toEqual([
      ["invalid_decimal", "$[0].measurement.effect"],
      ["p_value_out_of_range", "$[0].measurement.pValue.oneSided"],
    ]);
    const excluded = eventIssues([
      { ...event, measurement: { ...event.measurement!, interval: { confidence: "0.95", lower: "1", upper: "2" } } },
    ]);
    expect(excluded).toEqual([
      expect.objectContaining({
        code: "interval_excludes_effect",
        at: "$[0].measurement.interval",
        message: "the interval must run from lower to upper and contain the effect",
      }),
    ]);
  });

  it("a significance level outside (0%, 100%)", () => {
    const issues = contractIssues(
      contractJson({ tranches: [tranche({ statistics: { significance: { level: "100%", test: "one-sided" } } })] }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        code: "significance_level_out_of_range",
        at: "$.tranches[0].statistics.significance.level",
        message: 'a significance level lies strictly between 0% and 100%, e.g. "5%" (got "100%")',
      }),
    ]);
  });

  it("an unknown statistics option", () => {
    const issues = contractIssues(
      contractJson({ tranches: [tranche({ statistics: { priceOn: "lower-bound" } as never })] }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        code: "invalid_choice",
        at: "$.tranches[0].statistics.priceOn",
        message: "expected what to price on: estimate or conservative-bound",
      }),
    ]);
  });

  it("a fallback on a period tranche, to an unknown cohort, due before the tranche", () => {
    const fallback = {
      cohort: "pooled",
      dueDate: "2027-01-31",
      pricing: { type: "rate", metric: "dropout", basis: "improvement", pricePerUnit: "1.00" },
    } as const;
    const issues = contractIssues(contractJson({ tranches: [tranche({ fallback })] }));
    expect(issues.map((entry) => [entry.code, entry.at])).toEqual([
      ["fallback_needs_cohort", "$.tranches[0].fallback"],
      ["unknown_cohort", "$.tranches[0].fallback.cohort"],
      ["fallback_before_due", "$.tranches[0].fallback.dueDate"],
    ]);
    expect(issues[2]!.message).toBe("the fallback is due 2027-01-31, before the tranche itself (2027-11-30)");
  });

  it("a fallback to the cohort itself, and a fallback rule on an unknown metric", () => {
    const fallback = {
      cohort: "c1",
      dueDate: "2028-01-31",
      pricing: { type: "rate", metric: "dropuot", basis: "improvement", pricePerUnit: "1.00" },
    } as const;
    const issues = contractIssues(
      contractJson({ cohorts: [{ id: "c1" }], tranches: [tranche({ covers: { cohort: "c1" }, fallback })] }),
    );
    expect(issues.map((entry) => [entry.code, entry.at])).toEqual([
      ["unknown_metric", "$.tranches[0].fallback.pricing.metric"],
      ["fallback_to_itself", "$.tranches[0].fallback.cohort"],
    ]);
  });

  it("a tranche on the pooled cohort beside fallbacks to it would pay the pool twice: refused at that tranche", () => {
    const fallback = {
      cohort: "all",
      dueDate: "2028-06-30",
      pricing: { type: "rate", metric: "dropout", basis: "improvement", pricePerUnit: "1.00" },
    } as const;
    const issues = contractIssues(
      contractJson({
        cohorts: [{ id: "c1" }, { id: "c2" }, { id: "all" }],
        tranches: [
          tranche({ id: "t-c1", covers: { cohort: "c1" }, fallback }),
          tranche({ id: "t-c2", covers: { cohort: "c2" }, fallback }),
          tranche({ id: "t-all", covers: { cohort: "all" } }),
        ],
      }),
    );
    expect(issues.map((entry) => [entry.code, entry.at, entry.message])).toEqual([
      [
        "pool_paid_twice",
        "$.tranches[2].covers.cohort",
        "tranche t-all pays on cohort all, the pool that t-c1, t-c2 fall back on: the pooled result would pay twice; pay the pool through the fallbacks or through this tranche, not both",
      ],
    ]);
  });
});
