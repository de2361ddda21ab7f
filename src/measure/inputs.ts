import * as z from "../contract/structural-schema.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { MeasureError } from "./measure-error.js";
import { describeValue } from "../errors/describe-value.js";

/**
 * The inputs of a measurement: group aggregates, and what to estimate from them. Statistics are computed with
 * JavaScript numbers (they are measurements, not money); every input is checked first so that no NaN or
 * Infinity can reach a result.
 */

/** What a participant's outcome is: yes/no (a rate), a count of events over an exposure, or a value. */
export type OutcomeKind = "binary" | "count" | "continuous";

/** A binary outcome summed over a group: `successes` of `n` participants had the outcome (e.g. left school). */
export interface BinaryAggregate {
  readonly outcome: "binary";
  readonly n: number;
  readonly successes: number;
}

/** Events counted over an exposure (participants, or person-years), e.g. 412 reconviction events among 936 people. */
export interface CountAggregate {
  readonly outcome: "count";
  readonly events: number;
  readonly exposure: number;
  /** The number of participants, when it differs from the exposure (used to weight cohorts). */
  readonly n?: number;
}

/** A continuous value summed over a group: n, Σx and Σx². */
export interface ContinuousAggregate {
  readonly outcome: "continuous";
  readonly n: number;
  readonly sum: number;
  readonly sumOfSquares: number;
}

/** One group summed up: a binary, count or continuous outcome. */
export type GroupAggregate = BinaryAggregate | CountAggregate | ContinuousAggregate;

/** A historical observation for a trend baseline: the value (in the scaled unit) at a time `at` (e.g. a year). */
export interface HistoryPoint {
  readonly at: number;
  readonly value: number;
}

/** Which direction of the effect is an improvement: it sets the one-sided p-value's alternative. */
export type Better = "higher" | "lower";

/** What every request states: the direction of improvement, and optionally the level, the unit and the test. */
interface CommonRequest {
  /** Which direction is an improvement. */
  readonly better: Better;
  /** Confidence level of the interval, between 0 and 1 (default 0.95). */
  readonly confidence?: number;
  /**
   * The unit of the estimates: a proportion, mean or rate is multiplied by `scale` (default 1, except for
   * counts: 100, i.e. events per 100 units of exposure). Baselines and history are in the scaled unit.
   */
  readonly scale?: number;
  /**
   * Which test: absent, the library chooses (the large-sample test of the method, except for a proportion
   * against a fixed baseline where the normal approximation is unsafe — n·p₀ < 5, n·(1 − p₀) < 5, no success or
   * no failure — which gets the exact binomial test). `"normal"`: the large-sample test, always. `"exact"`:
   * for event counts (a comparison or a fixed baseline), exact p-values from the Poisson distribution
   * (`poisson-exact`, the interval stays the normal one); for a proportion against a fixed baseline, the exact
   * binomial test with the Clopper–Pearson interval (`binomial-exact`).
   */
  readonly test?: "normal" | "exact";
  /**
   * Yates's continuity correction of the proportion tests (`one-proportion-z` against a fixed baseline,
   * `two-proportion-z` between two groups), as R's `prop.test(correct = TRUE)`: |effect| is reduced by
   * min(½·(1/n₁ + 1/n₂), |effect|) (min(1/(2n), |effect|) against a fixed baseline; times the scale) before it is
   * divided by the standard error, and the interval is widened by the same amount. Default `false`: the plain
   * z-tests outcome contracts write down. An exact test needs no correction and ignores it.
   */
  readonly continuityCorrection?: boolean;
}

/** The level of one group (a proportion, mean or rate) with its confidence interval; no test. */
export interface LevelRequest extends CommonRequest {
  readonly estimator: "level";
  readonly treatment: GroupAggregate;
}

/** The change against a fixed historical baseline (taken as known without error). */
export interface FixedBaselineRequest extends CommonRequest {
  readonly estimator: "fixed-baseline";
  readonly treatment: GroupAggregate;
  readonly baseline: number;
}

/** The change against a baseline projected to `at` by a least-squares line through `history`. */
export interface TrendBaselineRequest extends CommonRequest {
  readonly estimator: "trend-baseline";
  readonly treatment: GroupAggregate;
  readonly history: readonly HistoryPoint[];
  readonly at: number;
}

/** Treatment against a comparison (or randomised control) group. */
export interface ComparisonRequest extends CommonRequest {
  readonly estimator: "comparison";
  readonly treatment: GroupAggregate;
  readonly comparison: GroupAggregate;
}

