import * as z from "./structural-schema.js";
import { compare, exactOfText, sign } from "../formula/exact.js";
import { isDecimalString } from "../money/decimal-text.js";

/** A plain decimal text already checked by `isDecimalString`, read exactly. */
const read = (text: string) => exactOfText(text)!;
const ONE = read("1");
import { issue, type InputIssue } from "../errors/validation-error.js";
import type { CalendarDate } from "./calendar.js";
import { calendarDateSchema, idSchema, shareSchema } from "./primitives.js";
import type { PricingRule } from "./types.js";

/**
 * The measurement format: what a result event carries about how its value was measured, and the
 * statistical options of a tranche. Every figure is a decimal string (the measure layer writes 12
 * significant digits), so the ledger stays exact JSON and `explain` shows the very numbers that paid.
 */

/** How a result's value was measured: the estimator, the method, the inputs, the effect and its uncertainty. */
export interface MeasurementRecord {
  readonly estimator:
    | "level"
    | "fixed-baseline"
    | "trend-baseline"
    | "comparison"
    | "difference-in-differences"
    | "blend"
    | "pooled";
  readonly method:
    | "wald-z"
    | "one-proportion-z"
    | "binomial-exact"
    | "two-proportion-z"
    | "poisson-rate-z"
    | "one-sample-t"
    | "welch-t"
    | "combined-z"
    | "poisson-exact";
  /** The method in words. */
  readonly methodText?: string;
  readonly outcome: "binary" | "count" | "continuous";
  readonly better: "higher" | "lower";
  /** The unit of the figures, e.g. "100" for percentages or events per 100. */
  readonly scale: string;
  /** The treated group's measured value: must equal the event's value. */
  readonly value: string;
  /** What would have happened anyway (absent for a plain level). */
  readonly counterfactual?: string;
  /** value − counterfactual (or the value, for a level). */
  readonly effect: string;
  readonly relativeEffect?: string;
  readonly standardError: string;
  readonly statistic?: string;
  readonly degreesOfFreedom?: string;
  /** Yates's continuity correction taken off |effect| for the test and added to the interval, when applied. */
  readonly continuityCorrection?: string;
  /** The confidence interval of the effect; `confidence` as a fraction, e.g. "0.95". */
  readonly interval: { readonly confidence: string; readonly lower: string; readonly upper: string };
  /** P-values of "no effect": one-sided toward an improvement, and two-sided. */
  readonly pValue?: { readonly oneSided: string; readonly twoSided: string };
  /** What each group contributed. */
  readonly inputs: readonly {
    readonly label: string;
    readonly n?: string;
    readonly successes?: string;
    readonly events?: string;
    readonly exposure?: string;
    readonly mean?: string;
    readonly standardDeviation?: string;
    readonly estimate: string;
    readonly standardError: string;
  }[];
  /**
   * Blends and pools: the parts and their weights, each with its own measured value and counterfactual (when
   * recorded: records written before they were added have neither), so the pooled or blended figures can be
   * checked by hand: Σ weight × effect, and the value and counterfactual likewise.
   */
  readonly parts?: readonly {
    readonly label: string;
    readonly weight: string;
    /** The part's own measured value. */
    readonly value?: string;
    /** The part's own counterfactual. */
    readonly counterfactual?: string;
    readonly effect: string;
    readonly standardError: string;
  }[];
}

/**
 * The statistical options of a tranche (all optional):
 * - `baseline`: `"contract"` (default) prices against the metric's fixed baseline; `"measurement"` prices
 *   against the counterfactual the result's measurement carries (comparison group, trend, DiD, ...);
 * - `significance`: pay only when the measured effect is significant at `level` (p < level), one- or two-sided;
 * - `priceOn`: `"estimate"` (default), or `"conservative-bound"` to price on the end of the confidence
 *   interval that is worse for the provider.
 * A tranche with any of these options pays nothing on a result without a measurement, and says why.
 */
export interface StatisticsOptions {
  readonly baseline?: "contract" | "measurement";
  readonly significance?: { readonly level: string; readonly test: "one-sided" | "two-sided" };
  readonly priceOn?: "estimate" | "conservative-bound";
}

/**
 * The Peterborough pattern for a cohort tranche: when the cohort does not clear its own rule (its pricing
 * pays nothing), the tranche is paid instead on the pooled result of cohort `cohort` (e.g. all cohorts
 * together) with `pricing`, from `dueDate`. A cohort is thus paid on its own result or on the pool, never both.
 */
