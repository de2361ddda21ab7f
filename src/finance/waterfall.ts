import { Dec } from "../money/decimal.js";
import { allocateUnits } from "../money/allocate.js";
import { roundToWholeUnits } from "../money/rounding.js";
import type { CompiledFinance, CompiledGuarantee, CompiledStep } from "./compile-finance.js";
import type { FinanceStep, WaterfallPart } from "./finance-steps.js";
import { internedMoney, unitsText } from "../money/interned-money.js";
import { MAX_UNITS, roundKnown, roundRatio } from "./minor-units.js";
import { basisWords, type WaterfallBasis } from "./basis-words.js";
import { largestAmount } from "../money/limits.js";
import { dateOf } from "../contract/day-number.js";
import { OptionsError, issue } from "../errors/validation-error.js";
import { growthFactor } from "./growth.js";
import { WATERFALL_ACCOUNT, type FlowKind } from "./flow-kind.js";

export { WATERFALL_ACCOUNT, type FlowKind } from "./flow-kind.js";

/** One cash flow in minor units: `units` go from `from` to `to` on `date`. */
export interface FlowUnits {
  readonly date: string;
  readonly day: number;
  readonly from: string;
  readonly to: string;
  readonly units: number;
  readonly kind: FlowKind;
  readonly tranche?: string;
}

/** An outcome payment earned by a recipient from a payer on a tranche, falling due on `date`. */
export interface Receipt {
  readonly date: string;
  readonly day: number;
  readonly tranche: string;
  readonly payer: string;
  readonly recipient: string;
  readonly units: number;
}

/** @internal Where an investor stands in the waterfall while it runs. */
export interface InvestorState {
  principalRepaid: number;
  received: number;
  /** Distributions from the waterfall (principal and return), for the return hurdle: their days and units, in turn. */
  readonly distributions: number[];
}

/** The drawdowns of a compiled finance section as flows, made once: the same (frozen) flows on every run. */
const drawdowns = new WeakMap<CompiledFinance, readonly FlowUnits[]>();

/** @internal Every drawdown as a flow, investor by investor, each in date order: the same objects on every call. */
export function drawdownFlows(finance: CompiledFinance): readonly FlowUnits[] {
  let flows = drawdowns.get(finance);
  if (flows === undefined) {
    const made: FlowUnits[] = [];
    for (const investor of finance.investors)
      for (const draw of investor.draws)
        made.push(
          Object.freeze({
            date: draw.date,
            day: draw.day,
            from: investor.party,
            to: investor.fundedParty,
            units: draw.units,
            kind: "drawdown" as const,
          }),
        );
    flows = Object.freeze(made);
    drawdowns.set(finance, flows);
  }
  return flows;
}

/** The outcome payments falling due on a day (none on a guarantee's day without them). */
interface DueOn {
  readonly day: number;
  readonly date: string;
  readonly receipts: Receipt[];
}

const PRINCIPAL_BASIS: WaterfallBasis = Object.freeze({ rule: "principal" });
const EXCESS_BASIS: WaterfallBasis = Object.freeze({ rule: "excess" });

/** A step record's basis: its figures, and their English for the JSON (the words of basis-words.ts). */
interface BasisFields {
  readonly basis: string;
  readonly basisFigures: WaterfallBasis;
}

function basisFields(figures: WaterfallBasis): BasisFields {
  return { basis: basisWords(figures, "en"), basisFigures: figures };
}

const EXCESS_FIELDS: BasisFields = basisFields(EXCESS_BASIS);

/** Each compiled step's basis, worded once: the same for every run of its (immutable) compiled finance. */
const stepBases = new WeakMap<CompiledFinance, readonly BasisFields[]>();

/** The bases of a compiled finance section's steps, in order. */
function basesOf(finance: CompiledFinance): readonly BasisFields[] {
  let bases = stepBases.get(finance);
  if (bases === undefined) {
    bases = finance.steps.map((step) => basisFields(basisOf(finance, step)));
    stepBases.set(finance, bases);
  }
  return bases;
}

/**
 * Runs the investors' side over the outcome payments: drawdowns, then on every date an outcome payment
 * falls due the waterfall steps in order and the excess, and on every guarantee's date its call. Exact in
 * minor units; every split by the largest-remainder rule. With `explain`, records a step per waterfall
 * step and guarantee (frozen as they are made).
 */
