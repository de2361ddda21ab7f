import { Dec, isDecimalString } from "../money/decimal.js";
import type { Contract, PricingRule, Tranche } from "../contract/types.js";
import { rulesIn } from "../contract/rule-tree.js";
import { isIssued } from "../util/issued.js";
import { parseContract } from "../contract/parse-contract.js";
import { describeValue, quoted } from "../errors/describe-value.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import type { Measurement } from "../measure/measurement.js";
import { simulate, type ResultDistribution, type SimulationResult } from "../finance/simulate.js";
import { deepFreeze } from "../util/freeze.js";

/**
 * From the experiment's measured effect to a deal's target and threshold. The rule, written down:
 * - the **target** is the point estimate of the improvement: what the pilot showed;
 * - the **threshold** is the interval's conservative bound: the improvement the pilot is confident of (the end
 *   of the interval nearest to "no effect"); when the interval reaches "no effect" or beyond, the pilot does
 *   not show an improvement with that confidence, the threshold is 0 and `significant` is false.
 * Both are given on the three bases of the pricing rules. The library suggests; the contract decides.
 */
export interface SuggestedTerms {
  readonly metric: string;
  /** The contract's baseline of the metric. */
  readonly baseline: string;
  /** Whether the interval lies wholly on the side of an improvement. */
  readonly significant: boolean;
  /** The confidence of the interval the threshold comes from (e.g. 0.95). */
  readonly confidence: number;
  readonly threshold: TermPoint;
  readonly target: TermPoint;
  /** The rule in words. */
  readonly rule: string;
}

/** A point on the three bases: the improvement in the metric's unit, relative to the baseline, and the value. */
export interface TermPoint {
  /** Positive when better, in the metric's unit (8 significant digits). */
  readonly improvement: string;
  /** improvement / baseline, as a fraction (8 significant digits); absent when the baseline is zero. */
  readonly relativeImprovement?: string;
  /** The result that reaches it: baseline − improvement when lower is better, else baseline + improvement. */
  readonly value: string;
}

/** What `dealOutlook` prices and how it simulates: the amounts at the threshold and target, runs and seed. */
export interface DealOutlookOptions {
  readonly metric: string;
  /** The tranche amount paid at the threshold and at the target: each tranche on the metric gets a linear rule between them. */
  readonly amounts: { readonly atThreshold: string; readonly atTarget: string };
  /** The basis the rule is written on (default `relative-improvement`). */
  readonly basis?: "improvement" | "relative-improvement";
  /** Override the suggestion: the user's own threshold and target improvements (metric unit), e.g. to compare. */
  readonly threshold?: string;
  readonly target?: string;
  readonly runs: number;
  readonly seed: number;
  /** Round each drawn result to this many decimals, as results are reported. */
  readonly decimals?: number;
  readonly percentiles?: readonly number[];
}

/** What a threshold and target imply: the candidate contract, the distribution drawn, and the simulation. */
export interface DealOutlook {
  readonly suggestion: SuggestedTerms;
  /** The threshold and target the outlook prices (the suggestion unless overridden). */
  readonly threshold: TermPoint;
  readonly target: TermPoint;
  /** The candidate contract: the input with each tranche on the metric priced linearly from threshold to target. */
  readonly contract: Contract;
  /** The distribution of each period's result the simulation draws: normal, the measured effect and its standard error. */
  readonly distribution: ResultDistribution;
  readonly simulation: SimulationResult;
}

const digits = (value: Dec) => value.toSignificantDigits(8).toString();

function termPoint(improvement: Dec, baseline: Dec, sign: number): TermPoint {
  return {
    improvement: digits(improvement),
    ...(baseline.isZero() ? {} : { relativeImprovement: digits(improvement.div(baseline)) }),
    value: digits(baseline.plus(improvement.times(sign))),
  };
}

function metricOf(contract: Contract, metricId: string, measurement: Measurement, issues: InputIssue[]) {
  const metric = contract.metrics.find((entry) => entry.id === metricId);
  if (metric === undefined)
    issues.push(
      issue(
        ["metric"],
        "unknown_metric",
        `unknown metric ${quoted(metricId)}: the contract declares ${contract.metrics.map((entry) => entry.id).join(", ")}`,
      ),
    );
  const found = measurementIssue(measurement);
  if (found !== undefined) issues.push(found);
  else if (metric !== undefined && measurement.better !== metric.better) {
    issues.push(
      issue(
        ["measurement", "better"],
        "direction_mismatch",
        `the measurement says ${measurement.better} is better, the metric "${metric.id}" says ${metric.better}`,
      ),
    );
  }
  return metric;
}

const finiteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/**
 * The issue of a measurement these functions cannot read, or undefined: they read its direction, its effect, its
 * standard error (0 or more) and its interval (lower ≤ upper, at a confidence between 0 and 1), so a measurement
 * written by hand or read back from JSON is taken when it has them.
 */
