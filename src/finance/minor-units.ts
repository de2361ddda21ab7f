import { minorUnits } from "../money/currency.js";
import type { Money } from "../money/money.js";
import type { RoundingMode } from "../money/rounding.js";

/** What computing in minor units of a contract needs: its currency, the digits of its minor unit, its rounding mode. */
export interface MinorUnitsContext {
  readonly currency: string;
  readonly places: number;
  readonly mode: RoundingMode;
}

/**
 * The finance layer computes in whole minor units (cents) held in JavaScript integers: exact, and fast
 * enough for the simulation. Every value is checked to stay a safe integer (below 2^53 cents, about
 * 90 trillion euro); beyond that the functions throw rather than lose a cent.
 */

/** The whole minor units of a decimal string with at most the currency's minor digits, e.g. "1234.5" → 123450. */
export function unitsOf(amount: string, places: number): number {
  const negative = amount.startsWith("-");
  const body = negative || amount.startsWith("+") ? amount.slice(1) : amount;
  const [whole = "", fraction = ""] = body.split(".");
  if (fraction.length > places) throw new RangeError(`${amount} has more than ${places} decimal places`);
  const units = Number((whole === "" ? "0" : whole) + fraction.padEnd(places, "0"));
  if (!Number.isSafeInteger(units)) throw new RangeError(`${amount} is too large to compute in minor units exactly`);
  return negative ? -units : units;
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