export interface CohortFallback {
  readonly cohort: string;
  readonly dueDate: CalendarDate;
  readonly pricing: PricingRule;
}

const decimal = z.string({ error: 'expected a decimal string, e.g. "0.0123"' }).check(
  z.refine(isDecimalString, {
    error: 'expected a plain decimal string (no exponent), e.g. "0.0123"',
    params: { code: "invalid_decimal" },
  }),
);

const probability = decimal.check(
  z.refine((text) => !isDecimalString(text) || (sign(read(text)) >= 0 && compare(read(text), ONE) <= 0), {
    error: "a p-value lies between 0 and 1",
    params: { code: "p_value_out_of_range" },
  }),
);

/** The estimators a measurement record may name (`MeasurementRecord["estimator"]`). */
export const MEASUREMENT_ESTIMATORS = [
  "level",
  "fixed-baseline",
  "trend-baseline",
  "comparison",
  "difference-in-differences",
  "blend",
  "pooled",
] as const satisfies readonly MeasurementRecord["estimator"][];

export const measurementRecordSchema = z
  .strictObject({
    estimator: z.choice("an estimator", MEASUREMENT_ESTIMATORS),
    method: z.choice("a method", [
      "wald-z",
      "one-proportion-z",
      "binomial-exact",
      "two-proportion-z",
      "poisson-rate-z",
      "one-sample-t",
      "welch-t",
      "combined-z",
      "poisson-exact",
    ]),
    methodText: z.optional(z.string()),
    outcome: z.choice("an outcome", ["binary", "count", "continuous"]),
    better: z.choice("which direction is better", ["higher", "lower"]),
    scale: decimal,
    value: decimal,
    counterfactual: z.optional(decimal),
    effect: decimal,
    relativeEffect: z.optional(decimal),
    standardError: decimal,
    statistic: z.optional(decimal),
    degreesOfFreedom: z.optional(decimal),
    continuityCorrection: z.optional(decimal),
    interval: z.strictObject({ confidence: decimal, lower: decimal, upper: decimal }),
    pValue: z.optional(z.strictObject({ oneSided: probability, twoSided: probability })),
    inputs: z.array(
      z.strictObject({
        label: z.string(),
        n: z.optional(decimal),
        successes: z.optional(decimal),
        events: z.optional(decimal),
        exposure: z.optional(decimal),
        mean: z.optional(decimal),
        standardDeviation: z.optional(decimal),
        estimate: decimal,
        standardError: decimal,
      }),
    ),
    parts: z.optional(
      z.array(
        z.strictObject({
          label: z.string(),
          weight: decimal,
          value: z.optional(decimal),
          counterfactual: z.optional(decimal),
          effect: decimal,
          standardError: decimal,
        }),
      ),
    ),
  })
  .check(
    z.superRefine((record, context) => {
      const ok = (text: string | undefined) => text !== undefined && isDecimalString(text);
      if (ok(record.interval.lower) && ok(record.interval.upper) && ok(record.effect)) {
        const lower = read(record.interval.lower);
        const upper = read(record.interval.upper);
        const effect = read(record.effect);
        if (compare(lower, upper) > 0 || compare(effect, lower) < 0 || compare(effect, upper) > 0) {
          context.addIssue({
            code: "custom",
            path: ["interval"],
            message: "the interval must run from lower to upper and contain the effect",
            params: { code: "interval_excludes_effect" },
          });
        }
      }
      // a leading minus (even on zero, "-0") is negative, as the decimal reading always had it
      if (ok(record.standardError) && record.standardError!.startsWith("-")) {
        context.addIssue({
          code: "custom",
          path: ["standardError"],
          message: "a standard error cannot be negative",
          params: { code: "negative_standard_error" },
        });
      }
    }),
  );

export const statisticsOptionsSchema = z.strictObject({
  baseline: z.optional(z.choice("the baseline to price against", ["contract", "measurement"])),
  significance: z.optional(
    z.strictObject({
      level: shareSchema,
      test: z.choice("the test", ["one-sided", "two-sided"]),
    }),
  ),
  priceOn: z.optional(z.choice("what to price on", ["estimate", "conservative-bound"])),
});

export const cohortFallbackSchema = (pricingRuleSchema: z.Schema) =>
  z.strictObject({ cohort: idSchema, dueDate: calendarDateSchema, pricing: pricingRuleSchema });

/**
 * The checks of a tranche's statistical options and fallback that need the whole contract.
 * `checkRule` is the contract's own rule check, applied to the fallback's pricing.
 */
