import * as z from "../contract/structural-schema.js";
import { describeValue, quoted } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { poolCohorts } from "./combine.js";
import { defaultScale, type GroupMoments } from "./group-estimate.js";
import { measureMoments, type MeasureSettings, type MomentsRequest } from "./estimators.js";
import { commonFields, commonIssues, type Better, type HistoryPoint, type OutcomeKind } from "./inputs.js";
import { MeasureError } from "./measure-error.js";
import type { Measurement } from "./measurement.js";

/**
 * One participant's observation. Which outcome field is read depends on the request's `outcome`:
 * `outcome` (true/false or 1/0) for binary, `events` (and `exposure`, default 1) for count, `value` for
 * continuous. `period` is any label (e.g. `"before"`, `"2027"`); `cohort` an id.
 */
export interface ParticipantRecord {
  readonly group: "treatment" | "comparison";
  readonly cohort?: string;
  readonly period?: string;
  readonly outcome?: boolean | 0 | 1;
  readonly events?: number;
  readonly exposure?: number;
  readonly value?: number;
}

/** What to measure from participant records. */
export interface RecordsRequest {
  readonly estimator: "level" | "fixed-baseline" | "trend-baseline" | "comparison" | "difference-in-differences";
  readonly outcome: OutcomeKind;
  readonly better: Better;
  readonly confidence?: number;
  readonly scale?: number;
  /**
   * `"exact"`: exact Poisson p-values for counts, the exact binomial test for a proportion against a fixed
   * baseline; `"normal"`: the large-sample test; absent: the library chooses (see `MeasureRequest`).
   */
  readonly test?: "normal" | "exact";
  /** Yates's continuity correction of the proportion tests (see `MeasureRequest`); default `false`. */
  readonly continuityCorrection?: boolean;
  /** fixed-baseline: the baseline in the scaled unit. */
  readonly baseline?: number;
  /** trend-baseline: the history and the time to project to. */
  readonly history?: readonly HistoryPoint[];
  readonly at?: number;
  /** Only the records of this period (all other estimators than difference-in-differences). */
  readonly period?: string;
  /** difference-in-differences: the labels of the period before and the period after. */
  readonly periods?: { readonly before: string; readonly after: string };
  /** Only the records of this cohort. */
  readonly cohort?: string;
}

/**
 * A running summary of one group. Continuous values are summed as deviations from the group's first value
 * (the "shifted data" method): as fast as plain sums, and it keeps the variance's digits when the mean is
 * large against the spread, where Σx² − (Σx)²/n would cancel them.
 */
class Accumulator {
  n = 0;
  successes = 0;
  events = 0;
  exposure = 0;
  shift = 0;
  sumDeviation = 0;
  sumSquaredDeviation = 0;
  add(record: ParticipantRecord, outcome: OutcomeKind): void {
    this.n += 1;
    if (outcome === "binary") {
      if (record.outcome === true || record.outcome === 1) this.successes += 1;
    } else if (outcome === "count") {
      this.events += record.events!;
      this.exposure += record.exposure ?? 1;
    } else {
      if (this.n === 1) this.shift = record.value!;
      const deviation = record.value! - this.shift;
      this.sumDeviation += deviation;
      this.sumSquaredDeviation += deviation * deviation;
    }
  }
  get mean(): number {
    return this.n === 0 ? 0 : this.shift + this.sumDeviation / this.n;
  }
  /** Σ (x − mean)². */
  get m2(): number {
    return this.n === 0 ? 0 : Math.max(0, this.sumSquaredDeviation - (this.sumDeviation * this.sumDeviation) / this.n);
  }
  moments(outcome: OutcomeKind): GroupMoments {
    if (outcome === "binary") return { outcome, n: this.n, successes: this.successes };
    if (outcome === "count") return { outcome, events: this.events, exposure: this.exposure, n: this.n };
    return { outcome, n: this.n, mean: this.mean, variance: this.n > 1 ? this.m2 / (this.n - 1) : 0 };
  }
}

const MAX_ISSUES = 100;
/** Separates the parts of a group key; cannot occur in an id and is unlikely in a period label. */
const SEP = "\u001f";

const finite = (value: unknown) => typeof value === "number" && Number.isFinite(value);

