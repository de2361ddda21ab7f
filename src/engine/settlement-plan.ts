import { remember } from "../util/remember.js";
import { UnitsTable } from "../money/interned-money.js";
import { exactOfText, exactWeights, plainText, roundTo, unitsAt } from "../formula/exact.js";
import { contractMinorUnits } from "../contract/contract-currency.js";
import { fixedUnits, plainUnits } from "../money/exact-units.js";
import { groupThousands } from "../money/format.js";
import type { Money } from "../money/money.js";
import type { Settlement } from "./settlement-types.js";
import type { Contract, Coverage, Metric, PricingRule, Tranche } from "../contract/types.js";
import { coverageLabel } from "../contract/coverage.js";
import { scopeKey } from "../ledger/history.js";
import { metricsOf } from "../pricing/evaluate-rule.js";
import { formulaNeeds } from "../pricing/contract-formulas.js";
import { ownValue } from "../util/own.js";
import { settlementOrder } from "./settlement-order.js";

/**
 * A contract compiled once for settling: constants read, shares as whole-number weights, amounts in minor units,
 * tranches in settlement order. Every path that settles a contract runs this one plan through `earnTranche`
 * (src/engine/earn-tranche.ts): `settle`, and through it `cashFlows`, `runScenarios`, the reports; and the
 * simulation, which re-prices the plan for each run's results.
 *
 * A plan is made for a contract `parseContract` returned (frozen; each amount made once per plan), and kept beside it: `planOf` compiles each
 * contract once.
 */
export interface SettlementPlan {
  readonly contract: Contract;
  readonly currency: string;
  /** The currency's minor digits. */
  readonly places: number;
  readonly metrics: ReadonlyMap<string, Metric>;
  /** The tranches in settlement order: by due date, then id (the order cumulative caps are consumed in). */
  readonly order: readonly Tranche[];
  /** Each tranche's position in `contract.tranches`, by id: the index of its JSON path. */
  readonly indexOf: ReadonlyMap<string, number>;
  /** Each tranche's position in `order`, by id. */
  readonly positionOf: ReadonlyMap<string, number>;
  readonly metricCaps: ReadonlyMap<string, bigint>;
  readonly payerCaps: ReadonlyMap<string, bigint>;
  readonly contractCap: bigint | null;
  /** True when the contract has amendments: each tranche's terms in force then depend on the date. */
  readonly amended: boolean;
  /** A settlement's parties and rounding, made once per plan (frozen: every settlement of the plan shares them). */
  readonly parties: Settlement["parties"];
  readonly rounding: Settlement["rounding"];
  /** Money of a number of minor units in the contract's currency (frozen; each amount made once per plan). */
  money(units: bigint): Money;
  /** An amount of minor units as the explanation writes it (`plainUnits`: "1250.5"), made once per plan. */
  plain(units: bigint): string;
  /** An amount of minor units as a reason quotes it ("EUR 1,250.50"), made once per plan. */
  shown(units: bigint): string;
  /** The compiled terms of a tranche (as written, or as amended: each version compiled once). */
  termsOf(tranche: Tranche, terms: Contract): TrancheTerms;
  /** The compiled terms, as written, of the tranche at a position of `order` (read by position: no lookup). */
  termsAt(position: number): TrancheTerms;
  /** The results a rule reads on a period or cohort under `terms`, compiled once per rule and scope. */
  needsOf(terms: Contract, rule: PricingRule, covers: Coverage): readonly ResultNeed[];
}

/** One side of a tranche's split: the parties, their shares as written and as whole-number weights. */
export interface SplitTerms {
  readonly parties: readonly string[];
  /** Each share as the explanation shows it (`plain`: "0.7" for "70%"). */
  readonly shares: readonly string[];
  readonly weights: readonly bigint[];
}

/** A tranche's terms compiled: what it reads, its floor and cap in minor units, its payer and recipient splits. */
export interface TrancheTerms {
  /** The results the tranche waits for: its rule's own metrics on its scope, then what its formulas read elsewhere. */
  readonly needs: readonly ResultNeed[];
  /** True when every need is on the tranche's own scope (no formula reads another period). */
  readonly ownOnly: boolean;
  /** True when its rule, or its pooled fallback's, is or holds a formula (which reads the ledger itself). */
  readonly formulas: boolean;
  readonly floor: bigint | null;
  readonly cap: bigint | null;
  readonly payers: SplitTerms;
  readonly recipients: SplitTerms;
}

/** One result a tranche reads: a metric on a period or cohort. */
export interface ResultNeed {
  readonly metric: string;
  readonly covers: Coverage;
  /** Its key in the ledger (`scopeKey`). */
  readonly key: string;
  /** Its scope as the explanation names it ("period as-2026-27"). */
  readonly scope: string;
  /** True when the need is on the tranche's own scope (the results its statistical options apply to). */
  readonly own: boolean;
}

const plans = new WeakMap<Contract, SettlementPlan>();
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The plan of a parsed contract, compiled on first use. */
export function planOf(contract: Contract): SettlementPlan {
  return remember(plans, contract, () => compilePlan(contract));
}

