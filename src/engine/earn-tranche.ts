import { type Exact, exactKnown, exactWeights, plainText as plain, roundTo, unitsAt } from "../formula/exact.js";
import { maxUnits, minUnits, splitUnits } from "../money/exact-units.js";
import { trancheInForce } from "../contract/amendments.js";
import type { Contract, Coverage, Tranche } from "../contract/types.js";
import type { Amendment } from "../contract/types.js";
import { type ResultState, scopeKey } from "../ledger/history.js";
import type { FormulaEnvironment } from "../pricing/contract-formulas.js";
import { pricedForQuantity } from "../pricing/evaluate-rule.js";
import type { CapKind, CapStep, ResultStep, Step } from "../explanation/steps.js";
import { type PayableOn, priceTranche, type TranchePricing } from "./measured-pricing.js";
import { pendingStatus } from "./tranche-status.js";
import { deepFreeze } from "../util/freeze.js";
import type { ResultNeed, SettlementPlan, TrancheTerms } from "./settlement-plan.js";
import type { TrancheStatus } from "./settlement-types.js";

/**
 * One run of a settlement plan: the results known, the caps used so far, and whether the explanation is
 * written. `settle` runs it on the ledger as of a date, with the explanation; the simulation on each run's
 * drawn results, figures only.
 */
export interface PlanRun {
  readonly plan: SettlementPlan;
  /** The settlement date: amendments agreed by then apply, and due dates are compared with it. */
  readonly asOf: string;
  /** The state of a result, by its scope key, as known on `asOf`. */
  readonly result: (key: string) => ResultState | undefined;
  /** Running totals the cumulative caps are measured against. */
  readonly usage: CapUsage;
  /** False when only the figures are wanted: no step of the explanation is recorded. */
  readonly explain: boolean;
  /**
   * Prices already found, by tranche and the values it read: for runs where every result is verified and
   * carries nothing but its value (the simulation's), so that the values decide the price.
   */
  readonly memo?: PricingMemo;
  /**
   * Each tranche's result steps, by its position in `plan.order`, filled as the run reads them: for runs on a
   * ledger remembered per date, whose states never change (`settle` keeps one list per ledger and plan).
   */
  readonly stepsAt?: (readonly ResultStep[] | undefined)[];
  /**
   * Each tranche's price (after the rounding step, before the caps), by its position in `plan.order`, filled as
   * the run prices: for runs on a ledger remembered per date (as `stepsAt`), one list per value of `explain`.
   */
  readonly pricedAt?: (PricedTranche | undefined)[];
}

/** Tranche prices (after the rounding step) by tranche and the values read: a pure cache, bounded. */
export type PricingMemo = Map<string, PricedTranche>;

/**
 * A tranche's price: pending (while a pooled result is awaited) or its rounded amount, when it is payable, and
 * the steps written from pricing to rounding.
 */
export interface PricedTranche {
  readonly pending: TranchePricing["pending"];
  readonly payable: PayableOn;
  readonly rounded: Rounded | null;
  /** The explanation from the pricing to the rounding step (none when the run does not explain). */
  readonly steps?: readonly Step[];
}

/** The most prices a memo keeps (results drawn to a few decimals repeat often). */
const MEMO_LIMIT = 100_000;

/**
 * A priced amount after the one rounding step: the total and each metric's part, in minor units. Without metric
 * caps no part is read but their sum (what the caps start from), so `byMetric` is `null`.
 */
interface Rounded {
  readonly total: bigint;
  readonly byMetric: ReadonlyMap<string, bigint> | null;
  /** The sum of the metric parts. */
  readonly ofParts: bigint;
}

/** What a tranche earned on a run: its terms in force, results, status or amounts, and the steps that led there. */
export interface EarnedTranche {
  /** The tranche as in force (amended where amendments apply). */
  readonly tranche: Tranche;
  readonly terms: TrancheTerms;
  readonly amendments: readonly Amendment[];
  readonly results: readonly ResultStep[];
  /** Why the tranche cannot be priced yet; `null` when it was priced. */
  readonly pending: { readonly status: TrancheStatus; readonly reason: string } | null;
  readonly payable: PayableOn;
  /** The priced amount after the one rounding step, before caps; `null` while pending. */
  readonly priced: bigint | null;
  /** What each payer owes each recipient (by position in the tranche's payers and recipients); `null` while pending. */
  readonly earned: readonly (readonly bigint[])[] | null;
  /** The amount before caps, and the caps' cut parts: what a reason quotes. */
  readonly capSteps: readonly CapStep[];
  /** The explanation up to the split (empty when the run does not explain). */
  readonly trace: Step[];
}

