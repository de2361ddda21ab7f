import {
  abs,
  compare,
  decimalPlaces,
  type Exact,
  exactOf,
  exactOfText,
  fixedText,
  sign,
  times,
} from "../formula/exact.js";
import { AMOUNT_DIGITS, tooLargeMessage } from "../money/limits.js";

/**
 * The arithmetic of the contract's checks on exact decimals (src/formula/exact.ts), without a decimal library:
 * each function reads, compares and writes a value exactly as the checks did with the private `Dec`
 * (decimal.js), so that their issues stay what they were.
 *
 * @internal
 */

type Path = readonly (string | number)[];
type Report = (path: Path, code: string, message: string) => void;

/** 1, and 100 (a share as a percentage). */
export const EXACT_ONE = exactOf(1n, 0);
const HUNDRED = exactOf(100n, 0);
/** 10^15: no amount reaches this many minor units (`AMOUNT_DIGITS`). */
const UNITS_LIMIT = exactOf(10n ** BigInt(AMOUNT_DIGITS), 0);

/**
 * An amount the schema admitted (a plain decimal text, `isDecimalString`) as an exact value.
 *
 * @example
 * amountOf("1500.00"); // 1500.00
 */
export function amountOf(amount: string): Exact {
  const value = exactOfText(amount);
  if (value === undefined) throw new RangeError(`assertion: the schema admitted "${amount}" as a decimal`);
  return value;
}

/**
 * Whether an amount's text is negative as `Dec` reads it: a minus sign, even on zero (`"-0"`).
 *
 * @example
 * isNegativeText("-0.00"); // true
 */
export function isNegativeText(amount: string): boolean {
  return sign(amountOf(amount)) < 0 || amount.startsWith("-");
}

/** True when the amount is 10^15 minor units or more (in absolute value): `isTooLarge` on an exact value. */
export function isTooLargeExact(value: Exact, places: number): boolean {
  return compare(times(abs(value), exactOf(10n ** BigInt(places), 0)), UNITS_LIMIT) >= 0;
}

/**
 * The value as `Dec`'s `toString` writes it: plain, trailing zeros left out, with an exponent when its first
 * digit is at 10^60 or above, or at 10^-60 or below (`"1e+70"`, `"-1.25e-61"`).
 *
 * @example
 * decimalText(amountOf("12.50")); // "12.5"
 */
export function decimalText(value: Exact): string {
  const c = typeof value.coefficient === "bigint" ? value.coefficient : BigInt(value.coefficient);
  if (c === 0n) return "0";
  let digits = (c < 0n ? -c : c).toString();
  let scale = value.scale;
  const trailing = digits.length - digits.replace(/0+$/, "").length;
  digits = digits.slice(0, digits.length - trailing);
  scale -= trailing;
  // the exponent of the first digit
  const exponent = digits.length - 1 - scale;
  const sign = c < 0n ? "-" : "";
  if (exponent <= -60 || exponent >= 60) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}${exponent < 0 ? "e" : "e+"}${exponent}`;
  }
  return fixedText(exactOf(c, value.scale), Math.max(scale, 0));
}

/** A sum of shares as a percentage, as the `shares_not_100` messages write it (`"90"` for 0.9). */
export function percentText(total: Exact): string {
  return decimalText(times(total, HUNDRED));
}

/**
 * The check of an amount of money in the contract's currency (`places` its minor units, `undefined` when the
 * currency is unusable): not negative (`negative_amount`), in whole minor units (`sub_minor_unit`), below 10^15
 * minor units (`amount_too_large`). Returns the amount as an exact value.
 */
export function moneyCheck(
  report: Report,
  places: number | undefined,
  currency: string,
): (path: Path, amount: string, what: string) => Exact {
  return (path, amount, what) => {
    const value = amountOf(amount);
    if (sign(value) < 0) report(path, "negative_amount", `${what} cannot be negative`);
    if (places === undefined) return value;
    if (decimalPlaces(value) > places) {
      report(path, "sub_minor_unit", `${what} ${amount} has more than ${places} decimal places for ${currency}`);
    } else if (isTooLargeExact(value, places)) {
      report(path, "amount_too_large", tooLargeMessage(what, amount, currency, places));
    }
    return value;
  };
}
