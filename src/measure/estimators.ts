import { frozenCopy } from "../util/freeze.js";
import { markIssued } from "../util/issued.js";
import {
  binomialCdf,
  binomialSfInclusive,
  binomialTest,
  clopperPearson,
  normalQuantile,
  poissonCdf,
  poissonSfInclusive,
  studentTQuantile,
} from "./distributions.js";
import { estimateGroup, defaultScale, momentsOf, type GroupEstimate, type GroupMoments } from "./group-estimate.js";
import { assertPositiveSpread, infer, notFinite, satterthwaite } from "./inference.js";
import {
  parseMeasureRequest,
  type Better,
  type HistoryPoint,
  type MeasureRequest,
  type OutcomeKind,
} from "./inputs.js";
import type { Measurement, MeasurementMethod } from "./measurement.js";
import { methodWords, normalUnsafe, type NormalUnsafe } from "./method-words.js";

/** A request whose groups are already reduced to moments (validated aggregates, or summarised records). */
export type MomentsRequest =
  | {
      readonly estimator: "level" | "fixed-baseline" | "trend-baseline";
      readonly treatment: GroupMoments;
      readonly baseline?: number;
      readonly history?: readonly HistoryPoint[];
      readonly at?: number;
    }
  | { readonly estimator: "comparison"; readonly treatment: GroupMoments; readonly comparison: GroupMoments }
  | {
      readonly estimator: "difference-in-differences";
      readonly treatment: { readonly before: GroupMoments; readonly after: GroupMoments };
      readonly comparison: { readonly before: GroupMoments; readonly after: GroupMoments };
    };

export interface MeasureSettings {
  readonly better: Better;
  readonly confidence: number;
  readonly scale: number;
  /** Absent: the library chooses (see `normalUnsafe` in method-words.ts); `"normal"` or `"exact"` as requested. */
  readonly test?: "normal" | "exact";
  /** Yates's continuity correction for the proportion tests. */
  readonly continuityCorrection?: boolean;
}

/**
 * Measures an effect with its uncertainty from group aggregates: a level, a change against a fixed or
 * trend-projected baseline, treatment against comparison, or a difference-in-differences; with its
 * standard error, confidence interval and one- and two-sided p-values, the method named in the result.
 *
 * @example
 * // Early school leaving: 51 of 600 pupils in the programme, 91 of 650 in comparable schools.
 * const m = measure({
 *   estimator: "comparison", better: "lower", scale: 100,
 *   treatment: { outcome: "binary", n: 600, successes: 51 },
 *   comparison: { outcome: "binary", n: 650, successes: 91 },
 * });
 * m.effect;            // 8.5 − 14 = −5.5 percentage points
 * m.method;            // "two-proportion-z"
 * m.pValue?.oneSided;  // ≈ 0.0012
 *
 * A proportion against a fixed baseline is tested with the exact binomial test (`binomial-exact`, Clopper–Pearson
 * interval) where the normal approximation is unsafe — n·p₀ < 5, n·(1 − p₀) < 5, no success or no failure —
 * unless `test: "normal"` is asked for, and with the score test (`one-proportion-z`) otherwise;
 * `continuityCorrection: true` applies Yates's correction to the proportion tests.
 * @throws MeasureError listing every problem of the input with its path (an empty group, zero exposure, a
 * negative count, a proportion above 1, a baseline proportion outside 0 to the scale, continuous sums that have
 * lost the spread's digits — `insufficient_precision` —, ...), or `zero_variance` when the outcome does not vary
 * (a trend's residuals within the rounding of its figures count as none).
 */
export function measure(input: MeasureRequest): Measurement {
  const request = parseMeasureRequest(input);
  const outcome =
    request.estimator === "difference-in-differences" ? request.treatment.after.outcome : request.treatment.outcome;
  const settings: MeasureSettings = {
    better: request.better,
    confidence: request.confidence ?? 0.95,
    scale: request.scale ?? defaultScale(outcome),
    ...(request.test !== undefined ? { test: request.test } : {}),
    ...(request.continuityCorrection === true ? { continuityCorrection: true } : {}),
  };
  const moments: MomentsRequest =
    request.estimator === "difference-in-differences"
      ? {
          estimator: request.estimator,
          treatment: { before: momentsOf(request.treatment.before), after: momentsOf(request.treatment.after) },
          comparison: { before: momentsOf(request.comparison.before), after: momentsOf(request.comparison.after) },
        }
      : request.estimator === "comparison"
        ? {
            estimator: request.estimator,
            treatment: momentsOf(request.treatment),
            comparison: momentsOf(request.comparison),
          }
        : {
            estimator: request.estimator,
            treatment: momentsOf(request.treatment),
            ...(request.estimator === "fixed-baseline" ? { baseline: request.baseline } : {}),
            ...(request.estimator === "trend-baseline" ? { history: request.history, at: request.at } : {}),
          };
  return measureMoments(moments, settings);
}