/** Difference-in-differences: (treatment after − before) − (comparison after − before). */
export interface DifferenceInDifferencesRequest extends CommonRequest {
  readonly estimator: "difference-in-differences";
  readonly treatment: { readonly before: GroupAggregate; readonly after: GroupAggregate };
  readonly comparison: { readonly before: GroupAggregate; readonly after: GroupAggregate };
}

/** What `measure` estimates, from which group aggregates. */
export type MeasureRequest =
  | LevelRequest
  | FixedBaselineRequest
  | TrendBaselineRequest
  | ComparisonRequest
  | DifferenceInDifferencesRequest;

/** Every estimator a measurement can name: those of `measure`, plus blends and pools of cohorts. */
export type Estimator = MeasureRequest["estimator"] | "blend" | "pooled";

// `z.number()` refuses NaN and ±Infinity itself.
const count = z.number({
  error: (iss) =>
    iss.input === undefined ? "expected a number" : `expected a finite number, got ${describeValue(iss.input)}`,
});

/** One of a few words, refused with what was expected and what was given (`got the text "sideways"`). */
function choice<T extends string>(values: readonly [T, ...T[]], expected: string) {
  return z.enum(values, {
    error: (iss) => (iss.input === undefined ? expected : `${expected}, got ${describeValue(iss.input)}`),
  });
}
const aggregateSchema = z.discriminatedUnion(
  "outcome",
  [
    z.strictObject({ outcome: z.literal("binary"), n: count, successes: count }),
    z.strictObject({ outcome: z.literal("count"), events: count, exposure: count, n: z.optional(count) }),
    z.strictObject({ outcome: z.literal("continuous"), n: count, sum: count, sumOfSquares: count }),
  ],
  { error: "expected a group aggregate whose outcome is binary, count or continuous" },
);
/** The options every measurement request has, checked alike by `measure` and `measureRecords`. */
export const commonFields = {
  better: choice(["higher", "lower"], "expected which direction is better: higher or lower"),
  confidence: z.optional(count),
  scale: z.optional(count),
  test: z.optional(choice(["normal", "exact"], "expected the test: normal or exact")),
  continuityCorrection: z.optional(
    z.boolean({
      error: (iss) =>
        iss.input === undefined
          ? "expected the continuity correction as true or false"
          : `expected the continuity correction as true or false, got ${describeValue(iss.input)}`,
    }),
  ),
};
const common = commonFields;
const requestSchema = z.discriminatedUnion(
  "estimator",
  [
    z.strictObject({ estimator: z.literal("level"), treatment: aggregateSchema, ...common }),
    z.strictObject({ estimator: z.literal("fixed-baseline"), treatment: aggregateSchema, baseline: count, ...common }),
    z.strictObject({
      estimator: z.literal("trend-baseline"),
      treatment: aggregateSchema,
      history: z.array(z.strictObject({ at: count, value: count })),
      at: count,
      ...common,
    }),
    z.strictObject({
      estimator: z.literal("comparison"),
      treatment: aggregateSchema,
      comparison: aggregateSchema,
      ...common,
    }),
    z.strictObject({
      estimator: z.literal("difference-in-differences"),
      treatment: z.strictObject({ before: aggregateSchema, after: aggregateSchema }),
      comparison: z.strictObject({ before: aggregateSchema, after: aggregateSchema }),
      ...common,
    }),
  ],
  { error: "expected an estimator: level, fixed-baseline, trend-baseline, comparison or difference-in-differences" },
);

type Path = readonly (string | number)[];

