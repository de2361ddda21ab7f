import { issue, type InputIssue } from "../errors/validation-error.js";
import { normalCdf, normalQuantile, studentTQuantile } from "../measure/distributions.js";
import { noncentralTCdf } from "./noncentral-t.js";
import { deepFreeze } from "../util/freeze.js";
import { DesignError, SMALLEST_SIGNIFICANCE } from "./design-error.js";
import { describeValue } from "../errors/describe-value.js";
import { powerTestWords, type PowerTestFigures } from "../measure/method-words.js";

/**
 * Power and sample size for a feasibility study: how large an effect a sample can detect, and how large a
 * sample an effect needs, for the tests the measure layer runs on the results:
 *
 * - a proportion (`binary`): variance p(1 − p) per participant;
 * - an event rate (`count`): variance λ per unit of exposure (Poisson);
 * - a mean (`continuous`): variance σ² per participant, σ given; a t-test by default (below), or z.
 *
 * Against a fixed baseline (one sample of n), a proportion is tested by the measure layer with the score test of
 * R's `prop.test` (`one-proportion-z`): its standard error is the baseline's under the null, √(v(p₀)/n), and the
 * estimate's under the alternative, √(v(p₁)/n). An event rate is tested with the Wald statistic (`wald-z`), whose
 * standard error is the estimate's own, √(v(p₁)/n), under the null and the alternative alike; a mean's variance
 * does not depend on its value. With a comparison group (n₁ treated, n₂ compared, the comparison
 * group expected at the baseline), the null uses the pooled value p̄ = (n₁p₁ + n₂p₀)/(n₁ + n₂):
 * √(v(p̄)(1/n₁ + 1/n₂)), and the alternative √(v(p₁)/n₁ + v(p₀)/n₂). Then
 *
 *   power = Φ((δ − z₁₋α′ · SE₀) / SE₁),   α′ = α (one-sided) or α/2 (two-sided),
 *
 * counting only the rejections in the direction of the improvement (R's `power.prop.test` default,
 * `strict = FALSE`; the other tail adds less than α/2). For two proportions in equal groups this is exactly
 * `power.prop.test`; for means with `test: "normal"` the power of statsmodels' `NormalIndPower`. For means
 * with the t-test (the default), power = P(T > t₁₋α′,ν) for T noncentral t with ν = n − 1 (or n₁ + n₂ − 2)
 * degrees of freedom and noncentrality δ / SE, as R's `power.t.test`. See docs/fis-path.md.
 */

/** What kind of outcome the indicator is, in the measure layer's words. */
export type DesignOutcome = "binary" | "count" | "continuous";

/** What every design question needs: the indicator, its baseline, and the test's error rates. */
export interface DesignRequest {
  readonly outcome: DesignOutcome;
  readonly better: "higher" | "lower";
  /** The value expected without the programme, in the scaled unit (e.g. 20 for 20% when `scale` is 100). */
  readonly baseline: number;
  /** The unit of baseline and effects: 100 for percentages or events per 100; default 1. */
  readonly scale?: number;
  /** For a mean: the outcome's standard deviation among participants, in its unit. */
  readonly standardDeviation?: number;
  /** The significance level α, as a fraction (0.05). */
  readonly significance: number;
  /** The power 1 − β, as a fraction (0.8). */
  readonly power: number;
  /** Default `two-sided`. */
  readonly alternative?: "one-sided" | "two-sided";
  /**
   * For a mean: `t` (default), the t-test the measure layer runs, powered with the noncentral t as R's
   * `power.t.test` does (n − 1 degrees of freedom, or n₁ + n₂ − 2 with a comparison group); or `normal`, the
   * z approximation (statsmodels' `NormalIndPower`). Proportions and rates are always tested with z.
   */
  readonly test?: "t" | "normal";
}

/** Planned group sizes: participants (or units of exposure, for event rates). No `comparison`: a fixed baseline. */
export interface PlannedSample {
  readonly treatment: number;
  readonly comparison?: number;
}

/** The smallest improvement a sample detects with the requested power. */
export interface DetectableEffect {
  /** The improvement, positive, in the scaled unit (e.g. 4.1 percentage points). */
  readonly effect: number;
  /** The treated group's expected value at that effect (baseline − effect when lower is better). */
  readonly value: number;
  /** effect / baseline (absent when the baseline is 0, or the ratio is beyond the largest number). */
  readonly relativeEffect?: number;
  /** The test powered, as figures: what it compares, its alternative, significance and power. */
  readonly powerTest: PowerTestFigures;
  /**
   * The test in English words, written from `powerTest` by the words the reports use, e.g. "a z-test of
   * proportions, two-sided, significance 0.05, power 0.8"; `powerTestText(result, { locale: "it" })` writes it in
   * Italian.
   */
  readonly methodText: string;
}

