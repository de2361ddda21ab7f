import { withNotebookDisplay } from "../util/notebook.js";
import { Dec, plain } from "../money/decimal.js";
import type { Money } from "../money/money.js";
import type { Contract } from "../contract/types.js";
import { parseContract } from "../contract/parse-contract.js";
import { describeValue, quoted } from "../errors/describe-value.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import { deepFreeze } from "../util/freeze.js";
import { isIssued, markIssued } from "../util/issued.js";
import { compileFinance, type CompiledFinance } from "./compile-finance.js";
import { planOf, type SettlementPlan } from "../engine/settlement-plan.js";
import { earnOnResults, resultsRead } from "../engine/earn-on-results.js";
import type { PricingMemo } from "../engine/earn-tranche.js";
import { largestAmount } from "../money/limits.js";
import { dayNumber, MAX_UNITS } from "./minor-units.js";
import type { Receipt } from "./waterfall.js";
import type { MeasurementRecord } from "../contract/measurement-format.js";
import { normalMeasurementRecord, type NormalMeasurementModel } from "../measure/measurement-record.js";
import { trancheInForce } from "../contract/amendments.js";
import { END_OF_TIME } from "../engine/earn-on-results.js";
import { BoundedMap, remember } from "../util/remember.js";
import { checkSafeTotal, moneyOfPlaces } from "./minor-units.js";
import { unitsBound } from "./cash-flows.js";
import { draw, runGenerator, type Distribution } from "./random.js";
import { runFinance } from "./waterfall.js";
import { rememberRunDistribution } from "./run-distribution.js";
import { solveIrr, timedFlows } from "./xirr.js";

/** The distribution of one metric's result: for one period or cohort, or (neither given) for all of them. */
export interface ResultDistribution {
  readonly metric: string;
  readonly period?: string;
  readonly cohort?: string;
  readonly distribution: Distribution;
  /** Round each drawn value to this many decimal places, as results are reported (e.g. 1 for 17.6%). */
  readonly decimals?: number;
  /**
   * How each drawn value is measured, for tranches with statistical options (a significance gate, the measured
   * counterfactual as baseline, the conservative bound), which price a result's measurement: each run's result
   * carries one, drawn with the value. The effect is the value less `counterfactual` (default: the metric's
   * baseline in the contract), with the standard error `standardError`, by the normal approximation; the interval
   * at `confidence` (default 0.95).
   */
  readonly measurement?: {
    readonly standardError: number;
    readonly counterfactual?: number;
    readonly confidence?: number;
  };
}

