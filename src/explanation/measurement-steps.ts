/**
 * The steps that show how a measurement entered pricing: the counterfactual used as the baseline, the
 * significance gate, the conservative bound, a missing measurement, and the Peterborough fallback to a
 * pooled cohort. Every number is a decimal string, as in the other steps.
 */

/** The tranche prices against the measurement's counterfactual instead of the metric's fixed baseline. */
export interface CounterfactualStep {
  readonly kind: "counterfactual";
  readonly metric: string;
  readonly eventId: string;
  readonly estimator: string;
  readonly counterfactual: string;
  /** The metric's own baseline, which this replaces. */
  readonly contractBaseline: string;
}

/** The significance gate: pays only when the p-value of the stated test is below the level. */
export interface SignificanceStep {
  readonly kind: "significance";
  readonly metric: string;
  readonly test: "one-sided" | "two-sided";
  readonly level: string;
  readonly pValue: string;
  readonly effect: string;
  readonly better: "higher" | "lower";
  readonly met: boolean;
}

/** The value priced is the end of the confidence interval worse for the provider. */
export interface ConservativeBoundStep {
  readonly kind: "conservative-bound";
  readonly metric: string;
  readonly confidence: string;
  /** The measured value (the estimate). */
  readonly estimate: string;
  /** The end of the effect's interval used. */
  readonly effectBound: string;
  readonly counterfactual?: string;
  /** The value priced: counterfactual + effectBound (or the bound of the value itself, for a level). */
  readonly value: string;
}

/** A statistical option needs what the result does not carry: the tranche pays nothing on it. */
export interface MissingMeasurementStep {
  readonly kind: "missing-measurement";
  readonly metric: string;
  readonly eventId?: string;
  /** What is missing: the measurement, its counterfactual, or its p-value. */
  readonly missing: "measurement" | "counterfactual" | "p-value";
}

/** The cohort did not clear its own rule, so it is paid on the pooled result instead (Peterborough). */
export interface CohortFallbackStep {
  readonly kind: "cohort-fallback";
  readonly cohort: string;
  readonly pooledCohort: string;
  readonly dueDate: string;
}

/** The steps that show how a measurement entered pricing. */
export type MeasurementStep =
  | CounterfactualStep
  | SignificanceStep
  | ConservativeBoundStep
  | MissingMeasurementStep
  | CohortFallbackStep;