/** The sample an effect needs: whole participants (rounded up), and the exact solution before rounding. */
export interface RequiredSample {
  readonly treatment: number;
  readonly comparison?: number;
  readonly exact: { readonly treatment: number; readonly comparison?: number };
  /** The test powered, as figures (see `DetectableEffect.powerTest`). */
  readonly powerTest: PowerTestFigures;
  /** The test in English words (see `DetectableEffect.methodText`). */
  readonly methodText: string;
}

interface Checked {
  readonly variance: (value: number) => number;
  readonly zAlpha: number;
  readonly zBeta: number;
  readonly sign: 1 | -1;
  /** The baseline and effects in the test's own unit (a fraction, a rate per unit of exposure, the mean). */
  readonly base: number;
  readonly unit: number;
  /** The largest improvement the outcome's range allows (exclusive), in the test's unit. */
  readonly maxEffect: number;
  readonly powerTest: PowerTestFigures;
  /** The t-test's one-sided significance α′, when a mean is powered with the noncentral t. */
  readonly tAlpha?: number;
  /**
   * Against a fixed baseline, whether the test's null standard error is the baseline's (a proportion: the score
   * test) rather than the estimate's (a rate: the Wald test).
   */
  readonly nullAtBaseline: boolean;
}

type Report = (path: readonly (string | number)[], code: string, message: string) => void;
/** The largest group a design plans or asks for: 10¹² participants or units of exposure (beyond, rounding rules). */
const LARGEST_SAMPLE = 1e12;
/**
 * The range of a figure in the test's unit (a proportion, a rate, a standard error): from the smallest double with
 * all its digits to the square root of the largest, so that a variance, a product or a sum of them stays a number.
 */
const SMALLEST_NORMAL = 2.2250738585072014e-308;
const LARGEST_FIGURE = 1e154;
const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/**
 * The DesignError of a request whose figures are each valid but together beyond double precision: a standard
 * error, a treated value or a result that is no finite number.
 */
function beyondPrecision(): never {
  fail([
    issue(
      [],
      "beyond_precision",
      "the baseline, scale, standard deviation, effect and sample are together too large or too small to compute with in double precision: give them in a unit nearer 1",
    ),
  ]);
}

/** `value`, when it is a finite number; otherwise the request is beyond double precision. */
function computable(value: number): number {
  if (!Number.isFinite(value)) beyondPrecision();
  return value;
}