const NO_STEPS: Step[] = [];
const NO_TRAIL: ResultStep["trail"] = Object.freeze([]);
const NO_AMENDMENTS: readonly Amendment[] = Object.freeze([]);

/** The result steps of a list of needs, as the ledger knows them on the run. */
export function resultSteps(run: PlanRun, needs: readonly ResultNeed[]): ResultStep[] {
  const steps = new Array<ResultStep>(needs.length);
  for (let index = 0; index < needs.length; index += 1) {
    const { metric, key, scope } = needs[index]!;
    const state = run.result(key);
    // a state is written as its step (src/ledger/history.ts): read as it is when it names the need's metric and
    // scope, else copied under them (the same fields in the same order)
    steps[index] =
      state === undefined
        ? Object.freeze({ kind: "result", metric, scope, status: "missing", trail: NO_TRAIL })
        : state.metric === metric && state.scope === scope
          ? state
          : Object.freeze({ ...state, metric, scope });
  }
  return steps;
}

/**
 * Settles one tranche's earnings on a run, in settlement order (cumulative caps are consumed as it goes): the
 * terms in force; its results; pricing (statistical options, the pooled fallback, formulas) exactly; the one
 * rounding step to minor units; then, in whole minor units, metric caps, the floor, the tranche cap, the
 * contract cap, the payer split and payer caps, and each payer's split among recipients.
 */
export function earnTranche(
  run: PlanRun,
  original: Tranche,
  /** The tranche's position in `plan.order`, when known: its compiled terms and result steps are read by it. */
  position?: number,
): EarnedTranche {
  const { plan } = run;
  let contractTerms: Contract = plan.contract;
  let amendments = NO_AMENDMENTS;
  let tranche = original;
  let terms: TrancheTerms;
  if (plan.amended) {
    ({ terms: contractTerms, amendments, tranche } = trancheInForce(plan.contract, original, { asOf: run.asOf }));
    terms = plan.termsOf(tranche, contractTerms);
  } else terms = position === undefined ? plan.termsOf(tranche, contractTerms) : plan.termsAt(position);
  const stepsAt = position === undefined ? undefined : run.stepsAt;
  let results = stepsAt?.[position!];
  if (results === undefined) {
    results = resultSteps(run, terms.needs);
    if (stepsAt !== undefined) stepsAt[position!] = Object.freeze(results);
  }
  const trace: Step[] = run.explain ? [] : NO_STEPS;
  if (run.explain && amendments.length > 0)
    trace.push({
      kind: "terms",
      amendments: amendments.map(({ id, description, agreedOn, effectiveFrom }) => ({
        id,
        description,
        agreedOn,
        effectiveFrom,
      })),
    });
  if (run.explain) trace.push(...results);
  const waiting = pendingStatus(results, tranche.dueDate, run.asOf);
  if (waiting !== null)
    return earnedTranche(tranche, terms, amendments, results, trace, waiting, { payableFrom: tranche.dueDate });

  const pricedAt = position === undefined ? undefined : run.pricedAt;
  let priced = pricedAt?.[position!];
  if (priced !== undefined) {
    if (run.explain && priced.steps !== undefined) for (const step of priced.steps) trace.push(step);
  } else priced = pricedOnRun(run, original, tranche, terms, contractTerms, results, trace);
  if (pricedAt !== undefined) pricedAt[position!] = priced;
  const { pending, payable, rounded } = priced;
  if (pending !== null) return earnedTranche(tranche, terms, amendments, results, trace, pending, payable);
  const capSteps: CapStep[] = [];
  const parts = rounded!.byMetric === null ? null : new Map(rounded!.byMetric);
  const earned = capAndSplit(run, tranche, terms, parts, rounded!.ofParts, trace, capSteps);
  return earnedTranche(tranche, terms, amendments, results, trace, null, payable, rounded!.total, earned, capSteps);
}

