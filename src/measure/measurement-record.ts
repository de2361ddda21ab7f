import * as z from "../contract/structural-schema.js";
import { ArgumentError, ISSUED_MEASUREMENT, requireIssued } from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import { Dec, plain } from "../money/decimal.js";
import type { MeasurementRecord } from "../contract/measurement-format.js";
import type { ResultEvent, ResultStatus } from "../contract/event-types.js";
import type { CalendarDate } from "../contract/calendar.js";
import { calendarDateSchema, idSchema } from "../contract/primitives.js";
import { frozenCopy } from "../util/freeze.js";
import type { Measurement } from "./measurement.js";
import { methodWords } from "./method-words.js";
import { normalCdf, normalQuantile, normalSf } from "./distribution-core.js";

/** How many significant digits a measured figure keeps when it becomes a decimal string. */
export const MEASUREMENT_DIGITS = 12;

/** The significant digits `toDecimalString` takes: those of ECMAScript's `toPrecision`. */
const DIGITS_RANGE = { min: 1, max: 100 } as const;

/** A finite number as a plain decimal string of `digits` significant digits (both checked by the caller). */
function decimalText(value: number, digits: number): string {
  return plain(new Dec(value.toPrecision(digits)));
}

/**
 * A finite number as a plain decimal string with 12 significant digits (ECMAScript's `toPrecision`, which
 * the language specifies exactly, so every engine gives the same string), trailing zeros removed.
 *
 * @example toDecimalString(100 * 51 / 600) // "8.5"
 * @example toDecimalString(1 / 3)          // "0.333333333333"
 * @throws ArgumentError when `value` is not a finite number (`not_a_number` at `$.value`), or `digits` is not a
 * whole number (`not_a_number`, `not_whole`) from 1 to 100 (`out_of_range`) at `$.digits`.
 */
export function toDecimalString(value: number, digits: number = MEASUREMENT_DIGITS): string {
  const issues: InputIssue[] = [];
  if (typeof value !== "number" || !Number.isFinite(value))
    issues.push(issue(["value"], "not_a_number", `expected a finite number, got ${describeValue(value)}`));
  const expected = `a whole number of significant digits from ${DIGITS_RANGE.min} to ${DIGITS_RANGE.max}`;
  if (typeof digits !== "number" || !Number.isFinite(digits))
    issues.push(issue(["digits"], "not_a_number", `expected ${expected}, got ${describeValue(digits)}`));
  else if (!Number.isInteger(digits))
    issues.push(issue(["digits"], "not_whole", `expected ${expected}, got ${describeValue(digits)}`));
  else if (digits < DIGITS_RANGE.min || digits > DIGITS_RANGE.max)
    issues.push(issue(["digits"], "out_of_range", `expected ${expected}, got ${describeValue(digits)}`));
  if (issues.length > 0) throw new ArgumentError(issues);
  return decimalText(value, digits);
}

/** A figure of a measurement the library issued (finite, by construction) as the record writes it. */
const s = (value: number): string => decimalText(value, MEASUREMENT_DIGITS);

/**
 * The measurement as the event format records it: every figure a decimal string of 12 significant digits.
 * The value a contract pays on is this record's `value`, exactly.
 *
 * @example
 * const record = measurementRecord(measure(request)); // decimal strings, ready for a result event
 * @throws ArgumentError (`not_a_measurement` at `$.measurement`) when `m` is not a measurement as `measure`,
 * `measureRecords`, `measureCohorts`, `blend` or `poolCohorts` returned it (a copy, or one read back from JSON,
 * is not taken: measure again).
 */
export function measurementRecord(m: Measurement): MeasurementRecord {
  requireIssued(m, ISSUED_MEASUREMENT, "measurementRecord", "measurement");
  return recordOf(m);
}

/** The record of a measurement the library issued. */
function recordOf(m: Measurement): MeasurementRecord {
  return frozenCopy({
    estimator: m.estimator,
    method: m.method,
    methodText: m.methodText,
    outcome: m.outcome,
    better: m.better,
    scale: s(m.scale),
    value: s(m.value),
    ...(m.counterfactual !== undefined ? { counterfactual: s(m.counterfactual) } : {}),
    effect: s(m.effect),
    ...(m.relativeEffect !== undefined ? { relativeEffect: s(m.relativeEffect) } : {}),
    standardError: s(m.standardError),
    ...(m.statistic !== undefined ? { statistic: s(m.statistic) } : {}),
    ...(m.degreesOfFreedom !== undefined ? { degreesOfFreedom: s(m.degreesOfFreedom) } : {}),
    ...(m.continuityCorrection !== undefined ? { continuityCorrection: s(m.continuityCorrection) } : {}),
    interval: { confidence: s(m.interval.confidence), lower: s(m.interval.lower), upper: s(m.interval.upper) },
    ...(m.pValue !== undefined ? { pValue: { oneSided: s(m.pValue.oneSided), twoSided: s(m.pValue.twoSided) } } : {}),
    inputs: m.groups.map((group) => ({
      label: group.label,
      ...(group.n !== undefined ? { n: s(group.n) } : {}),
      ...(group.successes !== undefined ? { successes: s(group.successes) } : {}),
      ...(group.events !== undefined ? { events: s(group.events) } : {}),
      ...(group.exposure !== undefined ? { exposure: s(group.exposure) } : {}),
      ...(group.mean !== undefined ? { mean: s(group.mean) } : {}),
      ...(group.standardDeviation !== undefined ? { standardDeviation: s(group.standardDeviation) } : {}),
      estimate: s(group.estimate),
      standardError: s(group.standardError),
    })),
    ...(m.parts !== undefined
      ? {
          parts: m.parts.map((part) => ({
            label: part.label,
            weight: s(part.weight),
            value: s(part.value),
            ...(part.counterfactual !== undefined ? { counterfactual: s(part.counterfactual) } : {}),
            effect: s(part.effect),
            standardError: s(part.standardError),
          })),
        }
      : {}),
  });
}