function checkRequest(request: DesignRequest, report: Report): Checked | undefined {
  let sound = true;
  const local: Report = (path, code, message) => {
    sound = false;
    report(path, code, message);
  };
  if (request === null || typeof request !== "object") {
    local([], "invalid_type", "expected a design request object");
    return undefined;
  }
  const { outcome, better, baseline, significance, power } = request;
  const scale = request.scale ?? 1;
  const alternative = request.alternative ?? "two-sided";
  if (outcome !== "binary" && outcome !== "count" && outcome !== "continuous")
    local(
      ["outcome"],
      "invalid_choice",
      "expected the outcome: binary (a proportion), count (an event rate) or continuous (a mean)",
    );
  if (better !== "higher" && better !== "lower")
    local(["better"], "invalid_choice", "expected which direction is better: higher or lower");
  if (alternative !== "one-sided" && alternative !== "two-sided")
    local(["alternative"], "invalid_choice", "expected one-sided or two-sided");
  if (!finite(scale) || scale <= 0)
    local(["scale"], "invalid_scale", "the scale must be a number above zero, e.g. 100 for percentages");
  if (!finite(significance) || significance < SMALLEST_SIGNIFICANCE || significance >= 0.5)
    local(
      ["significance"],
      "invalid_significance",
      `the significance level is a fraction from 1e-9 to below 0.5, e.g. 0.05 (got ${describeValue(significance)})`,
    );
  if (!finite(power) || power < 0.5 || power >= 1)
    local(
      ["power"],
      "invalid_power",
      "the power is a fraction from 0.5 to below 1, e.g. 0.8: a study planned to miss its effect more often than not is not planned",
    );
  if (!finite(baseline)) local(["baseline"], "invalid_baseline", "the baseline must be a finite number");
  else if (finite(scale) && scale > 0) {
    if (outcome === "binary" && !(baseline > 0 && baseline < scale))
      local(["baseline"], "invalid_baseline", `a baseline proportion must lie strictly between 0 and ${scale}`);
    if (outcome === "count" && !(baseline > 0))
      local(["baseline"], "invalid_baseline", "a baseline event rate must be above zero");
  }
  const sd = request.standardDeviation;
  if (outcome === "continuous" && (!finite(sd) || sd <= 0))
    local(
      ["standardDeviation"],
      "invalid_standard_deviation",
      "a mean needs the outcome's standard deviation, a number above zero",
    );
  else if (outcome === "continuous" && !((sd as number) >= 1e-150 && (sd as number) <= 1e150))
    local(
      ["standardDeviation"],
      "invalid_standard_deviation",
      `the standard deviation must lie from 1e-150 to 1e150, so that its square (the variance) is a number (got ${describeValue(sd)})`,
    );
  if (outcome !== "continuous" && sd !== undefined)
    local(
      ["standardDeviation"],
      "unexpected_standard_deviation",
      "a standard deviation is only given for a mean: a proportion's or a rate's variance follows from its value",
    );
  const test = request.test ?? (outcome === "continuous" ? "t" : "normal");
  if (test !== "t" && test !== "normal") local(["test"], "invalid_choice", "expected the test: t or normal");
  else if (test === "t" && outcome !== "continuous")
    local(
      ["test"],
      "invalid_choice",
      "the t-test is for a mean: a proportion or a rate is tested with z (test: normal)",
    );
  if (!sound) return undefined;

  const sides = alternative === "two-sided" ? 2 : 1;
  const unit = outcome === "continuous" ? 1 : scale;
  const base = baseline / unit;
  // a proportion or a rate in the test's unit that a double cannot hold (1e-320 / 100 is 0, 1e300 / 1e-300 is ∞)
  if (outcome !== "continuous" && !(base >= SMALLEST_NORMAL && base <= LARGEST_FIGURE)) {
    report(
      ["baseline"],
      "beyond_precision",
      `a baseline of ${baseline} on a scale of ${scale} is ${base < SMALLEST_NORMAL ? "too small" : "too large"} a ${outcome === "binary" ? "proportion" : "rate"} to compute with: give the baseline and the scale in a unit nearer 1`,
    );
    return undefined;
  }
  const sign = better === "higher" ? 1 : -1;
  const variance =
    outcome === "binary"
      ? (p: number) => p * (1 - p)
      : outcome === "count"
        ? (rate: number) => rate
        : () => (sd as number) ** 2;
  const maxEffect =
    outcome === "binary"
      ? sign === 1
        ? 1 - base
        : base
      : outcome === "count" && sign === -1
        ? base
        : Number.POSITIVE_INFINITY;
  const tTest = outcome === "continuous" && test === "t";
  const powerTest: PowerTestFigures = {
    test: outcome === "binary" ? "proportions-z" : outcome === "count" ? "rates-z" : tTest ? "means-t" : "means-z",
    alternative,
    significance,
    power,
  };
  return {
    variance,
    zAlpha: normalQuantile(1 - significance / sides),
    zBeta: normalQuantile(power),
    sign,
    base,
    unit,
    maxEffect,
    powerTest,
    ...(tTest ? { tAlpha: significance / sides } : {}),
    nullAtBaseline: outcome === "binary",
  };
}

function checkSample(sample: PlannedSample | undefined, report: Report): boolean {
  if (sample === null || typeof sample !== "object") {
    report(
      ["sample"],
      "required",
      '"sample" is required: the planned size of the treated group, and of the comparison group if any',
    );
    return false;
  }
  let sound = true;
  const size = (key: "treatment" | "comparison") => {
    const value = sample[key];
    if (value === undefined && key === "comparison") return;
    if (!finite(value) || value <= 0 || value > LARGEST_SAMPLE) {
      report(
        ["sample", key],
        "invalid_sample_size",
        `the ${key} group's size must be a number above zero and at most 10¹²`,
      );
      sound = false;
    }
  };
  size("treatment");
  size("comparison");
  return sound;
}

