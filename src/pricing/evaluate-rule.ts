import {
  compare,
  divide,
  EXACT_ZERO,
  type Exact,
  exactKnown,
  minus,
  plainText as plain,
  plus,
  sign,
  times,
} from "../formula/exact.js";
import { remember } from "../util/remember.js";
import type { Metric, PricingRule, TrancheQuantity } from "../contract/types.js";
import { rulesIn } from "../contract/rule-tree.js";
import type { PricingStep, QuantityStep } from "../explanation/steps.js";
import { basisValue, reaches } from "./basis.js";
import { evaluateFormulaRule, type FormulaEnvironment } from "./contract-formulas.js";

/** The measured values a rule may use, by metric id. */
export type MeasuredValues = ReadonlyMap<string, Exact>;

/** What a rule priced: the exact (unrounded) amount, its part per metric, and the steps that led there. */
export interface Priced {
  readonly amount: Exact;
  /** The amount attributed to each metric (they add up to `amount`). */
  readonly byMetric: ReadonlyMap<string, Exact>;
  readonly steps: readonly PricingStep[];
}

/** The metric ids a rule depends on, in the order they appear. */
export function metricsOf(rule: PricingRule): string[] {
  // a formula's needs come from formulaNeeds (it may read other periods)
  const ids = rulesIn(rule).flatMap(({ rule: part }) =>
    part.type === "weighted" || part.type === "formula" ? [] : [part.metric],
  );
  return [...new Set(ids)];
}

const ZERO = EXACT_ZERO;
/** The parts of a rule priced without them (`parts` false): none, and never written to. */
const NO_PARTS: ReadonlyMap<string, Exact> = new Map();
/** The steps of a rule priced without its explanation (`record` false): none, and never written to. */
const NO_STEPS: PricingStep[] = Object.freeze([]) as unknown as PricingStep[];
/** A constant of the contract or a measured value, read once (see `exactKnown`). */
const q = (value: string | number): Exact => exactKnown(value) ?? ZERO;

const linearPoints = new WeakMap<object, readonly { readonly at: Exact; readonly amount: Exact }[]>();

/** A linear rule's points read once (a contract's rules are frozen: the same object is priced at every settlement). */
function pointsOf(
  rule: Extract<PricingRule, { type: "linear" }>,
): readonly { readonly at: Exact; readonly amount: Exact }[] {
  return remember(linearPoints, rule, () => rule.points.map((point) => ({ at: q(point.at), amount: q(point.amount) })));
}

/**
 * Prices a rule on measured values, exactly. A rule's amount is never negative: a result that got worse
 * pays nothing (a `zero-floor` step says so). Every metric the rule names must have a value.
 */