/** The problems of one record, for this outcome kind. */
function recordIssues(record: ParticipantRecord, index: number, outcome: OutcomeKind, issues: InputIssue[]): void {
  if (record === null || typeof record !== "object") {
    issues.push(issue([index], "invalid_type", "expected a participant record (an object)"));
    return;
  }
  if (record.group !== "treatment" && record.group !== "comparison") {
    issues.push(
      issue(
        [index, "group"],
        "invalid_choice",
        `expected a group: treatment or comparison (got ${quoted(record.group)})`,
      ),
    );
  }
  for (const key of ["period", "cohort"] as const) {
    if (record[key] !== undefined && typeof record[key] !== "string")
      issues.push(issue([index, key], "invalid_type", `expected the ${key} as a string`));
  }
  if (outcome === "binary") {
    const o = record.outcome;
    if (o === undefined)
      issues.push(
        issue([index, "outcome"], "required", '"outcome" is required for a binary outcome (true/false or 1/0)'),
      );
    else if (o !== true && o !== false && o !== 0 && o !== 1) {
      issues.push(
        issue(
          [index, "outcome"],
          typeof o === "number" && o > 1 ? "proportion_above_1" : "invalid_type",
          `a binary outcome is true/false or 1/0 (got ${quoted(o)})`,
        ),
      );
    }
  } else if (outcome === "count") {
    if (record.events === undefined)
      issues.push(issue([index, "events"], "required", '"events" is required for a count outcome'));
    else if (!finite(record.events))
      issues.push(issue([index, "events"], "invalid_type", "expected the events as a finite number"));
    else if (record.events < 0)
      issues.push(
        issue([index, "events"], "negative_count", `a count of events cannot be negative (got ${record.events})`),
      );
    else if (!Number.isInteger(record.events))
      issues.push(
        issue([index, "events"], "not_whole", `a count of events must be a whole number (got ${record.events})`),
      );
    if (record.exposure !== undefined) {
      if (!finite(record.exposure))
        issues.push(issue([index, "exposure"], "invalid_type", "expected the exposure as a finite number"));
      else if (record.exposure < 0)
        issues.push(
          issue([index, "exposure"], "negative_exposure", `the exposure cannot be negative (got ${record.exposure})`),
        );
    }
  } else if (record.value === undefined) {
    issues.push(issue([index, "value"], "required", '"value" is required for a continuous outcome'));
  } else if (!finite(record.value)) {
    issues.push(issue([index, "value"], "invalid_type", "expected the value as a finite number"));
  }
}

/** Groups of records keyed `group|period|cohort`, summarised in one pass after checking every record. */
function summarise(
  records: readonly ParticipantRecord[],
  outcome: OutcomeKind,
  cohortOf: (record: ParticipantRecord) => string,
): Map<string, { accumulator: Accumulator; first: number }> {
  if (!Array.isArray(records))
    throw new MeasureError([issue([], "invalid_type", "expected a list (array) of participant records")]);
  const issues: InputIssue[] = [];
  const groups = new Map<string, { accumulator: Accumulator; first: number }>();
  for (let index = 0; index < records.length; index += 1) {
    const record = records[index]!;
    const before = issues.length;
    recordIssues(record, index, outcome, issues);
    if (issues.length > before) {
      if (issues.length >= MAX_ISSUES) break;
      continue;
    }
    const key = record.group + SEP + (record.period ?? "") + SEP + cohortOf(record);
    let entry = groups.get(key);
    if (entry === undefined) {
      entry = { accumulator: new Accumulator(), first: index };
      groups.set(key, entry);
    }
    entry.accumulator.add(record, outcome);
  }
  if (issues.length > 0) throw new MeasureError(issues);
  return groups;
}

function requestIssues(request: RecordsRequest): InputIssue[] {
  const issues = commonIssues(request, request.outcome);
  if (request.estimator === "fixed-baseline" && !Number.isFinite(request.baseline))
    issues.push(issue(["baseline"], "required", '"baseline" is required for a fixed-baseline estimate'));
  if (request.estimator === "trend-baseline" && !Number.isFinite(request.at))
    issues.push(issue(["at"], "required", '"at" is required: the time to project the trend to'));
  if (request.estimator === "difference-in-differences" && request.periods === undefined) {
    issues.push(
      issue(["periods"], "required", '"periods" is required for difference-in-differences: { before, after }'),
    );
  }
  return issues;
}

