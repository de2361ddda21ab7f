import { Dec, readDecimal, readMeasure } from "../money/decimal.js";
import { allocateDecimal, allocateUnits } from "../money/allocate.js";
import { minorUnits } from "../money/currency.js";
import { roundToWholeUnits } from "../money/rounding.js";
import type { Contract, Metric, PricingRule } from "../contract/types.js";
import { scopeKey } from "../ledger/history.js";
import { metricsOf } from "../pricing/evaluate-rule.js";
import { integerWeights } from "./compile-finance.js";
import { dayNumber, MAX_UNITS, unitsOf, type MinorUnitsContext } from "./minor-units.js";
import { largestAmount } from "../money/limits.js";
import { OptionsError, issue } from "../errors/validation-error.js";
import type { Receipt } from "./waterfall.js";
import type { ResultEvent } from "../contract/event-types.js";
import { formulaNeeds } from "../pricing/contract-formulas.js";
import { settle } from "../engine/settle.js";
import { settlementOrder } from "../engine/settlement-order.js";
import { parseEvents } from "../ledger/parse-events.js";
import { receiptsOf } from "./cash-flows.js";
import { trancheInForce } from "../contract/amendments.js";

/**
 * A fast path for the simulation: the contract compiled once (constants parsed, shares as integer weights,
 * tranches in settlement order), then re-priced for each new set of verified results with no history, no
 * explanation and no freezing. It follows `settle` step by step — pricing, the one rounding step, metric
 * caps, floor, tranche cap, contract cap, payer split and payer caps, recipient split — in whole minor units,
 * and gives exactly the amounts `settle` gives when every result is verified and nothing is paid yet
 * (a property test checks this). For anything else (pending results, payments, explanations) use `settle`.
 */

type Measured = ReadonlyMap<string, Dec>;
type CompiledRule = (measured: Measured) => Map<string, Dec>;

const q = (value: string | number): Dec => readMeasure(value) ?? new Dec(0);

function compileRule(rule: PricingRule, metrics: ReadonlyMap<string, Metric>): CompiledRule {
  if (rule.type === "weighted") {
    const parts = rule.parts.map((part) => ({
      weight: readDecimal(part.weight) ?? new Dec(0),
      rule: compileRule(part.rule, metrics),
    }));
    return (measured) => {
      const byMetric = new Map<string, Dec>();
      for (const part of parts) {
        for (const [metric, value] of part.rule(measured))
          byMetric.set(metric, (byMetric.get(metric) ?? new Dec(0)).plus(value.times(part.weight)));
      }
      return byMetric;
    };
  }
  if (rule.type === "formula") {
    return () => {
      throw new Error("assertion: a contract with formula rules is re-priced through settle (see priceRun)");
    };
  }
  const metric = metrics.get(rule.metric)!;
  const baseline = q(metric.baseline.value);
  const scale = baseline.abs();
  const higher = metric.better === "higher";
  const basis = (value: Dec): Dec => {
    if (rule.basis === "value") return value;
    const improvement = higher ? value.minus(baseline) : baseline.minus(value);
    return rule.basis === "improvement" ? improvement : improvement.div(scale);
  };
  const single = (amount: Dec) => new Map([[metric.id, amount.isNegative() && !amount.isZero() ? new Dec(0) : amount]]);
  const measuredValue = (measured: Measured) => {
    const value = measured.get(metric.id);
    if (value === undefined) throw new Error(`assertion: no value for metric "${metric.id}"`);
    return value;
  };
  switch (rule.type) {
    case "rate": {
      const price = new Dec(rule.pricePerUnit);
      return (measured) => single(basis(measuredValue(measured)).times(price));
    }
    case "threshold": {
      const threshold = q(rule.threshold);
      const atMost = rule.basis === "value" && metric.better === "lower";
      const amount = rule.amount !== undefined ? new Dec(rule.amount) : null;
      const inner = rule.then !== undefined ? compileRule(rule.then, metrics) : null;
      return (measured) => {
        const x = basis(measuredValue(measured));
        const met = atMost ? x.lessThanOrEqualTo(threshold) : x.greaterThanOrEqualTo(threshold);
        if (!met) return single(new Dec(0));
        return amount !== null ? single(amount) : inner!(measured);
      };
    }
    case "tiers": {
      const tiers = rule.tiers.map((tier) => ({
        from: q(tier.from),
        to: tier.to === undefined ? null : q(tier.to),
        amount: new Dec(tier.amount),
      }));
      return (measured) => {
        const x = basis(measuredValue(measured));
        const tier = tiers.find(
          (band) => x.greaterThanOrEqualTo(band.from) && (band.to === null || x.lessThan(band.to)),
        );
        return single(tier === undefined ? new Dec(0) : tier.amount);
      };
    }
    case "linear": {
      const points = rule.points.map((point) => ({ at: q(point.at), amount: new Dec(point.amount) }));
      // each segment's width and rise, computed once
      const segments = points.map((point, index) => {
        const previous = points[index - 1] ?? point;
        return { width: point.at.minus(previous.at), rise: point.amount.minus(previous.amount) };
      });
      const first = points[0]!;
      const last = points[points.length - 1]!;
      // As in evaluateRule: on the value basis of a lower-is-better metric the better end is the first point.
      const lowIsBetter = rule.basis === "value" && metric.better === "lower";
      return (measured) => {
        const x = basis(measuredValue(measured));
        if (lowIsBetter ? x.lessThanOrEqualTo(first.at) : x.lessThan(first.at))
          return single(lowIsBetter ? first.amount : new Dec(0));
        if (lowIsBetter ? x.greaterThan(last.at) : x.greaterThanOrEqualTo(last.at))
          return single(lowIsBetter ? new Dec(0) : last.amount);
        const upperIndex = points.findIndex((point) =>
          lowIsBetter ? x.lessThanOrEqualTo(point.at) : x.lessThan(point.at),
        );
        const lower = points[upperIndex - 1]!;
        const segment = segments[upperIndex]!;
        const fraction = x.minus(lower.at).div(segment.width);
        return single(lower.amount.plus(segment.rise.times(fraction)));
      };
    }
    case "savings-share": {
      const saving = new Dec(rule.savingPerUnit);
      const share = readDecimal(rule.share) ?? new Dec(0);
      return (measured) => single(basis(measuredValue(measured)).times(saving).times(share));
    }
  }
}