/** The problems of one group aggregate, each with its path. */
export function aggregateIssues(group: GroupAggregate, path: Path): InputIssue[] {
  const issues: InputIssue[] = [];
  const wholeCount = (value: number, key: string, what: string) => {
    if (value < 0) issues.push(issue([...path, key], "negative_count", `${what} cannot be negative (got ${value})`));
    else if (!Number.isInteger(value))
      issues.push(issue([...path, key], "not_whole", `${what} must be a whole number (got ${value})`));
  };
  if (group.outcome === "count") {
    wholeCount(group.events, "events", "a count of events");
    if (group.exposure === 0)
      issues.push(
        issue(
          [...path, "exposure"],
          "zero_exposure",
          "the exposure is zero: a rate of events per exposure is undefined",
        ),
      );
    else if (group.exposure < 0)
      issues.push(
        issue([...path, "exposure"], "negative_exposure", `the exposure cannot be negative (got ${group.exposure})`),
      );
    if (group.n !== undefined) {
      wholeCount(group.n, "n", "a number of participants");
      if (group.n === 0) issues.push(issue([...path, "n"], "empty_group", "the group has no participants"));
    }
    return issues;
  }
  wholeCount(group.n, "n", "a number of participants");
  if (group.n === 0) issues.push(issue([...path, "n"], "empty_group", "the group has no participants"));
  if (group.outcome === "binary") {
    wholeCount(group.successes, "successes", "a number of successes");
    if (group.successes > group.n && group.n >= 0) {
      issues.push(
        issue(
          [...path, "successes"],
          "proportion_above_1",
          `${group.successes} successes among ${group.n} participants: a proportion cannot be above 1`,
        ),
      );
    }
    return issues;
  }
  if (group.n === 1)
    issues.push(issue([...path, "n"], "too_few_participants", "a mean's spread needs at least 2 participants"));
  if (group.n >= 2 && group.sumOfSquares < ((group.sum * group.sum) / group.n) * (1 - 1e-12)) {
    issues.push(
      issue(
        [...path, "sumOfSquares"],
        "inconsistent_sum_of_squares",
        `the sum of squares ${group.sumOfSquares} is below (sum)²/n = ${(group.sum * group.sum) / group.n}: it cannot come from real values`,
      ),
    );
  } else if (group.n >= 2 && Number.isInteger(group.n) && lostSpread(group)) {
    const spread = group.sumOfSquares - group.sum * (group.sum / group.n);
    issues.push(
      issue(
        [...path, "sumOfSquares"],
        "insufficient_precision",
        `the sums cannot carry this group's spread: sumOfSquares − sum²/n = ${Number(spread.toPrecision(3))} is within the rounding error of sumOfSquares = ${Number(group.sumOfSquares.toPrecision(6))} (fewer than ${VARIANCE_DIGITS} of its significant digits are left: the mean is too large against the spread for double precision), so a variance, an interval or a p-value from them would be rounding noise: pass the participant records to measureRecords instead, which keep the spread's digits (and tell whether the outcome varies at all)`,
      ),
    );
  }
  return issues;
}

/**
 * The fewest significant digits of a variance computed from sums that a measurement accepts. The variance of
 * an aggregate is (Σx² − Σx·x̄)/(n − 1): the subtraction cancels about log₁₀(Σx² / (Σx² − Σx·x̄)) ≈
 * log₁₀((mean/sd)²) of the 15.6 digits Σx² carries as a double (and Σx² itself may carry fewer, if it was
 * summed naively). Below this many digits the result is rounding noise — a confident p-value from nothing — so
 * such an aggregate is refused (`insufficient_precision`): roughly, when |mean| exceeds 670,000 standard deviations.
 */
export const VARIANCE_DIGITS = 4;

/** True when Σx² − Σx·x̄ keeps fewer than `VARIANCE_DIGITS` significant digits of Σx² (which is then above 0). */
function lostSpread(group: ContinuousAggregate): boolean {
  const spread = group.sumOfSquares - group.sum * (group.sum / group.n);
  return group.sumOfSquares > 0 && spread < 10 ** VARIANCE_DIGITS * Number.EPSILON * group.sumOfSquares;
}

