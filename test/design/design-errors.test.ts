import { describe, expect, it } from "vitest";
import {
  DesignError,
  detectionPower,
  minimumDetectableEffect,
  requiredSample,
  type DesignRequest,
} from "../../src/index.js";

/** Every message a user meets in the design tools: the code, the path and the words. */
const valid: DesignRequest = {
  outcome: "binary",
  better: "lower",
  baseline: 20,
  scale: 100,
  significance: 0.05,
  power: 0.8,
};
const sample = { treatment: 400, comparison: 400 };

function problems(call: () => unknown) {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(DesignError);
    return (error as DesignError).issues;
  }
  throw new Error("expected a DesignError");
}
const one = (call: () => unknown) => {
  const found = problems(call);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const mde = (changes: Record<string, unknown>) => () =>
  minimumDetectableEffect({ ...valid, sample, ...changes } as never);

describe("design request errors", () => {
  it("an unknown outcome", () => {
    expect(one(mde({ outcome: "ratio" }))).toMatchObject({
      code: "invalid_choice",
      at: "$.outcome",
      message: "expected the outcome: binary (a proportion), count (an event rate) or continuous (a mean)",
    });
  });
  it("an unknown direction", () => {
    expect(one(mde({ better: "up" }))).toMatchObject({
      code: "invalid_choice",
      at: "$.better",
      message: "expected which direction is better: higher or lower",
    });
  });
  it("an unknown alternative", () => {
    expect(one(mde({ alternative: "greater" }))).toMatchObject({
      code: "invalid_choice",
      at: "$.alternative",
      message: "expected one-sided or two-sided",
    });
  });
  it("a scale of zero", () => {
    expect(one(mde({ scale: 0 }))).toMatchObject({
      code: "invalid_scale",
      at: "$.scale",
      message: "the scale must be a number above zero, e.g. 100 for percentages",
    });
  });
  it("a significance level given as a percentage", () => {
    expect(one(mde({ significance: 5 }))).toMatchObject({
      code: "invalid_significance",
      at: "$.significance",
      message: "the significance level is a fraction from 1e-9 to below 0.5, e.g. 0.05 (got the number 5)",
    });
  });
  it("a power below one half", () => {
    expect(one(mde({ power: 0.3 }))).toMatchObject({
      code: "invalid_power",
      at: "$.power",
      message:
        "the power is a fraction from 0.5 to below 1, e.g. 0.8: a study planned to miss its effect more often than not is not planned",
    });
  });
  it("a baseline that is not a number", () => {
    expect(one(mde({ baseline: Number.NaN }))).toMatchObject({
      code: "invalid_baseline",
      at: "$.baseline",
      message: "the baseline must be a finite number",
    });
  });
  it("a baseline proportion outside its scale", () => {
    expect(one(mde({ baseline: 100 }))).toMatchObject({
      code: "invalid_baseline",
      at: "$.baseline",
      message: "a baseline proportion must lie strictly between 0 and 100",
    });
  });
  it("a baseline event rate of zero", () => {
    expect(one(mde({ outcome: "count", baseline: 0 }))).toMatchObject({
      code: "invalid_baseline",
      at: "$.baseline",
      message: "a baseline event rate must be above zero",
    });
  });
  it("a mean without a standard deviation", () => {
    expect(one(mde({ outcome: "continuous" }))).toMatchObject({
      code: "invalid_standard_deviation",
      at: "$.standardDeviation",
      message: "a mean needs the outcome's standard deviation, a number above zero",
    });
  });
  it("a standard deviation for a proportion", () => {
    expect(one(mde({ standardDeviation: 4 }))).toMatchObject({
      code: "unexpected_standard_deviation",
      at: "$.standardDeviation",
      message:
        "a standard deviation is only given for a mean: a proportion's or a rate's variance follows from its value",
    });
  });
  it("an unknown test", () => {
    expect(one(mde({ outcome: "continuous", standardDeviation: 4, test: "wilcoxon" }))).toMatchObject({
      code: "invalid_choice",
      at: "$.test",
      message: "expected the test: t or normal",
    });
  });
  it("a t-test for a proportion", () => {
    expect(one(mde({ test: "t" }))).toMatchObject({
      code: "invalid_choice",
      at: "$.test",
      message: "the t-test is for a mean: a proportion or a rate is tested with z (test: normal)",
    });
  });
  it("a t-test without a degree of freedom", () => {
    expect(one(mde({ outcome: "continuous", standardDeviation: 4, sample: { treatment: 1 } }))).toMatchObject({
      code: "too_small_for_t",
      at: "$.sample",
      message:
        "a t-test needs at least one degree of freedom: 2 participants against a fixed baseline, 3 in all with a comparison group",
    });
  });
  it("no sample", () => {
    expect(one(mde({ sample: undefined }))).toMatchObject({
      code: "required",
      at: "$.sample",
      message: '"sample" is required: the planned size of the treated group, and of the comparison group if any',
    });
  });
  it("a group of zero", () => {
    expect(one(mde({ sample: { treatment: 400, comparison: 0 } }))).toMatchObject({
      code: "invalid_sample_size",
      at: "$.sample.comparison",
      message: "the comparison group's size must be a number above zero and at most 10¹²",
    });
  });
  it("a sample too small for any effect in range", () => {
    expect(one(mde({ sample: { treatment: 3, comparison: 3 }, power: 0.95 }))).toMatchObject({
      code: "no_detectable_effect",
      at: "$.sample",
      message: "this sample cannot reach a power of 0.95: even the largest possible improvement is detected less often",
    });
  });
  it("a significance level of 1e-20: a DesignError, not an internal assertion of the normal quantile", () => {
    expect(
      one(() => requiredSample({ ...valid, significance: 1e-20, effect: 7, comparisonGroup: true })),
    ).toMatchObject({
      code: "invalid_significance",
      at: "$.significance",
      message: "the significance level is a fraction from 1e-9 to below 0.5, e.g. 0.05 (got the number 1e-20)",
    });
    expect(minimumDetectableEffect({ ...valid, sample, significance: 1e-9 }).effect).toBeGreaterThan(0);
  });
  it("a planned group beyond 10¹²", () => {
    expect(one(mde({ sample: { treatment: 1e300 } }))).toMatchObject({
      code: "invalid_sample_size",
      at: "$.sample.treatment",
      message: "the treatment group's size must be a number above zero and at most 10¹²",
    });
  });
  it("a standard deviation whose square is no number", () => {
    expect(
      one(mde({ outcome: "continuous", baseline: 10, scale: undefined, standardDeviation: 1e-300 })),
    ).toMatchObject({
      code: "invalid_standard_deviation",
      at: "$.standardDeviation",
      message:
        "the standard deviation must lie from 1e-150 to 1e150, so that its square (the variance) is a number (got the number 1e-300)",
    });
  });
  it("every problem at once", () => {
    expect(problems(mde({ significance: 0, power: 1, baseline: -1 })).map((found) => found.code)).toEqual([
      "invalid_significance",
      "invalid_power",
      "invalid_baseline",
    ]);
  });
});

describe("effect and sample errors", () => {
  it("an effect that is not an improvement", () => {
    expect(one(() => detectionPower({ ...valid, sample, effect: -3 }))).toMatchObject({
      code: "invalid_effect",
      at: "$.effect",
      message: "the effect is an improvement in the scaled unit: a number above zero",
    });
  });
  it("an effect beyond the outcome's range", () => {
    expect(one(() => requiredSample({ ...valid, effect: 20, comparisonGroup: true }))).toMatchObject({
      code: "effect_out_of_range",
      at: "$.effect",
      message: "an improvement of 20 would take the outcome out of its range from the baseline 20",
    });
  });
  it("an effect so small that no countable sample detects it", () => {
    expect(one(() => requiredSample({ ...valid, effect: 1e-9, comparisonGroup: true }))).toMatchObject({
      code: "effect_too_small",
      at: "$.effect",
      message:
        "an improvement of 1e-9 needs a sample of more than 10¹² participants (or units of exposure): no study is planned on it",
    });
  });
  it("no comparisonGroup", () => {
    expect(one(() => requiredSample({ ...valid, effect: 3 } as never))).toMatchObject({
      code: "required",
      at: "$.comparisonGroup",
      message: '"comparisonGroup" is required: true or false',
    });
  });
  it("a ratio of zero", () => {
    expect(one(() => requiredSample({ ...valid, effect: 3, comparisonGroup: true, ratio: 0 }))).toMatchObject({
      code: "invalid_ratio",
      at: "$.ratio",
      message: "the ratio is the comparison group's size per treated participant: a number above zero",
    });
  });
  it("a ratio without a comparison group", () => {
    expect(one(() => requiredSample({ ...valid, effect: 3, comparisonGroup: false, ratio: 2 }))).toMatchObject({
      code: "no_comparison_group",
      at: "$.ratio",
      message: "a ratio needs a comparison group: set comparisonGroup to true",
    });
  });
});

describe("results are frozen, the input untouched", () => {
  it("freezes what it returns", () => {
    const request = { ...valid, sample: { treatment: 400 } };
    const copy = structuredClone(request);
    const found = minimumDetectableEffect(request);
    expect(Object.isFrozen(found)).toBe(true);
    expect(request).toEqual(copy);
    expect(Object.isFrozen(requiredSample({ ...valid, effect: 3, comparisonGroup: true }).exact)).toBe(true);
  });
});