export function runFinance(
  finance: CompiledFinance,
  receipts: readonly Receipt[],
  explain: boolean,
): { flows: FlowUnits[]; steps: FinanceStep[] } {
  const flows: FlowUnits[] = [];
  const steps: FinanceStep[] = [];
  const places = finance.places;
  const currency = finance.currency;
  /** An amount's text for the explanation: the interned money's, made once for the amounts seen again. */
  const text = (units: number): string => internedMoney(units, places, currency).amount;
  const investors = finance.investors;
  for (const flow of drawdownFlows(finance)) flows.push(flow);
  const states: InvestorState[] = [];
  for (let i = 0; i < investors.length; i += 1) states.push({ principalRepaid: 0, received: 0, distributions: [] });
  const bases = explain ? basesOf(finance) : null;
  const stepPaid: number[] = [];
  for (let i = 0; i < finance.steps.length; i += 1) stepPaid.push(0);
  const guaranteePaid: number[] = [];
  for (let i = 0; i < finance.guarantees.length; i += 1) guaranteePaid.push(0);

  // Dates in order: the outcome payments falling due, and the guarantees' dates.
  const dated: DueOn[] = [];
  let byDay: Map<number, DueOn> | null = null; // past a few dates: looked up by day
  for (const receipt of receipts) {
    if (receipt.units === 0) continue;
    const entry = byDay === null ? dueOn(dated, receipt.day) : byDay.get(receipt.day);
    if (entry === undefined)
      byDay = listed(dated, byDay, { day: receipt.day, date: receipt.date, receipts: [receipt] });
    else entry.receipts.push(receipt);
  }
  for (const guarantee of finance.guarantees)
    if ((byDay === null ? dueOn(dated, guarantee.day) : byDay.get(guarantee.day)) === undefined)
      byDay = listed(dated, byDay, { day: guarantee.day, date: guarantee.payOn, receipts: [] });
  sortByDay(dated);

  for (const { day, date, receipts: due } of dated) {
    let pool = 0;
    for (const receipt of due) {
      flows.push({
        date,
        day,
        from: receipt.payer,
        to: receipt.recipient,
        units: receipt.units,
        kind: "outcome-payment",
        tranche: receipt.tranche,
      });
      if (finance.pool.has(receipt.recipient)) {
        flows.push({
          date,
          day,
          from: receipt.recipient,
          to: WATERFALL_ACCOUNT,
          units: receipt.units,
          kind: "pooled",
          tranche: receipt.tranche,
        });
        pool += receipt.units;
      }
    }
    if (pool > 0) {
      let poolText: string | null = null; // the pool's amount as text, once written for a step's explanation
      for (let index = 0; index < finance.steps.length; index += 1) {
        const step = finance.steps[index]!;
        if (pool === 0 && !explain) break;
        const before = pool;
        const owed = owedBy(finance, step, index, states, stepPaid, day, pool);
        const paid = payOut(pool, owed);
        const parties = step.parties;
        const parts: WaterfallPart[] | null = explain ? [] : null;
        for (let p = 0; p < parties.length; p += 1) {
          const party = parties[p]!;
          const amount = paid[p]!;
          if (amount > 0) {
            flows.push({ date, day, from: WATERFALL_ACCOUNT, to: party, units: amount, kind: step.type });
            pool -= amount;
            stepPaid[index] = stepPaid[index]! + amount;
            const investor = step.type === "principal" || step.type === "return" ? step.investors[p] : undefined;
            if (investor !== undefined) {
              const state = states[investor]!;
              if (step.type === "principal") state.principalRepaid += amount;
              state.received += amount;
              state.distributions.push(day, amount);
            }
          }
          if (parts !== null) {
            const paidText = text(amount);
            const owedText = owed[p] === amount ? paidText : text(owed[p]!);
            parts.push(Object.freeze({ party, owed: owedText, paid: paidText }));
          }
        }
        if (parts !== null) {
          const beforeText: string = poolText ?? text(before);
          const afterText = pool === before ? beforeText : text(pool);
          poolText = afterText;
          const basis = bases![index]!;
          steps.push(
            Object.freeze({
              kind: "waterfall-step",
              date,
              step: index,
              type: step.type,
              poolBefore: beforeText,
              poolAfter: afterText,
              parts: Object.freeze(parts),
              basis: basis.basis,
              basisFigures: basis.basisFigures,
            }),
          );
        }
      }
      if (pool > 0) {
        const before = pool;
        const shares = allocateUnits(pool, finance.excess.weights);
        const parties = finance.excess.parties;
        for (let p = 0; p < parties.length; p += 1) {
          if (shares[p]! <= 0) continue;
          flows.push({ date, day, from: WATERFALL_ACCOUNT, to: parties[p]!, units: shares[p]!, kind: "excess" });
          // an investor sharing the excess has that much less of a loss for a guarantee to cover
          const investor = finance.excessInvestors[p]!;
          if (investor >= 0) states[investor]!.received += shares[p]!;
        }
        pool = 0;
        if (explain) {
          const parts: WaterfallPart[] = [];
          for (let p = 0; p < parties.length; p += 1) {
            const share = text(shares[p]!);
            parts.push(Object.freeze({ party: parties[p]!, owed: share, paid: share }));
          }
          steps.push(
            Object.freeze({
              kind: "waterfall-step",
              date,
              step: "excess",
              type: "excess",
              poolBefore: poolText ?? text(before),
              poolAfter: text(0),
              parts: Object.freeze(parts),
              basis: EXCESS_FIELDS.basis,
              basisFigures: EXCESS_FIELDS.basisFigures,
            }),
          );
        }
      }
    }
    for (let g = 0; g < finance.guarantees.length; g += 1) {
      const guarantee = finance.guarantees[g]!;
      if (guarantee.day !== day) continue;
      const covers = guarantee.covers;
      const losses: number[] = [];
      // Each investor's claim is rounded on its own, so that a larger distribution never lowers what an
      // investor ends up with (the claim falls by less than the distribution rose). When the limit binds,
      // what is left of it is split in proportion to the claims.
      const claims: number[] = [];
      let claim = 0;
      for (const investor of covers) {
        const loss = Math.max(0, drawnBy(finance, investor, day) - states[investor]!.received);
        losses.push(loss);
        const amount = claimOf(finance, guarantee, loss);
        claims.push(amount);
        claim += amount;
      }
      const available = Math.max(0, guarantee.limit - guaranteePaid[g]!);
      const pay = Math.min(claim, available);
      const paid = pay === claim ? claims : pay > 0 ? allocateUnits(pay, claims) : losses.map(() => 0);
      for (let c = 0; c < covers.length; c += 1) {
        const amount = paid[c]!;
        if (amount <= 0) continue;
        const investor = covers[c]!;
        states[investor]!.received += amount;
        flows.push({
          date,
          day,
          from: guarantee.guarantor,
          to: investors[investor]!.party,
          units: amount,
          kind: "guarantee",
        });
      }
      if (explain) {
        const lossParts: { readonly party: string; readonly loss: string }[] = [];
        const paidParts: { readonly party: string; readonly amount: string }[] = [];
        for (let c = 0; c < covers.length; c += 1) {
          const party = investors[covers[c]!]!.party;
          lossParts.push(Object.freeze({ party, loss: text(losses[c]!) }));
          paidParts.push(Object.freeze({ party, amount: text(paid[c]!) }));
        }
        steps.push(
          Object.freeze({
            kind: "guarantee",
            date,
            guarantee: g,
            guarantor: guarantee.guarantor,
            losses: Object.freeze(lossParts),
            share: guarantee.shareText,
            claim: text(claim),
            limit: text(guarantee.limit),
            usedBefore: text(guaranteePaid[g]!),
            paid: Object.freeze(paidParts),
          }),
        );
      }
      guaranteePaid[g] = guaranteePaid[g]! + pay;
    }
  }
  sortByDay(flows);
  return { flows, steps };
}