/** The test's standard errors under the null and under the alternative, at an improvement δ (test unit). */
function standardErrors(
  design: Checked,
  effect: number,
  sample: PlannedSample,
): { readonly null0: number; readonly alternative: number } {
  const treated = computable(design.base + design.sign * effect);
  if (sample.comparison === undefined) {
    // A proportion against a fixed baseline: the score test (`prop.test`), whose statistic divides by the
    // baseline's standard error, while the estimate spreads with its own. A rate: the Wald statistic, the
    // estimate's own standard error under the null and the alternative alike.
    const spread = computable(Math.sqrt(design.variance(treated) / sample.treatment));
    const null0 = design.nullAtBaseline
      ? computable(Math.sqrt(design.variance(design.base) / sample.treatment))
      : spread;
    return { null0, alternative: spread };
  }
  const n1 = sample.treatment;
  const n2 = sample.comparison;
  const pooled = (n1 * treated + n2 * design.base) / (n1 + n2);
  return {
    null0: computable(Math.sqrt(design.variance(pooled) * (1 / n1 + 1 / n2))),
    alternative: computable(Math.sqrt(design.variance(treated) / n1 + design.variance(design.base) / n2)),
  };
}

/** numerator / denominator for a test statistic, its limit when the standard error is 0 (never NaN). */
function statistic(numerator: number, denominator: number): number {
  if (denominator > 0) return numerator / denominator;
  return numerator > 0 ? Number.POSITIVE_INFINITY : numerator < 0 ? Number.NEGATIVE_INFINITY : 0;
}

function powerAt(design: Checked, effect: number, sample: PlannedSample): number {
  const { null0, alternative } = standardErrors(design, effect, sample);
  if (design.tAlpha !== undefined) {
    const df = sample.comparison === undefined ? sample.treatment - 1 : sample.treatment + sample.comparison - 2;
    const critical = studentTQuantile(1 - design.tAlpha, df);
    const noncentrality = statistic(effect, null0);
    // an effect beyond any spread of the estimate: the test cannot miss it
    return Number.isFinite(noncentrality) ? 1 - noncentralTCdf(critical, df, noncentrality) : 1;
  }
  return normalCdf(statistic(effect - design.zAlpha * null0, alternative));
}

/**
 * The t-test's sample: no closed form, so bisection on n (a real number, as R's `power.t.test` reports it) from
 * the z solution, which never needs more (the t-test has less power than z at the same n). Undefined when it
 * needs more than 10¹² participants.
 */
function tSampleSize(
  design: Checked,
  delta: number,
  ratio: number | undefined,
  normal: number,
  power: number,
): number | undefined {
  const sampleOf = (n: number): PlannedSample =>
    ratio === undefined ? { treatment: n } : { treatment: n, comparison: n * ratio };
  // at least one degree of freedom: n − 1 ≥ 1, or n(1 + r) − 2 ≥ 1
  let low = Math.max(normal, ratio === undefined ? 2 : 3 / (1 + ratio));
  if (powerAt(design, delta, sampleOf(low)) >= power) return low;
  // The t-test needs about one participant more than z: look just above, then further and further.
  let width = 2;
  let high = low + width;
  while (powerAt(design, delta, sampleOf(high)) < power) {
    if (high * Math.max(1, ratio ?? 1) > LARGEST_SAMPLE) return undefined;
    low = high;
    width *= 2;
    high = low + width;
  }
  for (let step = 0; step < 200 && high - low > high * 1e-15; step += 1) {
    const middle = (low + high) / 2;
    if (powerAt(design, delta, sampleOf(middle)) < power) low = middle;
    else high = middle;
  }
  return high;
}

/** A t-test needs at least one degree of freedom. */
function checkDegreesOfFreedom(design: Checked, sample: PlannedSample, report: Report): void {
  if (design.tAlpha === undefined) return;
  const df = sample.comparison === undefined ? sample.treatment - 1 : sample.treatment + sample.comparison - 2;
  if (df < 1)
    report(
      ["sample"],
      "too_small_for_t",
      "a t-test needs at least one degree of freedom: 2 participants against a fixed baseline, 3 in all with a comparison group",
    );
}

function fail(issues: InputIssue[]): never {
  throw new DesignError(issues);
}

