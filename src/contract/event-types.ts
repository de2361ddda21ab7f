import type { CalendarDate } from "./calendar.js";
import type { Quantity } from "./primitives.js";
import type { MeasurementRecord } from "./measurement-format.js";

/**
 * The verification lifecycle of a result: `reported` by the provider or evaluator, then `verified`,
 * `disputed` (under challenge: nothing is payable on it until resolved) or `rejected` (does not count; a new
 * report is expected).
 */
export type ResultStatus = "reported" | "verified" | "disputed" | "rejected";

/**
 * A result of a metric for one period or cohort, as known from `recordedAt`. History is append-only: to
 * verify, dispute, reject or correct a result, record a new event that `restates` it by id. A restating
 * event inherits the metric, period or cohort, and value it does not give.
 */
export interface ResultEvent {
  readonly type: "result";
  readonly id: string;
  readonly metric?: string;
  readonly period?: string;
  readonly cohort?: string;
  readonly value?: Quantity;
  readonly status: ResultStatus;
  /** The calendar date from which this event is known. */
  readonly recordedAt: CalendarDate;
  /** The verifier party (required when the status is `verified`). */
  readonly verifier?: string;
  /** A reference to the evidence: a report, a dataset, a protocol number. */
  readonly evidence?: string;
  /** The id of the event this one replaces. */
  readonly restates?: string;
  readonly note?: string;
  /**
   * How the value was measured (estimator, inputs, effect, interval, p-values). A restatement without a value
   * inherits it; one with a new value and no measurement drops it.
   */
  readonly measurement?: MeasurementRecord;
}

/** A payment actually made by a payer to a recipient against a tranche. A negative amount is a refund. */
export interface PaymentEvent {
  readonly type: "payment";
  readonly id: string;
  readonly tranche: string;
  readonly payer: string;
  readonly recipient: string;
  readonly amount: string;
  /** The currency of the amount, when the file states it: it must be the contract's currency. */
  readonly currency?: string;
  readonly paidOn: CalendarDate;
  /** The date from which the payment is known (default: `paidOn`). */
  readonly recordedAt?: CalendarDate;
  readonly reference?: string;
  readonly note?: string;
}

/** An event of a contract's history: a verification result or a payment. */
export type ContractEvent = ResultEvent | PaymentEvent;

/** The date from which an event counts. */
export function knownFrom(event: ContractEvent): CalendarDate {
  return event.type === "payment" ? (event.recordedAt ?? event.paidOn) : event.recordedAt;
}