const TESTS: Record<OutcomeKind, { single: MeasurementMethod; two: MeasurementMethod }> = {
  binary: { single: "wald-z", two: "two-proportion-z" },
  count: { single: "wald-z", two: "poisson-rate-z" },
  continuous: { single: "one-sample-t", two: "welch-t" },
};

interface Core {
  readonly value: number;
  readonly counterfactual?: number;
  readonly effect: number;
  readonly intervalError: number;
  readonly testError?: number;
  /** Subtracted from |effect| for the test and added to the interval's half-width (Yates), scaled unit. */
  readonly continuityCorrection?: number;
  readonly degreesOfFreedom: number | undefined;
  readonly method: MeasurementMethod;
  readonly groups: readonly GroupEstimate[];
  /**
   * Exact tails P(X ≤ observed) and P(X ≥ observed), when the method computes them instead of a statistic;
   * `twoSided` when the method has its own two-sided p-value (else twice the smaller tail).
   */
  readonly exactTails?: { readonly below: number; readonly above: number; readonly twoSided?: number };
  /** The interval of the effect, when the method has its own (else effect ± q·intervalError). */
  readonly exactInterval?: { readonly lower: number; readonly upper: number };
  /** Why the normal approximation was unsafe, when the library chose the exact test for it. */
  readonly normalUnsafe?: NormalUnsafe;
}

/** Builds the frozen measurement from the estimator's core figures, adding the interval and the test. */
export function finish(
  estimator: Measurement["estimator"],
  core: Core,
  settings: MeasureSettings,
  outcome: OutcomeKind,
  parts?: Measurement["parts"],
): Measurement {
  return markIssued(assertFinite(build(estimator, core, settings, outcome, parts)), "measurement");
}

/**
 * The last guard: finite inputs can still overflow (values near 1e300 squared, a group's exposure summed past
 * the largest number); no figure of a result, its groups' and parts' included, is NaN or Infinity, so such a
 * measurement is refused with a typed error instead.
 */
function assertFinite(m: Measurement): Measurement {
  const figures = [
    m.value,
    m.effect,
    m.standardError,
    m.interval.lower,
    m.interval.upper,
    m.counterfactual ?? 0,
    m.relativeEffect ?? 0,
    m.statistic ?? 0,
    m.degreesOfFreedom ?? 0,
    m.pValue?.oneSided ?? 0,
    m.pValue?.twoSided ?? 0,
    m.continuityCorrection ?? 0,
    ...m.groups.flatMap((group) => [
      group.n ?? 0,
      group.successes ?? 0,
      group.events ?? 0,
      group.exposure ?? 0,
      group.mean ?? 0,
      group.standardDeviation ?? 0,
      group.estimate,
      group.standardError,
    ]),
    ...(m.parts ?? []).flatMap((part) => [
      part.weight,
      part.value,
      part.counterfactual ?? 0,
      part.effect,
      part.standardError,
    ]),
  ];
  if (figures.every(Number.isFinite)) return m;
  throw notFinite([]);
}