/**
 * The entry of `day` among the few dates listed so far (each day once), or undefined: the last one first (the
 * receipts of a tranche come together), then back through the rest.
 */
function dueOn(dated: readonly DueOn[], day: number): DueOn | undefined {
  for (let i = dated.length - 1; i >= 0; i -= 1) if (dated[i]!.day === day) return dated[i];
  return undefined;
}

/** Lists a new date; past 16 dates, a map of them by day (returned) takes over from `dueOn`. */
function listed(dated: DueOn[], byDay: Map<number, DueOn> | null, due: DueOn): Map<number, DueOn> | null {
  dated.push(due);
  if (byDay !== null) byDay.set(due.day, due);
  else if (dated.length > 16) {
    byDay = new Map();
    for (const each of dated) byDay.set(each.day, each);
  }
  return byDay;
}

/**
 * Sorts flows by day, keeping the order of flows on one day (what a stable `sort` does), by insertion: the flows
 * come almost in order (only the drawdowns, listed investor by investor, and the guarantee calls move).
 */
function sortByDay(flows: { readonly day: number }[]): void {
  for (let i = 1; i < flows.length; i += 1) {
    const flow = flows[i]!;
    let j = i;
    while (j > 0 && flows[j - 1]!.day > flow.day) {
      flows[j] = flows[j - 1]!;
      j -= 1;
    }
    if (j !== i) flows[j] = flow;
  }
}