/** Prices a tranche on a run (or finds its price in the run's memo), writing the steps to the trace. */
function pricedOnRun(
  run: PlanRun,
  original: Tranche,
  tranche: Tranche,
  terms: TrancheTerms,
  contractTerms: Contract,
  results: readonly ResultStep[],
  trace: Step[],
): PricedTranche {
  const { plan } = run;
  const key = run.memo === undefined ? "" : memoKey(run, original.id, terms, tranche, contractTerms);
  let priced = run.memo?.get(key);
  if (priced === undefined) {
    const from = trace.length;
    // the parts per metric are read by metric caps, by the rounding per metric, and from formulas (whose parts
    // may not add up to the amount); else only their sum, which is then the rounded total
    const parts = plan.metricCaps.size > 0 || plan.contract.rounding.at === "metric" || terms.formulas;
    const pricing = priceOwn(run, original, tranche, terms, contractTerms, results, parts);
    if (run.explain) trace.push(...pricing.steps);
    let rounded: Rounded | null = null;
    if (pricing.pending === null) {
      // a tranche priced per unit of a quantity it states: times value / pricedPer, before the one rounding
      const { priced: forQuantity, step } = pricedForQuantity(pricing.priced, tranche.quantity, run.explain);
      if (step !== null) trace.push(step);
      rounded = parts
        ? roundPriced(run, forQuantity.amount, forQuantity.byMetric, trace)
        : roundedTotal(run, forQuantity.amount, trace);
    }
    const { pending, payableFrom, pricedOnPool } = pricing;
    const payable: PayableOn = pricedOnPool === undefined ? { payableFrom } : { payableFrom, pricedOnPool };
    // the steps of a price are kept to be read again by later settlements: frozen, all the way down
    priced = run.explain
      ? { pending, payable, rounded, steps: deepFreeze(trace.slice(from)) }
      : { pending, payable, rounded };
    if (run.memo !== undefined) {
      if (run.memo.size >= MEMO_LIMIT) run.memo.clear();
      run.memo.set(key, priced);
    }
  } else if (run.explain && priced.steps !== undefined) for (const step of priced.steps) trace.push(step);
  return priced;
}

/** What a tranche earned: pending (no price, nothing earned) or priced, with its earnings and the caps that bit. */
function earnedTranche(
  tranche: Tranche,
  terms: TrancheTerms,
  amendments: readonly Amendment[],
  results: readonly ResultStep[],
  trace: Step[],
  pending: EarnedTranche["pending"],
  payable: PayableOn,
  priced: bigint | null = null,
  earned: bigint[][] | null = null,
  capSteps: CapStep[] = [],
): EarnedTranche {
  return { tranche, terms, amendments, results, trace, pending, payable, priced, earned, capSteps };
}

/** Prices a tranche whose own results are verified (src/engine/measured-pricing.ts). */
function priceOwn(
  run: PlanRun,
  original: Tranche,
  tranche: Tranche,
  terms: TrancheTerms,
  contractTerms: Contract,
  results: readonly ResultStep[],
  parts: boolean,
): TranchePricing {
  // A formula reads the ledger itself (its own and other periods' verified values).
  const value = (metric: string, covers: Coverage): Exact | undefined => {
    const state = run.result(scopeKey(metric, covers));
    return state === undefined ? undefined : exactKnown(state.value);
  };
  const formulasFor = (covers: Coverage): FormulaEnvironment => ({
    terms: contractTerms,
    covers,
    metrics: run.plan.metrics,
    value,
    path: ["tranches", run.plan.indexOf.get(original.id)!, "pricing"],
  });
  // Statistical options and the pooled-cohort fallback (src/engine/measured-pricing.ts) price the tranche's own
  // results; results of other periods a formula reads are only waited for.
  return priceTranche(
    tranche,
    terms.ownOnly ? results : results.filter((_, index) => terms.needs[index]!.own),
    run.plan.metrics,
    run.asOf,
    (cohort, rule) => resultSteps(run, run.plan.needsOf(contractTerms, rule, { cohort })),
    terms.formulas ? formulasFor : undefined,
    run.explain,
    parts,
  );
}

/** The memo key of a tranche's price: its id and the value of every result it reads (its pooled fallback's too). */
function memoKey(run: PlanRun, id: string, terms: TrancheTerms, tranche: Tranche, contractTerms: Contract): string {
  let key = id;
  const add = (needs: readonly ResultNeed[]) => {
    for (const need of needs) key += `\u0000${String(run.result(need.key)?.value ?? "")}`;
  };
  add(terms.needs);
  if (tranche.fallback !== undefined)
    add(run.plan.needsOf(contractTerms, tranche.fallback.pricing, { cohort: tranche.fallback.cohort }));
  return key;
}