function build(
  estimator: Measurement["estimator"],
  core: Core,
  settings: MeasureSettings,
  outcome: OutcomeKind,
  parts?: Measurement["parts"],
): Measurement {
  const df = core.degreesOfFreedom;
  const correction = core.continuityCorrection;
  // Copied, then frozen: a blend's or a pool's parts carry labels the caller passed in.
  const base = {
    estimator,
    method: core.method,
    methodText: methodWords(
      { method: core.method, degreesOfFreedom: df, continuityCorrection: correction, normalUnsafe: core.normalUnsafe },
      "en",
    ),
    outcome,
    better: settings.better,
    scale: settings.scale,
    value: core.value,
    ...(core.counterfactual !== undefined ? { counterfactual: core.counterfactual } : {}),
    effect: core.effect,
    // effect / counterfactual, left out when the counterfactual is 0 (or so near 0 that the ratio overflows)
    ...(core.counterfactual !== undefined && Number.isFinite(core.effect / core.counterfactual)
      ? { relativeEffect: core.effect / core.counterfactual }
      : {}),
    standardError: core.intervalError,
    ...(df !== undefined ? { degreesOfFreedom: df } : {}),
    ...(correction !== undefined ? { continuityCorrection: correction } : {}),
    ...(core.normalUnsafe !== undefined ? { normalUnsafe: core.normalUnsafe } : {}),
    groups: core.groups.map((group) => group.summary),
    ...(parts !== undefined ? { parts } : {}),
  };
  if (core.exactTails !== undefined) {
    const { below, above, twoSided } = core.exactTails;
    const q = normalQuantile((1 + settings.confidence) / 2);
    return frozenCopy(
      {
        ...base,
        interval: {
          confidence: settings.confidence,
          lower: core.exactInterval?.lower ?? core.effect - q * core.intervalError,
          upper: core.exactInterval?.upper ?? core.effect + q * core.intervalError,
        },
        pValue: {
          oneSided: settings.better === "higher" ? above : below,
          twoSided: twoSided ?? Math.min(1, 2 * Math.min(below, above)),
        },
      },
      "measurement",
    );
  }
  if (core.testError === undefined) {
    const upper = (1 + settings.confidence) / 2;
    const q = df === undefined ? normalQuantile(upper) : studentTQuantile(upper, df);
    return frozenCopy(
      {
        ...base,
        interval: {
          confidence: settings.confidence,
          lower: core.effect - q * core.intervalError,
          upper: core.effect + q * core.intervalError,
        },
      },
      "measurement",
    );
  }
  const inference = infer(
    core.effect,
    core.intervalError,
    core.testError,
    settings.better,
    settings.confidence,
    df,
    correction,
  );
  return frozenCopy(
    {
      ...base,
      statistic: inference.statistic,
      interval: inference.interval,
      pValue: inference.pValue,
    },
    "measurement",
  );
}

/**
 * How many units of a double's last digit (ε = 2⁻⁵²) a residual of a trend may differ from 0 and still be
 * rounding noise: the history's values and times carry 53 bits, and a least-squares line through points that lie
 * exactly on a line leaves residuals of about one unit of the figures' last digit (at most 1.25 over 300,000
 * random straight histories, times and values given as decimals). Sixteen units leave a wide margin.
 */
const TREND_NOISE_UNITS = 16;

/**
 * Least-squares line through the history, projected to `at`, with the standard error of the projected mean.
 * The sums are centred on the means (no cancellation of large squares). The residual variance s² on m − 2
 * degrees of freedom is taken as exactly 0 when every residual is within the rounding of the figures it is
 * computed from — Σr² ≤ Σ(16ε·(|yᵢ| + |ȳ| + |b|·(|xᵢ| + |x̄|)))², b the slope — so a history on a straight line
 * projects without error instead of lending rounding noise (e.g. 5e-12) the weight of a measured spread.
 */
