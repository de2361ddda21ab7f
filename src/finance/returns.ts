import { Dec, readDecimal } from "../money/decimal.js";
import { floorQuotient } from "../money/floor-quotient.js";
import { writtenMinorUnits } from "../money/currency.js";
import type { Money } from "../money/money.js";
import { roundToMinorUnits } from "../money/rounding.js";
import { describeValue, quoted } from "../errors/describe-value.js";
import { ISSUED_CASH_FLOWS, requireIssued } from "../errors/argument-error.js";
import { OptionsError, issue } from "../errors/validation-error.js";
import { isTooLarge, largestAmount } from "../money/limits.js";
import { markIssued } from "../util/issued.js";
import type { CashFlows, PartyFlow } from "./cash-flows.js";
import { internedMoney, unitsText } from "../money/interned-money.js";
import { dayNumber, MAX_UNITS, parseUnits, roundKnown, unitsOf } from "./minor-units.js";
import { solveIrr, type IrrResult, type TimedFlow } from "./xirr.js";
import { growthFactor, growthLogarithm } from "./growth.js";

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

/** @internal A discount rate read once: the decimal, and ln(1 + rate) as a double (NaN when it has none that is finite). */
export interface ReadRate {
  readonly rate: Dec;
  readonly log: number;
}

/** Rates read, by their text: a caller asks for the same few over and over. Emptied at 1,000. */
const readRates = new Map<string, ReadRate>();

/** @internal A discount rate read (and remembered), or OptionsError (`invalid_rate`). */
export function readRate(text: unknown): ReadRate {
  if (typeof text === "string") {
    const known = readRates.get(text);
    if (known !== undefined) return known;
  }
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
  const read = { rate, log: rate.isZero() ? 0 : growthLogarithm(rate) };
  if (readRates.size >= 1_000) readRates.clear();
  readRates.set(text as string, read);
  return read;
}

/** Half of the unit roundoff of a double: the relative error of one rounding. */
const U = Number.EPSILON / 2;

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
  requireIssued(flows, ISSUED_CASH_FLOWS, "partyReturns", "flows");
  return returnsOf(flows, party, options, readRate(options?.discountRate));
}

/** `partyReturns` once the flows are known to be issued and the rate read. */
function returnsOf(flows: CashFlows, party: string, options: ReturnsOptions, rate: ReadRate): PartyReturns {
  let partyIndex = -1;
  for (let p = 0; p < flows.parties.length; p += 1)
    if (flows.parties[p]!.party === party) {
      partyIndex = p;
      break;
    }
  if (partyIndex < 0) {
    throw new OptionsError([
      issue(["party"], "unknown_party", `party ${quoted(party)} has no cash flows under this contract`),
    ]);
  }
  const own = flows.parties[partyIndex]!;
  const places = writtenMinorUnits(own.paidOut);
  // The flows netted by day, in day order, without the days that net to nothing: days[k], dates[k], units[k].
  const { days, dates, units } = nettedByDay(own.flows, places, partyIndex);
  let paidIn = 0;
  let received = 0;
  let cumulative = 0;
  let wasNegative = false;
  let paybackDate: string | null = null;
  for (let k = 0; k < units.length; k += 1) {
    const amount = units[k]!;
    if (amount < 0) paidIn -= amount;
    else received += amount;
    cumulative += amount;
    if (cumulative < 0) wasNegative = true;
    else if (wasNegative && paybackDate === null) paybackDate = dates[k]!;
  }
  const npv = npvUnits(days, units, rate, places, flows.currency, party, options);
  const scale = 10 ** places;
  const timed: TimedFlow[] = [];
  const first = days[0] ?? 0;
  for (let k = 0; k < days.length; k += 1) timed.push({ t: (days[k]! - first) / 365, amount: units[k]! / scale });
  return Object.freeze({
    party,
    paidIn: internedMoney(paidIn, places, flows.currency),
    received: internedMoney(received, places, flows.currency),
    net: internedMoney(received - paidIn, places, flows.currency),
    multiple: paidIn === 0 ? null : multipleText(received, paidIn),
    irr: markIssued(frozenIrr(solveIrr(timed, false)), "irr"), // finite: minor units and days
    npv: Object.freeze({
      rate: options.discountRate,
      on: dates[0] ?? null,
      amount: internedMoney(npv, places, flows.currency),
    }),
    paybackDate,
  });
}