function measurementIssue(measurement: Measurement): InputIssue | undefined {
  const m = measurement as Partial<Measurement> | null | undefined;
  const interval = m !== null && typeof m === "object" ? m.interval : undefined;
  const readable =
    m !== null &&
    typeof m === "object" &&
    finiteNumber(m.effect) &&
    finiteNumber(m.standardError) &&
    m.standardError >= 0 &&
    interval !== null &&
    typeof interval === "object" &&
    finiteNumber(interval.lower) &&
    finiteNumber(interval.upper) &&
    interval.lower <= interval.upper &&
    finiteNumber(interval.confidence) &&
    interval.confidence > 0 &&
    interval.confidence < 1;
  if (!readable)
    return issue(
      ["measurement"],
      "invalid_measurement",
      "expected a measurement of the measure layer: a finite effect, a standard error of 0 or more, and an interval (lower up to upper) with its confidence between 0 and 1",
    );
  if (m.better !== "higher" && m.better !== "lower")
    return issue(
      ["measurement", "better"],
      "invalid_measurement",
      `expected the measurement's direction: higher or lower is better (got ${quoted(m.better)})`,
    );
  return undefined;
}

/**
 * Suggests a threshold and a target for a metric from the experiment's measurement (its effect and interval,
 * in the metric's unit: measure the pilot on the same scale as the contract, e.g. 100 for percentages).
 *
 * @example
 * const terms = suggestTerms(contract, "dropout-rate", pilot);
 * // pilot effect −2.6 points, 95% interval [−4.3, −0.9], baseline 20: threshold 0.9 points (4.5%), target 2.6 (13%)
 * @throws OptionsError when the metric is unknown, the measurement is not a finite one, or its direction differs.
 */
export function suggestTerms(contractInput: Contract, metricId: string, measurement: Measurement): SuggestedTerms {
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const issues: InputIssue[] = [];
  const metric = metricOf(contract, metricId, measurement, issues);
  if (issues.length > 0 || metric === undefined) throw new OptionsError(issues);
  return deepFreeze(suggest(metric.id, new Dec(String(metric.baseline.value)), measurement));
}

function suggest(metric: string, baseline: Dec, measurement: Measurement): SuggestedTerms {
  const sign = measurement.better === "higher" ? 1 : -1;
  // Improvements are positive when better: flip the signed effect and bounds when lower is better.
  const point = new Dec(measurement.effect).times(sign);
  const conservative = Dec.min(
    new Dec(measurement.interval.lower).times(sign),
    new Dec(measurement.interval.upper).times(sign),
  );
  const significant = conservative.greaterThan(0);
  const threshold = significant ? conservative : new Dec(0);
  const target = point.greaterThan(threshold) ? point : threshold;
  const percent = `${Math.round(measurement.interval.confidence * 1000) / 10}%`;
  return {
    metric,
    baseline: baseline.toString(),
    significant,
    confidence: measurement.interval.confidence,
    threshold: termPoint(threshold, baseline, sign),
    target: termPoint(target, baseline, sign),
    rule: `threshold at the conservative bound of the ${percent} interval (the improvement the pilot is confident of${significant ? "" : "; the interval reaches no effect, so 0"}), target at the point estimate`,
  };
}

function pricedLinearly(
  tranche: Tranche,
  metric: string,
  basis: "improvement" | "relative-improvement",
  threshold: TermPoint,
  target: TermPoint,
  amounts: DealOutlookOptions["amounts"],
): Tranche {
  if (!readsMetric(tranche.pricing, metric)) return tranche;
  const at = (point: TermPoint) => (basis === "improvement" ? point.improvement : (point.relativeImprovement ?? "0"));
  const points =
    at(threshold) === at(target)
      ? [{ at: at(target), amount: amounts.atTarget }]
      : [
          { at: at(threshold), amount: amounts.atThreshold },
          { at: at(target), amount: amounts.atTarget },
        ];
  const pricing: PricingRule = { type: "linear", metric, basis, points };
  return { ...tranche, pricing };
}

function readsMetric(rule: PricingRule, metric: string): boolean {
  return rulesIn(rule).some(({ rule: part }) => part.type !== "weighted" && part.metric === metric);
}

/**
 * The problems of the options' own fields: an object, the amounts at the threshold and the target as decimal
 * strings, a known basis. (The metric, the threshold and the target are checked against the contract; the runs,
 * the seed, the decimals and the percentiles by `simulate`.)
 */