/** The one rounding step of an amount in (fractional) minor units: to whole minor units, by the contract's mode. */
function roundUnits(finance: CompiledFinance, units: Dec): number {
  return roundToWholeUnits(units, finance.mode).toNumber();
}

/** A guarantee's claim for one loss: the loss times the guarantee's share, rounded by the contract's mode. */
function claimOf(finance: CompiledFinance, guarantee: CompiledGuarantee, loss: number): number {
  const ratio = guarantee.shareRatio;
  if (ratio !== null) {
    const product = loss * ratio.numerator;
    if (Number.isSafeInteger(product)) {
      const claim = roundRatio(product, ratio.denominator, finance.mode);
      if (!Number.isNaN(claim)) return claim;
    }
  }
  return roundUnits(finance, new Dec(loss).times(guarantee.share));
}

function drawnBy(finance: CompiledFinance, investor: number, day: number): number {
  let drawn = 0;
  for (const draw of finance.investors[investor]!.draws) if (draw.day <= day) drawn += draw.units;
  return drawn;
}

/** Splits what the pool can pay among the amounts owed: all of them when it can, else in proportion. */
function payOut(pool: number, owed: number[]): number[] {
  let total = 0;
  for (const amount of owed) total += amount;
  if (total === 0) return owed.map(() => 0);
  if (pool >= total) return owed;
  return allocateUnits(pool, owed);
}

/** How the amounts a step owes are computed, as figures (worded by basis-words.ts). */
function basisOf(finance: CompiledFinance, step: CompiledStep): WaterfallBasis {
  switch (step.type) {
    case "principal":
      return PRINCIPAL_BASIS;
    case "return":
      return Object.freeze({
        rule: "return",
        ...(step.rateText !== null ? { irr: step.rateText } : {}),
        ...(step.cap !== null ? { cap: unitsText(step.cap, finance.places) } : {}),
      });
    case "management-fee":
      return Object.freeze({
        rule: "management-fee",
        rate: step.rateText,
        ...(finance.firstDraw !== null ? { from: finance.firstDraw.date } : {}),
      });
    case "performance-fee":
      return Object.freeze({ rule: "performance-fee", share: step.shareText });
  }
}

/** The amounts a step owes its parties (in the order of `step.parties`) on `day`, with `pool` in the pool. */
function owedBy(
  finance: CompiledFinance,
  step: CompiledStep,
  index: number,
  states: readonly InvestorState[],
  stepPaid: readonly number[],
  day: number,
  pool: number,
): number[] {
  switch (step.type) {
    case "principal": {
      const owed: number[] = [];
      for (const investor of step.investors)
        owed.push(Math.max(0, drawnBy(finance, investor, day) - states[investor]!.principalRepaid));
      return owed;
    }
    case "return": {
      let owed: number[] = [];
      if (step.rate !== null) {
        for (const investor of step.investors) {
          // The hurdle balance: every drawdown grown at the rate to this date, less every distribution grown
          // likewise. What exceeds the capital still outstanding is the return owed: paying it brings the
          // investor's IRR on these flows to exactly the rate (up to the rounding to minor units).
          const hurdle = hurdleUnits(finance, step, index, investor, states[investor]!, day);
          let drawn = 0;
          for (const draw of finance.investors[investor]!.draws) if (draw.day <= day) drawn += draw.units;
          const outstanding = drawn - states[investor]!.principalRepaid;
          owed.push(Math.max(0, hurdle - outstanding));
        }
      } else {
        for (const investor of step.investors) owed.push(drawnBy(finance, investor, day));
      }
      if (step.cap !== null) {
        const left = Math.max(0, step.cap - stepPaid[index]!);
        let total = 0;
        for (const amount of owed) total += amount;
        if (total > left) owed = total === 0 ? owed : allocateUnits(left, owed);
      }
      return owed;
    }
    case "management-fee": {
      const first = finance.firstDraw;
      const accrued =
        first === null || day <= first.day
          ? 0
          : checkedRound(
              finance,
              index,
              day,
              step.rate
                .times(finance.totalCommitment)
                .times(day - first.day)
                .div(365),
            );
      return [Math.max(0, accrued - stepPaid[index]!)];
    }
    case "performance-fee":
      return [pool === 0 ? 0 : allocateUnits(pool, step.weights)[0]!];
  }
}

