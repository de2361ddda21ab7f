import type { ResultStatus } from "../contract/event-types.js";
import type { Basis } from "../contract/types.js";
import type { MeasurementRecord } from "../contract/measurement-format.js";
import type { MeasurementStep } from "./measurement-steps.js";

/**
 * The explanation of a settlement is a list of steps per tranche, recorded while the computation runs, so a
 * report renders exactly the numbers that were used. Every number is a decimal string, exact.
 */

/** The result a tranche depends on, as known on the settlement date, with its history. */
export interface ResultStep {
  readonly kind: "result";
  readonly metric: string;
  readonly scope: string;
  /** `missing` when no result has been reported yet. */
  readonly status: ResultStatus | "missing";
  readonly value?: string;
  readonly eventId?: string;
  readonly recordedAt?: string;
  readonly verifier?: string;
  readonly evidence?: string;
  /** How the value was measured, when the result carries a measurement. */
  readonly measurement?: MeasurementRecord;
  readonly trail: readonly {
    readonly eventId: string;
    readonly status: ResultStatus;
    readonly value: string;
    readonly recordedAt: string;
  }[];
}

/** How the number a rule works on was obtained from the measured value and the baseline. */
export interface BasisStep {
  readonly kind: "basis";
  readonly metric: string;
  readonly basis: Basis;
  readonly measured: string;
  readonly baseline: string;
  readonly baselineSource: string;
  readonly better: "higher" | "lower";
  /** The change in the metric's units, positive when better. */
  readonly improvement: string;
  /** The number the rule uses: the measured value, the improvement, or the improvement over the baseline. */
  readonly value: string;
}

/** A rate rule: the basis times the price per unit. */
export interface RateStep {
  readonly kind: "rate";
  readonly metric: string;
  readonly basisValue: string;
  readonly pricePerUnit: string;
  readonly amount: string;
}

/** A threshold rule: whether the basis reached the threshold, and what that pays. */
export interface ThresholdStep {
  readonly kind: "threshold";
  readonly metric: string;
  readonly basisValue: string;
  readonly threshold: string;
  /** How the basis is compared: `at-least` (higher is better) or `at-most` (a value where lower is better). */
  readonly comparison: "at-least" | "at-most";
  readonly met: boolean;
  /** The fixed amount paid when met (absent when the threshold gates an inner rule). */
  readonly amount?: string;
}

/** A tier table: the band the basis falls in, and its amount. */
export interface TierStep {
  readonly kind: "tier";
  readonly metric: string;
  readonly basisValue: string;
  /**
   * The index of the band the basis falls in within the rule's `tiers`, counting from 0, or `null` when it
   * falls in none (pays nothing). Texts count from 1: index 0 is "tier 1".
   */
  readonly tier: number | null;
  readonly from?: string;
  readonly to?: string;
  readonly amount: string;
}

/** A linear rule: where the basis lies among the points, and the interpolated amount. */
export interface InterpolationStep {
  readonly kind: "interpolation";
  readonly metric: string;
  readonly basisValue: string;
  readonly position: "below" | "between" | "above";
  readonly lower?: { readonly at: string; readonly amount: string };
  readonly upper?: { readonly at: string; readonly amount: string };
  /** Where the basis lies between the two points, from 0 to 1 (between only). */
  readonly fraction?: string;
  readonly amount: string;
}

/** A share of savings: the saving the basis represents, and the share paid. */
export interface SavingsShareStep {
  readonly kind: "savings-share";
  readonly metric: string;
  readonly basisValue: string;
  readonly savingPerUnit: string;
  readonly saving: string;
  readonly share: string;
  readonly amount: string;
}

/** One part of a weighted rule: its amount times its weight. */
export interface WeightStep {
  readonly kind: "weight";
  /** The index of the part within the rule's `parts`, counting from 0. Texts count from 1: index 0 is "part 1". */
  readonly part: number;
  readonly weight: string;
  readonly partAmount: string;
  readonly amount: string;
}

/** A rule's amount came out negative (the result got worse) and was raised to zero. */
export interface ZeroFloorStep {
  readonly kind: "zero-floor";
  readonly metric: string;
  readonly before: string;
}

