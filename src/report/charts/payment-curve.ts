import { Dec, plain, readMeasure } from "../../money/decimal.js";
import type { Basis, Contract, Metric, PricingRule } from "../../contract/types.js";
import type { TrancheSettlement } from "../../engine/settlement-types.js";
import { evaluateRule, metricsOf } from "../../pricing/evaluate-rule.js";
import { formulaRules } from "../../contract/check-formulas.js";

/**
 * The payment curve of a tranche: what its rule pays (before caps) for each possible result of its metric,
 * with the measured result and the tranche's cap, as plain data for a chart. The x axis is the measured value
 * in the metric's own unit (what an officer knows), not the rule's basis. Plotting coordinates are JavaScript
 * numbers: they place points on a drawing and are never used as money.
 */
export interface PaymentCurve {
  readonly trancheId: string;
  readonly metric: string;
  readonly unit: string;
  readonly better: "higher" | "lower";
  readonly baseline: number;
  /** Sampled points, in increasing x, with the jumps of step rules kept (two points at one x). */
  readonly points: readonly { readonly x: number; readonly amount: number }[];
  /** The verified result and what the rule priced it at (exact decimal strings alongside the plot values). */
  readonly measured?: { readonly x: number; readonly amount: number; readonly value: string; readonly priced: string };
  readonly cap?: { readonly amount: number; readonly value: string };
}

const quantity = (value: string | number): Dec => readMeasure(value) ?? new Dec(0);

/**
 * A plotting coordinate: the decimal as a JavaScript number, held within the finite doubles (an amount of
 * 400 digits is drawn at the edge of the range, never as Infinity or NaN). Labels use the exact decimals.
 */
function coordinate(value: Dec): number {
  const number = value.toNumber();
  if (Number.isFinite(number)) return number;
  return number > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE;
}

/** The measured value at which the rule's basis equals `x`. */
function measuredAt(metric: Metric, basis: Basis, x: Dec): Dec {
  const baseline = quantity(metric.baseline.value);
  const sign = metric.better === "higher" ? 1 : -1;
  if (basis === "value") return x;
  if (basis === "improvement") return baseline.plus(x.times(sign));
  return baseline.plus(x.times(baseline.abs()).times(sign));
}

/** The places where the rule changes shape, on the measured scale. */
function breakpoints(rule: PricingRule, metric: Metric): Dec[] {
  if (rule.type === "weighted") return rule.parts.flatMap((part) => breakpoints(part.rule, metric));
  if (rule.type === "formula") return [];
  const at = (value: string | number) => measuredAt(metric, rule.basis, quantity(value));
  switch (rule.type) {
    case "threshold":
      return [at(rule.threshold), ...(rule.then !== undefined ? breakpoints(rule.then, metric) : [])];
    case "tiers":
      return rule.tiers.flatMap((tier) => [at(tier.from), ...(tier.to !== undefined ? [at(tier.to)] : [])]);
    case "linear":
      return rule.points.map((point) => at(point.at));
    default:
      return [];
  }
}

/**
 * The payment curve of a tranche priced on a single metric, or `undefined` when its rule combines several
 * metrics (a curve would need one axis per metric).
 *
 * @example
 * const curve = paymentCurve(contract, "t1", settlement.tranches[0]);
 * writeFileSync("t1.svg", paymentCurveSvg(curve!, reportStyle("it", "EUR")));
 */
export function paymentCurve(
  contract: Contract,
  trancheId: string,
  settled?: TrancheSettlement,
  samples = 160,
): PaymentCurve | undefined {
  const tranche = contract.tranches.find((entry) => entry.id === trancheId);
  if (tranche === undefined) return undefined;
  const ids = metricsOf(tranche.pricing);
  // A formula may read parameters, tables and other periods: no curve over one metric describes it.
  if (formulaRules(tranche.pricing, []).length > 0) return undefined;
  const metric = contract.metrics.find((entry) => entry.id === ids[0]);
  if (ids.length !== 1 || metric === undefined) return undefined;
  const metrics = new Map([[metric.id, metric]]);
  const price = (x: Dec) => evaluateRule(tranche.pricing, metrics, new Map([[metric.id, x]])).amount;

  const result = settled?.results.find(
    (entry) => entry.metric === metric.id && entry.status === "verified" && entry.value !== undefined,
  );
  const measuredValue = result?.value !== undefined ? quantity(result.value) : undefined;
  const baseline = quantity(metric.baseline.value);
  const marks = [
    baseline,
    ...breakpoints(tranche.pricing, metric),
    ...(measuredValue !== undefined ? [measuredValue] : []),
  ];
  let low = Dec.min(...marks);
  let high = Dec.max(...marks);
  const span = high.minus(low);
  const pad = span.isZero() ? Dec.max(baseline.abs().times("0.25"), 1) : span.times("0.15");
  low = low.minus(pad);
  high = high.plus(pad);
  if (low.isNegative() && !baseline.isNegative() && metric.kind !== "amount") low = new Dec(0);

  // Even samples, plus each breakpoint approached from both sides so that steps stay vertical.
  const step = high.minus(low).div(samples);
  const epsilon = step.div(1000);
  const xs = new Map<string, Dec>();
  for (let index = 0; index <= samples; index += 1)
    xs.set(low.plus(step.times(index)).toString(), low.plus(step.times(index)));
  for (const mark of marks) {
    for (const x of [mark.minus(epsilon), mark, mark.plus(epsilon)])
      if (x.greaterThanOrEqualTo(low) && x.lessThanOrEqualTo(high)) xs.set(x.toString(), x);
  }
  const points = [...xs.values()]
    .sort((a, b) => a.comparedTo(b))
    .map((x) => ({ x: coordinate(x), amount: coordinate(price(x)) }));

  return {
    trancheId,
    metric: metric.id,
    unit: metric.unit,
    better: metric.better,
    baseline: coordinate(baseline),
    points,
    ...(measuredValue !== undefined && result !== undefined
      ? {
          measured: {
            x: coordinate(measuredValue),
            amount: coordinate(price(measuredValue)),
            value: result.value!,
            priced: plain(price(measuredValue)),
          },
        }
      : {}),
    ...(tranche.cap !== undefined ? { cap: { amount: coordinate(new Dec(tranche.cap)), value: tranche.cap } } : {}),
  };
}