/**
 * A party's flows netted by day: the days in order, the date of each (as the first flow of the day gave it),
 * and the net units, days netting to nothing left out, read from the flows' dates and amounts. The flows of
 * `cashFlows` come in date order, in runs of one date: they are netted in one pass, a date's day number worked
 * out once per run; flows in any other order are netted through a map and sorted.
 */
function nettedByDay(
  own: readonly PartyFlow[],
  places: number,
  partyIndex: number,
): { days: number[]; dates: string[]; units: number[] } {
  const days: number[] = [];
  const dates: string[] = [];
  const units: number[] = [];
  let ordered = true;
  let last = -1;
  for (let index = 0; index < own.length; index += 1) {
    const flow = own[index]!;
    const date = flow.date;
    const text = flow.amount.amount;
    let amount = parseUnits(text, places);
    if (Number.isNaN(amount))
      amount = unitsOf(text, places, ["flows", "parties", partyIndex, "flows", index, "amount"]);
    // on the date of the last day netted: that day (one date, one day number)
    if (last >= 0 && date === dates[last]) {
      units[last] = units[last]! + amount;
      continue;
    }
    const day = dayNumber(date);
    if (last >= 0 && day === days[last]) units[last] = units[last]! + amount;
    else if (last < 0 || day > days[last]!) {
      days.push(day);
      dates.push(date);
      units.push(amount);
      last += 1;
    } else {
      ordered = false;
      break;
    }
  }
  if (!ordered) return nettedByMap(own, places, partyIndex);
  let kept = 0;
  for (let k = 0; k < units.length; k += 1) {
    if (units[k] === 0) continue;
    days[kept] = days[k]!;
    dates[kept] = dates[k]!;
    units[kept] = units[k]!;
    kept += 1;
  }
  if (kept < units.length) {
    days.length = kept;
    dates.length = kept;
    units.length = kept;
  }
  return { days, dates, units };
}

function nettedByMap(
  own: readonly PartyFlow[],
  places: number,
  partyIndex: number,
): { days: number[]; dates: string[]; units: number[] } {
  const byDay = new Map<number, { date: string; units: number }>();
  own.forEach((flow, index) => {
    const day = dayNumber(flow.date);
    const entry = byDay.get(day) ?? { date: flow.date, units: 0 };
    entry.units += unitsOf(flow.amount.amount, places, ["flows", "parties", partyIndex, "flows", index, "amount"]);
    byDay.set(day, entry);
  });
  const dated = [...byDay.entries()].sort((a, b) => a[0] - b[0]).filter(([, entry]) => entry.units !== 0);
  return {
    days: dated.map(([day]) => day),
    dates: dated.map(([, entry]) => entry.date),
    units: dated.map(([, entry]) => entry.units),
  };
}

/**
 * @internal The net flows discounted to the first at the rate, rounded half-even to whole minor units.
 *
 * First in doubles: the flow n days after the first is units · e^(−L n / 365), L = ln(1 + rate) correctly
 * rounded; each term is off by at most (4 |x| + 3) u of itself (u = 2^−53, x the exponent), the sum adds
 * m u of the terms' magnitudes. With four times that bound, the double gives the rounding whenever every value
 * within the bound rounds alike. Otherwise (a value within about 10^−16 of its size from a tie, a rate whose
 * discounting overflows, an NPV near or past the largest amount) it is computed as before in 60-digit
 * decimals, whose rounding the double then never contradicts. The first flow is discounted by exactly 1, and
 * at a zero rate every flow: those are added exactly.
 */
