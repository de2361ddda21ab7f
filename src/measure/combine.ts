import { describeValue, quoted } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { readDecimal } from "../money/decimal.js";
import { finish, type MeasureSettings } from "./estimators.js";
import type { GroupEstimate } from "./group-estimate.js";
import { assertPositiveSpread, satterthwaite } from "./inference.js";
import { MeasureError } from "./measure-error.js";
import type { Measurement } from "./measurement.js";
import { isIssued } from "../util/issued.js";
import { MEASUREMENT_ESTIMATORS } from "../contract/measurement-format.js";

/** One estimate in a blend: its weight (`0.8` or `"80%"`) and the measurement. */
export interface BlendPart {
  readonly label?: string;
  readonly weight: number | string;
  readonly measurement: Measurement;
}

function weightOf(weight: unknown): number | undefined {
  const value =
    typeof weight === "number" ? weight : typeof weight === "string" ? readDecimal(weight)?.toNumber() : undefined;
  // a decimal string beyond the largest number ("1" and 400 zeros) is no weight either
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** A part's own measured value and counterfactual (left out when it has none), for the record of the parts. */
function ownFigures(m: Measurement): { value: number; counterfactual?: number } {
  return { value: m.value, ...(m.counterfactual !== undefined ? { counterfactual: m.counterfactual } : {}) };
}

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

const ESTIMATORS: readonly unknown[] = MEASUREMENT_ESTIMATORS;

/**
 * What a combination reads of a measurement it did not issue (one written by hand, or read back from JSON): its
 * estimator, direction, outcome and scale, finite figures, its interval's confidence, and its treated group's
 * size. A measurement the library returned is trusted as it is. The issues' paths start at `path`.
 */
function measurementIssues(m: object, path: readonly (string | number)[]): InputIssue[] {
  if (isIssued(m, "measurement")) return [];
  const issues: InputIssue[] = [];
  const read = m as Partial<Record<keyof Measurement, unknown>>;
  const check = (field: string, ok: boolean, expected: string, got: unknown) => {
    if (!ok)
      issues.push(
        issue(
          [...path, field],
          "invalid_measurement",
          `a measurement's ${field} is ${expected}, got ${describeValue(got)}`,
        ),
      );
  };
  check(
    "estimator",
    ESTIMATORS.includes(read.estimator),
    "the estimator that made it, e.g. comparison",
    read.estimator,
  );
  check("better", read.better === "higher" || read.better === "lower", "higher or lower", read.better);
  check(
    "outcome",
    read.outcome === "binary" || read.outcome === "count" || read.outcome === "continuous",
    "binary, count or continuous",
    read.outcome,
  );
  check("scale", finite(read.scale) && read.scale > 0, "a number above zero", read.scale);
  for (const field of ["value", "effect"] as const) check(field, finite(read[field]), "a finite number", read[field]);
  check(
    "standardError",
    finite(read.standardError) && read.standardError >= 0,
    "a finite number of 0 or more",
    read.standardError,
  );
  const optional = read.counterfactual;
  check("counterfactual", optional === undefined || finite(optional), "a finite number when given", optional);
  const df = read.degreesOfFreedom;
  check("degreesOfFreedom", df === undefined || (finite(df) && df > 0), "a number above zero when given", df);
  const confidence = (read.interval as { confidence?: unknown } | null | undefined)?.confidence;
  if (!(finite(confidence) && confidence > 0 && confidence < 1))
    issues.push(
      issue(
        [...path, "interval", "confidence"],
        "invalid_measurement",
        `a measurement's interval has a confidence level between 0 and 1, got ${describeValue(confidence)}`,
      ),
    );
  const groups = read.groups;
  const treated: unknown = Array.isArray(groups) ? groups[0] : undefined;
  if (!Array.isArray(groups)) check("groups", false, "a list of groups", groups);
  else if (treated !== undefined) {
    const sizes = treated as { n?: unknown; exposure?: unknown } | null;
    const size = (value: unknown) => value === undefined || (finite(value) && value >= 0);
    if (sizes === null || typeof sizes !== "object" || !size(sizes.n) || !size(sizes.exposure))
      issues.push(
        issue(
          [...path, "groups", 0],
          "invalid_measurement",
          "a measurement's treated group is { n, exposure, ... } with sizes of 0 or more",
        ),
      );
  }
  return issues;
}

/**
 * The options of `blend` and `poolCohorts` (a confidence level strictly between 0 and 1) and the shape of their
 * parts (a list of objects, each with a measurement whose figures are finite numbers, and a label when given
 * as text): what must hold before any figure is read.
 */
function shapeIssues(parts: unknown, options: unknown, key: string, labelRequired: boolean): InputIssue[] {
  const issues: InputIssue[] = [];
  if (options !== undefined && (options === null || typeof options !== "object")) {
    issues.push(issue([], "invalid_type", `expected the options as an object, got ${describeValue(options)}`));
  } else {
    const confidence = (options as { confidence?: unknown } | undefined)?.confidence;
    if (confidence !== undefined && !(finite(confidence) && confidence > 0 && confidence < 1))
      issues.push(
        issue(
          ["confidence"],
          "confidence_out_of_range",
          `the confidence level must lie strictly between 0 and 1, e.g. 0.95 (got ${quoted(confidence)})`,
        ),
      );
  }
  if (!Array.isArray(parts)) {
    issues.push(issue([key], "invalid_type", `expected a list of parts, got ${describeValue(parts)}`));
    return issues;
  }
  // Array.from: a hole in a sparse list is a missing part, not skipped
  Array.from(parts as unknown[]).forEach((part: unknown, index) => {
    if (part === null || typeof part !== "object") {
      issues.push(
        issue([key, index], "invalid_type", `expected a part ({ measurement, ... }), got ${describeValue(part)}`),
      );
      return;
    }
    const { label, measurement } = part as { label?: unknown; measurement?: unknown };
    if ((labelRequired || label !== undefined) && typeof label !== "string")
      issues.push(
        issue([key, index, "label"], "invalid_type", `expected a label as text, got ${describeValue(label)}`),
      );
    if (measurement === null || typeof measurement !== "object") {
      issues.push(
        issue(
          [key, index, "measurement"],
          "invalid_measurement",
          `expected a measurement (what measure returns), got ${describeValue(measurement)}`,
        ),
      );
      return;
    }
    issues.push(...measurementIssues(measurement, [key, index, "measurement"]));
  });
  return issues;
}

/** The checks shared by blends and pools: weights, and parts that measure the same thing the same way. */
function partIssues(
  parts: readonly { weight: number | string; measurement: Measurement }[],
  key: string,
): { issues: InputIssue[]; weights: number[] } {
  const issues: InputIssue[] = [];
  if (parts.length === 0)
    return { issues: [issue([key], "empty_group", "nothing to combine: give at least one part")], weights: [] };
  const weights = parts.map((part, index) => {
    const weight = weightOf(part.weight);
    if (weight === undefined || weight < 0) {
      issues.push(
        issue(
          [key, index, "weight"],
          "invalid_weight",
          `expected a non-negative weight such as 0.8 or "80%" (got ${quoted(part.weight)})`,
        ),
      );
      return 0;
    }
    return weight;
  });
  const first = parts[0]!.measurement;
  parts.forEach((part, index) => {
    const m = part.measurement;
    if (m.counterfactual === undefined) {
      issues.push(
        issue(
          [key, index, "measurement"],
          "no_counterfactual",
          `a ${m.estimator} measurement has no counterfactual, so it has no effect to combine`,
        ),
      );
    }
    if (m.better !== first.better || m.outcome !== first.outcome || m.scale !== first.scale) {
      issues.push(
        issue(
          [key, index, "measurement"],
          "incompatible_parts",
          `every part must measure the same outcome in the same unit and direction (${first.outcome}, scale ${first.scale}, ${first.better} is better)`,
        ),
      );
    }
  });
  return { issues, weights };
}

/**
 * A weighted blend of estimates of one effect, e.g. Massachusetts' 80% of the randomised-trial estimate and
 * 20% of the difference-in-differences estimate. The weights must add up to 100%.
 *
 * The parts are usually computed on overlapping data, so their correlation is unknown: the blend's standard
 * error is taken at its upper bound Σ wᵢ·SEᵢ (perfect correlation), which never understates the uncertainty.
 * The test is a normal z-test on that standard error (`combined-z`).
 *
 * @example
 * const blended = blend([{ weight: "80%", measurement: trial }, { weight: "20%", measurement: did }]);
 * @throws MeasureError when the weights do not add up to 100%, a part has no counterfactual, or the parts differ;
 * when a part is not a measurement (`invalid_measurement`: one written by hand or read back from JSON is taken
 * when it has every field a blend reads, finite), a weight is not a number or a decimal string
 * (`invalid_weight`), or `confidence` is not strictly between 0 and 1 (`confidence_out_of_range`).
 */
export function blend(parts: readonly BlendPart[], options: { readonly confidence?: number } = {}): Measurement {
  const shape = shapeIssues(parts, options, "parts", false);
  if (shape.length > 0) throw new MeasureError(shape);
  const { issues, weights } = partIssues(parts, "parts");
  const total = weights.reduce((acc, weight) => acc + weight, 0);
  if (issues.length === 0 && Math.abs(total - 1) > 1e-12) {
    issues.push(
      issue(["parts"], "weights_not_100", `the weights add up to ${Number((total * 100).toPrecision(12))}%, not 100%`),
    );
  }
  if (issues.length > 0) throw new MeasureError(issues);
  const measurements = parts.map((part) => part.measurement);
  const value = measurements.reduce((acc, m, index) => acc + weights[index]! * m.value, 0);
  const effect = measurements.reduce((acc, m, index) => acc + weights[index]! * m.effect, 0);
  const se = measurements.reduce((acc, m, index) => acc + weights[index]! * m.standardError, 0);
  assertPositiveSpread(se, ["parts"], "the blend");
  const first = measurements[0]!;
  const settings: MeasureSettings = {
    better: first.better,
    confidence: options.confidence ?? first.interval.confidence,
    scale: first.scale,
  };
  return finish(
    "blend",
    {
      value,
      counterfactual: value - effect,
      effect,
      intervalError: se,
      testError: se,
      degreesOfFreedom: undefined,
      method: "combined-z",
      groups: [],
    },
    settings,
    first.outcome,
    parts.map((part, index) => ({
      label: part.label ?? `${part.measurement.estimator} ${index + 1}`,
      weight: weights[index]!,
      ...ownFigures(part.measurement),
      effect: part.measurement.effect,
      standardError: part.measurement.standardError,
    })),
  );
}

/** One cohort's measurement and its weight in the pool (by default, its treated participants). */
export interface PoolPart {
  readonly label: string;
  readonly measurement: Measurement;
  readonly weight?: number;
}

/** The size of the treated group of a measurement: its first group's head count, or exposure. */
export function treatedSize(measurement: Measurement): number {
  const group = measurement.groups[0];
  return group?.n ?? group?.exposure ?? 0;
}

/**
 * The pooled effect of several cohorts: the average of the cohort effects weighted by each cohort's treated
 * participants (or a weight given), so the pooled effect always lies between the cohort effects and an
 * officer can recompute it by hand. Cohorts are different people, so their estimates are independent:
 * SE = √Σ (wᵢ·SEᵢ)² with normalised weights; degrees of freedom by Welch–Satterthwaite for means.
 *
 * @example
 * const pooled = poolCohorts([{ label: "c1", measurement: m1 }, { label: "c2", measurement: m2 }]);
 * @throws MeasureError when a cohort is not a measurement (`invalid_measurement`: one written by hand or read
 * back from JSON is taken when it has every field a pool reads, finite) or has no label, a weight is negative or
 * not a number, the cohorts differ or have no participants, or `confidence` is not strictly between 0 and 1.
 */
export function poolCohorts(parts: readonly PoolPart[], options: { readonly confidence?: number } = {}): Measurement {
  const shape = shapeIssues(parts, options, "cohorts", true);
  if (shape.length > 0) throw new MeasureError(shape);
  const { issues, weights: raw } = partIssues(
    parts.map((part) => ({ weight: part.weight ?? treatedSize(part.measurement), measurement: part.measurement })),
    "cohorts",
  );
  const total = raw.reduce((acc, weight) => acc + weight, 0);
  if (issues.length === 0 && !(total > 0))
    issues.push(issue(["cohorts"], "empty_group", "the cohorts have no participants to weight them by"));
  if (issues.length > 0) throw new MeasureError(issues);
  const weights = raw.map((weight) => weight / total);
  const measurements = parts.map((part) => part.measurement);
  const value = measurements.reduce((acc, m, index) => acc + weights[index]! * m.value, 0);
  const effect = measurements.reduce((acc, m, index) => acc + weights[index]! * m.effect, 0);
  const errors = measurements.map((m, index) => weights[index]! * m.standardError);
  const se = Math.sqrt(errors.reduce((acc, error) => acc + error * error, 0));
  assertPositiveSpread(se, ["cohorts"], "the pool of cohorts");
  const df = satterthwaite(
    errors,
    measurements.map((m) => m.degreesOfFreedom),
  );
  const first = measurements[0]!;
  const settings: MeasureSettings = {
    better: first.better,
    confidence: options.confidence ?? first.interval.confidence,
    scale: first.scale,
  };
  const groups: GroupEstimate[] = [];
  return finish(
    "pooled",
    {
      value,
      counterfactual: value - effect,
      effect,
      intervalError: se,
      testError: se,
      degreesOfFreedom: df,
      method: df === undefined ? "combined-z" : "welch-t",
      groups,
    },
    settings,
    first.outcome,
    parts.map((part, index) => ({
      label: part.label,
      weight: weights[index]!,
      ...ownFigures(part.measurement),
      effect: part.measurement.effect,
      standardError: part.measurement.standardError,
    })),
  );
}