interface CompiledTranche {
  readonly id: string;
  readonly dueDate: string;
  readonly day: number;
  /** The result scopes the tranche needs: metric id and scope key. */
  readonly inputs: readonly { readonly metric: string; readonly key: string }[];
  readonly price: CompiledRule;
  readonly floor: number | null;
  readonly cap: number | null;
  readonly payers: readonly string[];
  readonly payerWeights: readonly number[];
  readonly recipients: readonly string[];
  readonly recipientWeights: readonly number[];
}

/** A contract compiled for re-pricing: see `priceRun`. */
export interface CompiledSettlement extends MinorUnitsContext {
  readonly at: Contract["rounding"]["at"];
  readonly tranches: readonly CompiledTranche[];
  readonly metricCaps: ReadonlyMap<string, number>;
  readonly payerCaps: ReadonlyMap<string, number>;
  readonly contractCap: number | null;
  /** Every result scope key the contract's tranches need, in settlement order, no repeats. */
  readonly scopes: readonly {
    readonly metric: string;
    readonly key: string;
    readonly period?: string;
    readonly cohort?: string;
  }[];
  /** The outcome payers, in order of first appearance. */
  readonly payers: readonly string[];
  /** Tranche prices already computed, by tranche and measured values: a pure cache. */
  readonly priced: Map<string, { readonly metrics: readonly string[]; readonly parts: readonly number[] }>;
  /** The contract, when its prices need `settle` itself (formula rules, amendments); `null` on the fast path. */
  readonly viaSettle: Contract | null;
}