/**
 * The tranche's prices are per unit (or per `pricedPer` units) of a quantity it states: the priced amount times
 * `value / pricedPer`, exactly, before the one rounding step. With several metrics, each metric's part is
 * multiplied alike (`before` and `amount` are the totals).
 */
export interface QuantityStep {
  readonly kind: "quantity";
  /** How many the tranche pays for, e.g. `"1000"`. */
  readonly value: string;
  /** What is counted, e.g. `"offenders"`. */
  readonly unit: string;
  /** How many the rule's prices are written for, e.g. `"100"` (`"1"`: per head). */
  readonly pricedPer: string;
  /** The amount the rule priced. */
  readonly before: string;
  /** `before × value / pricedPer`. */
  readonly amount: string;
}

/** The one rounding step to minor units, per tranche or per metric. */
export interface RoundingStep {
  readonly kind: "rounding";
  readonly mode: string;
  readonly at: "tranche" | "metric";
  readonly metric?: string;
  readonly before: string;
  readonly after: string;
}

/** The kinds of cap: per metric, per tranche, for the contract, per payer. */
export type CapKind = "metric" | "tranche" | "contract" | "payer";

/** A cap was checked; `cut` is what it removed (zero when it did not bite). */
export interface CapStep {
  readonly kind: "cap";
  readonly cap: CapKind;
  /** The metric, tranche, contract or payer id the cap belongs to. */
  readonly id: string;
  readonly limit: string;
  /** Consumed by earlier tranches (cumulative caps only). */
  readonly usedBefore: string;
  readonly before: string;
  readonly after: string;
  readonly cut: string;
}

/** The tranche's floor raised the amount. */
export interface FloorStep {
  readonly kind: "floor";
  readonly floor: string;
  readonly before: string;
  readonly after: string;
}

/** A payer's share of the tranche, or a recipient's share of a payer's part. */
export interface SplitStep {
  readonly kind: "split";
  readonly side: "payer" | "recipient";
  readonly party: string;
  /** For a recipient's part: the payer whose part is split. */
  readonly of?: string;
  readonly share: string;
  readonly amount: string;
}

/** A payment known on the settlement date. */
export interface PaymentStep {
  readonly kind: "payment";
  readonly eventId: string;
  readonly payer: string;
  readonly recipient: string;
  readonly amount: string;
  readonly paidOn: string;
}

/** The tranche's status and the reason for it. */
export interface StatusStep {
  readonly kind: "status";
  readonly status: string;
  readonly reason: string;
}

/** The steps of pricing a rule. */
export type PricingStep =
  | BasisStep
  | RateStep
  | ThresholdStep
  | TierStep
  | InterpolationStep
  | SavingsShareStep
  | WeightStep
  | ZeroFloorStep
  | FormulaStep
  | QuantityStep;

/** Any step of a tranche's computation, in the order it happened. */
export type Step =
  | ResultStep
  | PricingStep
  | RoundingStep
  | CapStep
  | FloorStep
  | SplitStep
  | PaymentStep
  | StatusStep
  | MeasurementStep
  | TermsStep;

/**
 * A formula was evaluated: its text, every value it read (metrics, parameters, named formulas, with the
 * period when not the tranche's own), every decision-table row it used, and its exact value.
 */
export interface FormulaStep {
  readonly kind: "formula";
  readonly expression: string;
  readonly reads: readonly { readonly name: string; readonly value: string }[];
  readonly lookups: readonly {
    readonly table: string;
    readonly keys: readonly string[];
    /** The index of the row used within the table's `rows`, counting from 0. Texts count from 1: index 0 is "row 1". */
    readonly row: number;
    readonly value: string;
  }[];
  readonly value: string;
  /** The metric the amount counts towards for caps and rounding, or `"(formula)"` for none. */
  readonly part: string;
}

/** The tranche was settled on amended terms: the amendments in force for its period, in the order applied. */
export interface TermsStep {
  readonly kind: "terms";
  readonly amendments: readonly {
    readonly id: string;
    readonly description: string;
    readonly agreedOn: string;
    readonly effectiveFrom: string;
  }[];
}
