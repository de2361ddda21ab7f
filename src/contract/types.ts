import type { RoundingMode } from "../money/rounding.js";
import type { CalendarDate } from "./calendar.js";
import type { Quantity } from "./primitives.js";
import type { RateCard } from "./rate-card-types.js";

/**
 * The contract format. Every type here is plain, readonly, JSON-ready data: what `parseContract` returns
 * is exactly what a contract file says (frozen), so a contract survives a JSON round-trip unchanged.
 */

/** The roles a party can play. A party may play several (a municipality is often payer and beneficiary). */
export type PartyRole =
  | "outcome-payer"
  | "provider"
  | "investor"
  | "intermediary"
  | "verifier"
  | "beneficiary";

export interface Party {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly PartyRole[];
}

/** What a metric measures: a share (rate), a count, events per exposure (frequency), an average, money. */
export type MetricKind = "rate" | "count" | "frequency" | "mean" | "amount";

/** A fixed historical baseline: the value observed in a stated period, and where it comes from. */
export interface Baseline {
  readonly value: Quantity;
  readonly period: { readonly start: CalendarDate; readonly end: CalendarDate };
  readonly source: string;
}

export interface Metric {
  readonly id: string;
  readonly name: string;
  /** The unit the values are in, e.g. `"%"`, `"pupils"`, `"events per 100"`. */
  readonly unit: string;
  readonly kind: MetricKind;
  /** Which direction is an improvement. */
  readonly better: "higher" | "lower";
  readonly baseline: Baseline;
}

/** A reporting period: calendar dates, both inclusive. */
export interface Period {
  readonly id: string;
  readonly label?: string;
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

/** A cohort of participants (e.g. the pupils enrolled in one school year). */
export interface Cohort {
  readonly id: string;
  readonly label?: string;
  readonly enrolledFrom?: CalendarDate;
  readonly enrolledTo?: CalendarDate;
}

/**
 * What a pricing rule is computed on:
 * - `value`: the measured value itself;
 * - `improvement`: the change against the baseline in the metric's units, positive when better
 *   (baseline − value when lower is better);
 * - `relative-improvement`: that change as a fraction of the baseline (0.10 = a 10% improvement).
 */
export type Basis = "value" | "improvement" | "relative-improvement";

interface MetricRule {
  readonly metric: string;
  readonly basis: Basis;
}

/** Pays `pricePerUnit` for each unit of the basis (e.g. 25,000 per percentage point of reduction). */
export interface RateRule extends MetricRule {
  readonly type: "rate";
  readonly pricePerUnit: string;
}

/**
 * A threshold gate: nothing unless the basis is at least as good as `threshold`; then a fixed `amount`, or
 * what the inner rule `then` computes. "At least as good" follows the metric's direction on the `value`
 * basis, and means "at least" on the improvement bases.
 */
export interface ThresholdRule extends MetricRule {
  readonly type: "threshold";
  readonly threshold: Quantity;
  readonly amount?: string;
  readonly then?: PricingRule;
}

/** A step table: the amount of the band the basis falls in; bands are `[from, to)`, with no overlap. */
export interface TiersRule extends MetricRule {
  readonly type: "tiers";
  readonly tiers: readonly { readonly from: Quantity; readonly to?: Quantity; readonly amount: string }[];
}

/**
 * Linear interpolation between points `(at, amount)` sorted by `at`: nothing below the first point, the last
 * amount above the last point, straight lines in between.
 */
export interface LinearRule extends MetricRule {
  readonly type: "linear";
  readonly points: readonly { readonly at: Quantity; readonly amount: string }[];
}

/** A share of a stated saving: basis × `savingPerUnit` × `share` (e.g. 95% of 12,000 per child-year avoided). */
export interface SavingsShareRule extends MetricRule {
  readonly type: "savings-share";
  readonly savingPerUnit: string;
  readonly share: string;
}

/** Weights across rules (usually one per metric): Σ weightᵢ × amountᵢ, the weights adding up to 100%. */
export interface WeightedRule {
  readonly type: "weighted";
  readonly parts: readonly { readonly weight: string; readonly rule: PricingRule }[];
}

export type PricingRule = RateRule | ThresholdRule | TiersRule | LinearRule | SavingsShareRule | WeightedRule;

/** A party's share of a tranche, as a payer or a recipient. */
export interface Share {
  readonly party: string;
  /** `"60%"` or `"0.6"`; the shares of one list add up to exactly 100%. */
  readonly share: string;
}

/** What a tranche pays for: one reporting period or one cohort. */
export type Coverage = { readonly period: string } | { readonly cohort: string };

export interface Tranche {
  readonly id: string;
  readonly label?: string;
  readonly covers: Coverage;
  readonly dueDate: CalendarDate;
  readonly pricing: PricingRule;
  /** The most this tranche can pay. */
  readonly cap?: string;
  /** The least this tranche pays once its results are verified (default zero). */
  readonly floor?: string;
  readonly payers: readonly Share[];
  readonly recipients: readonly Share[];
}

/**
 * Where the single rounding step applies:
 * - `tranche`: the tranche's priced amount (all its metrics together) is rounded once;
 * - `metric`: each metric's part of a tranche is rounded once, and the parts are added.
 */
export interface RoundingPolicy {
  readonly mode: RoundingMode;
  readonly at: "tranche" | "metric";
}

/** Cumulative caps across the contract's tranches, consumed in order of due date then tranche id. */
export interface Caps {
  readonly contract?: string;
  readonly perMetric?: Readonly<Record<string, string>>;
  readonly perPayer?: Readonly<Record<string, string>>;
}

export interface Contract {
  /** The JSON Schema the file declares, for editors; ignored by the library. */
  readonly $schema?: string;
  readonly id: string;
  readonly title: string;
  readonly currency: string;
  readonly rounding: RoundingPolicy;
  readonly term: { readonly start: CalendarDate; readonly end: CalendarDate };
  readonly parties: readonly Party[];
  readonly metrics: readonly Metric[];
  readonly periods: readonly Period[];
  readonly cohorts?: readonly Cohort[];
  readonly tranches: readonly Tranche[];
  readonly caps?: Caps;
  /** Participant-level outcome prices and claim rules, settled by `settleClaims` (see docs/rate-cards.md). */
  readonly rateCard?: RateCard;
}