/** Compiles a parsed contract for `priceRun`. */
export function compileSettlement(contract: Contract): CompiledSettlement {
  const places = minorUnits(contract.currency);
  const units = (amount: string) => unitsOf(amount, places);
  const metrics = new Map(contract.metrics.map((metric) => [metric.id, metric]));
  const order = settlementOrder(contract.tranches);
  const scopes = new Map<string, { metric: string; key: string; period?: string; cohort?: string }>();
  const viaSettle = pricedBySettle(contract) ? contract : null;
  const tranches = order.map((tranche) => {
    // Re-priced through settle, a tranche is priced on its terms as amended by every amendment (priceRun settles
    // as of END_OF_TIME, when all are agreed): the results drawn are those that rule and its formulas read.
    const { terms, tranche: inForce } =
      viaSettle === null ? { terms: contract, tranche } : trancheInForce(contract, tranche, { asOf: END_OF_TIME });
    const inputs = metricsOf(inForce.pricing).map((metric) => {
      const key = scopeKey(metric, tranche.covers);
      if (!scopes.has(key)) scopes.set(key, { metric, key, ...tranche.covers });
      return { metric, key };
    });
    // What formula rules read, in this and other periods (previous, last year, a window), is drawn too.
    for (const need of viaSettle === null ? [] : formulaNeeds(terms, inForce.pricing, tranche.covers)) {
      const key = scopeKey(need.metric, need.covers);
      if (!scopes.has(key)) scopes.set(key, { metric: need.metric, key, ...need.covers });
    }
    return {
      id: tranche.id,
      // payable on its due date: tranches with a pooled fallback, the one case where a tranche is payable later
      // (TrancheSettlement.payableFrom), are refused by the simulation before it compiles a contract
      dueDate: tranche.dueDate,
      day: dayNumber(tranche.dueDate),
      inputs,
      price: compileRule(tranche.pricing, metrics),
      floor: tranche.floor === undefined ? null : units(tranche.floor),
      cap: tranche.cap === undefined ? null : units(tranche.cap),
      payers: tranche.payers.map((entry) => entry.party),
      payerWeights: integerWeights(
        tranche.payers.map((entry) => readDecimal(entry.share)!),
        ["contract", "tranches", contract.tranches.indexOf(tranche), "payers"],
      ),
      recipients: tranche.recipients.map((entry) => entry.party),
      recipientWeights: integerWeights(
        tranche.recipients.map((entry) => readDecimal(entry.share)!),
        ["contract", "tranches", contract.tranches.indexOf(tranche), "recipients"],
      ),
    };
  });
  const caps = contract.caps;
  const unitsMap = (record: Readonly<Record<string, string>> | undefined) =>
    new Map(Object.entries(record ?? {}).map(([id, amount]) => [id, units(amount)]));
  return {
    currency: contract.currency,
    places,
    mode: contract.rounding.mode,
    at: contract.rounding.at,
    tranches,
    metricCaps: unitsMap(caps?.perMetric),
    payerCaps: unitsMap(caps?.perPayer),
    contractCap: caps?.contract === undefined ? null : units(caps.contract),
    scopes: [...scopes.values()],
    payers: [...new Set(tranches.flatMap((tranche) => tranche.payers))],
    priced: new Map(),
    viaSettle,
  };
}

/** True when some tranche's price needs more than the fast path knows: a formula rule, or amended terms. */
function pricedBySettle(contract: Contract): boolean {
  const hasFormula = (rule: PricingRule): boolean =>
    rule.type === "formula" ||
    (rule.type === "weighted" && rule.parts.some((part) => hasFormula(part.rule))) ||
    (rule.type === "threshold" && rule.then !== undefined && hasFormula(rule.then));
  return (contract.amendments ?? []).length > 0 || contract.tranches.some((tranche) => hasFormula(tranche.pricing));
}

/** The day after which every amendment is agreed and every tranche due: the settlement date of a re-pricing. */
const END_OF_TIME = "9999-12-31";

/** Re-prices through `settle` itself: every drawn value becomes a verified result, nothing is paid. */
function receiptsViaSettle(compiled: CompiledSettlement, values: ReadonlyMap<string, Dec>): Receipt[] {
  const contract = compiled.viaSettle!;
  const scopes = compiled.scopes;
  const verifier = contract.parties.find((party) => party.roles.includes("verifier"))?.id;
  const events: ResultEvent[] = scopes.map((scope, index) => ({
    type: "result",
    id: `run-${index}`,
    metric: scope.metric,
    ...(scope.period !== undefined ? { period: scope.period } : { cohort: scope.cohort ?? "" }),
    value: values.get(scope.key)!.toString(),
    status: "verified",
    recordedAt: contract.term.start,
    ...(verifier !== undefined ? { verifier } : {}),
  }));
  const settlement = settle(contract, parseEvents(events, { contract }), { asOf: END_OF_TIME });
  try {
    return receiptsOf(settlement);
  } catch (error) {
    const found = error instanceof OptionsError ? error.issues[0] : undefined;
    if (found?.code === "amount_too_large") tooLarge(compiled, settlement.tranches[found.path[2] as number]?.id ?? "");
    throw error;
  }
}

/** Splits `total` over parts in proportion to `weights` (all zero when the weights or the total are). */
function attributeUnits(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  if (weights.length === 1) return [total]; // the whole amount, even when the one price was beyond the limit
  return allocateUnits(total, weights);
}

/**
 * A run whose results price a tranche beyond the largest amount computed exactly in minor units, after its
 * caps: refused, since a JavaScript number would lose its last digits.
 */
function tooLarge(compiled: CompiledSettlement, tranche: string): never {
  throw new OptionsError([
    issue(
      ["results"],
      "amount_too_large",
      `the results drawn in a run price tranche "${tranche}" above ${largestAmount(compiled.places)} ${compiled.currency} (10^15 minor units), the largest amount the simulation computes exactly: narrow the distributions, or cap the tranche`,
    ),
  ]);
}

/** The most tranche prices a compiled contract remembers (results drawn to a few decimals repeat often). */
const PRICED_LIMIT = 100_000;

