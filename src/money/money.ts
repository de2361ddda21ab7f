import { Dec, fixed, readDecimal } from "./decimal.js";
import { minorUnits, isKnownCurrency, type CurrencyCode } from "./currency.js";
import { isWholeMinorUnits } from "./rounding.js";
import { quoted } from "../errors/describe-value.js";

/**
 * An exact amount of money: a decimal string with exactly the currency's minor-unit digits, and an
 * ISO 4217 code. Plain, immutable, JSON-ready data: `{ "amount": "1234.50", "currency": "EUR" }`.
 */
export interface Money {
  readonly amount: string;
  readonly currency: CurrencyCode;
}

/**
 * Makes a Money value from a decimal string already in whole minor units.
 *
 * @example
 * money("1500", "EUR"); // { amount: "1500.00", currency: "EUR" }
 * @throws RangeError when the currency is unknown, the text is not a decimal string, or it has digits below
 * the minor unit (round first: the library never rounds silently).
 */
export function money(amount: string, currency: CurrencyCode): Money {
  if (!isKnownCurrency(currency)) throw new RangeError(`unknown ISO 4217 currency code ${quoted(currency)}`);
  const value = typeof amount === "string" ? readDecimal(amount) : undefined;
  if (value === undefined || amount.includes("%")) {
    throw new RangeError(`${quoted(amount)} is not a decimal string such as "1234.56"`);
  }
  if (!isWholeMinorUnits(value, currency)) {
    throw new RangeError(`${amount} has more than ${minorUnits(currency)} decimal places for ${currency}`);
  }
  return fromDecimal(value, currency);
}

/** @internal Money from an exact decimal already in whole minor units. */
export function fromDecimal(value: Dec, currency: CurrencyCode): Money {
  const places = minorUnits(currency);
  // "-0.00" would compare equal to "0.00" but render oddly: normalise the sign of zero.
  const amount = fixed(value.isZero() ? new Dec(0) : value, places);
  return Object.freeze({ amount, currency });
}

/** @internal The exact decimal of a Money value. */
export function toDecimal(value: Money): Dec {
  return new Dec(value.amount);
}

/**
 * The zero amount of a currency.
 *
 * @example
 * zero("JPY"); // { amount: "0", currency: "JPY" }
 */
export function zero(currency: CurrencyCode): Money {
  return fromDecimal(new Dec(0), currency);
}

function sameCurrency(a: Money, b: Money, operation: string): void {
  if (a.currency !== b.currency) {
    throw new RangeError(`cannot ${operation} ${a.currency} and ${b.currency}: currencies differ`);
  }
}

/**
 * `a + b`, exact. @throws RangeError when the currencies differ.
 *
 * @example
 * add(money("100.10", "EUR"), money("0.90", "EUR")); // { amount: "101.00", currency: "EUR" }
 */
export function add(a: Money, b: Money): Money {
  sameCurrency(a, b, "add");
  return fromDecimal(toDecimal(a).plus(toDecimal(b)), a.currency);
}

/**
 * `a - b`, exact. @throws RangeError when the currencies differ.
 *
 * @example
 * subtract(money("204000.00", "EUR"), money("186000.00", "EUR")); // { amount: "18000.00", currency: "EUR" }
 */
export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b, "subtract");
  return fromDecimal(toDecimal(a).minus(toDecimal(b)), a.currency);
}

/**
 * The sum of amounts in one currency (zero for none).
 *
 * @example
 * sum([money("0.10", "EUR"), money("0.20", "EUR")], "EUR"); // { amount: "0.30", currency: "EUR" }
 */
export function sum(values: readonly Money[], currency: CurrencyCode): Money {
  let total = new Dec(0);
  for (const value of values) {
    sameCurrency(value, zero(currency), "add");
    total = total.plus(toDecimal(value));
  }
  return fromDecimal(total, currency);
}

/**
 * -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
 *
 * @example
 * compare(money("5.00", "EUR"), money("12.00", "EUR")); // -1
 */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b, "compare");
  return toDecimal(a).comparedTo(toDecimal(b)) as -1 | 0 | 1;
}

/**
 * True when the amount is zero (`"0.00"`, `"-0.00"`).
 *
 * @example
 * isZero(money("0.00", "EUR")); // true
 */
export function isZero(value: Money): boolean {
  return toDecimal(value).isZero();
}

/**
 * True when the amount is below zero (a refund, a clawback); zero is not negative.
 *
 * @example
 * isNegative(money("-18000.00", "EUR")); // true
 */
export function isNegative(value: Money): boolean {
  return toDecimal(value).isNegative() && !toDecimal(value).isZero();
}
