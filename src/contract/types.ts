import type { RoundingMode } from "../money/rounding.js";
import type { CalendarDate } from "./calendar.js";
import type { Quantity } from "./primitives.js";
import type { CohortFallback, StatisticsOptions } from "./measurement-format.js";
import type { Finance } from "./finance-types.js";
import type { RateCard } from "./rate-card-types.js";

/**
 * The contract format. Every type here is plain, readonly, JSON-ready data: what `parseContract` returns
 * is exactly what a contract file says (frozen), so a contract survives a JSON round-trip unchanged.
 */

/** The roles a party can play. A party may play several (a municipality is often payer and beneficiary). */
export type PartyRole = "outcome-payer" | "provider" | "investor" | "intermediary" | "verifier" | "beneficiary";

/** A party to the contract, with the roles it plays. */
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

/** An outcome metric: what is measured, in which unit, which direction is better, and its baseline. */
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

/**
 * A formula over the tranche's results, the contract's parameters, named formulas, decision tables and prior
 * periods (see docs/formulas.md), e.g. `"improvement.dropout * param.pricePerPoint"`. Its amount counts
 * towards the cap and the rounding of `metric` when given, else of the one metric it reads, else of none.
 */
export interface FormulaRule {
  readonly type: "formula";
  readonly expression: string;
  readonly metric?: string;
}

/** How a tranche turns results into an amount: one of the pricing shapes. */
export type PricingRule =
  | RateRule
  | ThresholdRule
  | TiersRule
  | LinearRule
  | SavingsShareRule
  | WeightedRule
  | FormulaRule;

/** A party's share of a tranche, as a payer or a recipient. */
export interface Share {
  readonly party: string;
  /** `"60%"` or `"0.6"`; the shares of one list add up to exactly 100%. */
  readonly share: string;
}

/** What a tranche pays for: one reporting period or one cohort. */
export type Coverage = { readonly period: string } | { readonly cohort: string };

/**
 * How many of something a tranche pays for (offenders in a cohort, places commissioned), when its prices are
 * written per head or per so many heads: the tranche's priced amount is multiplied by `value / pricedPer` before
 * the one rounding step. E.g. a Peterborough-style price per reconviction event avoided per 100 offenders, for a
 * cohort of 1,000: `{ "value": "1000", "unit": "offenders", "pricedPer": "100" }` multiplies by 10.
 */
export interface TrancheQuantity {
  /** How many: a positive number or decimal string, e.g. `"1000"`. */
  readonly value: Quantity;
  /** What is counted, e.g. `"offenders"` (shown in the explanation). */
  readonly unit: string;
  /** How many of them the rule's prices are written for: a positive number or decimal string, `"1"` when absent. */
  readonly pricedPer?: Quantity;
}

