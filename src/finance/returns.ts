import { Dec, readDecimal } from "../money/decimal.js";
import { minorUnits } from "../money/currency.js";
import type { Money } from "../money/money.js";
import { roundToMinorUnits } from "../money/rounding.js";
import { describeValue, quoted } from "../errors/describe-value.js";
import { requireIssued } from "../errors/argument-error.js";
import { OptionsError, issue } from "../errors/validation-error.js";
import { isTooLarge, largestAmount } from "../money/limits.js";
import { deepFreeze } from "../util/freeze.js";
import type { CashFlows } from "./cash-flows.js";
import { dayNumber, moneyOfUnits, unitsOf, unitsText } from "./minor-units.js";
import { timedFlows, xirr, type IrrResult } from "./xirr.js";
import { growthFactor } from "./growth.js";

/** Options of `partyReturns` and `investorReturns`. */
export interface ReturnsOptions {
  /** The annual rate the NPV is computed at, e.g. `"5%"` or `"0.05"` (effective, actual/365). */
  readonly discountRate: string;
}

/** A party's returns on its net cash flows (flows on one date netted: a pass-through nets to nothing). */
export interface PartyReturns {
  readonly party: string;
  /** The sum of the net outflows (capital put in). */
  readonly paidIn: Money;
  /** The sum of the net inflows. */
  readonly received: Money;
  readonly net: Money;
  /** received / paidIn to 4 decimal places (half-even); `null` when nothing was paid in. */
  readonly multiple: string | null;
  /** XIRR on actual dates, actual/365 (see `xirr`). */
  readonly irr: IrrResult;
  /** The net flows discounted to the party's first flow at `rate` (actual/365), rounded half-even to the minor unit. */
  readonly npv: { readonly rate: string; readonly on: string | null; readonly amount: Money };
  /** The first date on which the cumulative net flow is back to zero or above after being negative; `null` if never. */
  readonly paybackDate: string | null;
}

function readRate(text: unknown): Dec {
  const rate = typeof text === "string" ? readDecimal(text) : undefined;
  if (rate === undefined || rate.lessThanOrEqualTo(-1)) {
    throw new OptionsError([
      issue(
        ["discountRate"],
        "invalid_rate",
        `discountRate must be an annual rate above −100% written as a string, e.g. "5%" or "0.05"; got ${describeValue(text)}`,
      ),
    ]);
  }
  return rate;
}

/**
 * One party's returns from its cash flows: money in and out, multiple, XIRR, NPV at a stated rate and the
 * payback date.
 *
 * @example
 * const returns = partyReturns(cashFlows(contract, settlement), "investor", { discountRate: "5%" });
 * if (returns.irr.kind === "rate") console.log(`IRR ${(returns.irr.rate * 100).toFixed(2)}%`);
 * @throws ArgumentError (`not_cash_flows`, at `$.flows`) for anything but cash flows `cashFlows` returned (or an
 * outcome of `runScenarios` holds): a copy, changed flows or flows read back from JSON are refused. OptionsError
 * when the party has no flows (`unknown_party`), the rate is not a rate (`invalid_rate`), or the NPV at it passes
 * the largest amount (`amount_too_large`: a rate within a hair of −100%).
 */
export function partyReturns(flows: CashFlows, party: string, options: ReturnsOptions): PartyReturns {
  requireIssued(flows, "cash-flows", "partyReturns", "flows");
  const rate = readRate(options?.discountRate);
  const own = flows.parties.find((entry) => entry.party === party);
  if (own === undefined) {
    throw new OptionsError([
      issue(["party"], "unknown_party", `party ${quoted(party)} has no cash flows under this contract`),
    ]);
  }
  const places = minorUnits(flows.currency);
  const byDay = new Map<number, { date: string; units: number }>();
  const partyIndex = flows.parties.indexOf(own);
  own.flows.forEach((flow, index) => {
    const day = dayNumber(flow.date);
    const entry = byDay.get(day) ?? { date: flow.date, units: 0 };
    entry.units += unitsOf(flow.amount.amount, places, ["flows", "parties", partyIndex, "flows", index, "amount"]);
    byDay.set(day, entry);
  });
  const dated = [...byDay.entries()].sort((a, b) => a[0] - b[0]).filter(([, entry]) => entry.units !== 0);
  let paidIn = 0;
  let received = 0;
  let cumulative = 0;
  let wasNegative = false;
  let paybackDate: string | null = null;
  for (const [, entry] of dated) {
    if (entry.units < 0) paidIn -= entry.units;
    else received += entry.units;
    cumulative += entry.units;
    if (cumulative < 0) wasNegative = true;
    else if (wasNegative && paybackDate === null) paybackDate = entry.date;
  }
  const firstDay = dated[0]?.[0];
  let npv = new Dec(0);
  for (const [day, entry] of dated)
    npv = npv.plus(new Dec(unitsText(entry.units, places)).div(growthFactor(rate, day - firstDay!)));
  const npvRounded = roundToMinorUnits(npv, flows.currency, "half-even");
  if (isTooLarge(npvRounded, places)) {
    throw new OptionsError([
      issue(
        ["discountRate"],
        "amount_too_large",
        `at a discount rate of ${options.discountRate} the NPV of ${party}'s flows is about ${npvRounded.toSignificantDigits(3).toExponential()} ${flows.currency}, beyond ${largestAmount(places)}, the largest amount the library computes exactly: choose a rate further from −100%`,
      ),
    ]);
  }
  return deepFreeze({
    party,
    paidIn: moneyOfUnits(paidIn, flows.currency),
    received: moneyOfUnits(received, flows.currency),
    net: moneyOfUnits(received - paidIn, flows.currency),
    multiple: paidIn === 0 ? null : new Dec(received).div(paidIn).toFixed(4),
    irr: xirr(timedFlows(dated.map(([day, entry]) => ({ day, amount: entry.units / 10 ** places })))),
    npv: {
      rate: options.discountRate,
      on: dated[0]?.[1].date ?? null,
      amount: moneyOfUnits(unitsOf(npvRounded.toFixed(places), places), flows.currency),
    },
    paybackDate,
  });
}

/**
 * The returns of every investor of the finance section.
 *
 * @example
 * for (const r of investorReturns(cashFlows(contract, settlement), { discountRate: "5%" })) console.log(r.party, r.multiple);
 * @throws ArgumentError (`not_cash_flows`) and OptionsError as `partyReturns` does.
 */
export function investorReturns(flows: CashFlows, options: ReturnsOptions): PartyReturns[] {
  requireIssued(flows, "cash-flows", "investorReturns", "flows");
  readRate(options?.discountRate);
  return flows.investors.map((investor) => partyReturns(flows, investor.party, options));
}