/**
 * The probability that the test detects an improvement of `effect` (scaled unit) with the planned sample.
 *
 * @example
 * // 20% early leavers, 300 pupils per arm, a 7-point reduction: power.prop.test(n=300, p1=.20, p2=.13) gives 0.6373
 * detectionPower({ outcome: "binary", better: "lower", baseline: 20, scale: 100, significance: 0.05, power: 0.8,
 *   sample: { treatment: 300, comparison: 300 }, effect: 7 }); // 0.63732…
 * @throws DesignError listing every problem of the request with its path; `beyond_precision` when its figures,
 * each valid, are together too large or too small to compute with in double precision.
 */
export function detectionPower(
  request: DesignRequest & { readonly sample: PlannedSample; readonly effect: number },
): number {
  const issues: InputIssue[] = [];
  const report: Report = (path, code, message) => issues.push(issue(path, code, message));
  const design = checkRequest(request, report);
  const sampleSound = checkSample(request?.sample, report);
  const effect = request?.effect;
  if (!finite(effect) || effect <= 0)
    report(["effect"], "invalid_effect", "the effect is an improvement in the scaled unit: a number above zero");
  else if (design !== undefined && effect / design.unit >= design.maxEffect)
    report(
      ["effect"],
      "effect_out_of_range",
      `an improvement of ${effect} would take the outcome out of its range from the baseline ${request.baseline}`,
    );
  if (design !== undefined && sampleSound) checkDegreesOfFreedom(design, request.sample, report);
  if (issues.length > 0 || design === undefined || !sampleSound) fail(issues);
  return powerAt(design, effect / design.unit, request.sample);
}

/**
 * The minimum detectable effect: the smallest improvement that the planned sample detects with the requested
 * power at the requested significance level. Found by bisection to the last digit of a double.
 *
 * @example
 * // a fixed baseline of 20% early leavers, 400 pupils, 5% two-sided, 80% power
 * minimumDetectableEffect({ outcome: "binary", better: "lower", baseline: 20, scale: 100, significance: 0.05,
 *   power: 0.8, sample: { treatment: 400 } }).effect; // ≈ 5.41 percentage points (the score test)
 * @throws DesignError when the request is not valid, or no improvement within the outcome's range reaches the power
 * (`no_detectable_effect`), or its figures are together beyond double precision (`beyond_precision`).
 */
export function minimumDetectableEffect(request: DesignRequest & { readonly sample: PlannedSample }): DetectableEffect {
  const issues: InputIssue[] = [];
  const report: Report = (path, code, message) => issues.push(issue(path, code, message));
  const design = checkRequest(request, report);
  const sampleSound = checkSample(request?.sample, report);
  if (design !== undefined && sampleSound) checkDegreesOfFreedom(design, request.sample, report);
  if (issues.length > 0 || design === undefined || !sampleSound) fail(issues);
  const { sample } = request;
  let low = 0;
  let high: number;
  if (Number.isFinite(design.maxEffect)) {
    high = design.maxEffect * (1 - 1e-12);
    if (powerAt(design, high, sample) < request.power) {
      fail([
        issue(
          ["sample"],
          "no_detectable_effect",
          `this sample cannot reach a power of ${request.power}: even the largest possible improvement is detected less often`,
        ),
      ]);
    }
  } else {
    high = Math.sqrt(design.variance(design.base) || 1) || 1;
    // doubling until the power is reached: at the latest where the treated value is beyond double precision
    while (powerAt(design, high, sample) < request.power) high *= 2;
  }
  // Near the edge of a proportion's range the power need not rise with the effect all the way: scan a
  // grid for the first effect that reaches the power, so the bisection finds the smallest one. (Without an
  // edge — a mean, a rate that may rise — the power rises with the effect throughout.)
  const GRID = Number.isFinite(design.maxEffect) ? 256 : 0;
  for (let step = 1; step <= GRID; step += 1) {
    const at = (high * step) / GRID;
    if (powerAt(design, at, sample) >= request.power) {
      low = (high * (step - 1)) / GRID;
      high = at;
      break;
    }
  }
  for (let step = 0; step < 400 && high - low > Number.EPSILON * high; step += 1) {
    const middle = (low + high) / 2;
    if (powerAt(design, middle, sample) < request.power) low = middle;
    else high = middle;
  }
  const effect = computable(high * design.unit);
  const relativeEffect = effect / request.baseline;
  return deepFreeze({
    effect,
    value: computable(request.baseline + design.sign * effect),
    ...(Number.isFinite(relativeEffect) ? { relativeEffect } : {}),
    powerTest: design.powerTest,
    methodText: powerTestWords(design.powerTest, "en"),
  });
}