/** Problems of the options every request has (confidence level, scale) and of a trend's history. */
export function commonIssues(
  request: {
    readonly confidence?: number;
    readonly scale?: number;
    readonly estimator: string;
    readonly history?: readonly HistoryPoint[];
    readonly test?: string;
    readonly baseline?: number;
    readonly continuityCorrection?: boolean;
  },
  outcome: OutcomeKind,
): InputIssue[] {
  const issues: InputIssue[] = [];
  const binaryBaseline = outcome === "binary" && request.estimator === "fixed-baseline";
  if (request.test === "exact") {
    const counts =
      outcome === "count" && (request.estimator === "comparison" || request.estimator === "fixed-baseline");
    if (!counts && !binaryBaseline) {
      issues.push(
        issue(
          ["test"],
          "exact_test_unavailable",
          `the exact test is for event counts compared with a comparison group or a fixed baseline, and for a proportion against a fixed baseline (got ${outcome} outcomes, estimator ${request.estimator})`,
        ),
      );
    } else if (
      counts &&
      request.estimator === "fixed-baseline" &&
      request.baseline !== undefined &&
      request.baseline < 0
    ) {
      issues.push(
        issue(["baseline"], "negative_baseline", `an event rate cannot be negative (got ${request.baseline})`),
      );
    }
  }
  const scale = request.scale ?? 1;
  if (
    binaryBaseline &&
    Number.isFinite(request.baseline) &&
    scale > 0 &&
    !(request.baseline! >= 0 && request.baseline! <= scale)
  ) {
    issues.push(
      issue(
        ["baseline"],
        "baseline_out_of_range",
        `a baseline proportion lies between 0 and the scale ${scale} (got ${request.baseline}): the test asks how likely the treated group's count is if its proportion were the baseline`,
      ),
    );
  }
  if (
    request.continuityCorrection === true &&
    !(outcome === "binary" && (binaryBaseline || request.estimator === "comparison"))
  ) {
    issues.push(
      issue(
        ["continuityCorrection"],
        "continuity_correction_unavailable",
        `the continuity correction is for the proportion tests: a proportion against a fixed baseline, or two proportions (got ${outcome} outcomes, estimator ${request.estimator})`,
      ),
    );
  }
  if (request.confidence !== undefined && !(request.confidence > 0 && request.confidence < 1)) {
    issues.push(
      issue(
        ["confidence"],
        "confidence_out_of_range",
        `the confidence level must lie strictly between 0 and 1, e.g. 0.95 (got ${request.confidence})`,
      ),
    );
  }
  if (request.scale !== undefined && !(request.scale > 0 && Number.isFinite(request.scale))) {
    issues.push(
      issue(
        ["scale"],
        "non_positive_scale",
        `the scale must be positive, e.g. 100 for "per 100" (got ${request.scale})`,
      ),
    );
  }
  if (request.estimator === "trend-baseline") {
    const history = request.history ?? [];
    if (history.length < 3) {
      issues.push(
        issue(
          ["history"],
          "too_few_points",
          `a trend needs at least 3 historical points to estimate its own uncertainty (got ${history.length})`,
        ),
      );
    } else if (new Set(history.map((point) => point.at)).size < 2) {
      issues.push(
        issue(
          ["history"],
          "flat_history_times",
          "the historical points all have the same time: no trend can be fitted",
        ),
      );
    }
  }
  return issues;
}

/** Problems of the request as a whole: the common options, the groups, groups of one outcome kind. */
function requestIssues(request: MeasureRequest): InputIssue[] {
  const groups = groupsOf(request);
  const issues = commonIssues(request, groups[0]![1].outcome);
  for (const [path, group] of groups) issues.push(...aggregateIssues(group, path));
  const first = groups[0]![1].outcome;
  for (const [path, group] of groups.slice(1)) {
    if (group.outcome !== first)
      issues.push(
        issue(
          [...path, "outcome"],
          "mixed_outcomes",
          `every group must have the same kind of outcome: expected ${first}, got ${group.outcome}`,
        ),
      );
  }
  return issues;
}

/** The group aggregates of a request, each with its path. */
export function groupsOf(request: MeasureRequest): [Path, GroupAggregate][] {
  switch (request.estimator) {
    case "level":
    case "fixed-baseline":
    case "trend-baseline":
      return [[["treatment"], request.treatment]];
    case "comparison":
      return [
        [["treatment"], request.treatment],
        [["comparison"], request.comparison],
      ];
    case "difference-in-differences":
      return [
        [["treatment", "before"], request.treatment.before],
        [["treatment", "after"], request.treatment.after],
        [["comparison", "before"], request.comparison.before],
        [["comparison", "after"], request.comparison.after],
      ];
  }
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let current = input;
  for (const key of path)
    current =
      current !== null && typeof current === "object" ? (current as Record<string | number, unknown>)[key] : undefined;
  return current;
}

/**
 * Checks a measurement request: structure (the schema), then the arithmetic a schema cannot say.
 * @throws MeasureError listing every problem with its path.
 */
export function parseMeasureRequest(input: unknown): MeasureRequest {
  const structural = requestSchema.safeParse(input);
  if (!structural.success) {
    // `estimator` and `outcome` play the part of `type` here: an unknown one is an unknown type, as for rules.
    const issues = structural.error.map((found) => {
      const last = found.path[found.path.length - 1];
      return found.code === "invalid_type" &&
        (last === "estimator" || last === "outcome") &&
        typeof valueAt(input, found.path) === "string"
        ? issue(found.path, "unknown_type", found.message)
        : found;
    });
    throw new MeasureError(issues);
  }
  const request = structural.data as MeasureRequest;
  const issues = requestIssues(request);
  if (issues.length > 0) throw new MeasureError(issues);
  return request;
}
