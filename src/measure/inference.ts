import { issue } from "../errors/validation-error.js";
import { normalCdf, normalQuantile, normalSf, studentTCdf, studentTQuantile, studentTSf } from "./distributions.js";
import type { Better } from "./inputs.js";
import { MeasureError } from "./measure-error.js";

/** Interval and p-values of an estimate from its standard error, on the normal or a t distribution. */
export interface Inference {
  readonly interval: { readonly confidence: number; readonly lower: number; readonly upper: number };
  readonly statistic: number;
  readonly pValue: { readonly oneSided: number; readonly twoSided: number };
}

/** The error for finite inputs whose squares or products overflowed: a result is never NaN or Infinity. */
export function notFinite(path: readonly (string | number)[]): MeasureError {
  return new MeasureError([
    issue(
      path,
      "not_finite",
      "the figures are too large to measure in double precision (a square or a product overflowed): rescale them, e.g. with a smaller unit",
    ),
  ]);
}

/**
 * A standard error of zero cannot be tested: the outcome does not vary. A typed error, never NaN. `why`
 * replaces the usual reason ("the outcome does not vary") where there is a more precise one.
 */
export function assertPositiveSpread(
  standardError: number,
  path: readonly (string | number)[],
  what: string,
  why = "the outcome does not vary",
): void {
  if (Number.isNaN(standardError) || standardError === Number.POSITIVE_INFINITY) throw notFinite(path);
  if (!(standardError > 0)) {
    throw new MeasureError([
      issue(path, "zero_variance", `${what} has a standard error of 0 (${why}): no interval or test is possible`),
    ]);
  }
}

/**
 * The two-sided interval `estimate ± q·intervalError` (q the normal or t quantile), and the test of
 * "no effect" with `statistic = estimate / testError` (a test may use the null's standard error, e.g. a
 * pooled proportion). The one-sided p-value is for the alternative in the `better` direction.
 * `degreesOfFreedom` undefined means the normal distribution. A continuity `correction` (Yates, at most
 * |estimate|) is taken off |estimate| for the statistic and added to the interval's half-width, as R's
 * `prop.test` does.
 */
export function infer(
  estimate: number,
  intervalError: number,
  testError: number,
  better: Better,
  confidence: number,
  degreesOfFreedom?: number,
  correction = 0,
): Inference {
  const upperTail = (1 + confidence) / 2;
  const q = degreesOfFreedom === undefined ? normalQuantile(upperTail) : studentTQuantile(upperTail, degreesOfFreedom);
  const statistic =
    correction === 0 ? estimate / testError : (Math.sign(estimate) * (Math.abs(estimate) - correction)) / testError;
  const below = degreesOfFreedom === undefined ? normalCdf(statistic) : studentTCdf(statistic, degreesOfFreedom);
  const above = degreesOfFreedom === undefined ? normalSf(statistic) : studentTSf(statistic, degreesOfFreedom);
  const halfWidth = q * intervalError + correction;
  return {
    interval: { confidence, lower: estimate - halfWidth, upper: estimate + halfWidth },
    statistic,
    pValue: { oneSided: better === "higher" ? above : below, twoSided: Math.min(1, 2 * Math.min(below, above)) },
  };
}

/**
 * Welch–Satterthwaite degrees of freedom of a sum of independent terms with standard errors `errors` and
 * degrees of freedom `dfs` (`undefined` = known variance, infinite degrees of freedom). Returns
 * `undefined` (normal) when every term has infinite degrees of freedom.
 */
export function satterthwaite(errors: readonly number[], dfs: readonly (number | undefined)[]): number | undefined {
  let variance = 0;
  let denominator = 0;
  errors.forEach((error, index) => {
    const v = error * error;
    variance += v;
    const df = dfs[index];
    if (df !== undefined) denominator += (v * v) / df;
  });
  return denominator === 0 ? undefined : (variance * variance) / denominator;
}