function compilePlan(contract: Contract): SettlementPlan {
  const places = contractMinorUnits(contract);
  const units = (amount: string) => unitsAt(roundTo(exactOfText(amount)!, places, "half-even"), places);
  const unitsMap = (record: Readonly<Record<string, string>> | undefined) => {
    const map = new Map<string, bigint>();
    for (const id of Object.keys(record ?? {})) map.set(id, units(ownValue(record, id)!));
    return map;
  };
  const compiled = new WeakMap<Tranche, TrancheTerms>();
  const moneyOf = (units: bigint): Money =>
    Object.freeze({ amount: fixedUnits(units, places), currency: contract.currency });
  const plainOf = (units: bigint) => plainUnits(units, places);
  const shownOf = (units: bigint) => `${contract.currency} ${groupThousands(fixedUnits(units, places))}`;
  /**
   * A value made from an amount, kept in the money layer's table by its number of minor units (a number: bigints
   * hash slowly); amounts beyond safe integers are made each time. Money and texts never change, and the amounts a
   * plan settles repeat (zero above all), so each is made once.
   */
  const cached = <T>(make: (units: bigint) => T): ((units: bigint) => T) => {
    const table = new UnitsTable((units) => make(BigInt(units)), 4093);
    return (units) => (units > SAFE || units < -SAFE ? make(units) : table.get(Number(units)));
  };
  const amounts = cached(moneyOf);
  const zero = moneyOf(0n);
  const order = settlementOrder(contract.tranches);
  const inOrder = new Array<TrancheTerms | undefined>(order.length);
  const needs = new WeakMap<Contract, WeakMap<PricingRule, Map<string, readonly ResultNeed[]>>>();
  const needsOf = (terms: Contract, rule: PricingRule, covers: Coverage): readonly ResultNeed[] => {
    const byRule = remember(needs, terms, () => new WeakMap<PricingRule, Map<string, readonly ResultNeed[]>>());
    const byScope = remember(byRule, rule, () => new Map<string, readonly ResultNeed[]>());
    return remember(byScope, coverageLabel(covers), () => compileNeeds(terms, rule, covers));
  };
  const termsOf = (tranche: Tranche, terms: Contract): TrancheTerms => {
    let found = compiled.get(tranche);
    if (found === undefined) {
      const needs = needsOf(terms, tranche.pricing, tranche.covers);
      found = {
        needs,
        ownOnly: needs.every((need) => need.own),
        formulas:
          holdsFormula(tranche.pricing) || (tranche.fallback !== undefined && holdsFormula(tranche.fallback.pricing)),
        floor: tranche.floor === undefined ? null : units(tranche.floor),
        cap: tranche.cap === undefined ? null : units(tranche.cap),
        payers: split(tranche.payers),
        recipients: split(tranche.recipients),
      };
      compiled.set(tranche, found);
    }
    return found;
  };
  return {
    contract,
    currency: contract.currency,
    places,
    metrics: new Map(contract.metrics.map((metric) => [metric.id, metric])),
    order,
    indexOf: new Map(contract.tranches.map((tranche, index) => [tranche.id, index])),
    positionOf: new Map(order.map((tranche, position) => [tranche.id, position])),
    metricCaps: unitsMap(contract.caps?.perMetric),
    payerCaps: unitsMap(contract.caps?.perPayer),
    contractCap: contract.caps?.contract === undefined ? null : units(contract.caps.contract),
    amended: (contract.amendments ?? []).length > 0,
    parties: Object.freeze(contract.parties.map((party) => Object.freeze({ id: party.id, name: party.name }))),
    rounding: Object.freeze({ mode: contract.rounding.mode, at: contract.rounding.at }),
    money: (units) => (units === 0n ? zero : amounts(units)),
    plain: cached(plainOf),
    shown: cached(shownOf),
    termsOf,
    termsAt: (position) => {
      let found = inOrder[position];
      if (found === undefined) {
        found = termsOf(order[position]!, contract);
        inOrder[position] = found;
      }
      return found;
    },
    needsOf,
  };
}

function split(entries: readonly { party: string; share: string }[]): SplitTerms {
  const shares = entries.map((entry) => exactOfText(entry.share)!);
  return {
    parties: entries.map((entry) => entry.party),
    shares: shares.map(plainText),
    weights: exactWeights(shares),
  };
}

/** The results a rule reads: its own metrics on the scope, then what its formulas read (other periods too). */
function compileNeeds(terms: Contract, rule: PricingRule, covers: Coverage): ResultNeed[] {
  const scope = coverageLabel(covers);
  const needs: ResultNeed[] = metricsOf(rule).map((metric) => ({
    metric,
    covers,
    key: scopeKey(metric, covers),
    scope,
    own: true,
  }));
  // A formula may also read results of other periods (previous, lastYear, window): the tranche waits for them too.
  for (const need of formulaNeeds(terms, rule, covers)) {
    const label = coverageLabel(need.covers);
    if (label === scope && needs.some((own) => own.own && own.metric === need.metric)) continue;
    needs.push({
      metric: need.metric,
      covers: need.covers,
      key: scopeKey(need.metric, need.covers),
      scope: label,
      own: label === scope,
    });
  }
  return needs;
}

/** True when a rule is a formula or holds one (in a weighted part or a threshold's `then`). */
function holdsFormula(rule: PricingRule): boolean {
  if (rule.type === "formula") return true;
  if (rule.type === "weighted") return rule.parts.some((part) => holdsFormula(part.rule));
  return rule.type === "threshold" && rule.then !== undefined && holdsFormula(rule.then);
}