export function measurementOptionIssues(
  tranche: {
    readonly covers: { readonly period: string } | { readonly cohort: string };
    readonly dueDate: string;
    readonly statistics?: StatisticsOptions;
    readonly fallback?: CohortFallback;
  },
  path: readonly (string | number)[],
  cohorts: ReadonlySet<string>,
): InputIssue[] {
  const issues: InputIssue[] = [];
  const level = tranche.statistics?.significance?.level;
  if (level !== undefined) {
    const value = exactOfText(level);
    if (value === undefined || !(sign(value) > 0 && compare(value, ONE) < 0)) {
      issues.push(
        issue(
          [...path, "statistics", "significance", "level"],
          "significance_level_out_of_range",
          `a significance level lies strictly between 0% and 100%, e.g. "5%" (got "${level}")`,
        ),
      );
    }
  }
  const fallback = tranche.fallback;
  if (fallback !== undefined) {
    if (!("cohort" in tranche.covers)) {
      issues.push(
        issue(
          [...path, "fallback"],
          "fallback_needs_cohort",
          "a fallback to a pooled result applies to a tranche that covers a cohort",
        ),
      );
    } else if (tranche.covers.cohort === fallback.cohort) {
      issues.push(
        issue(
          [...path, "fallback", "cohort"],
          "fallback_to_itself",
          "the fallback must be a different (pooled) cohort than the one the tranche covers",
        ),
      );
    }
    if (!cohorts.has(fallback.cohort))
      issues.push(
        issue(
          [...path, "fallback", "cohort"],
          "unknown_cohort",
          `unknown cohort "${fallback.cohort}": declare it under cohorts`,
        ),
      );
    if (fallback.dueDate < tranche.dueDate) {
      issues.push(
        issue(
          [...path, "fallback", "dueDate"],
          "fallback_before_due",
          `the fallback is due ${fallback.dueDate}, before the tranche itself (${tranche.dueDate})`,
        ),
      );
    }
  }
  return issues;
}

/**
 * A tranche that pays on a pooled cohort, beside cohort tranches that fall back on the same pool, would pay the
 * pooled result twice: once itself, and once through each fallback that applies. Refused, at the pooled tranche.
 */
export function pooledTwiceIssues(
  tranches: readonly {
    readonly id: string;
    readonly covers: { readonly period: string } | { readonly cohort: string };
    readonly fallback?: CohortFallback;
  }[],
): InputIssue[] {
  const fallingBack = new Map<string, string[]>();
  for (const tranche of tranches) {
    if (tranche.fallback !== undefined)
      fallingBack.set(tranche.fallback.cohort, [...(fallingBack.get(tranche.fallback.cohort) ?? []), tranche.id]);
  }
  return tranches.flatMap((tranche, index) => {
    if (!("cohort" in tranche.covers)) return [];
    const cohort = tranche.covers.cohort;
    // a fallback to the tranche's own cohort is fallback_to_itself, reported with the fallback
    const others = (fallingBack.get(cohort) ?? []).filter((id) => id !== tranche.id);
    if (others.length === 0) return [];
    return [
      issue(
        ["tranches", index, "covers", "cohort"],
        "pool_paid_twice",
        `tranche ${tranche.id} pays on cohort ${cohort}, the pool that ${others.join(", ")} fall${others.length === 1 ? "s" : ""} back on: the pooled result would pay twice; pay the pool through the fallbacks or through this tranche, not both`,
      ),
    ];
  });
}

/**
 * The problems of a result's measurement against the result and its metric: the value must be the value
 * measured, and the measurement's direction (which sets its one-sided p-value) the metric's.
 */
export function measurementIssues(
  index: number,
  value: number | string,
  record: MeasurementRecord,
  better: "higher" | "lower" | undefined,
): InputIssue[] {
  const issues: InputIssue[] = [];
  const shown = typeof value === "number" ? String(value) : value;
  if (isDecimalString(shown) && isDecimalString(record.value) && compare(read(shown), read(record.value)) !== 0) {
    issues.push(
      issue(
        [index, "measurement", "value"],
        "measurement_value_mismatch",
        `the measurement's value ${record.value} is not the result's value ${shown}: the value paid must be the value measured`,
      ),
    );
  }
  if (better !== undefined && record.better !== better) {
    issues.push(
      issue(
        [index, "measurement", "better"],
        "measurement_direction_mismatch",
        `the measurement takes ${record.better} as better, but the metric says ${better} is better: its one-sided p-value tests the wrong direction`,
      ),
    );
  }
  return issues;
}