/** Options of `simulate` (and of `simulateInWorkers`). */
export interface SimulationOptions {
  /** How many runs (whole number, 1 to 100,000,000). */
  readonly runs: number;
  /** The seed: a whole number from 0 to 2^32 − 1. The same seed gives the same simulation. */
  readonly seed: number;
  /** A distribution for every result the tranches depend on. */
  readonly results: readonly ResultDistribution[];
  /** The percentiles to report, from 0 to 100 (default 5, 25, 50, 75, 95). */
  readonly percentiles?: readonly number[];
  /** Called with the number of runs done, about every 1% of the runs and at the end. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** How an amount of money is distributed over the runs. Percentiles are nearest-rank: values of actual runs. */
export interface MoneySummary {
  /** The mean, rounded half-even to the minor unit. */
  readonly mean: Money;
  readonly min: Money;
  readonly max: Money;
  readonly percentiles: readonly { readonly p: number; readonly amount: Money }[];
}

/** One investor's simulated net result, probability of loss and IRR distribution. */
export interface InvestorSimulation {
  readonly party: string;
  /** Everything received (waterfall and guarantees) less capital drawn. */
  readonly net: MoneySummary;
  /** The share of runs in which the investor gets back less than it put in. */
  readonly probabilityOfLoss: number;
  readonly irr: {
    /** Runs with a unique IRR. */
    readonly runsWithRate: number;
    /** Runs in which the investor got nothing back: counted in the percentiles at −100% (`rate: -1`). */
    readonly runsWithTotalLoss: number;
    /** Runs with no IRR for another reason (several roots, or none), left out of the percentiles. */
    readonly runsWithoutRate: number;
    /**
     * Runs whose IRR is `undetermined`: the NPV comes within rounding error of zero where double precision
     * cannot tell one root from two close ones, or from none. Left out of the percentiles, and not counted in
     * `runsWithoutRate`: such a run may well have a rate.
     */
    readonly runsUndetermined: number;
    /** Percentiles over the runs with a rate and the runs with a total loss. */
    readonly percentiles: readonly { readonly p: number; readonly rate: number }[];
  };
}

/** What a simulation gives: the distribution of payments, of each payer's cost and of each investor's return. */
export interface SimulationResult {
  readonly runs: number;
  readonly seed: number;
  readonly currency: string;
  /** All outcome payments of a run. */
  readonly totalPayments: MoneySummary;
  /** Each outcome payer's cost. */
  readonly byPayer: readonly { readonly party: string; readonly cost: MoneySummary }[];
  readonly investors: readonly InvestorSimulation[];
}

/** @internal A contract and options checked and compiled for running. */
export interface SimulationPlan {
  readonly contract: Contract;
  /** The contract's settlement plan: each run is settled by it, as `settle` does. */
  readonly settlement: SettlementPlan;
  /** The outcome payers, in order of first appearance in settlement order. */
  readonly payers: readonly string[];
  readonly finance: CompiledFinance | null;
  /** The distribution of each scope, in the compiled scope order. */
  readonly draws: readonly {
    readonly key: string;
    readonly distribution: Distribution;
    readonly decimals: number | undefined;
    /** How each drawn value is measured, when the scope's distribution says (see `ResultDistribution.measurement`). */
    readonly measurement: { readonly better: "higher" | "lower"; readonly model: NormalMeasurementModel } | undefined;
  }[];
  readonly columns: number;
}

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const wholeIn = (value: unknown, low: number, high: number): value is number =>
  Number.isInteger(value) && (value as number) >= low && (value as number) <= high;

function checkDistribution(
  path: readonly (string | number)[],
  distribution: Distribution | undefined,
  report: (path: readonly (string | number)[], code: string, message: string) => void,
): void {
  const bad = (message: string) => report(path, "invalid_distribution", message);
  switch (distribution?.type) {
    case "normal":
      if (!finite(distribution.mean) || !finite(distribution.sd) || distribution.sd < 0)
        bad("a normal distribution needs a finite mean and a standard deviation sd ≥ 0");
      return;
    case "beta":
      if (
        !finite(distribution.alpha) ||
        !finite(distribution.beta) ||
        distribution.alpha <= 0 ||
        distribution.beta <= 0
      )
        bad("a beta distribution needs alpha > 0 and beta > 0");
      else if (
        (distribution.min ?? 0) >= (distribution.max ?? 1) ||
        !finite(distribution.min ?? 0) ||
        !finite(distribution.max ?? 1)
      )
        bad("a beta distribution's min must be below its max");
      return;
    case "binomial":
      if (
        !wholeIn(distribution.trials, 1, 1_000_000) ||
        !finite(distribution.p) ||
        distribution.p < 0 ||
        distribution.p > 1
      )
        bad(
          "a binomial distribution needs a whole number of trials from 1 to 1,000,000 and a probability p from 0 to 1",
        );
      else if (distribution.per !== undefined && !finite(distribution.per))
        bad("a binomial distribution's per must be a finite number, e.g. 100 for a percentage");
      return;
    case "triangular":
      if (
        ![distribution.min, distribution.mode, distribution.max].every(finite) ||
        !(
          distribution.min <= distribution.mode &&
          distribution.mode <= distribution.max &&
          distribution.min < distribution.max
        )
      ) {
        bad("a triangular distribution needs finite min ≤ mode ≤ max, with min < max");
      }
      return;
    case "samples":
      if (!Array.isArray(distribution.values) || distribution.values.length === 0 || !distribution.values.every(finite))
        bad("samples need a non-empty list of finite numbers");
      return;
    default:
      report(
        [...path, "type"],
        "unknown_type",
        "expected a distribution whose type is normal, beta, binomial, triangular or samples",
      );
  }
}

/** @internal Checks the options against the contract and compiles both. @throws OptionsError */
export function planSimulation(contractInput: Contract, options: SimulationOptions): SimulationPlan {
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const issues: InputIssue[] = [];
  const report = (path: readonly (string | number)[], code: string, message: string) =>
    issues.push(issue(path, code, message));
  if (options === null || typeof options !== "object")
    report([], "invalid_type", `expected the simulation's options as an object, got ${describeValue(options)}`);
  if (!wholeIn(options?.runs, 1, 100_000_000))
    report(
      ["runs"],
      "invalid_runs",
      `runs must be a whole number from 1 to 100,000,000, got ${describeValue(options?.runs)}`,
    );
  if (!wholeIn(options?.seed, 0, 2 ** 32 - 1))
    report(
      ["seed"],
      "invalid_seed",
      `seed must be a whole number from 0 to 4294967295, got ${describeValue(options?.seed)}`,
    );
  const percentiles: unknown = options?.percentiles;
  if (percentiles !== undefined && !Array.isArray(percentiles)) {
    report(
      ["percentiles"],
      "invalid_percentile",
      `percentiles must be a list of numbers from 0 to 100, e.g. [5, 50, 95], got ${describeValue(percentiles)}`,
    );
  }
  for (const [index, p] of (Array.isArray(percentiles) ? percentiles : []).entries()) {
    if (!finite(p) || p < 0 || p > 100)
      report(
        ["percentiles", index],
        "invalid_percentile",
        `a percentile is a number from 0 to 100, got ${describeValue(p)}`,
      );
  }
  if (options?.onProgress !== undefined && typeof options.onProgress !== "function")
    report(
      ["onProgress"],
      "invalid_type",
      `onProgress must be a function called with (done, total), got ${describeValue(options.onProgress)}`,
    );
  const settlement = planOf(contract);
  const scopes = resultsRead(settlement);
  const metrics = new Set(contract.metrics.map((metric) => metric.id));
  const periods = new Set(contract.periods.map((period) => period.id));
  const cohorts = new Set((contract.cohorts ?? []).map((cohort) => cohort.id));
  const specific = new Map<string, number>();
  const general = new Map<string, number>();
  (Array.isArray(options?.results) ? options.results : []).forEach((entry, index) => {
    const path = ["results", index] as const;
    if (entry === null || typeof entry !== "object") {
      report(
        path,
        "invalid_type",
        `expected a result's distribution ({ metric, distribution }), got ${describeValue(entry)}`,
      );
      return;
    }
    if (!metrics.has(entry.metric))
      report([...path, "metric"], "unknown_metric", `unknown metric ${quoted(entry.metric)}`);
    if (entry.period !== undefined && !periods.has(entry.period))
      report([...path, "period"], "unknown_period", `unknown period ${quoted(entry.period)}`);
    if (entry.cohort !== undefined && !cohorts.has(entry.cohort))
      report([...path, "cohort"], "unknown_cohort", `unknown cohort ${quoted(entry.cohort)}`);
    if (entry.decimals !== undefined && !wholeIn(entry.decimals, 0, 20))
      report(
        [...path, "decimals"],
        "invalid_decimals",
        `decimals must be a whole number from 0 to 20, got ${describeValue(entry.decimals)}`,
      );
    checkDistribution([...path, "distribution"], entry.distribution, report);
    checkMeasurementModel([...path, "measurement"], entry.measurement, report);
    const key =
      entry.period !== undefined
        ? `${entry.metric}|period:${entry.period}`
        : entry.cohort !== undefined
          ? `${entry.metric}|cohort:${entry.cohort}`
          : null;
    const seen = key === null ? general : specific;
    const id = key ?? entry.metric;
    if (seen.has(id))
      report(
        path,
        "duplicate_distribution",
        `results[${seen.get(id)!}] already gives a distribution for ${key ?? `every result of ${entry.metric}`}`,
      );
    else seen.set(id, index);
  });
  if (!Array.isArray(options?.results))
    report(["results"], "required", "results must list a distribution for each result the tranches depend on");
  const draws = scopes.flatMap((scope) => {
    const index = specific.get(scope.key) ?? general.get(scope.metric);
    if (index === undefined) {
      const where = "period" in scope.covers ? `period ${scope.covers.period}` : `cohort ${scope.covers.cohort}`;
      if (Array.isArray(options?.results))
        report(
          ["results"],
          "missing_distribution",
          `no distribution for ${scope.metric} in ${where}: a tranche depends on it`,
        );
      return [];
    }
    const entry = options.results[index]!;
    const metric = settlement.metrics.get(scope.metric)!;
    const model = entry.measurement;
    return [
      {
        key: scope.key,
        distribution: entry.distribution,
        decimals: entry.decimals,
        measurement:
          model === undefined
            ? undefined
            : {
                better: metric.better,
                model: {
                  standardError: model.standardError,
                  counterfactual: model.counterfactual ?? Number(metric.baseline.value),
                  confidence: model.confidence ?? 0.95,
                },
              },
      },
    ];
  });
  // A tranche with statistical options prices its results' measurements: each of them needs a measurement model,
  // or every run would price the tranche at nothing (no measurement, no payment), which would say nothing.
  const measured = new Set(draws.filter((entry) => entry.measurement !== undefined).map((entry) => entry.key));
  contract.tranches.forEach((original, index) => {
    const { terms, tranche } = trancheInForce(contract, original, { asOf: END_OF_TIME });
    if (tranche.statistics === undefined) return;
    const own = settlement.termsOf(tranche, terms).needs.filter((need) => need.own);
    const pooled =
      tranche.fallback === undefined
        ? []
        : settlement.needsOf(terms, tranche.fallback.pricing, { cohort: tranche.fallback.cohort });
    const lacking = [...own, ...pooled].filter((need) => !measured.has(need.key));
    if (lacking.length > 0 && Array.isArray(options?.results))
      report(
        ["contract", "tranches", index],
        "unsupported_in_simulation",
        `tranche "${tranche.id}" has statistical options, which price each result's measurement: give the distribution of ${lacking.map((need) => `${need.metric} (${need.scope})`).join(", ")} a measurement model, e.g. measurement: { standardError: 1.2 }`,
      );
  });
  if (issues.length > 0) throw new OptionsError(issues);
  const finance = compileFinance(contract);
  const payers = outcomePayers(settlement);
  return {
    contract,
    settlement,
    payers,
    finance,
    draws,
    columns: 1 + payers.length + 2 * (finance?.investors.length ?? 0),
  };
}

/** Checks a result's measurement model: a standard error above 0, a finite counterfactual, a confidence in (0, 1). */
function checkMeasurementModel(
  path: readonly (string | number)[],
  model: ResultDistribution["measurement"] | undefined,
  report: (path: readonly (string | number)[], code: string, message: string) => void,
): void {
  if (model === undefined) return;
  if (model === null || typeof model !== "object") {
    report(
      path,
      "invalid_measurement",
      `a measurement model is { standardError, counterfactual?, confidence? }, got ${describeValue(model)}`,
    );
    return;
  }
  if (!finite(model.standardError) || model.standardError <= 0)
    report(
      [...path, "standardError"],
      "invalid_measurement",
      `standardError must be a number above 0, got ${describeValue(model.standardError)}`,
    );
  if (model.counterfactual !== undefined && !finite(model.counterfactual))
    report(
      [...path, "counterfactual"],
      "invalid_measurement",
      `counterfactual must be a finite number, got ${describeValue(model.counterfactual)}`,
    );
  if (model.confidence !== undefined && !(finite(model.confidence) && model.confidence > 0 && model.confidence < 1))
    report(
      [...path, "confidence"],
      "invalid_measurement",
      `confidence must be a number between 0 and 1, e.g. 0.95, got ${describeValue(model.confidence)}`,
    );
}

/** The payers of the tranches' terms as finally amended, in settlement order, each once. */
function outcomePayers(plan: SettlementPlan): string[] {
  const payers = new Set<string>();
  for (const earned of earnOnResults(plan, new Map(), new Map()))
    for (const payer of earned.terms.payers.parties) payers.add(payer);
  return [...payers];
}

/**
 * @internal The outcome payments of a run: the plan settled with every drawn result verified and nothing paid, one
 * receipt per payer-recipient line with a positive amount, dated when the tranche is payable (its due date, or
 * its pooled fallback's).
 */
export function runReceipts(
  plan: SimulationPlan,
  values: ReadonlyMap<string, string>,
  memo: PricingMemo = new Map(),
  measurements?: ReadonlyMap<string, MeasurementRecord>,
): Receipt[] {
  const receipts: Receipt[] = [];
  for (const earned of earnOnResults(plan.settlement, values, memo, measurements)) {
    if (earned.earned === null) throw new Error(`assertion: tranche "${earned.tranche.id}" lacks a drawn result`);
    const date = earned.payable.payableFrom;
    const payers = earned.terms.payers.parties;
    const recipients = earned.terms.recipients.parties;
    let total = 0n;
    for (let p = 0; p < payers.length; p += 1)
      for (let r = 0; r < recipients.length; r += 1) {
        const units = earned.earned[p]![r]!;
        total += units;
        if (units > 0n)
          receipts.push({
            date,
            day: dayNumber(date),
            tranche: earned.tranche.id,
            payer: payers[p]!,
            recipient: recipients[r]!,
            units: Number(units),
          });
      }
    if (total > BigInt(MAX_UNITS)) tooLarge(plan, earned.tranche.id);
  }
  return receipts;
}

/**
 * A run whose results price a tranche beyond the largest amount computed exactly in minor units, after its
 * caps: refused, since a JavaScript number would lose its last digits.
 */
function tooLarge(plan: SimulationPlan, tranche: string): never {
  throw new OptionsError([
    issue(
      ["results"],
      "amount_too_large",
      `the results drawn in a run price tranche "${tranche}" above ${largestAmount(plan.settlement.places)} ${plan.contract.currency} (10^15 minor units), the largest amount the simulation computes exactly: narrow the distributions, or cap the tranche`,
    ),
  ]);
}

/**
 * @internal Runs `from` to `to` (exclusive) of a planned simulation. Each run's row holds: the total of the
 * outcome payments, each payer's cost (minor units), then for each investor its net (minor units) and its
 * IRR: the rate, −1 for a total loss, +∞ when it is undetermined, NaN when there is no unique one (internal
 * only, never in a result).
 */
export function simulateRange(
  plan: SimulationPlan,
  seed: number,
  from: number,
  to: number,
  onRun?: (done: number) => void,
): Float64Array {
  const rows = new Float64Array((to - from) * plan.columns);
  const payerIndex = new Map(plan.payers.map((party, index) => [party, index]));
  const investors = plan.finance?.investors ?? [];
  const scale = 10 ** plan.settlement.places;
  // Every sum of minor units a run makes stays below its outcome payments (twice, with a finance section: received,
  // then distributed), plus the commitments and the guarantee limits: that bound must stay exact (below 2^53).
  const fixed = plan.finance === null ? 0n : unitsBound(plan.finance, 0);
  const factor = plan.finance === null ? 1 : 2;
  const headroom = Number.MAX_SAFE_INTEGER - Number(fixed) - 1024; // below the exact bound: checked exactly beyond
  const memo: PricingMemo = new Map(); // drawn values reported to a few decimals repeat: each price found once
  const records = new BoundedMap<string, MeasurementRecord>(100_000); // a scope's measurement, by its drawn value
  const measuring = plan.draws.some((entry) => entry.measurement !== undefined);
  for (let run = from; run < to; run += 1) {
    const next = runGenerator(seed, run);
    const values = new Map<string, string>();
    const measurements = measuring ? new Map<string, MeasurementRecord>() : undefined;
    for (const entry of plan.draws) {
      const x = draw(next, entry.distribution);
      const text = entry.decimals === undefined ? drawnText(x) : x.toFixed(entry.decimals);
      values.set(entry.key, text);
      const how = entry.measurement;
      if (how !== undefined)
        measurements!.set(
          entry.key,
          remember(records, `${entry.key}\u0000${text}`, () => normalMeasurementRecord(text, how.better, how.model)),
        );
    }
    const receipts = runReceipts(plan, values, memo, measurements);
    const base = (run - from) * plan.columns;
    for (const receipt of receipts) {
      rows[base] = rows[base]! + receipt.units;
      const column = base + 1 + payerIndex.get(receipt.payer)!;
      rows[column] = rows[column]! + receipt.units;
    }
    if (factor * rows[base]! > headroom)
      checkSafeTotal(
        BigInt(factor) * BigInt(rows[base]!) + fixed,
        ["results"],
        plan.finance === null
          ? "the outcome payments of a run"
          : "the outcome payments of a run (received, then distributed), the commitments and the guarantee limits",
      );
    if (plan.finance !== null) {
      const { flows } = runFinance(plan.finance, receipts, false);
      investors.forEach((investor, i) => {
        let net = 0;
        const own: { day: number; amount: number }[] = [];
        for (const flow of flows) {
          if (flow.to === investor.party) {
            own.push({ day: flow.day, amount: flow.units / scale });
            if (flow.kind !== "outcome-payment") net += flow.units;
          } else if (flow.from === investor.party) {
            own.push({ day: flow.day, amount: -flow.units / scale });
            if (flow.kind !== "pooled") net -= flow.units;
          }
        }
        const timed = timedFlows(own);
        const irr = solveIrr(timed);
        const column = base + 1 + plan.payers.length + 2 * i;
        rows[column] = net;
        // A total loss (money in, nothing back) has no IRR; it is recorded as −100%, the IRR's limit as what
        // comes back falls to nothing, so that percentiles are not flattered by leaving those runs out.
        const totalLoss =
          irr.kind === "none" &&
          irr.reason === "all-one-sign" &&
          timed.length > 0 &&
          timed.every((flow) => flow.amount < 0);
        rows[column + 1] =
          irr.kind === "rate"
            ? irr.rate
            : totalLoss
              ? -1
              : irr.kind === "undetermined"
                ? Number.POSITIVE_INFINITY
                : Number.NaN;
      });
    }
    onRun?.(run + 1 - from);
  }
  return rows;
}

/** The nearest-rank percentile of sorted values: the smallest value with at least p% of the values at or below it. */
function nearestRank(sorted: Float64Array, p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** @internal The summary of a simulation's rows (all runs, in run order). */
export function summarize(plan: SimulationPlan, options: SimulationOptions, rows: Float64Array): SimulationResult {
  const runs = rows.length / plan.columns;
  const levels = options.percentiles ?? [5, 25, 50, 75, 95];
  const currency = plan.contract.currency;
  const places = plan.settlement.places;
  const column = (index: number) => {
    const values = new Float64Array(runs);
    for (let run = 0; run < runs; run += 1) values[run] = rows[run * plan.columns + index]!;
    return values;
  };
  const money = (index: number): MoneySummary => {
    const values = column(index);
    let total = 0n;
    for (const value of values) total += BigInt(value);
    values.sort();
    const mean = new Dec(total.toString()).div(runs).toDecimalPlaces(0, Dec.ROUND_HALF_EVEN).toNumber();
    // frozen below with the whole result; the charts take each summary on its own
    const summary = markIssued(
      {
        mean: moneyOfPlaces(mean, places, currency),
        min: moneyOfPlaces(values[0]!, places, currency),
        max: moneyOfPlaces(values[runs - 1]!, places, currency),
        percentiles: levels.map((p) => ({ p, amount: moneyOfPlaces(nearestRank(values, p), places, currency) })),
      },
      "money-summary",
    );
    rememberRunDistribution(summary, values, places);
    return summary;
  };
  const payers = plan.payers.length;
  const result: SimulationResult = deepFreeze(
    withNotebookDisplay(
      {
        runs,
        seed: options.seed,
        currency,
        totalPayments: money(0),
        byPayer: plan.payers.map((party, index) => ({ party, cost: money(1 + index) })),
        investors: (plan.finance?.investors ?? []).map((investor, i) => {
          const netColumn = 1 + payers + 2 * i;
          const nets = column(netColumn);
          const recorded = column(netColumn + 1);
          const irrs = recorded.filter((rate) => Number.isFinite(rate)).sort();
          const undetermined = recorded.filter((rate) => rate === Number.POSITIVE_INFINITY).length;
          const totalLosses = irrs.filter((rate) => rate === -1).length;
          return {
            party: investor.party,
            net: money(netColumn),
            probabilityOfLoss: nets.filter((net) => net < 0).length / runs,
            irr: {
              runsWithRate: irrs.length - totalLosses,
              runsWithTotalLoss: totalLosses,
              runsWithoutRate: runs - irrs.length - undetermined,
              runsUndetermined: undetermined,
              percentiles: irrs.length === 0 ? [] : levels.map((p) => ({ p, rate: nearestRank(irrs, p) })),
            },
          };
        }),
      },
      "simulation",
    ),
  );
  return markIssued(result, "simulation");
}

/**
 * Monte Carlo simulation of a contract: each run draws every result the tranches depend on from its
 * distribution, settles the contract with those results verified (by the plan `settle` runs, figures only), runs the investors' side, and records the total payments, each payer's cost,
 * each investor's net and IRR. Reproducible: the same contract, options and seed give the same result,
 * whether run here or spread over worker threads (`simulateInWorkers` from `pay-by-results/node`). The result is
 * frozen, and the library knows it and each of its summaries of amounts as its own: `simulationTable`,
 * `distributionSvg` and `distributionVegaLite` take them (and no copy of them).
 *
 * @example
 * const result = simulate(contract, {
 *   runs: 10_000, seed: 2026,
 *   results: [{ metric: "dropout-rate", distribution: { type: "normal", mean: 17.5, sd: 1.2 }, decimals: 1 }],
 * });
 * result.totalPayments.percentiles; // [{ p: 5, amount: {...} }, ...]
 * @throws OptionsError listing every problem with the options (runs, seed, percentiles, distributions, missing
 * results); or `amount_too_large` at `$.results` when a run's drawn results price a tranche beyond the largest
 * amount computed exactly in minor units (below 10^15) after its caps.
 */
export function simulate(contract: Contract, options: SimulationOptions): SimulationResult {
  const plan = planSimulation(contract, options);
  const every = Math.max(1, Math.floor(options.runs / 100));
  const progress = options.onProgress;
  const rows = simulateRange(
    plan,
    options.seed,
    0,
    options.runs,
    progress === undefined
      ? undefined
      : (done) => {
          if (done % every === 0 || done === options.runs) progress(done, options.runs);
        },
  );
  return summarize(plan, options, rows);
}

/** A drawn value as decimal text (`String` of a double, without an exponent: 1e-7 → "0.0000001"). */
function drawnText(x: number): string {
  const text = String(x);
  return /e/i.test(text) ? plain(new Dec(text)) : text;
}