/** A value rounded to whole minor units by the contract's mode, refused beyond the largest amount. */
function checkedRound(finance: CompiledFinance, index: number, day: number, value: Dec): number {
  const units = roundUnits(finance, value);
  if (!(Math.abs(units) <= MAX_UNITS)) {
    // A return at a rate high enough, or a fee, can owe more than any amount computed exactly.
    throw new OptionsError([
      issue(
        ["contract", "finance", "waterfall", "steps", index],
        "amount_too_large",
        `on ${dateOf(day)} step ${index + 1} of the waterfall owes more than ${largestAmount(finance.places)} ${finance.currency} (10^15 minor units), the largest amount the investors' side computes exactly: its rate is too high for these dates`,
      ),
    ]);
  }
  return units;
}

/** A bound on the relative error of each term of a sum computed in doubles: see `hurdleUnits`. */
const U = Number.EPSILON / 2;

/**
 * @internal An investor's hurdle balance on `day`, rounded to whole minor units by the contract's mode: every drawdown
 * grown at the step's rate to the day, less every distribution grown likewise.
 *
 * First in doubles: a term grown over n days is units · e^(L n / 365), L = ln(1 + rate) correctly rounded.
 * The exponent is off by at most 4u |x| (u = 2^−53: L, the product and the quotient), the exponential by 2u
 * more, the product by u; the sum of m terms adds m u of their magnitudes. With that bound, four times over,
 * the double gives the rounding whenever every value within the bound rounds alike. Otherwise (a value within
 * about 10^−16 of its size from a tie, or for the directed modes from a whole number, a rate whose growth
 * overflows, an amount past the largest) the balance is computed as before in 60-digit decimals, whose
 * rounding the double then never contradicts. Terms on the day itself grow by exactly 1: they are added
 * exactly, and a balance made only of them needs no rounding.
 */
export function hurdleUnits(
  finance: CompiledFinance,
  step: Extract<CompiledStep, { type: "return" }>,
  index: number,
  investor: number,
  state: InvestorState,
  day: number,
): number {
  const log = step.growthLog;
  const exactRate = log === 0;
  let exact = 0;
  let grown = 0;
  let magnitude = 0;
  let reach = 0;
  let terms = 0;
  let usable = !Number.isNaN(log);
  const draws = finance.investors[investor]!.draws;
  for (let i = 0; i < draws.length && usable; i += 1) {
    const draw = draws[i]!;
    if (draw.day > day) continue;
    const days = day - draw.day;
    if (days === 0 || exactRate) exact += draw.units;
    else {
      const x = (log * days) / 365;
      const factor = Math.exp(x);
      if (!(factor < 1e300 && factor > 1e-300)) usable = false;
      const term = factor * draw.units;
      grown += term;
      magnitude += term;
      if (x > reach) reach = x;
      else if (-x > reach) reach = -x;
      terms += 1;
    }
  }
  const distributions = state.distributions;
  for (let i = 0; i < distributions.length && usable; i += 2) {
    const days = day - distributions[i]!;
    const units = distributions[i + 1]!;
    if (days === 0 || exactRate) exact -= units;
    else {
      const x = (log * days) / 365;
      const factor = Math.exp(x);
      if (!(factor < 1e300 && factor > 1e-300)) usable = false;
      const term = factor * units;
      grown -= term;
      magnitude += term;
      if (x > reach) reach = x;
      else if (-x > reach) reach = -x;
      terms += 1;
    }
  }
  if (usable) {
    if (terms === 0) {
      if (Math.abs(exact) <= MAX_UNITS) return exact; // whole minor units: nothing to round
    } else {
      const value = exact + grown;
      const error = 4 * U * (magnitude * (4 * reach + 4 + terms) + Math.abs(exact) + Math.abs(value));
      if (Math.abs(value) + error < MAX_UNITS) {
        const units = roundKnown(value, error, finance.mode);
        if (!Number.isNaN(units)) return units;
      }
    }
  }
  return decimalHurdleUnits(finance, step, index, investor, state, day);
}

/**
 * @internal The hurdle balance computed in 60-digit decimals and rounded by the contract's mode: what
 * `hurdleUnits` falls back to, and always equals.
 */
export function decimalHurdleUnits(
  finance: CompiledFinance,
  step: Extract<CompiledStep, { type: "return" }>,
  index: number,
  investor: number,
  state: InvestorState,
  day: number,
): number {
  const rate = step.rate!;
  let hurdle = new Dec(0);
  for (const draw of finance.investors[investor]!.draws) {
    if (draw.day > day) continue;
    hurdle = hurdle.plus(growthFactor(rate, day - draw.day).times(draw.exact));
  }
  const distributions = state.distributions;
  for (let i = 0; i < distributions.length; i += 2)
    hurdle = hurdle.minus(growthFactor(rate, day - distributions[i]!).times(new Dec(distributions[i + 1]!)));
  return checkedRound(finance, index, day, hurdle);
}
