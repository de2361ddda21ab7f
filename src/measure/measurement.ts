import type { MeasurementRecord } from "../contract/measurement-format.js";
import type { Better, Estimator, OutcomeKind } from "./inputs.js";
import type { NormalUnsafe } from "./method-words.js";

export type { NormalUnsafe } from "./method-words.js";

/**
 * The statistical method behind a measurement's interval and p-value:
 * - `wald-z`: estimate ± z·SE (the level of a proportion or a rate; a rate against a fixed baseline);
 * - `one-proportion-z`: a proportion against a fixed baseline p₀, the score test of R's `prop.test`: the
 *   statistic (p̂ − p₀)/√(p₀(1 − p₀)/n) uses the baseline's standard error, the interval the estimate's;
 * - `binomial-exact`: a proportion against a fixed baseline, exactly: P(X ≤ k) and P(X ≥ k) for
 *   X ~ Binomial(n, p₀), two-sided as R's `binom.test` (the outcomes no more likely than the one observed), and
 *   the Clopper–Pearson interval. Chosen by the library where the normal approximation is unsafe (n·p₀ < 5,
 *   n·(1 − p₀) < 5, no success or no failure), or on request (`test: "exact"`);
 * - `two-proportion-z`: the two-proportion z-test (pooled proportion under the null for the test,
 *   unpooled standard error for the interval);
 * - `poisson-rate-z`: the same for two Poisson event rates (pooled rate for the test, unpooled for the interval);
 * - `one-sample-t`: Student's t with n − 1 degrees of freedom (a mean against a fixed baseline, or its level);
 * - `welch-t`: Welch's unequal-variance t-test, Welch–Satterthwaite degrees of freedom (two means; also a
 *   difference-in-differences of means and a change against a trend, whose degrees of freedom are combined
 *   the same way);
 * - `combined-z`: a normal test on a combined standard error (difference-in-differences of proportions or
 *   rates, a trend baseline for them, a blend, a pool of cohorts);
 * - `poisson-exact`: exact p-values for event counts: against a fixed baseline rate, P(X ≤ k) and P(X ≥ k)
 *   for X ~ Poisson(baseline × exposure); between two groups, the conditional binomial test (given the total
 *   of events, the treated group's share is Binomial(total, E₁/(E₁ + E₂)) when the rates are equal). Two-sided:
 *   twice the smaller tail, at most 1. The interval is the Wald interval of the difference.
 */
export type MeasurementMethod = MeasurementRecord["method"];

/** What a group contributed, for the record: its size and its estimate in the scaled unit. */
export interface GroupSummary {
  /** E.g. `treatment`, `comparison`, `treatment before`, `cohort c1`. */
  readonly label: string;
  readonly outcome: OutcomeKind;
  readonly n?: number;
  readonly successes?: number;
  readonly events?: number;
  readonly exposure?: number;
  readonly mean?: number;
  readonly standardDeviation?: number;
  /** The group's proportion, rate or mean, in the scaled unit. */
  readonly estimate: number;
  readonly standardError: number;
}

/**
 * A measured effect with its uncertainty. All figures are in the scaled unit of the request (e.g. events per
 * 100). `effect` = `value` − `counterfactual` when there is a counterfactual; for a `level` it is the value.
 * The interval is the interval of `effect`; the p-values test "no effect" (effect = 0).
 */
export interface Measurement {
  readonly estimator: Estimator;
  readonly method: MeasurementMethod;
  /**
   * The method in English words, e.g. "Welch t (unequal variances, Welch–Satterthwaite, 57.3 degrees of freedom)",
   * written from the method's figures (`method`, `degreesOfFreedom`, `continuityCorrection`, `normalUnsafe`) by the
   * words the reports use; `methodText(measurement, { locale: "it" })` writes it in Italian.
   */
  readonly methodText: string;
  readonly outcome: OutcomeKind;
  readonly better: Better;
  readonly scale: number;
  /** The treated group's measured value (after the programme). */
  readonly value: number;
  /** What would have happened anyway: a fixed or projected baseline, a comparison group, DiD's projection. */
  readonly counterfactual?: number;
  readonly effect: number;
  /** effect / counterfactual (e.g. −0.12 = 12% below the counterfactual); absent when the counterfactual is 0 or the ratio overflows. */
  readonly relativeEffect?: number;
  readonly standardError: number;
  /** The test statistic (z or t) of "no effect". */
  readonly statistic?: number;
  /** Present for t-based methods. */
  readonly degreesOfFreedom?: number;
  /**
   * Yates's continuity correction, when the request asked for it (`continuityCorrection: true`) and a proportion
   * test applied it: the amount, in the scaled unit, taken off |effect| for the statistic and added to each side
   * of the interval (1/(2n) against a fixed baseline, ½(1/n₁ + 1/n₂) between two groups, times the scale, at most
   * |effect|).
   */
  readonly continuityCorrection?: number;
  /**
   * Why the normal approximation was unsafe, for the exact binomial test (`binomial-exact`): fewer than 5
   * expected successes or failures (with the number expected), or no success or no failure. Absent when the
   * approximation was safe (the exact test was asked for) and for every other method.
   */
  readonly normalUnsafe?: NormalUnsafe;
  readonly interval: { readonly confidence: number; readonly lower: number; readonly upper: number };
  /** `oneSided` tests the alternative "the effect is an improvement" (in the `better` direction). */
  readonly pValue?: { readonly oneSided: number; readonly twoSided: number };
  readonly groups: readonly GroupSummary[];
  /**
   * For blends and pools: the parts and their weights (adding up to 1), each with its own measured value,
   * counterfactual and effect, so Σ weight × effect is the effect (and likewise the value and counterfactual).
   */
  readonly parts?: readonly {
    readonly label: string;
    readonly weight: number;
    /** The part's own measured value. */
    readonly value: number;
    /** The part's own counterfactual, when it has one. */
    readonly counterfactual?: number;
    readonly effect: number;
    readonly standardError: number;
  }[];
}
