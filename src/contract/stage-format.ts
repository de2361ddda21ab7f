import * as z from "./structural-schema.js";
import { SMALLEST_SIGNIFICANCE } from "../design/design-error.js";
import { exactOfText, plainText } from "../formula/exact.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { idSchema, quantitySchema, shareSchema } from "./primitives.js";
import type { Quantity } from "./primitives.js";
import type { Contract } from "./types.js";

/**
 * The stages of a contract on the path from a feasibility study to a deal (the FIS's interventions I, II, III):
 * - `design`: the indicators, their baselines and the measurement model; prices are optional (indicative);
 * - `experiment`: the pilot that tests the model: the same, with results recorded as they are measured;
 * - `pay-by-results`: the deal: tranches with pricing, payers and recipients (the default when absent).
 */
export type ContractStage = "design" | "experiment" | "pay-by-results";

/** The stages, in the order a contract goes through them. */
export const CONTRACT_STAGES: readonly ContractStage[] = /* @__PURE__ */ Object.freeze([
  "design",
  "experiment",
  "pay-by-results",
]);

/**
 * How the effect on the primary indicator will be measured, and the sample it is planned on. Shares are
 * decimal strings (`"5%"`, `"0.8"`), sizes whole numbers of participants (or of exposure, for event rates).
 */
export interface MeasurementPlan {
  /** The primary indicator the study is powered on. */
  readonly metric: string;
  /** The estimator of the measure layer the evaluator will use. */
  readonly estimator: "fixed-baseline" | "trend-baseline" | "comparison" | "difference-in-differences";
  /** Whether there is a comparison (or control) group; `comparison` and `difference-in-differences` need one. */
  readonly comparisonGroup: boolean;
  /** Planned sizes: the treated group, and the comparison group when there is one. */
  readonly sampleSize: { readonly treatment: number; readonly comparison?: number };
  /** The significance level α, e.g. `"5%"`. */
  readonly significance: string;
  /** The power 1 − β wanted, e.g. `"80%"`. */
  readonly power: string;
  /** `one-sided` tests only for an improvement; default `two-sided`. */
  readonly alternative?: "one-sided" | "two-sided";
  /** For a mean: the standard deviation of the outcome, in the metric's unit. */
  readonly standardDeviation?: Quantity;
  /** The effect the study hopes to detect, in the metric's unit (an improvement, positive). */
  readonly expectedEffect?: Quantity;
  /** The metric's unit against a whole: 100 when a rate is in % or a frequency per 100 (default 1). */
  readonly scale?: number;
}

const wholePositive = z
  .number({ error: "expected a whole number of participants" })
  .check(z.int("expected a whole number of participants"), z.positive("a sample size must be at least 1"));

/** The optional stage keys of a contract, spread into the contract schema. */
export const stageFormatSchema = {
  stage: z.optional(z.choice("a stage", ["design", "experiment", "pay-by-results"])),
  area: z.optional(idSchema),
  measurementPlan: z.optional(
    z.strictObject({
      metric: idSchema,
      estimator: z.choice("an estimator", [
        "fixed-baseline",
        "trend-baseline",
        "comparison",
        "difference-in-differences",
      ]),
      comparisonGroup: z.boolean({ error: "expected true or false: is there a comparison group?" }),
      sampleSize: z.strictObject({ treatment: wholePositive, comparison: z.optional(wholePositive) }),
      significance: shareSchema,
      power: shareSchema,
      alternative: z.optional(z.enum(["one-sided", "two-sided"], { error: "expected one-sided or two-sided" })),
      standardDeviation: z.optional(quantitySchema),
      expectedEffect: z.optional(quantitySchema),
      scale: z.optional(
        z
          .number({ error: "expected the scale as a number, e.g. 100 for percentages" })
          .check(z.positive("the scale must be above zero")),
      ),
    }),
  ),
};

/** A decimal text (`"0.8"`, `"5%"`) as a JavaScript number, or NaN when it is not one. */
const fraction = (text: string): number => {
  const value = exactOfText(text);
  return value === undefined ? Number.NaN : Number(plainText(value));
};

/**
 * The checks of a contract's stage: what a design and an experiment need (a measurement plan that fits the
 * metrics), and the cross-references of the plan. Tranches absent at the pay-by-results stage are reported by
 * `tranchesRequired`, before the other checks (which need them).
 */
