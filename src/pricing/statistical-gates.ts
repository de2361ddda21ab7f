import {
  compare,
  EXACT_ZERO,
  type Exact,
  exactKnown,
  exactOfText,
  plainText as plain,
  plus,
  sign,
} from "../formula/exact.js";
import type { Metric, PricingRule } from "../contract/types.js";
import type { StatisticsOptions } from "../contract/measurement-format.js";
import type { ResultStep, Step } from "../explanation/steps.js";
import type { MeasurementStep } from "../explanation/measurement-steps.js";
import { evaluateRule, metricsOf, type Priced } from "./evaluate-rule.js";
import type { FormulaEnvironment } from "./contract-formulas.js";

/** True when the options need a measurement on every result. */
function needsMeasurement(options: StatisticsOptions | undefined): boolean {
  return (
    options !== undefined &&
    (options.baseline === "measurement" ||
      options.significance !== undefined ||
      options.priceOn === "conservative-bound")
  );
}

/** A rule priced at nothing, with a zero part for each of its metrics. */
function pricedAtZero(rule: PricingRule): Priced {
  return { amount: EXACT_ZERO, byMetric: new Map(metricsOf(rule).map((metric) => [metric, EXACT_ZERO])), steps: [] };
}

/**
 * Prices a rule on verified results, applying a tranche's statistical options first:
 * the measured counterfactual as the baseline, the significance gate, the conservative bound. A gate not met,
 * or a measurement missing where an option needs one, prices the whole tranche at zero (and says why):
 * money is never paid on evidence the contract did not accept.
 *
 * Without options this is exactly `evaluateRule` on the results' values.
 */
export function priceWithStatistics(
  rule: PricingRule,
  results: readonly ResultStep[],
  metrics: ReadonlyMap<string, Metric>,
  options: StatisticsOptions | undefined,
  formulas?: FormulaEnvironment,
  /** `false` when only the amount is wanted: the rule's steps are not written (see `evaluateRule`). */
  record = true,
  /** `false` when no part per metric is read (see `evaluateRule`). */
  parts = true,
): { priced: Priced; steps: Step[] } {
  const steps: MeasurementStep[] = [];
  const measured = new Map<string, Exact>();
  // the metrics as priced: a copy only where a measured counterfactual replaces a baseline
  const effective = options?.baseline === "measurement" ? new Map(metrics) : metrics;
  let blocked = false;
  for (const result of results) {
    const metric = metrics.get(result.metric);
    let value = exactKnown(result.value ?? "0") ?? EXACT_ZERO;
    const measurement = result.measurement;
    if (metric === undefined || !needsMeasurement(options)) {
      measured.set(result.metric, value);
      continue;
    }
    const missing = (what: "measurement" | "counterfactual" | "p-value") => {
      steps.push({
        kind: "missing-measurement",
        metric: metric.id,
        ...(result.eventId !== undefined ? { eventId: result.eventId } : {}),
        missing: what,
      });
      blocked = true;
    };
    if (measurement === undefined) {
      missing("measurement");
      measured.set(metric.id, value);
      continue;
    }
    if (options?.baseline === "measurement") {
      if (measurement.counterfactual === undefined) missing("counterfactual");
      else {
        (effective as Map<string, Metric>).set(metric.id, {
          ...metric,
          baseline: {
            ...metric.baseline,
            value: measurement.counterfactual,
            source: `the measured counterfactual (${measurement.estimator}, event ${result.eventId ?? "?"})`,
          },
        });
        steps.push({
          kind: "counterfactual",
          metric: metric.id,
          eventId: result.eventId ?? "",
          estimator: measurement.estimator,
          counterfactual: measurement.counterfactual,
          contractBaseline: String(metric.baseline.value),
        });
      }
    }
    const significance = options?.significance;
    if (significance !== undefined) {
      if (measurement.pValue === undefined) missing("p-value");
      else {
        const level = exactOfText(significance.level) ?? EXACT_ZERO;
        const pValue = significance.test === "one-sided" ? measurement.pValue.oneSided : measurement.pValue.twoSided;
        const effect = exactOfText(measurement.effect)!;
        const towardBetter = metric.better === "higher" ? sign(effect) > 0 : sign(effect) < 0;
        const met = compare(exactOfText(pValue)!, level) < 0 && towardBetter;
        steps.push({
          kind: "significance",
          metric: metric.id,
          test: significance.test,
          level: plain(level),
          pValue,
          effect: measurement.effect,
          better: metric.better,
          met,
        });
        if (!met) blocked = true;
      }
    }
    if (options?.priceOn === "conservative-bound") {
      const bound = metric.better === "higher" ? measurement.interval.lower : measurement.interval.upper;
      const base = measurement.counterfactual === undefined ? EXACT_ZERO : exactKnown(measurement.counterfactual);
      value = plus(base ?? EXACT_ZERO, exactKnown(bound) ?? EXACT_ZERO);
      steps.push({
        kind: "conservative-bound",
        metric: metric.id,
        confidence: measurement.interval.confidence,
        estimate: measurement.value,
        effectBound: bound,
        ...(measurement.counterfactual !== undefined ? { counterfactual: measurement.counterfactual } : {}),
        value: plain(value),
      });
    }
    measured.set(metric.id, value);
  }
  if (blocked) return { priced: pricedAtZero(rule), steps };
  const priced = evaluateRule(rule, effective, measured, formulas, record, parts);
  return { priced, steps: steps.length === 0 ? (priced.steps as Step[]) : [...steps, ...priced.steps] };
}