export function evaluateRule(
  rule: PricingRule,
  metrics: ReadonlyMap<string, Metric>,
  measured: MeasuredValues,
  formulas?: FormulaEnvironment,
  /** `false` when only the amount is wanted: no step is written (the figures-only settlement, the simulation). */
  record = true,
  /**
   * `false` when no part per metric is read (no metric cap, the rounding on the tranche, no formula): `byMetric`
   * is then left empty.
   */
  parts = true,
): Priced {
  if (rule.type === "formula") {
    if (formulas === undefined) throw new Error("assertion: a formula rule needs its environment");
    return evaluateFormulaRule(rule, formulas);
  }
  if (rule.type === "weighted") {
    const steps: PricingStep[] = record ? [] : NO_STEPS;
    const byMetric = parts ? new Map<string, Exact>() : NO_PARTS;
    let amount = ZERO;
    for (let index = 0; index < rule.parts.length; index += 1) {
      const part = rule.parts[index]!;
      const weight = q(part.weight);
      const priced = evaluateRule(
        part.rule,
        metrics,
        measured,
        formulas && { ...formulas, path: [...formulas.path, "parts", index, "rule"] },
        record,
        parts,
      );
      if (record) steps.push(...priced.steps);
      const weighted = times(priced.amount, weight);
      if (record)
        steps.push({
          kind: "weight",
          part: index,
          weight: plain(weight),
          partAmount: plain(priced.amount),
          amount: plain(weighted),
        });
      amount = plus(amount, weighted);
      if (!parts) continue;
      const sums = byMetric as Map<string, Exact>;
      // a part on one metric: its whole weighted amount is that metric's (no second product)
      if (priced.byMetric.size === 1)
        for (const metric of priced.byMetric.keys()) sums.set(metric, plus(sums.get(metric) ?? ZERO, weighted));
      else
        for (const [metric, value] of priced.byMetric)
          sums.set(metric, plus(sums.get(metric) ?? ZERO, times(value, weight)));
    }
    return { amount, byMetric, steps };
  }

  const metric = metrics.get(rule.metric);
  const value = measured.get(rule.metric);
  if (metric === undefined || value === undefined) {
    throw new Error(`assertion: metric "${rule.metric}" has no definition or no measured value`);
  }
  const { value: x, step: basisStep } = basisValue(metric, rule.basis, value, record);
  const steps: PricingStep[] = basisStep === null ? NO_STEPS : [basisStep];
  const single = (amount: Exact): Priced => {
    if (sign(amount) < 0) {
      if (record) steps.push({ kind: "zero-floor", metric: metric.id, before: plain(amount) });
      amount = ZERO;
    }
    return { amount, byMetric: parts ? new Map<string, Exact>().set(metric.id, amount) : NO_PARTS, steps };
  };
  const shown = record ? plain(x) : "";

  switch (rule.type) {
    case "rate": {
      const amount = times(x, q(rule.pricePerUnit));
      if (record)
        steps.push({
          kind: "rate",
          metric: metric.id,
          basisValue: shown,
          pricePerUnit: rule.pricePerUnit,
          amount: plain(amount),
        });
      return single(amount);
    }
    case "threshold": {
      const threshold = q(rule.threshold);
      const met = reaches(metric, rule.basis, x, threshold);
      const comparison = rule.basis === "value" && metric.better === "lower" ? "at-most" : "at-least";
      if (record)
        steps.push({
          kind: "threshold",
          metric: metric.id,
          basisValue: shown,
          threshold: plain(threshold),
          comparison,
          met,
          ...(rule.amount !== undefined ? { amount: met ? rule.amount : "0" } : {}),
        });
      if (!met) return single(ZERO);
      if (rule.amount !== undefined) return single(q(rule.amount));
      const inner = evaluateRule(
        rule.then!,
        metrics,
        measured,
        formulas && { ...formulas, path: [...formulas.path, "then"] },
        record,
        parts,
      );
      return { amount: inner.amount, byMetric: inner.byMetric, steps: [...steps, ...inner.steps] };
    }
    case "tiers": {
      let index = -1;
      for (let at = 0; at < rule.tiers.length; at += 1) {
        const { from, to } = rule.tiers[at]!;
        if (compare(x, q(from)) >= 0 && (to === undefined || compare(x, q(to)) < 0)) {
          index = at;
          break;
        }
      }
      const tier = index >= 0 ? rule.tiers[index] : undefined;
      const amount = tier === undefined ? ZERO : q(tier.amount);
      if (record)
        steps.push({
          kind: "tier",
          metric: metric.id,
          basisValue: shown,
          tier: tier === undefined ? null : index,
          ...(tier !== undefined ? { from: plain(q(tier.from)) } : {}),
          ...(tier?.to !== undefined ? { to: plain(q(tier.to)) } : {}),
          amount: plain(amount),
        });
      return single(amount);
    }
    case "linear": {
      const points = pointsOf(rule);
      const first = points[0]!;
      const last = points[points.length - 1]!;
      const show = (point: { at: Exact; amount: Exact }) => ({ at: plain(point.at), amount: plain(point.amount) });
      // The worse end pays nothing and the better end pays its amount. On the improvement bases higher is
      // always better; on the value basis of a lower-is-better metric the ends swap.
      const lowIsBetter = rule.basis === "value" && metric.better === "lower";
      if (lowIsBetter ? compare(x, first.at) <= 0 : compare(x, first.at) < 0) {
        const amount = lowIsBetter ? first.amount : ZERO;
        if (record)
          steps.push({
            kind: "interpolation",
            metric: metric.id,
            basisValue: shown,
            position: "below",
            upper: show(first),
            amount: plain(amount),
          });
        return single(amount);
      }
      if (lowIsBetter ? compare(x, last.at) > 0 : compare(x, last.at) >= 0) {
        const amount = lowIsBetter ? ZERO : last.amount;
        if (record)
          steps.push({
            kind: "interpolation",
            metric: metric.id,
            basisValue: shown,
            position: "above",
            lower: show(last),
            amount: plain(amount),
          });
        return single(amount);
      }
      const upperIndex = points.findIndex((point) =>
        lowIsBetter ? compare(x, point.at) <= 0 : compare(x, point.at) < 0,
      );
      const upper = points[upperIndex]!;
      const lower = points[upperIndex - 1]!;
      const fraction = divide(minus(x, lower.at), minus(upper.at, lower.at));
      const amount = plus(lower.amount, times(minus(upper.amount, lower.amount), fraction));
      if (record)
        steps.push({
          kind: "interpolation",
          metric: metric.id,
          basisValue: shown,
          position: "between",
          lower: show(lower),
          upper: show(upper),
          fraction: plain(fraction),
          amount: plain(amount),
        });
      return single(amount);
    }
    case "savings-share": {
      const saving = times(x, q(rule.savingPerUnit));
      const share = q(rule.share);
      const amount = times(saving, share);
      if (record)
        steps.push({
          kind: "savings-share",
          metric: metric.id,
          basisValue: shown,
          savingPerUnit: rule.savingPerUnit,
          saving: plain(saving),
          share: plain(share),
          amount: plain(amount),
        });
      return single(amount);
    }
  }
}