/** Where and how a measured result is recorded. */
export interface MeasurementEventOptions {
  readonly id: string;
  readonly metric: string;
  readonly period?: string;
  readonly cohort?: string;
  readonly status: ResultStatus;
  readonly recordedAt: CalendarDate;
  readonly verifier?: string;
  readonly evidence?: string;
  readonly note?: string;
}

/** What the options of `measurementEvent` may say: the fields of a result event, checked as `parseEvents` checks them. */
const eventOptionsSchema = z.strictObject({
  id: idSchema,
  metric: idSchema,
  period: z.optional(idSchema),
  cohort: z.optional(idSchema),
  status: z.enum(["reported", "verified", "disputed", "rejected"], {
    error: "expected a status: reported, verified, disputed or rejected",
  }),
  recordedAt: calendarDateSchema,
  verifier: z.optional(idSchema),
  evidence: z.optional(z.string({ error: "expected the evidence as text" })),
  note: z.optional(z.string({ error: "expected the note as text" })),
});

/**
 * The verification event of a measured result: its value is the measurement's value (12 significant digits)
 * and it carries the measurement, so `settle` can apply a tranche's statistical options and `explain` shows
 * how the number that paid was obtained. The event is a frozen copy: the options passed in are neither frozen
 * nor changed.
 *
 * @example
 * const event = measurementEvent(measurement, { id: "r-c1", metric: "reconvictions", cohort: "c1",
 *   status: "verified", verifier: "assessor", recordedAt: "2014-08-07" });
 * @throws ArgumentError (`not_a_measurement` at `$.measurement`) when `measurement` is not one the library
 * returned (see `measurementRecord`); OptionsError listing every problem of the options with its path (`$.id`,
 * `$.recordedAt`, …): options that are not an object or a field of the wrong type (`invalid_type`), a field
 * missing (`required`), an id, a status or a date the event format does not take (`invalid_id`,
 * `invalid_choice`, `invalid_date`), an unknown key (`unknown_key`).
 */
export function measurementEvent(measurement: Measurement, options: MeasurementEventOptions): ResultEvent {
  requireIssued(measurement, ISSUED_MEASUREMENT, "measurementEvent", "measurement");
  const checked = eventOptionsSchema.safeParse(options);
  if (!checked.success) throw new OptionsError(checked.error);
  const record = recordOf(measurement);
  return frozenCopy({
    type: "result",
    id: options.id,
    metric: options.metric,
    ...(options.period !== undefined ? { period: options.period } : {}),
    ...(options.cohort !== undefined ? { cohort: options.cohort } : {}),
    value: record.value,
    status: options.status,
    recordedAt: options.recordedAt,
    ...(options.verifier !== undefined ? { verifier: options.verifier } : {}),
    ...(options.evidence !== undefined ? { evidence: options.evidence } : {}),
    ...(options.note !== undefined ? { note: options.note } : {}),
    measurement: record,
  });
}

/** The method of every simulated measurement, in the words of the reports (its standard error is the stated one). */
const SIMULATED_METHOD_TEXT = methodWords({ method: "combined-z" }, "en");

/** How a simulated result is measured: against a counterfactual, with a known standard error (normal approximation). */
export interface NormalMeasurementModel {
  /** What would have happened anyway, in the metric's unit. */
  readonly counterfactual: number;
  /** The standard error of the effect, in the metric's unit (above 0). */
  readonly standardError: number;
  /** The confidence level of the interval, between 0 and 1. */
  readonly confidence: number;
}

/**
 * @internal The record of a value measured against a fixed counterfactual with a known standard error, by the
 * normal approximation: effect = value − counterfactual, z = effect / standard error, the interval effect ± q·SE,
 * the one-sided p-value toward an improvement and the two-sided one. What a simulation run's result carries when
 * the contract prices measured results (statistical options): a measurement drawn like the value.
 */
export function normalMeasurementRecord(
  value: string,
  better: "higher" | "lower",
  model: NormalMeasurementModel,
): MeasurementRecord {
  const { counterfactual, standardError, confidence } = model;
  const effect = Number(value) - counterfactual;
  const statistic = effect / standardError;
  const half = normalQuantile((1 + confidence) / 2) * standardError;
  const oneSided = better === "higher" ? normalSf(statistic) : normalCdf(statistic);
  const twoSided = Math.min(1, 2 * normalSf(Math.abs(statistic)));
  return frozenCopy({
    estimator: "comparison",
    method: "combined-z",
    methodText: SIMULATED_METHOD_TEXT,
    outcome: "continuous",
    better,
    scale: "1",
    value,
    counterfactual: s(counterfactual),
    effect: s(effect),
    standardError: s(standardError),
    statistic: s(statistic),
    interval: { confidence: s(confidence), lower: s(effect - half), upper: s(effect + half) },
    pValue: { oneSided: s(oneSided), twoSided: s(twoSided) },
    inputs: [],
  });
}