/** A tranche's price on measured values, after the one rounding step: each metric's part in minor units. */
function priceTranche(
  compiled: CompiledSettlement,
  tranche: CompiledTranche,
  measured: Measured,
): { metrics: string[]; parts: number[] } {
  const { currency, places, mode } = compiled;
  const scale = 10 ** places;
  // A price beyond the largest amount is kept as ±Infinity: a cap may still bring it back (priceRun refuses it
  // otherwise). Several metrics' parts cannot be split in proportion to an infinite one: refused at once.
  const toUnits = (value: Dec) => {
    const units = roundToWholeUnits(value.times(scale), mode);
    if (units.abs().lessThanOrEqualTo(MAX_UNITS)) return units.toNumber();
    if (byMetric.size > 1) tooLarge(compiled, tranche.id);
    return units.isNegative() ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  };
  const byMetric = tranche.price(measured);
  const metrics = [...byMetric.keys()];
  if (compiled.at === "metric") return { metrics, parts: metrics.map((metric) => toUnits(byMetric.get(metric)!)) };
  let exact = new Dec(0);
  for (const value of byMetric.values()) exact = exact.plus(value);
  const total = toUnits(exact);
  if (metrics.length === 1) return { metrics, parts: [total] };
  const weights = metrics.map((metric) => byMetric.get(metric)!);
  const sum = weights.reduce((acc, weight) => acc.plus(weight), new Dec(0));
  const parts =
    sum.isZero() || total === 0
      ? metrics.map(() => 0)
      : allocateDecimal(new Dec(total).div(scale), weights, currency).map((part) => part.times(scale).toNumber());
  return { metrics, parts };
}

/**
 * The outcome payments earned under a compiled contract when every result is verified with the given
 * values (by scope key, e.g. `dropout-rate|period:as-2026-27`) and nothing has been paid: one receipt per
 * payer-recipient line with a positive amount, due on the tranche's due date.
 */
export function priceRun(compiled: CompiledSettlement, values: ReadonlyMap<string, Dec>): Receipt[] {
  if (compiled.viaSettle !== null) return receiptsViaSettle(compiled, values);
  const usage = new Map<string, number>();
  const used = (key: string) => usage.get(key) ?? 0;
  const receipts: Receipt[] = [];
  for (const tranche of compiled.tranches) {
    const measured = new Map<string, Dec>();
    let key = tranche.id;
    for (const input of tranche.inputs) {
      const value = values.get(input.key);
      if (value === undefined) throw new Error(`assertion: no value for ${input.key}`);
      measured.set(input.metric, value);
      key += `|${value.toString()}`;
    }
    let priced = compiled.priced.get(key);
    if (priced === undefined) {
      priced = priceTranche(compiled, tranche, measured);
      if (compiled.priced.size >= PRICED_LIMIT) compiled.priced.clear();
      compiled.priced.set(key, priced);
    }
    const metrics = priced.metrics;
    const parts = priced.parts.slice();
    metrics.forEach((metric, index) => {
      const limit = compiled.metricCaps.get(metric);
      if (limit !== undefined) parts[index] = Math.min(parts[index]!, Math.max(limit - used(`metric:${metric}`), 0));
    });
    const fromMetrics = parts.reduce((acc, part) => acc + part, 0);
    let amount = fromMetrics;
    if (tranche.floor !== null && amount < tranche.floor) amount = tranche.floor;
    if (tranche.cap !== null) amount = Math.min(amount, Math.max(tranche.cap, 0));
    if (compiled.contractCap !== null) amount = Math.min(amount, Math.max(compiled.contractCap - used("contract"), 0));
    if (!(Math.abs(amount) <= MAX_UNITS)) tooLarge(compiled, tranche.id);
    const byPayer = amount === 0 ? tranche.payerWeights.map(() => 0) : allocateUnits(amount, tranche.payerWeights);
    let final = 0;
    tranche.payers.forEach((payer, p) => {
      let payerAmount = byPayer[p]!;
      const limit = compiled.payerCaps.get(payer);
      if (limit !== undefined) payerAmount = Math.min(payerAmount, Math.max(limit - used(`payer:${payer}`), 0));
      usage.set(`payer:${payer}`, used(`payer:${payer}`) + payerAmount);
      const byRecipient =
        payerAmount === 0
          ? tranche.recipientWeights.map(() => 0)
          : allocateUnits(payerAmount, tranche.recipientWeights);
      tranche.recipients.forEach((recipient, r) => {
        const earned = byRecipient[r]!;
        final += earned;
        if (earned > 0)
          receipts.push({
            date: tranche.dueDate,
            day: tranche.day,
            tranche: tranche.id,
            payer,
            recipient,
            units: earned,
          });
      });
    });
    usage.set("contract", used("contract") + final);
    const attributed = attributeUnits(Math.min(final, fromMetrics), parts);
    metrics.forEach((metric, index) => usage.set(`metric:${metric}`, used(`metric:${metric}`) + attributed[index]!));
  }
  return receipts;
}