export function npvUnits(
  days: readonly number[],
  units: readonly number[],
  rate: ReadRate,
  places: number,
  currency: string,
  party: string,
  options: ReturnsOptions,
): number {
  const log = rate.log;
  let usable = !Number.isNaN(log);
  let exact = 0;
  let discounted = 0;
  let magnitude = 0;
  let reach = 0;
  let terms = 0;
  const first = days[0] ?? 0;
  for (let k = 0; k < days.length && usable; k += 1) {
    const n = days[k]! - first;
    if (n === 0 || log === 0) exact += units[k]!;
    else {
      const x = (log * n) / 365;
      const factor = Math.exp(-x);
      if (!(factor < 1e300 && factor > 1e-300)) usable = false;
      const term = units[k]! * factor;
      discounted += term;
      magnitude += Math.abs(term);
      if (Math.abs(x) > reach) reach = Math.abs(x);
      terms += 1;
    }
  }
  if (usable && Math.abs(exact) <= MAX_UNITS) {
    if (terms === 0) return exact;
    const value = exact + discounted;
    const error = 4 * U * (magnitude * (4 * reach + 4 + terms) + Math.abs(exact) + Math.abs(value));
    if (Math.abs(value) + error < MAX_UNITS) {
      const rounded = roundKnown(value, error, "half-even");
      if (!Number.isNaN(rounded)) return rounded;
    }
  }
  return decimalNpv(days, units, rate.rate, places, currency, party, options);
}

/**
 * @internal The NPV in 60-digit decimals, rounded half-even to the minor unit: what `npvUnits` falls back to, and
 * always equals.
 */
export function decimalNpv(
  days: readonly number[],
  units: readonly number[],
  rate: Dec,
  places: number,
  currency: string,
  party: string,
  options: ReturnsOptions,
): number {
  const first = days[0] ?? 0;
  let npv = new Dec(0);
  for (let k = 0; k < days.length; k += 1)
    npv = npv.plus(new Dec(unitsText(units[k]!, places)).div(growthFactor(rate, days[k]! - first)));
  const npvRounded = roundToMinorUnits(npv, currency, "half-even");
  if (isTooLarge(npvRounded, places)) {
    throw new OptionsError([
      issue(
        ["discountRate"],
        "amount_too_large",
        `at a discount rate of ${options.discountRate} the NPV of ${party}'s flows is about ${npvRounded.toSignificantDigits(3).toExponential()} ${currency}, beyond ${largestAmount(places)}, the largest amount the library computes exactly: choose a rate further from −100%`,
      ),
    ]);
  }
  return unitsOf(npvRounded.toFixed(places), places);
}

/** @internal received / paidIn to 4 decimal places, half-even, exactly (both whole minor units, paidIn positive). */
export function multipleText(received: number, paidIn: number): string {
  const numerator = received * 10_000;
  if (!Number.isSafeInteger(numerator)) return new Dec(received).div(paidIn).toFixed(4);
  let quotient = floorQuotient(numerator, paidIn);
  const remainder = numerator - quotient * paidIn;
  const twice = 2 * remainder;
  if (twice > paidIn || (twice === paidIn && quotient % 2 === 1)) quotient += 1;
  const digits = String(quotient).padStart(5, "0");
  return `${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** An IRR result frozen (its list of rates too): what `xirr` returns, without walking it. */
function frozenIrr(result: IrrResult): IrrResult {
  if (result.kind === "multiple") Object.freeze(result.rates);
  return Object.freeze(result);
}

/**
 * The returns of every investor of the finance section.
 *
 * @example
 * for (const r of investorReturns(cashFlows(contract, settlement), { discountRate: "5%" })) console.log(r.party, r.multiple);
 * @throws ArgumentError (`not_cash_flows`) and OptionsError as `partyReturns` does.
 */
export function investorReturns(flows: CashFlows, options: ReturnsOptions): PartyReturns[] {
  requireIssued(flows, ISSUED_CASH_FLOWS, "investorReturns", "flows");
  const rate = readRate(options?.discountRate);
  const returns: PartyReturns[] = [];
  for (const investor of flows.investors) returns.push(returnsOf(flows, investor.party, options, rate));
  return returns;
}