function outlookOptionsIssues(options: DealOutlookOptions): InputIssue[] {
  if (options === null || typeof options !== "object")
    return [
      issue(
        [],
        "invalid_type",
        `expected the options as an object such as { metric, amounts, runs, seed }, got ${describeValue(options)}`,
      ),
    ];
  const issues: InputIssue[] = [];
  const amounts = options.amounts as Partial<Record<string, unknown>> | null | undefined;
  if (amounts === null || typeof amounts !== "object")
    issues.push(
      issue(
        ["amounts"],
        amounts === undefined ? "required" : "invalid_type",
        `expected the amounts as { atThreshold, atTarget }, decimal strings such as "120000.00"; got ${describeValue(amounts)}`,
      ),
    );
  else
    for (const key of ["atThreshold", "atTarget"] as const) {
      const amount = amounts[key];
      if (typeof amount !== "string" || !isDecimalString(amount))
        issues.push(
          issue(
            ["amounts", key],
            "invalid_decimal",
            `expected an amount of money as a decimal string such as "120000.00", got ${describeValue(amount)}`,
          ),
        );
    }
  if (options.basis !== undefined && options.basis !== "improvement" && options.basis !== "relative-improvement")
    issues.push(
      issue(
        ["basis"],
        "invalid_choice",
        `expected the basis: improvement or relative-improvement, got ${describeValue(options.basis)}`,
      ),
    );
  return issues;
}

/**
 * What the suggested (or the user's) threshold and target imply: every tranche on the metric is priced
 * linearly from `amounts.atThreshold` at the threshold to `amounts.atTarget` at the target (nothing below the
 * threshold), and `simulate` draws each period's result from a normal distribution centred on the baseline
 * moved by the measured effect, with the measurement's standard error as its spread — the pilot's
 * uncertainty about the effect, not the year-to-year noise of a larger programme (which would widen it).
 *
 * @example
 * const outlook = dealOutlook(contract, pilot, { metric: "dropout-rate", amounts: { atThreshold: "120000.00", atTarget: "240000.00" }, runs: 10000, seed: 2026, decimals: 1 });
 * outlook.simulation.totalPayments.percentiles; // what the payers may pay
 * @throws OptionsError for options that are not an object, missing or malformed amounts, an unknown basis, an
 * unknown metric, a bad measurement or override, or simulation options `simulate` refuses; ContractError when the
 * candidate contract is not valid.
 */
export function dealOutlook(
  contractInput: Contract,
  measurement: Measurement,
  options: DealOutlookOptions,
): DealOutlook {
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const issues: InputIssue[] = outlookOptionsIssues(options);
  const metric = metricOf(contract, options?.metric, measurement, issues);
  const decimal = (key: "threshold" | "target") => {
    const text = options?.[key];
    if (text !== undefined && (typeof text !== "string" || !/^\d+(\.\d*)?$|^\.\d+$/.test(text)))
      issues.push(
        issue(
          [key],
          "invalid_decimal",
          `expected the ${key} as an improvement, a non-negative decimal string such as "1.5", in the metric's unit`,
        ),
      );
  };
  decimal("threshold");
  decimal("target");
  if (
    issues.length === 0 &&
    options.threshold !== undefined &&
    options.target !== undefined &&
    new Dec(options.threshold).greaterThan(options.target)
  ) {
    issues.push(
      issue(
        ["threshold"],
        "threshold_above_target",
        `the threshold ${options.threshold} is above the target ${options.target}`,
      ),
    );
  }
  if (metric !== undefined && !contract.tranches.some((tranche) => readsMetric(tranche.pricing, metric.id))) {
    issues.push(
      issue(
        ["metric"],
        "no_tranche_on_metric",
        `no tranche is priced on metric "${metric.id}": the outlook re-prices those tranches`,
      ),
    );
  }
  const mean = metric === undefined || issues.length > 0 ? 0 : Number(metric.baseline.value) + measurement.effect;
  if (issues.length === 0 && !Number.isFinite(mean))
    issues.push(
      issue(
        ["measurement", "effect"],
        "invalid_measurement",
        "the measured effect moves the metric's baseline beyond the largest number: measure it in the metric's unit",
      ),
    );
  if (issues.length > 0 || metric === undefined) throw new OptionsError(issues);
  const baseline = new Dec(String(metric.baseline.value));
  const sign = metric.better === "higher" ? 1 : -1;
  const suggestion = suggest(metric.id, baseline, measurement);
  const threshold =
    options.threshold === undefined ? suggestion.threshold : termPoint(new Dec(options.threshold), baseline, sign);
  const target = options.target === undefined ? suggestion.target : termPoint(new Dec(options.target), baseline, sign);
  const basis = options.basis ?? "relative-improvement";
  const candidate = parseContract({
    ...contract,
    stage: "pay-by-results",
    tranches: contract.tranches.map((tranche) =>
      pricedLinearly(tranche, metric.id, basis, threshold, target, options.amounts),
    ),
  });
  const distribution: ResultDistribution = {
    metric: metric.id,
    distribution: { type: "normal", mean, sd: measurement.standardError },
    ...(options.decimals !== undefined ? { decimals: options.decimals } : {}),
  };
  const simulation = simulate(candidate, {
    runs: options.runs,
    seed: options.seed,
    results: [distribution],
    ...(options.percentiles !== undefined ? { percentiles: options.percentiles } : {}),
  });
  return deepFreeze({ suggestion, threshold, target, contract: candidate, distribution, simulation });
}