/**
 * The sample an improvement of `effect` (scaled unit) needs: the treated group's size, and with a comparison
 * group (`ratio` compared per treated participant, default 1) the comparison group's. Closed form:
 * √n₁ = (z₁₋α′ · √(v(p̄)(1 + 1/r)) + z₁₋β · √(v(p₁) + v(p₀)/r)) / δ, or without a comparison group
 * √n = (z₁₋α′ · √v(p₀) + z₁₋β · √v(p₁)) / δ for a proportion (the score test) and
 * √n = (z₁₋α′ + z₁₋β) · √v(p₁) / δ for a rate or a mean. Sizes are rounded up to whole participants.
 *
 * @example
 * // two arms, 20% → 13% early leavers: power.prop.test(p1=.20, p2=.13, power=.8) gives n = 440.2 per arm
 * requiredSample({ outcome: "binary", better: "lower", baseline: 20, scale: 100, significance: 0.05, power: 0.8,
 *   effect: 7, comparisonGroup: true }); // { treatment: 441, comparison: 441, ... }
 * @throws DesignError listing every problem of the request with its path; `effect_too_small` when the effect needs
 * more than 10¹² participants, `beyond_precision` when the figures are together beyond double precision.
 */
export function requiredSample(
  request: DesignRequest & { readonly effect: number; readonly comparisonGroup: boolean; readonly ratio?: number },
): RequiredSample {
  const issues: InputIssue[] = [];
  const report: Report = (path, code, message) => issues.push(issue(path, code, message));
  const design = checkRequest(request, report);
  const effect = request?.effect;
  if (!finite(effect) || effect <= 0)
    report(["effect"], "invalid_effect", "the effect is an improvement in the scaled unit: a number above zero");
  else if (design !== undefined && effect / design.unit >= design.maxEffect)
    report(
      ["effect"],
      "effect_out_of_range",
      `an improvement of ${effect} would take the outcome out of its range from the baseline ${request.baseline}`,
    );
  if (typeof request?.comparisonGroup !== "boolean")
    report(["comparisonGroup"], "required", '"comparisonGroup" is required: true or false');
  const ratio = request?.ratio ?? 1;
  if (!finite(ratio) || ratio <= 0)
    report(
      ["ratio"],
      "invalid_ratio",
      "the ratio is the comparison group's size per treated participant: a number above zero",
    );
  else if (request?.ratio !== undefined && request.comparisonGroup === false)
    report(["ratio"], "no_comparison_group", "a ratio needs a comparison group: set comparisonGroup to true");
  if (issues.length > 0 || design === undefined) fail(issues);
  const delta = effect / design.unit;
  const treated = computable(design.base + design.sign * delta);
  let root: number;
  if (!request.comparisonGroup) {
    const nullVariance = design.nullAtBaseline ? design.variance(design.base) : design.variance(treated);
    root = (design.zAlpha * Math.sqrt(nullVariance) + design.zBeta * Math.sqrt(design.variance(treated))) / delta;
  } else {
    const pooled = (treated + ratio * design.base) / (1 + ratio);
    root =
      (design.zAlpha * Math.sqrt(design.variance(pooled) * (1 + 1 / ratio)) +
        design.zBeta * Math.sqrt(design.variance(treated) + design.variance(design.base) / ratio)) /
      delta;
  }
  const tooSmall = (): never =>
    fail([
      issue(
        ["effect"],
        "effect_too_small",
        `an improvement of ${effect} needs a sample of more than 10¹² participants (or units of exposure): no study is planned on it`,
      ),
    ]);
  let exactTreatment = root * root;
  if (!(exactTreatment * Math.max(1, ratio) <= LARGEST_SAMPLE)) tooSmall();
  if (design.tAlpha !== undefined)
    exactTreatment =
      tSampleSize(design, delta, request.comparisonGroup ? ratio : undefined, exactTreatment, request.power) ??
      tooSmall();
  // Rounding up past a floating-point hair (424.000000000001) would add a participant no one needs.
  const whole = (value: number) => Math.ceil(value * (1 - 1e-12));
  return deepFreeze({
    treatment: whole(exactTreatment),
    ...(request.comparisonGroup ? { comparison: whole(exactTreatment * ratio) } : {}),
    exact: { treatment: exactTreatment, ...(request.comparisonGroup ? { comparison: exactTreatment * ratio } : {}) },
    powerTest: design.powerTest,
    methodText: powerTestWords(design.powerTest, "en"),
  });
}