export function checkStage(contract: Contract): InputIssue[] {
  const issues: InputIssue[] = [];
  const stage = contract.stage ?? "pay-by-results";
  const plan = contract.measurementPlan;
  if (stage !== "pay-by-results" && plan === undefined) {
    issues.push(
      issue(
        ["measurementPlan"],
        "missing_measurement_plan",
        `a contract at the ${stage} stage needs a measurementPlan: the primary indicator, the estimator, the planned sample sizes, the significance level and the power`,
      ),
    );
  }
  if (plan === undefined) return issues;
  const at = (...path: (string | number)[]) => ["measurementPlan", ...path];
  const metric = contract.metrics.find((entry) => entry.id === plan.metric);
  if (metric === undefined)
    issues.push(issue(at("metric"), "unknown_metric", `unknown metric "${plan.metric}": declare it under metrics`));
  const needsComparison = plan.estimator === "comparison" || plan.estimator === "difference-in-differences";
  if (needsComparison && !plan.comparisonGroup) {
    issues.push(
      issue(
        at("comparisonGroup"),
        "comparison_group_needed",
        `the ${plan.estimator} estimator compares with a comparison group: set comparisonGroup to true`,
      ),
    );
  }
  if (!needsComparison && plan.comparisonGroup) {
    issues.push(
      issue(
        at("estimator"),
        "estimator_without_comparison",
        `there is a comparison group, but the ${plan.estimator} estimator does not use it: choose comparison or difference-in-differences`,
      ),
    );
  }
  if (plan.comparisonGroup && plan.sampleSize.comparison === undefined) {
    issues.push(
      issue(
        at("sampleSize", "comparison"),
        "required",
        '"comparison" is required: give the planned size of the comparison group',
      ),
    );
  }
  if (!plan.comparisonGroup && plan.sampleSize.comparison !== undefined) {
    issues.push(
      issue(
        at("sampleSize", "comparison"),
        "no_comparison_group",
        "there is no comparison group (comparisonGroup is false), so it has no size: remove it or set comparisonGroup to true",
      ),
    );
  }
  const significance = fraction(plan.significance);
  const power = fraction(plan.power);
  if (!(significance >= SMALLEST_SIGNIFICANCE && significance < 0.5)) {
    issues.push(
      issue(
        at("significance"),
        "invalid_significance",
        `the significance level must be from 0.0000001% (10⁻⁹) to below 50% (usually 5%), not ${plan.significance}`,
      ),
    );
  }
  if (!(power >= 0.5 && power < 1)) {
    issues.push(
      issue(
        at("power"),
        "invalid_power",
        `the power must be from 50% to below 100% (usually 80% or 90%), not ${plan.power}`,
      ),
    );
  }
  if (metric !== undefined && metric.kind === "mean" && plan.standardDeviation === undefined) {
    issues.push(
      issue(
        at("standardDeviation"),
        "required",
        `"standardDeviation" is required: metric "${metric.id}" is a mean, and its sample needs the outcome's standard deviation`,
      ),
    );
  }
  if (plan.standardDeviation !== undefined && !(fraction(String(plan.standardDeviation)) > 0)) {
    issues.push(
      issue(at("standardDeviation"), "invalid_standard_deviation", "the standard deviation must be above zero"),
    );
  }
  if (plan.expectedEffect !== undefined && !(fraction(String(plan.expectedEffect)) > 0)) {
    issues.push(
      issue(
        at("expectedEffect"),
        "invalid_effect",
        "the expected effect is an improvement, so it must be above zero (the metric's direction says which way is better)",
      ),
    );
  }
  return issues;
}

/**
 * A pay-by-results contract without tranches: the one stage rule checked before the cross-references. (An
 * empty list is the schema's to report; a rate card contract may have no tranches.)
 */
export function tranchesRequired(
  contract: Omit<Contract, "tranches"> & { readonly tranches?: Contract["tranches"] },
): InputIssue[] {
  if (
    (contract.stage ?? "pay-by-results") !== "pay-by-results" ||
    contract.tranches !== undefined ||
    contract.rateCard !== undefined
  )
    return [];
  return [
    issue(
      ["tranches"],
      "required",
      '"tranches" is required: a pay-by-results contract needs at least one payment tranche (only a design or an experiment may leave them out)',
    ),
  ];
}
