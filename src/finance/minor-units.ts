import { minorUnits } from "../money/currency.js";
import { floorQuotient } from "../money/floor-quotient.js";
import type { Money } from "../money/money.js";
import { unitsText } from "../money/interned-money.js";
import type { RoundingMode } from "../money/rounding.js";
import { AMOUNT_DIGITS, largestAmount } from "../money/limits.js";
import { describeValue } from "../errors/describe-value.js";
import { OptionsError, issue } from "../errors/validation-error.js";

/** What computing in minor units of a contract needs: its currency, the digits of its minor unit, its rounding mode. */
export interface MinorUnitsContext {
  readonly currency: string;
  readonly places: number;
  readonly mode: RoundingMode;
}

/**
 * The finance layer computes in whole minor units (cents) held in JavaScript integers: exact, and fast
 * enough for the simulation. A single amount is at most 10^15 − 1 minor units (`largestAmount`: what a
 * contract may state, checked when it is parsed); an amount computed from results beyond that, or sums that
 * would pass 2^53 − 1, are refused with an `OptionsError` (`amount_too_large`) rather than lose a cent.
 */

/** The largest amount in minor units: 10^15 − 1 (see `src/money/limits.ts`). */
export const MAX_UNITS = 10 ** AMOUNT_DIGITS - 1;

/** No path: the default of `unitsOf`, shared so that a call allocates nothing. */
const NO_PATH: readonly (string | number)[] = Object.freeze([]);

/**
 * The whole minor units of a decimal string with at most the currency's minor digits, e.g. "1234.5" → 123450.
 * @throws OptionsError at `path` when the amount is not a decimal string (`invalid_decimal`), not in whole minor
 * units (`sub_minor_unit`), or is 10^15 minor units or more (`amount_too_large`).
 */
export function unitsOf(amount: string, places: number, path: readonly (string | number)[] = NO_PATH): number {
  const units = parseUnits(amount, places);
  return !Number.isNaN(units) ? units : checkedUnitsOf(amount, places, path);
}

/**
 * @internal `unitsOf` without its errors, for hot paths: the whole minor units of an amount that `unitsOf`
 * takes (the same number, −0 for "-0"), or NaN for any amount it refuses. Read character by character: no
 * regular expression, no decimal, no string made. The digits are gathered in a double, exact while below
 * 2^53; an amount past 10^15 − 1 minor units stays past it (the rounding of the larger sums never takes them
 * back below), so it is refused like any other.
 */
export function parseUnits(amount: unknown, places: number): number {
  if (typeof amount !== "string") return Number.NaN;
  const length = amount.length;
  let at = 0;
  let negative = false;
  if (length > 0) {
    const first = amount.charCodeAt(0);
    if (first === 45) {
      negative = true;
      at = 1;
    } else if (first === 43) at = 1;
  }
  let value = 0;
  let digits = 0;
  let fraction = -1; // digits after the point, −1 before it
  for (; at < length; at += 1) {
    const digit = amount.charCodeAt(at) - 48;
    if (digit >= 0 && digit <= 9) {
      value = value * 10 + digit;
      digits += 1;
      if (fraction >= 0) fraction += 1;
    } else if (digit === -2 && fraction < 0)
      fraction = 0; // "."
    else return Number.NaN;
  }
  if (digits === 0 || fraction > places) return Number.NaN;
  for (let place = fraction < 0 ? 0 : fraction; place < places; place += 1) value *= 10;
  if (!(value <= MAX_UNITS)) return Number.NaN;
  return negative ? -value : value;
}