/** The moments of the groups a request needs, from one cohort's records (or all, with `cohort` unset). */
function momentsRequest(
  groups: ReadonlyMap<string, { accumulator: Accumulator; first: number }>,
  request: RecordsRequest,
  cohort: string,
): MomentsRequest {
  const issues: InputIssue[] = [];
  const entries = [...groups.entries()]
    .map(([key, entry]) => {
      const [group, period, owner] = key.split(SEP) as [string, string, string];
      return { group, period, owner, entry };
    })
    .filter((entry) => entry.owner === cohort)
    .map(({ group, period, entry }) => {
      return { group, period, entry };
    });
  const where = cohort === "" ? "" : ` of cohort ${cohort}`;
  const cell = (group: string, period: string | undefined): GroupMoments | undefined => {
    const matching = entries.filter(
      (entry) => entry.group === group && (period === undefined || entry.period === period),
    );
    if (matching.length === 0) {
      issues.push(
        issue([], "empty_group", `no ${group} records${period !== undefined ? ` for period "${period}"` : ""}${where}`),
      );
      return undefined;
    }
    if (matching.length === 1) return matching[0]!.entry.accumulator.moments(request.outcome);
    const merged = new Accumulator();
    for (const { entry } of matching) mergeInto(merged, entry.accumulator);
    return merged.moments(request.outcome);
  };

  if (request.estimator === "difference-in-differences") {
    const { before, after } = request.periods!;
    for (const entry of entries) {
      if (entry.period !== before && entry.period !== after) {
        issues.push(
          issue(
            [entry.entry.first, "period"],
            "mismatched_period",
            `period "${entry.period}" is neither the period before ("${before}") nor after ("${after}")`,
          ),
        );
      }
    }
    const cells = {
      tb: cell("treatment", before),
      ta: cell("treatment", after),
      cb: cell("comparison", before),
      ca: cell("comparison", after),
    };
    if (issues.length > 0) throw new MeasureError(issues);
    return {
      estimator: "difference-in-differences",
      treatment: { before: cells.tb!, after: cells.ta! },
      comparison: { before: cells.cb!, after: cells.ca! },
    };
  }
  if (request.estimator === "comparison") {
    if (request.period === undefined) {
      // Both groups must cover the same periods: a comparison from another time is no counterfactual.
      const periodsOf = (group: string) =>
        new Set(entries.filter((entry) => entry.group === group).map((entry) => entry.period));
      const treated = periodsOf("treatment");
      const compared = periodsOf("comparison");
      for (const entry of entries) {
        const other = entry.group === "treatment" ? compared : treated;
        if (other.size > 0 && !other.has(entry.period)) {
          const otherName = entry.group === "treatment" ? "comparison" : "treatment";
          issues.push(
            issue(
              [entry.entry.first, "period"],
              "mismatched_periods",
              `${entry.group} records${where} have period "${entry.period}" but no ${otherName} record has it: compare the same periods, or choose one with "period"`,
            ),
          );
        }
      }
    }
    const treatment = cell("treatment", request.period);
    const comparison = cell("comparison", request.period);
    if (issues.length > 0) throw new MeasureError(issues);
    return { estimator: "comparison", treatment: treatment!, comparison: comparison! };
  }
  const treatment = cell("treatment", request.period);
  if (issues.length > 0) throw new MeasureError(issues);
  return {
    estimator: request.estimator,
    treatment: treatment!,
    ...(request.baseline !== undefined ? { baseline: request.baseline } : {}),
    ...(request.history !== undefined ? { history: request.history } : {}),
    ...(request.at !== undefined ? { at: request.at } : {}),
  };
}

/** Adds `source` to `target` (Chan et al.'s pairwise update of the mean and the sum of squared deviations). */
function mergeInto(target: Accumulator, source: Accumulator): void {
  const n = target.n + source.n;
  if (source.n === 0) return;
  const delta = source.mean - target.mean;
  const mean = target.mean + (delta * source.n) / n;
  const m2 = target.m2 + source.m2 + (delta * delta * target.n * source.n) / n;
  // Re-express as deviations from the new mean: Σd = 0, Σd² = m2.
  target.shift = mean;
  target.sumDeviation = 0;
  target.sumSquaredDeviation = m2;
  target.n = n;
  target.successes += source.successes;
  target.events += source.events;
  target.exposure += source.exposure;
}

/** Checks the empty groups, the spread of each (a zero standard error is reported by the estimator). */
function emptyCheck(moments: MomentsRequest): void {
  const list: GroupMoments[] =
    moments.estimator === "difference-in-differences"
      ? [moments.treatment.before, moments.treatment.after, moments.comparison.before, moments.comparison.after]
      : moments.estimator === "comparison"
        ? [moments.treatment, moments.comparison]
        : [moments.treatment];
  const issues: InputIssue[] = [];
  for (const group of list) {
    if (group.outcome === "count" && group.exposure === 0)
      issues.push(
        issue([], "zero_exposure", "a group's total exposure is zero: a rate of events per exposure is undefined"),
      );
    if (group.outcome === "continuous" && group.n < 2)
      issues.push(issue([], "too_few_participants", "a mean's spread needs at least 2 participants in each group"));
  }
  if (issues.length > 0) throw new MeasureError(issues);
}

function settingsOf(request: RecordsRequest): MeasureSettings {
  return {
    better: request.better,
    confidence: request.confidence ?? 0.95,
    scale: request.scale ?? defaultScale(request.outcome),
    ...(request.test !== undefined ? { test: request.test } : {}),
    ...(request.continuityCorrection === true ? { continuityCorrection: true } : {}),
  };
}

