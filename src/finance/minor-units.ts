import { minorUnits } from "../money/currency.js";
import type { Money } from "../money/money.js";
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

/**
 * The whole minor units of a decimal string with at most the currency's minor digits, e.g. "1234.5" → 123450.
 * @throws OptionsError at `path` when the amount is not a decimal string (`invalid_decimal`), not in whole minor
 * units (`sub_minor_unit`), or is 10^15 minor units or more (`amount_too_large`).
 */
export function unitsOf(amount: string, places: number, path: readonly (string | number)[] = []): number {
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

/** The decimal string of a number of minor units, e.g. 123450 → "1234.50". */
export function unitsText(units: number, places: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`${units} minor units cannot be represented exactly`);
  const digits = String(Math.abs(units)).padStart(places + 1, "0");
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return units < 0 ? `-${text}` : text;
}

/** Money from minor units. */
export function moneyOfUnits(units: number, currency: string): Money {
  return Object.freeze({ amount: unitsText(units, minorUnits(currency)), currency });
}

/** The day number of a calendar date (days since 1970-01-01): the calendar arithmetic the claims use too. */
export { dayNumber } from "../contract/day-number.js";
