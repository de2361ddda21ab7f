import { Dec, plain, readKnown } from "../money/decimal.js";
import type { Basis, Metric } from "../contract/types.js";
import type { BasisStep } from "../explanation/steps.js";

const ZERO = new Dec(0);

/**
 * The number a rule works on. `improvement` is signed so that positive is always better:
 * value − baseline when higher is better, baseline − value when lower is better. `relative-improvement`
 * divides it by the baseline's magnitude (0.125 = 12.5% better than the baseline).
 */
export function basisValue(
  metric: Metric,
  basis: Basis,
  measured: Dec,
  record = true,
): { value: Dec; step: BasisStep | null } {
  const baseline = readKnown(metric.baseline.value) ?? ZERO;
  const improvement = metric.better === "higher" ? measured.minus(baseline) : baseline.minus(measured);
  const value = basis === "value" ? measured : basis === "improvement" ? improvement : improvement.div(baseline.abs());
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
export function reaches(metric: Metric, basis: Basis, value: Dec, threshold: Dec): boolean {
  return basis === "value" && metric.better === "lower"
    ? value.lessThanOrEqualTo(threshold)
    : value.greaterThanOrEqualTo(threshold);
}