/** A payment tranche: what it covers, when it is due, how it is priced, capped and split. */
export interface Tranche {
  readonly id: string;
  readonly label?: string;
  readonly covers: Coverage;
  readonly dueDate: CalendarDate;
  readonly pricing: PricingRule;
  /**
   * The quantity the rule's prices are per unit of (or per `pricedPer` units of): the priced amount, on the
   * tranche's own result or on a pooled fallback, is multiplied by `value / pricedPer` before rounding.
   */
  readonly quantity?: TrancheQuantity;
  /** The most this tranche can pay. */
  readonly cap?: string;
  /** The least this tranche pays once its results are verified (default zero). */
  readonly floor?: string;
  readonly payers: readonly Share[];
  readonly recipients: readonly Share[];
  /** Statistical options: price against a measured counterfactual, gate on significance, price on a bound. */
  readonly statistics?: StatisticsOptions;
  /** For a cohort tranche: pay on a pooled result instead when the cohort does not clear its own rule. */
  readonly fallback?: CohortFallback;
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

/** A pay-by-results contract, as `parseContract` returns it: plain, frozen, JSON-ready data. */
export interface Contract {
  /** The JSON Schema the file declares, for editors; ignored by the library. */
  readonly $schema?: string;
  readonly id: string;
  readonly title: string;
  /**
   * An ISO 4217 code in capitals, e.g. `"EUR"`: one the library knows (`knownCurrencies`), or any other code of
   * three capital letters when `currencyMinorUnits` states its minor units.
   */
  readonly currency: string;
  /**
   * The minor units of a currency the library does not know (a code newer than its ISO 4217 table, a unit of
   * account such as XDR): how many digits after the point its amounts have, 0 to 4. Leave it out for a code the
   * library knows; when given, it must agree with ISO 4217.
   */
  readonly currencyMinorUnits?: number;
  readonly rounding: RoundingPolicy;
  readonly term: { readonly start: CalendarDate; readonly end: CalendarDate };
  readonly parties: readonly Party[];
  readonly metrics: readonly Metric[];
  readonly periods: readonly Period[];
  readonly cohorts?: readonly Cohort[];
  readonly tranches: readonly Tranche[];
  readonly caps?: Caps;
  /** The investors' side: commitments, drawdowns, the distribution waterfall and guarantees. */
  readonly finance?: Finance;
  /** Named values for formulas (prices, weights, region codes), amendable. */
  readonly parameters?: Readonly<Record<string, ParameterValue>>;
  /** The per-line inputs formulas priced by `priceLines` read (`input.quantity`), with their types. */
  readonly inputs?: Readonly<Record<string, "number" | "text">>;
  readonly formulas?: readonly NamedFormula[];
  readonly tables?: readonly DecisionTable[];
  readonly amendments?: readonly Amendment[];
  /** Participant-level outcome prices and claim rules, settled by `settleClaims` (see docs/rate-cards.md). */
  readonly rateCard?: RateCard;
  /** Where the contract is on the path to a deal (default `"pay-by-results"`); see docs/fis-path.md. */
  readonly stage?: ContractStage;
  /** The programme's area of intervention, e.g. `"early-school-leaving"` (the FIS profile checks it). */
  readonly area?: string;
  /** How the effect will be measured and how large a sample it needs (required at design and experiment). */
  readonly measurementPlan?: MeasurementPlan;
}

// formulas, decision tables and amendments

/** A parameter of the contract: a decimal (`"12.50"`, `"5%"`) or a text (`{ "text": "north" }`, a table key). */
export type ParameterValue = string | { readonly text: string };

/** A named formula (a derived metric), usable by id from other formulas: `formula.qualityScore` or `qualityScore`. */
export interface NamedFormula {
  readonly id: string;
  readonly expression: string;
  readonly description?: string;
}

/** A decision table: the row whose keys match (`"*"` matches any) and that is most specific gives the value. */
export interface DecisionTable {
  readonly id: string;
  readonly label?: string;
  /** The names of the input columns, e.g. `["region", "facilityType"]`. */
  readonly inputs: readonly string[];
  readonly rows: readonly DecisionTableRow[];
}

/** A row of a decision table: its keys, its output, and when it applies. */
export interface DecisionTableRow {
  /** One key per input column, or `"*"` for any. */
  readonly when: readonly string[];
  /** The output value: a decimal string. */
  readonly then: string;
  /** The first day the row applies (inclusive; open when absent). */
  readonly validFrom?: CalendarDate;
  /** The last day the row applies (inclusive; open when absent). */
  readonly validTo?: CalendarDate;
}

/** One change an amendment makes: a parameter's value, a formula's expression, or a tranche's terms. */
export type AmendmentChange =
  | { readonly parameter: string; readonly value: ParameterValue }
  | { readonly formula: string; readonly expression: string }
  | { readonly tranche: string; readonly pricing?: PricingRule; readonly cap?: string; readonly floor?: string };

/**
 * A dated change to the contract. It applies to the tranches whose period starts on or after `effectiveFrom`
 * (for a cohort: whose `enrolledFrom` is on or after it), and only in settlements as of `agreedOn` or later.
 */
export interface Amendment {
  readonly id: string;
  readonly description: string;
  readonly agreedOn: CalendarDate;
  readonly effectiveFrom: CalendarDate;
  readonly changes: readonly AmendmentChange[];
}

export type * from "./finance-types.js";
export type { ContractStage, MeasurementPlan } from "./stage-format.js";
import type { ContractStage, MeasurementPlan } from "./stage-format.js";
