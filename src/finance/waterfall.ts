import { Dec } from "../money/decimal.js";
import { allocateUnits } from "../money/allocate.js";
import { roundToWholeUnits } from "../money/rounding.js";
import type { CompiledFinance, CompiledStep } from "./compile-finance.js";
import type { FinanceStep, WaterfallPart } from "./finance-steps.js";
import { MAX_UNITS, unitsText } from "./minor-units.js";
import { largestAmount } from "../money/limits.js";
import { dateOf } from "../contract/day-number.js";
import { OptionsError, issue } from "../errors/validation-error.js";
import { groupThousands } from "../money/format.js";
import { growthFactor } from "./growth.js";

/**
 * The account outcome payments are pooled in before the waterfall distributes them (in a social impact
 * bond, the special-purpose vehicle). Not a party: its flows in and out always net to zero.
 */
export const WATERFALL_ACCOUNT = "(waterfall)";

/** What a cash flow is. */
export type FlowKind =
  | "drawdown"
  | "outcome-payment"
  | "pooled"
  | "principal"
  | "return"
  | "management-fee"
  | "performance-fee"
  | "excess"
  | "guarantee";

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

interface InvestorState {
  principalRepaid: number;
  received: number;
  /** Distributions from the waterfall (principal and return), for the return hurdle. */
  readonly distributions: { day: number; units: number }[];
}

/**
 * Runs the investors' side over the outcome payments: drawdowns, then on every date an outcome payment
 * falls due the waterfall steps in order and the excess, and on every guarantee's date its call. Exact in
 * minor units; every split by the largest-remainder rule. With `explain`, records a step per waterfall
 * step and guarantee.
 */
export function runFinance(
  finance: CompiledFinance,
  receipts: readonly Receipt[],
  explain: boolean,
): { flows: FlowUnits[]; steps: FinanceStep[] } {
  const flows: FlowUnits[] = [];
  const steps: FinanceStep[] = [];
  const text = (units: number) => unitsText(units, finance.places);
  for (const investor of finance.investors) {
    for (const draw of investor.draws) {
      flows.push({
        date: draw.date,
        day: draw.day,
        from: investor.party,
        to: investor.fundedParty,
        units: draw.units,
        kind: "drawdown",
      });
    }
  }
  const states: InvestorState[] = finance.investors.map(() => ({ principalRepaid: 0, received: 0, distributions: [] }));
  const stepPaid = finance.steps.map(() => 0);
  const guaranteePaid = finance.guarantees.map(() => 0);

  // Dates in order: the outcome payments falling due, and the guarantees' dates.
  const byDay = new Map<number, { date: string; receipts: Receipt[] }>();
  for (const receipt of receipts) {
    if (receipt.units === 0) continue;
    const entry = byDay.get(receipt.day);
    if (entry === undefined) byDay.set(receipt.day, { date: receipt.date, receipts: [receipt] });
    else entry.receipts.push(receipt);
  }
  for (const guarantee of finance.guarantees)
    if (!byDay.has(guarantee.day)) byDay.set(guarantee.day, { date: guarantee.payOn, receipts: [] });
  const days = [...byDay.keys()].sort((a, b) => a - b);

  for (const day of days) {
    const { date, receipts: due } = byDay.get(day)!;
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
      for (let index = 0; index < finance.steps.length; index += 1) {
        const step = finance.steps[index]!;
        if (pool === 0 && !explain) break;
        const before = pool;
        const { parties, owed, basis } = owedBy(finance, step, index, states, stepPaid, day, pool, explain);
        const paid = payOut(pool, owed);
        const parts: WaterfallPart[] = [];
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
              state.distributions.push({ day, units: amount });
            }
          }
          if (explain) parts.push({ party, owed: text(owed[p]!), paid: text(amount) });
        }
        if (explain)
          steps.push({
            kind: "waterfall-step",
            date,
            step: index,
            type: step.type,
            poolBefore: text(before),
            poolAfter: text(pool),
            parts,
            basis,
          });
      }
      if (pool > 0) {
        const before = pool;
        const shares = allocateUnits(pool, finance.excess.weights);
        finance.excess.parties.forEach((party, p) => {
          if (shares[p]! <= 0) return;
          flows.push({ date, day, from: WATERFALL_ACCOUNT, to: party, units: shares[p]!, kind: "excess" });
          // an investor sharing the excess has that much less of a loss for a guarantee to cover
          const investor = finance.investors.findIndex((entry) => entry.party === party);
          if (investor >= 0) states[investor]!.received += shares[p]!;
        });
        pool = 0;
        if (explain) {
          steps.push({
            kind: "waterfall-step",
            date,
            step: "excess",
            type: "excess",
            poolBefore: text(before),
            poolAfter: text(0),
            parts: finance.excess.parties.map((party, p) => ({
              party,
              owed: text(shares[p]!),
              paid: text(shares[p]!),
            })),
            basis: "what is left after every step, shared among the excess parties by their shares",
          });
        }
      }
    }
    finance.guarantees.forEach((guarantee, g) => {
      if (guarantee.day !== day) return;
      const losses = guarantee.covers.map((investor) => {
        const drawn = drawnBy(finance, investor, day);
        return Math.max(0, drawn - states[investor]!.received);
      });
      // Each investor's claim is rounded on its own, so that a larger distribution never lowers what an
      // investor ends up with (the claim falls by less than the distribution rose). When the limit binds,
      // what is left of it is split in proportion to the claims.
      const claims = losses.map((loss) => roundUnits(finance, new Dec(loss).times(guarantee.share)));
      const claim = claims.reduce((acc, amount) => acc + amount, 0);
      const available = Math.max(0, guarantee.limit - guaranteePaid[g]!);
      const pay = Math.min(claim, available);
      const paid = pay === claim ? claims : pay > 0 ? allocateUnits(pay, claims) : losses.map(() => 0);
      guarantee.covers.forEach((investor, c) => {
        const amount = paid[c]!;
        if (amount <= 0) return;
        states[investor]!.received += amount;
        flows.push({
          date,
          day,
          from: guarantee.guarantor,
          to: finance.investors[investor]!.party,
          units: amount,
          kind: "guarantee",
        });
      });
      if (explain) {
        steps.push({
          kind: "guarantee",
          date,
          guarantee: g,
          guarantor: guarantee.guarantor,
          losses: guarantee.covers.map((investor, c) => ({
            party: finance.investors[investor]!.party,
            loss: text(losses[c]!),
          })),
          share: guarantee.shareText,
          claim: text(claim),
          limit: text(guarantee.limit),
          usedBefore: text(guaranteePaid[g]!),
          paid: guarantee.covers.map((investor, c) => ({
            party: finance.investors[investor]!.party,
            amount: text(paid[c]!),
          })),
        });
      }
      guaranteePaid[g] = guaranteePaid[g]! + pay;
    });
  }
  flows.sort((a, b) => a.day - b.day);
  return { flows, steps };
}