// `z.number()` refuses NaN and ±Infinity itself.
const finiteNumber = z.number({
  error: (iss) =>
    iss.input === undefined ? "expected a number" : `expected a finite number, got ${describeValue(iss.input)}`,
});
const label = (what: string) =>
  z.string({ error: (iss) => `expected ${what} as a string, got ${describeValue(iss.input)}` });

/** What a records request may say: every option checked before a record is read. */
const recordsRequestSchema = z.strictObject({
  estimator: z.enum(["level", "fixed-baseline", "trend-baseline", "comparison", "difference-in-differences"], {
    error: (iss) =>
      `expected an estimator: level, fixed-baseline, trend-baseline, comparison or difference-in-differences${iss.input === undefined ? "" : `, got ${describeValue(iss.input)}`}`,
  }),
  outcome: z.enum(["binary", "count", "continuous"], {
    error: (iss) =>
      `expected the outcome: binary, count or continuous${iss.input === undefined ? "" : `, got ${describeValue(iss.input)}`}`,
  }),
  ...commonFields,
  baseline: z.optional(finiteNumber),
  history: z.optional(z.array(z.strictObject({ at: finiteNumber, value: finiteNumber }))),
  at: z.optional(finiteNumber),
  period: z.optional(label("the period")),
  periods: z.optional(z.strictObject({ before: label("the period before"), after: label("the period after") })),
  cohort: z.optional(label("the cohort")),
});

function checkRequest(request: RecordsRequest, schema: z.Schema = recordsRequestSchema): void {
  const structural = schema.safeParse(request);
  if (!structural.success) throw new MeasureError(structural.error);
  const issues = requestIssues(request);
  if (issues.length > 0) throw new MeasureError(issues);
}

/**
 * Measures an effect from participant-level records: summarises them by group (and period), then applies
 * the estimator as `measure` does. Paths in errors point into the records, e.g. `$[41].events`.
 *
 * @example
 * const m = measureRecords(records, { estimator: "comparison", outcome: "count", better: "lower" });
 * m.effect; // events per 100 in the treated group minus in the comparison group
 * @throws MeasureError listing every bad record (at most 100) or group with its path.
 */
export function measureRecords(records: readonly ParticipantRecord[], request: RecordsRequest): Measurement {
  checkRequest(request);
  if (!Array.isArray(records))
    throw new MeasureError([issue([], "invalid_type", "expected a list (array) of participant records")]);
  const wanted = request.cohort;
  const filtered = wanted === undefined ? records : records.filter((record) => record?.cohort === wanted);
  const groups = summarise(filtered, request.outcome, () => "");
  const moments = momentsRequest(groups, request, "");
  emptyCheck(moments);
  return measureMoments(moments, settingsOf(request));
}

/** Per-cohort measurements and their pool. */
export interface CohortMeasurements {
  readonly cohorts: readonly { readonly cohort: string; readonly measurement: Measurement }[];
  readonly pooled: Measurement;
}

/**
 * Measures each cohort on its own records, and the pooled effect (`poolCohorts`: the cohort effects weighted
 * by their treated participants). Cohorts appear in order of their ids. A record without a cohort is an error.
 *
 * @example
 * const { cohorts, pooled } = measureCohorts(records, { estimator: "comparison", outcome: "count", better: "lower" });
 */
export function measureCohorts(
  records: readonly ParticipantRecord[],
  request: Omit<RecordsRequest, "cohort">,
): CohortMeasurements {
  checkRequest(request, z.omit(recordsRequestSchema, { cohort: true }));
  if (Array.isArray(records)) {
    const missing = records.findIndex((record) => typeof record?.cohort !== "string");
    if (missing >= 0)
      throw new MeasureError([issue([missing, "cohort"], "required", '"cohort" is required to measure by cohort')]);
  }
  const groups = summarise(records, request.outcome, (record) => record.cohort!);
  const ids = [...new Set([...groups.keys()].map((key) => key.split(SEP)[2]!))].sort();
  const settings = settingsOf(request);
  const cohorts = ids.map((cohort) => {
    const moments = momentsRequest(groups, request, cohort);
    emptyCheck(moments);
    return { cohort, measurement: measureMoments(moments, settings) };
  });
  const pooled = poolCohorts(
    cohorts.map((entry) => ({ label: `cohort ${entry.cohort}`, measurement: entry.measurement })),
    { confidence: settings.confidence },
  );
  return Object.freeze({ cohorts: Object.freeze(cohorts.map((entry) => Object.freeze(entry))), pooled });
}
