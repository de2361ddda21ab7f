import { Dec } from "../money/decimal.js";
import type { MeasurementRecord } from "../contract/measurement-format.js";
import type { MeasurementStep } from "../explanation/measurement-steps.js";

/** A figure as a person reads it: at most 6 significant decimals beyond the point, "≈" when shortened. */
function figure(text: string): string {
  const value = new Dec(text);
  const shown = value.abs().lt(1e-4) && !value.isZero() ? new Dec(value.toPrecision(4)) : value.toDecimalPlaces(6);
  return `${shown.equals(value) ? "" : "≈"}${shown.isZero() ? "0" : shown.toFixed()}`;
}

function percent(text: string): string {
  return `${figure(new Dec(text).times(100).toString())}%`;
}

const ESTIMATORS: Record<MeasurementRecord["estimator"], string> = {
  level: "the level of the treated group",
  "fixed-baseline": "change against a fixed baseline",
  "trend-baseline": "change against a baseline projected from the historical trend",
  comparison: "treatment against comparison group",
  "difference-in-differences": "difference-in-differences",
  blend: "weighted blend of estimates",
  pooled: "pool of cohorts",
};

/** The lines under a result that carries a measurement: estimator, inputs, effect, interval, p-values, method. */
export function measurementLines(record: MeasurementRecord): string[] {
  const lines = [`measured by ${ESTIMATORS[record.estimator]} (${record.outcome} outcome, scale ${record.scale}, ${record.better} is better)`];
  for (const input of record.inputs) {
    const counts = input.successes !== undefined ? `${input.successes} of ${input.n ?? "?"}`
      : input.events !== undefined ? `${input.events} events over exposure ${input.exposure ?? "?"}`
      : `n = ${input.n ?? "?"}, standard deviation ${figure(input.standardDeviation ?? "0")}`;
    lines.push(`  ${input.label}: ${counts} → ${figure(input.estimate)} (standard error ${figure(input.standardError)})`);
  }
  for (const part of record.parts ?? []) {
    lines.push(`  ${part.label}: weight ${percent(part.weight)}, effect ${figure(part.effect)} (standard error ${figure(part.standardError)})`);
  }
  const relative = record.relativeEffect !== undefined ? ` (${percent(record.relativeEffect)} of the counterfactual)` : "";
  lines.push(record.counterfactual !== undefined
    ? `  effect: value ${figure(record.value)} − counterfactual ${figure(record.counterfactual)} = ${figure(record.effect)}${relative}`
    : `  value: ${figure(record.value)}`);
  const df = record.degreesOfFreedom !== undefined ? `, ${figure(record.degreesOfFreedom)} degrees of freedom` : "";
  lines.push(`  ${percent(record.interval.confidence)} confidence interval [${figure(record.interval.lower)}, ${figure(record.interval.upper)}], standard error ${figure(record.standardError)}`);
  if (record.pValue !== undefined) {
    const statistic = record.statistic !== undefined ? `statistic ${figure(record.statistic)}, ` : "";
    lines.push(`  test of no effect: ${statistic}p = ${figure(record.pValue.oneSided)} one-sided (toward ${record.better}), ${figure(record.pValue.twoSided)} two-sided`);
  }
  lines.push(`  method: ${record.method}${record.methodText !== undefined ? ` — ${record.methodText}` : df}`);
  return lines;
}

/** One line per measurement step of a tranche's explanation. */
export function measurementStepLine(step: MeasurementStep): string {
  switch (step.kind) {
    case "counterfactual":
      return `Counterfactual: ${step.metric} is priced against the measured counterfactual ${figure(step.counterfactual)} (${step.estimator}, event ${step.eventId}) instead of the contract's baseline ${figure(step.contractBaseline)}`;
    case "significance": {
      const direction = step.better === "higher" ? "an increase" : "a decrease";
      const verdict = step.met ? "met" : "not met: the tranche pays nothing";
      return `Significance gate (${step.test}): p = ${figure(step.pValue)} < ${figure(step.level)} and the effect ${figure(step.effect)} is ${direction}? ${verdict}`;
    }
    case "conservative-bound": {
      const from = step.counterfactual !== undefined ? `counterfactual ${figure(step.counterfactual)} + effect bound ${figure(step.effectBound)}` : `bound ${figure(step.effectBound)}`;
      return `Conservative bound: priced on the ${percent(step.confidence)} interval's end worse for the provider, not the estimate ${figure(step.estimate)}: ${from} = ${figure(step.value)}`;
    }
    case "missing-measurement":
      return `No ${step.missing === "measurement" ? "measurement" : `${step.missing} in the measurement`} for ${step.metric}${step.eventId !== undefined ? ` (event ${step.eventId})` : ""}: the tranche's statistical options cannot be applied, so it pays nothing`;
    case "cohort-fallback":
      return `Fallback: cohort ${step.cohort} did not clear its own rule, so it is paid on the pooled result of cohort ${step.pooledCohort} (from ${step.dueDate}), never on both`;
  }
}