/**
 * The one rounding step, where the contract says it applies. Returns the total and each metric's part, in minor
 * units (the parts only when the plan has metric caps: their sum otherwise).
 */
function roundPriced(run: PlanRun, amount: Exact, byMetric: ReadonlyMap<string, Exact>, trace: Step[]): Rounded {
  const { contract, places, metricCaps } = run.plan;
  const { mode, at } = contract.rounding;
  const keepParts = metricCaps.size > 0;
  if (at === "metric") {
    const parts = new Map<string, bigint>();
    let total = 0n;
    for (const [metric, before] of byMetric) {
      const after = unitsAt(roundTo(before, places, mode), places);
      if (run.explain)
        trace.push({ kind: "rounding", mode, at, metric, before: plain(before), after: run.plan.plain(after) });
      parts.set(metric, after);
      total += after;
    }
    return { total, byMetric: keepParts ? parts : null, ofParts: total };
  }
  const total = unitsAt(roundTo(amount, places, mode), places);
  if (run.explain) trace.push({ kind: "rounding", mode, at, before: plain(amount), after: run.plan.plain(total) });
  // The rounded amount attributed to metrics in proportion to their exact parts (all zero when they are).
  if (byMetric.size <= 1) {
    const ofParts = byMetric.size === 0 ? 0n : total;
    if (!keepParts) return { total, byMetric: null, ofParts };
    const parts = new Map<string, bigint>();
    for (const metric of byMetric.keys()) parts.set(metric, total);
    return { total, byMetric: parts, ofParts };
  }
  const exact: Exact[] = [];
  for (const part of byMetric.values()) exact.push(part);
  const weights = exactWeights(exact);
  // without metric caps only the parts' sum is read: the total, or nothing when every weight is zero
  if (!keepParts && weights.every((weight) => weight >= 0n))
    return { total, byMetric: null, ofParts: weights.some((weight) => weight > 0n) ? total : 0n };
  const attributed = attribute(total, weights);
  const parts = new Map<string, bigint>();
  let ofParts = 0n;
  let index = 0;
  for (const metric of byMetric.keys()) {
    parts.set(metric, attributed[index]!);
    ofParts += attributed[index]!;
    index += 1;
  }
  return { total, byMetric: keepParts ? parts : null, ofParts };
}

/**
 * The one rounding step on the tranche's amount, when no part per metric is read: a rule without formulas prices
 * every metric's part at zero or more, so the parts, rounded in proportion, add up to the rounded total.
 */
function roundedTotal(run: PlanRun, amount: Exact, trace: Step[]): Rounded {
  const { contract, places } = run.plan;
  const { mode, at } = contract.rounding;
  const total = unitsAt(roundTo(amount, places, mode), places);
  if (run.explain) trace.push({ kind: "rounding", mode, at, before: plain(amount), after: run.plan.plain(total) });
  return { total, byMetric: null, ofParts: total };
}

/** Splits `total` over parts in proportion to `weights` (all zero when the weights or the total are). */
function attribute(total: bigint, weights: readonly bigint[]): bigint[] {
  let sum = 0n;
  for (const weight of weights) sum += weight;
  if (sum === 0n || total === 0n) return weights.map(() => 0n);
  return splitUnits(total, weights);
}

/** What the cumulative caps have used so far on a run: the contract cap's, and each metric's and payer's. */
export interface CapUsage {
  contract: bigint;
  readonly metric: Map<string, bigint>;
  readonly payer: Map<string, bigint>;
}

/** Nothing used yet: the start of a run. */
export function noUsage(): CapUsage {
  return { contract: 0n, metric: new Map(), payer: new Map() };
}

function addTo(usage: Map<string, bigint>, id: string, amount: bigint): void {
  usage.set(id, (usage.get(id) ?? 0n) + amount);
}

/**
 * Applies one cap: the amount is cut to what is left of `limit` after `usedBefore` (never below zero). Records
 * the step, bitten or not, in the explanation and among the tranche's cap steps.
 */