export function projectTrend(
  history: readonly HistoryPoint[],
  at: number,
): { projected: number; standardError: number; degreesOfFreedom: number; slope: number; intercept: number } {
  const m = history.length;
  const meanX = history.reduce((acc, point) => acc + point.at, 0) / m;
  const meanY = history.reduce((acc, point) => acc + point.value, 0) / m;
  let sxx = 0;
  let sxy = 0;
  for (const point of history) {
    sxx += (point.at - meanX) ** 2;
    sxy += (point.at - meanX) * (point.value - meanY);
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let residuals = 0;
  let noise = 0;
  for (const point of history) {
    residuals += (point.value - meanY - slope * (point.at - meanX)) ** 2;
    const unit =
      TREND_NOISE_UNITS *
      Number.EPSILON *
      (Math.abs(point.value) + Math.abs(meanY) + Math.abs(slope) * (Math.abs(point.at) + Math.abs(meanX)));
    noise += unit * unit;
  }
  const withinRounding = Number.isFinite(residuals) && Number.isFinite(noise) && residuals <= noise;
  const s2 = withinRounding ? 0 : residuals / (m - 2);
  return {
    projected: meanY + slope * (at - meanX),
    standardError: s2 === 0 ? 0 : Math.sqrt(s2 * (1 / m + (at - meanX) ** 2 / sxx)),
    degreesOfFreedom: m - 2,
    slope,
    intercept,
  };
}

/** The estimators, on validated moments. */
export function measureMoments(request: MomentsRequest, settings: MeasureSettings): Measurement {
  const { scale } = settings;
  switch (request.estimator) {
    case "level":
    case "fixed-baseline":
    case "trend-baseline": {
      const group = estimateGroup(request.treatment, "treatment", scale);
      const method = TESTS[group.outcome].single;
      if (request.estimator === "level") {
        return finish(
          "level",
          {
            value: group.estimate,
            effect: group.estimate,
            intervalError: group.standardError,
            degreesOfFreedom: group.degreesOfFreedom,
            method,
            groups: [group],
          },
          settings,
          group.outcome,
        );
      }
      if (request.estimator === "fixed-baseline") {
        const baseline = request.baseline!;
        const t = request.treatment;
        if (settings.test === "exact" && t.outcome === "count") {
          const mean = (baseline / scale) * t.exposure;
          return finish(
            "fixed-baseline",
            {
              value: group.estimate,
              counterfactual: baseline,
              effect: group.estimate - baseline,
              intervalError: group.standardError,
              degreesOfFreedom: undefined,
              method: "poisson-exact",
              groups: [group],
              exactTails: { below: poissonCdf(t.events, mean), above: poissonSfInclusive(t.events, mean) },
            },
            settings,
            "count",
          );
        }
        if (t.outcome === "binary") return proportionAgainstBaseline(t, group, baseline, settings);
        assertPositiveSpread(group.standardError, ["treatment"], "the treatment group");
        return finish(
          "fixed-baseline",
          {
            value: group.estimate,
            counterfactual: baseline,
            effect: group.estimate - baseline,
            intervalError: group.standardError,
            testError: group.standardError,
            degreesOfFreedom: group.degreesOfFreedom,
            method,
            groups: [group],
          },
          settings,
          group.outcome,
        );
      }
      const trend = projectTrend(request.history!, request.at!);
      const se = Math.hypot(group.standardError, trend.standardError);
      assertPositiveSpread(
        se,
        ["treatment"],
        "the treatment group and the trend together",
        "the treated group's outcome does not vary and the history lies on a straight line, within the rounding of its figures",
      );
      const df = satterthwaite(
        [group.standardError, trend.standardError],
        [group.degreesOfFreedom, trend.degreesOfFreedom],
      );
      return finish(
        "trend-baseline",
        {
          value: group.estimate,
          counterfactual: trend.projected,
          effect: group.estimate - trend.projected,
          intervalError: se,
          testError: se,
          degreesOfFreedom: df,
          method: df === undefined ? "combined-z" : "welch-t",
          groups: [group],
        },
        settings,
        group.outcome,
      );
    }
    case "comparison": {
      const treatment = estimateGroup(request.treatment, "treatment", scale);
      const comparison = estimateGroup(request.comparison, "comparison", scale);
      const effect = treatment.estimate - comparison.estimate;
      const se = Math.hypot(treatment.standardError, comparison.standardError);
      const groups = [treatment, comparison];
      const core = {
        value: treatment.estimate,
        counterfactual: comparison.estimate,
        effect,
        intervalError: se,
        groups,
      };
      const t = request.treatment;
      const c = request.comparison;
      if (t.outcome === "binary" && c.outcome === "binary") {
        const pooled = (t.successes + c.successes) / (t.n + c.n);
        const testError = Math.sqrt(pooled * (1 - pooled) * (1 / t.n + 1 / c.n)) * scale;
        assertPositiveSpread(testError, [], "the pooled proportion of both groups");
        return finish(
          "comparison",
          {
            ...core,
            testError,
            ...(settings.continuityCorrection === true
              ? { continuityCorrection: Math.min(0.5 * (1 / t.n + 1 / c.n) * scale, Math.abs(effect)) }
              : {}),
            degreesOfFreedom: undefined,
            method: "two-proportion-z",
          },
          settings,
          "binary",
        );
      }
      if (t.outcome === "count" && c.outcome === "count" && settings.test === "exact") {
        const total = t.events + c.events;
        if (total === 0) assertPositiveSpread(0, [], "the pooled event rate of both groups");
        const share = t.exposure / (t.exposure + c.exposure);
        return finish(
          "comparison",
          {
            ...core,
            degreesOfFreedom: undefined,
            method: "poisson-exact",
            exactTails: {
              below: binomialCdf(t.events, total, share),
              above: binomialSfInclusive(t.events, total, share),
            },
          },
          settings,
          "count",
        );
      }
      if (t.outcome === "count" && c.outcome === "count") {
        const pooled = (t.events + c.events) / (t.exposure + c.exposure);
        const testError = Math.sqrt(pooled * (1 / t.exposure + 1 / c.exposure)) * scale;
        assertPositiveSpread(testError, [], "the pooled event rate of both groups");
        return finish(
          "comparison",
          { ...core, testError, degreesOfFreedom: undefined, method: "poisson-rate-z" },
          settings,
          "count",
        );
      }
      assertPositiveSpread(se, [], "the difference of the two means");
      const df = satterthwaite(
        [treatment.standardError, comparison.standardError],
        [treatment.degreesOfFreedom, comparison.degreesOfFreedom],
      );
      return finish(
        "comparison",
        { ...core, testError: se, degreesOfFreedom: df, method: "welch-t" },
        settings,
        "continuous",
      );
    }
    case "difference-in-differences": {
      const after = estimateGroup(request.treatment.after, "treatment after", scale);
      const before = estimateGroup(request.treatment.before, "treatment before", scale);
      const comparisonAfter = estimateGroup(request.comparison.after, "comparison after", scale);
      const comparisonBefore = estimateGroup(request.comparison.before, "comparison before", scale);
      const groups = [after, before, comparisonAfter, comparisonBefore];
      const counterfactual = before.estimate + (comparisonAfter.estimate - comparisonBefore.estimate);
      const errors = groups.map((group) => group.standardError);
      const se = Math.sqrt(errors.reduce((acc, error) => acc + error * error, 0));
      assertPositiveSpread(se, [], "the difference-in-differences");
      const df = satterthwaite(
        errors,
        groups.map((group) => group.degreesOfFreedom),
      );
      return finish(
        "difference-in-differences",
        {
          value: after.estimate,
          counterfactual,
          effect: after.estimate - counterfactual,
          intervalError: se,
          testError: se,
          degreesOfFreedom: df,
          method: df === undefined ? "combined-z" : "welch-t",
          groups,
        },
        settings,
        after.outcome,
      );
    }
  }
}

/**
 * A proportion against a fixed baseline p₀ = baseline / scale (checked to lie in [0, 1]): the exact binomial
 * test with the Clopper–Pearson interval when it is asked for, or when the request leaves the test to the
 * library and the normal approximation is unsafe (`normalUnsafe`); otherwise the one-proportion z-test
 * (score test) — statistic (p̂ − p₀)/√(p₀(1 − p₀)/n), as R's `prop.test`, with Yates's correction on request —
 * and the Wald interval p̂ ± q·√(p̂(1 − p̂)/n).
 */
function proportionAgainstBaseline(
  t: { readonly n: number; readonly successes: number },
  group: GroupEstimate,
  baseline: number,
  settings: MeasureSettings,
): Measurement {
  const { scale } = settings;
  const p0 = Math.min(1, Math.max(0, baseline / scale));
  const unsafe = normalUnsafe(t.n, t.successes, p0);
  const common = {
    value: group.estimate,
    counterfactual: baseline,
    effect: group.estimate - baseline,
    intervalError: group.standardError,
    degreesOfFreedom: undefined,
    groups: [group],
  };
  if (settings.test === "exact" || (settings.test === undefined && unsafe !== undefined)) {
    const exact = binomialTest(t.successes, t.n, p0);
    const bounds = clopperPearson(t.successes, t.n, settings.confidence);
    return finish(
      "fixed-baseline",
      {
        ...common,
        method: "binomial-exact",
        exactTails: exact,
        // the bounds of the proportion, less the baseline (at 0 or n successes a bound is the estimate itself)
        exactInterval: { lower: bounds.lower * scale - baseline, upper: bounds.upper * scale - baseline },
        ...(unsafe !== undefined ? { normalUnsafe: unsafe } : {}),
      },
      settings,
      "binary",
    );
  }
  const testError = Math.sqrt((p0 * (1 - p0)) / t.n) * scale;
  assertPositiveSpread(
    testError,
    ["baseline"],
    "the baseline proportion",
    "a baseline of 0 or of the whole scale leaves nothing to vary under the null hypothesis: leave the test to the library, which uses the exact binomial test here",
  );
  return finish(
    "fixed-baseline",
    {
      ...common,
      testError,
      ...(settings.continuityCorrection === true
        ? { continuityCorrection: Math.min(scale / (2 * t.n), Math.abs(common.effect)) }
        : {}),
      method: "one-proportion-z",
    },
    settings,
    "binary",
  );
}