/** The one rounding step of an amount in (fractional) minor units: to whole minor units, by the contract's mode. */
function roundUnits(finance: CompiledFinance, units: Dec): number {
  return roundToWholeUnits(units, finance.mode).toNumber();
}

function drawnBy(finance: CompiledFinance, investor: number, day: number): number {
  let drawn = 0;
  for (const draw of finance.investors[investor]!.draws) if (draw.day <= day) drawn += draw.units;
  return drawn;
}

/** Splits what the pool can pay among the amounts owed: all of them when it can, else in proportion. */
function payOut(pool: number, owed: readonly number[]): number[] {
  const total = owed.reduce((acc, amount) => acc + amount, 0);
  if (total === 0) return owed.map(() => 0);
  if (pool >= total) return owed.slice();
  return allocateUnits(pool, owed);
}

function owedBy(
  finance: CompiledFinance,
  step: CompiledStep,
  index: number,
  states: readonly InvestorState[],
  stepPaid: readonly number[],
  day: number,
  pool: number,
  explain: boolean,
): { parties: string[]; owed: number[]; basis: string } {
  const round = (value: Dec) => {
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
  };
  switch (step.type) {
    case "principal":
      return {
        parties: step.investors.map((investor) => finance.investors[investor]!.party),
        owed: step.investors.map((investor) =>
          Math.max(0, drawnBy(finance, investor, day) - states[investor]!.principalRepaid),
        ),
        basis: explain ? "capital drawn to date, less capital already repaid" : "",
      };
    case "return": {
      const parties = step.investors.map((investor) => finance.investors[investor]!.party);
      let owed: number[];
      if (step.rate !== null) {
        const rate = step.rate;
        owed = step.investors.map((investor) => {
          // The hurdle balance: every drawdown grown at the rate to this date, less every distribution grown
          // likewise. What exceeds the capital still outstanding is the return owed: paying it brings the
          // investor's IRR on these flows to exactly the rate (up to the rounding to minor units).
          let hurdle = new Dec(0);
          let drawn = 0;
          for (const draw of finance.investors[investor]!.draws) {
            if (draw.day > day) continue;
            drawn += draw.units;
            hurdle = hurdle.plus(growthFactor(rate, day - draw.day).times(draw.exact));
          }
          for (const distribution of states[investor]!.distributions) {
            hurdle = hurdle.minus(growthFactor(rate, day - distribution.day).times(new Dec(distribution.units)));
          }
          const outstanding = drawn - states[investor]!.principalRepaid;
          return Math.max(0, round(hurdle) - outstanding);
        });
      } else {
        owed = step.investors.map((investor) => drawnBy(finance, investor, day));
      }
      if (step.cap !== null) {
        const left = Math.max(0, step.cap - stepPaid[index]!);
        const total = owed.reduce((acc, amount) => acc + amount, 0);
        if (total > left) owed = total === 0 ? owed : allocateUnits(left, owed);
      }
      const basis = !explain
        ? ""
        : [
            step.rate !== null
              ? `the return that brings the IRR to ${step.rateText} (annual, compounded, actual/365), less what was paid`
              : "",
            step.cap !== null
              ? `at most ${groupThousands(unitsText(step.cap, finance.places))} in total over the contract`
              : "",
          ]
            .filter((part) => part !== "")
            .join("; ");
      return { parties, owed, basis };
    }
    case "management-fee": {
      const first = finance.firstDraw;
      const accrued =
        first === null || day <= first.day
          ? 0
          : round(
              step.rate
                .times(finance.totalCommitment)
                .times(day - first.day)
                .div(365),
            );
      return {
        parties: [step.party],
        owed: [Math.max(0, accrued - stepPaid[index]!)],
        basis: !explain
          ? ""
          : `${step.rateText} a year of the commitments, accrued day by day (actual/365) from ${first?.date ?? "the first drawdown"}, less fees already paid`,
      };
    }
    case "performance-fee": {
      const fee = pool === 0 ? 0 : allocateUnits(pool, step.weights)[0]!;
      return {
        parties: [step.party],
        owed: [fee],
        basis: explain ? `${step.shareText} of what is left in the pool` : "",
      };
    }
  }
}