function applyCap(
  run: PlanRun,
  cap: CapKind,
  id: string,
  limit: bigint,
  usedBefore: bigint,
  amount: bigint,
  trace: Step[],
  capSteps: CapStep[],
): bigint {
  const after = minUnits(amount, maxUnits(limit - usedBefore, 0n));
  const cut = amount - after;
  if (run.explain || cut !== 0n) {
    const step: CapStep = {
      kind: "cap",
      cap,
      id,
      limit: run.plan.plain(limit),
      usedBefore: run.plan.plain(usedBefore),
      before: run.plan.plain(amount),
      after: run.plan.plain(after),
      cut: run.plan.plain(cut),
    };
    if (run.explain) trace.push(step);
    if (cut !== 0n) capSteps.push(step);
  }
  return after;
}

/** Caps, floor and splits, all in whole minor units after the rounding step. */
function capAndSplit(
  run: PlanRun,
  tranche: Tranche,
  terms: TrancheTerms,
  /** Each metric's part, to cap (`null` when the plan has no metric caps) */
  parts: Map<string, bigint> | null,
  /** The sum of the parts. */
  ofParts: bigint,
  trace: Step[],
  capSteps: CapStep[],
): bigint[][] {
  const { plan } = run;
  let fromMetrics = ofParts;
  if (parts !== null) {
    fromMetrics = 0n;
    for (const [metric, part] of parts) {
      const limit = plan.metricCaps.get(metric);
      const capped =
        limit === undefined
          ? part
          : applyCap(run, "metric", metric, limit, run.usage.metric.get(metric) ?? 0n, part, trace, capSteps);
      parts.set(metric, capped);
      fromMetrics += capped;
    }
  }
  let amount = fromMetrics;
  if (terms.floor !== null && amount < terms.floor) {
    if (run.explain)
      trace.push({
        kind: "floor",
        floor: run.plan.plain(terms.floor),
        before: run.plan.plain(amount),
        after: run.plan.plain(terms.floor),
      });
    amount = terms.floor;
  }
  if (terms.cap !== null) amount = applyCap(run, "tranche", tranche.id, terms.cap, 0n, amount, trace, capSteps);
  if (plan.contractCap !== null)
    amount = applyCap(run, "contract", plan.contract.id, plan.contractCap, run.usage.contract, amount, trace, capSteps);

  // Split among payers; a payer at its cap pays only what is left of it, and the tranche is reduced by the cut.
  const { payers, recipients } = terms;
  const byPayer = splitUnits(amount, payers.weights);
  const earned: bigint[][] = [];
  let final = 0n;
  for (let p = 0; p < payers.parties.length; p += 1) {
    const payer = payers.parties[p]!;
    let payerAmount = byPayer[p]!;
    if (run.explain)
      trace.push({
        kind: "split",
        side: "payer",
        party: payer,
        share: payers.shares[p]!,
        amount: run.plan.plain(payerAmount),
      });
    const limit = plan.payerCaps.get(payer);
    if (limit !== undefined)
      payerAmount = applyCap(
        run,
        "payer",
        payer,
        limit,
        run.usage.payer.get(payer) ?? 0n,
        payerAmount,
        trace,
        capSteps,
      );
    addTo(run.usage.payer, payer, payerAmount);
    const row = splitUnits(payerAmount, recipients.weights);
    if (run.explain)
      for (let r = 0; r < recipients.parties.length; r += 1)
        trace.push({
          kind: "split",
          side: "recipient",
          party: recipients.parties[r]!,
          of: payer,
          share: recipients.shares[r]!,
          amount: run.plan.plain(row[r]!),
        });
    if (payerAmount !== 0n) final = final === 0n ? payerAmount : final + payerAmount; // what its row adds up to
    earned.push(row);
  }
  if (final !== 0n) run.usage.contract += final;
  if (parts === null) return earned; // no metric cap reads what metrics used
  // What the metric caps have used: the final amount, attributed to metrics in proportion to their capped
  // parts, never more than those parts (a floor's top-up is not attributed to any metric).
  const metrics = [...parts.keys()];
  const attributed =
    metrics.length === 1
      ? [minUnits(final, fromMetrics) === 0n || parts.get(metrics[0]!) === 0n ? 0n : minUnits(final, fromMetrics)]
      : attribute(
          minUnits(final, fromMetrics),
          metrics.map((metric) => parts.get(metric)!),
        );
  metrics.forEach((metric, index) => addTo(run.usage.metric, metric, attributed[index]!));
  return earned;
}