/** `unitsOf` step by step, with its errors: what `parseUnits` refused. */
function checkedUnitsOf(amount: string, places: number, path: readonly (string | number)[]): number {
  const text = typeof amount === "string" ? amount : "";
  const negative = text.startsWith("-");
  const body = negative || text.startsWith("+") ? text.slice(1) : text;
  const [whole = "", fraction = ""] = body.split(".");
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || whole + fraction === "" || body.split(".").length > 2)
    throw new OptionsError([
      issue(path, "invalid_decimal", `expected an amount as a decimal string, got ${describeValue(amount)}`),
    ]);
  if (fraction.length > places)
    throw new OptionsError([
      issue(
        path,
        "sub_minor_unit",
        `${text.length <= 40 ? text : "the amount"} has more than ${places} decimal places`,
      ),
    ]);
  const units = Number((whole === "" ? "0" : whole) + fraction.padEnd(places, "0"));
  if (!(units <= MAX_UNITS)) {
    throw new OptionsError([
      issue(
        path,
        "amount_too_large",
        `the amount ${text.length <= 40 ? text : `of ${whole.length} digits`} is too large: the investors' side computes amounts of at most ${largestAmount(places)} (below 10^15 minor units) exactly`,
      ),
    ]);
  }
  return negative ? -units : units;
}

/**
 * Checks that sums of minor units stay exact: `total` (a bound on every sum the caller will make) must not
 * pass 2^53 − 1. @throws OptionsError (`amount_too_large`) at `path` with `what` said in the message.
 */
export function checkSafeTotal(total: bigint, path: readonly (string | number)[], what: string): void {
  if (total > BigInt(Number.MAX_SAFE_INTEGER))
    throw new OptionsError([
      issue(
        path,
        "amount_too_large",
        `${what} add up to more than 2^53 − 1 minor units: the investors' side adds whole minor units exactly only below that`,
      ),
    ]);
}

/** Money from minor units. */
export function moneyOfUnits(units: number, currency: string): Money {
  return Object.freeze({ amount: unitsText(units, minorUnits(currency)), currency });
}

/** @internal Money from minor units with the currency's minor digits already known: `moneyOfUnits` without the look-up. */
export function moneyOfPlaces(units: number, places: number, currency: string): Money {
  return Object.freeze({ amount: unitsText(units, places), currency });
}

/**
 * @internal The rounding to a whole number, by `mode`, of a value known only to within `error` (a double
 * computed with a bound on its error): the rounding of every value within `error` of it, or NaN when those do
 * not all round alike (it lies too near a tie, or for the directed modes too near a whole number). The caller
 * then computes the value exactly. `value` must be below 2^52 in magnitude (its fraction is then exact).
 */
export function roundKnown(value: number, error: number, mode: RoundingMode): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (mode === "half-even" || mode === "half-up" || mode === "half-down") {
    if (!(Math.abs(fraction - 0.5) > error)) return Number.NaN;
    return fraction > 0.5 ? floor + 1 : floor;
  }
  if (!(fraction > error && 1 - fraction > error)) return Number.NaN;
  const up = mode === "ceiling" || (mode === "up" && value > 0) || (mode === "down" && value < 0);
  return up ? floor + 1 : floor;
}

/**
 * @internal `numerator / denominator` rounded to a whole number by `mode`, exactly: both safe integers, the
 * numerator not negative, the denominator positive, their sum safe. NaN when they are not.
 */
export function roundRatio(numerator: number, denominator: number, mode: RoundingMode): number {
  if (!(numerator >= 0 && denominator > 0 && Number.isSafeInteger(numerator + denominator))) return Number.NaN;
  const quotient = floorQuotient(numerator, denominator);
  const remainder = numerator - quotient * denominator;
  if (remainder === 0) return quotient;
  switch (mode) {
    case "down":
    case "floor":
      return quotient;
    case "up":
    case "ceiling":
      return quotient + 1;
    default: {
      const twice = 2 * remainder;
      if (twice !== denominator) return twice > denominator ? quotient + 1 : quotient;
      return mode === "half-up" || (mode === "half-even" && quotient % 2 === 1) ? quotient + 1 : quotient;
    }
  }
}

/** The day number of a calendar date (days since 1970-01-01): the calendar arithmetic the claims use too. */
export { dayNumber } from "../contract/day-number.js";