const ONE = q(1);
/** A tranche quantity read once: its multiplier's parts (a contract's tranches are frozen). */
const quantities = new WeakMap<TrancheQuantity, { readonly value: Exact; readonly per: Exact }>();

/**
 * A tranche's priced amount for the quantity it states: every part times `value / pricedPer`, exactly (the
 * product first, then the one division; exact whenever `pricedPer` divides a power of ten, as 100 does), and the
 * `quantity` step that says so. The one rounding step comes after. Without a quantity, `priced` itself and no step.
 */
export function pricedForQuantity(
  priced: Priced,
  quantity: TrancheQuantity | undefined,
  /** `false` when only the amount is wanted: no step is made. */
  record = true,
): { readonly priced: Priced; readonly step: QuantityStep | null } {
  if (quantity === undefined) return { priced, step: null };
  const { value, per } = remember(quantities, quantity, () => ({
    value: q(quantity.value),
    per: quantity.pricedPer === undefined || compare(q(quantity.pricedPer), ONE) === 0 ? ONE : q(quantity.pricedPer),
  }));
  const scale = (amount: Exact): Exact => (per === ONE ? times(amount, value) : divide(times(amount, value), per));
  const amount = scale(priced.amount);
  const byMetric = new Map<string, Exact>();
  // one metric: its part is the whole amount (no second product)
  for (const [metric, part] of priced.byMetric) byMetric.set(metric, priced.byMetric.size === 1 ? amount : scale(part));
  const step: QuantityStep | null = record
    ? {
        kind: "quantity",
        value: plain(value),
        unit: quantity.unit,
        pricedPer: plain(per),
        before: plain(priced.amount),
        amount: plain(amount),
      }
    : null;
  return { priced: { amount, byMetric, steps: record ? [...priced.steps, step!] : priced.steps }, step };
}
