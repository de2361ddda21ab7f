import { describeValue } from "../errors/describe-value.js";
import { Dec, plain } from "../money/decimal.js";
import type { MeasurementRecord } from "../contract/measurement-format.js";
import type { ResultEvent, ResultStatus } from "../contract/event-types.js";
import type { CalendarDate } from "../contract/calendar.js";
import { frozenCopy } from "../util/freeze.js";
import type { Measurement } from "./measurement.js";

/** How many significant digits a measured figure keeps when it becomes a decimal string. */
export const MEASUREMENT_DIGITS = 12;

/**
 * A finite number as a plain decimal string with 12 significant digits (ECMAScript's `toPrecision`, which
 * the language specifies exactly, so every engine gives the same string), trailing zeros removed.
 *
 * @example toDecimalString(100 * 51 / 600) // "8.5"
 * @example toDecimalString(1 / 3)          // "0.333333333333"
 */
export function toDecimalString(value: number, digits: number = MEASUREMENT_DIGITS): string {
  if (!Number.isFinite(value))
    throw new RangeError(`assertion: a measured figure must be finite, got ${describeValue(value)}`);
  return plain(new Dec(value.toPrecision(digits)));
}

const s = toDecimalString;

/**
 * The measurement as the event format records it: every figure a decimal string of 12 significant digits.
 * The value a contract pays on is this record's `value`, exactly.
 *
 * @example
 * const record = measurementRecord(measure(request)); // decimal strings, ready for a result event
 */
export function measurementRecord(m: Measurement): MeasurementRecord {
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
            // a measurement saved before parts carried their value (e.g. as JSON) still records, without it
            ...(part.value !== undefined ? { value: s(part.value) } : {}),
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

/**
 * The verification event of a measured result: its value is the measurement's value (12 significant digits)
 * and it carries the measurement, so `settle` can apply a tranche's statistical options and `explain` shows
 * how the number that paid was obtained. The event is a frozen copy: the measurement and the options passed in
 * are neither frozen nor changed.
 *
 * @example
 * const event = measurementEvent(measurement, { id: "r-c1", metric: "reconvictions", cohort: "c1",
 *   status: "verified", verifier: "assessor", recordedAt: "2014-08-07" });
 */
export function measurementEvent(measurement: Measurement, options: MeasurementEventOptions): ResultEvent {
  const record = measurementRecord(measurement);
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
