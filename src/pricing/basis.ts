import {
  abs,
  compare,
  divide,
  EXACT_ZERO,
  type Exact,
  exactKnown,
  minus,
  plainText as plain,
} from "../formula/exact.js";
import type { Basis, Metric } from "../contract/types.js";
import type { BasisStep } from "../explanation/steps.js";

/**
 * The number a rule works on. `improvement` is signed so that positive is always better:
 * value − baseline when higher is better, baseline − value when lower is better. `relative-improvement`
 * divides it by the baseline's magnitude (0.125 = 12.5% better than the baseline).
 */
export function basisValue(
  metric: Metric,
  basis: Basis,
  measured: Exact,
  record = true,
): { value: Exact; step: BasisStep | null } {
  const baseline = exactKnown(metric.baseline.value) ?? EXACT_ZERO;
  const improvement = metric.better === "higher" ? minus(measured, baseline) : minus(baseline, measured);
  const value =
    basis === "value" ? measured : basis === "improvement" ? improvement : divide(improvement, abs(baseline));
  if (!record) return { value, step: null };
  return {
    value,
    step: {
      kind: "basis",
      metric: metric.id,
      basis,
      measured: plain(measured),
      baseline: plain(baseline),
      baselineSource: metric.baseline.source,
      better: metric.better,
      improvement: plain(improvement),
      value: plain(value),
    },
  };
}

/** True when `value` is at least as good as `threshold` on this basis. */
export function reaches(metric: Metric, basis: Basis, value: Exact, threshold: Exact): boolean {
  return basis === "value" && metric.better === "lower"
    ? compare(value, threshold) <= 0
    : compare(value, threshold) >= 0;
}
