import { currencyIssue, minorUnits, type CurrencyCode } from "./currency.js";
import { isDecimalString } from "./decimal-text.js";
import { fixedUnits, unitsOfPlain } from "./exact-units.js";
import { isTooLargeUnits, tooLargeMessage } from "./limits.js";
import { MAX_ISSUES, readMoneyUnits, resultTooLargeIssue, shown, throwIfAny, type MoneyUnits } from "./money-check.js";
import { ArgumentError } from "../errors/argument-error.js";
import { describeValue, quoted } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";

/**
 * An exact amount of money: a decimal string with exactly the currency's minor-unit digits, and an
 * ISO 4217 code. Plain, immutable, JSON-ready data: `{ "amount": "1234.50", "currency": "EUR" }`.
 *
 * The money functions take any object with an own `amount`, a decimal text in whole minor units of its
 * currency (`"1234.5"` is read as 1234.50 EUR) below 10^15 minor units, and an own `currency` the library
 * knows; they never change or freeze it, and refuse anything else with an `ArgumentError` (`not_money`,
 * `amount_too_large`).
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
 * @throws ArgumentError listing each problem: a currency the library does not know (`unknown_currency`, path
 * `$.currency`); an amount that is not a decimal text (`not_a_decimal`), has digits below the minor unit (round
 * first: the library never rounds silently; `below_minor_unit`) or is 10^15 minor units or more
 * (`amount_too_large`), path `$.amount`.
 */
export function money(amount: string, currency: CurrencyCode): Money {
  const issues: InputIssue[] = [];
  const unknownCurrency = currencyIssue(currency, "money", ["currency"]);
  if (unknownCurrency !== undefined) issues.push(unknownCurrency);
  const text = typeof amount === "string" ? amount.trim() : undefined;
  const places = unknownCurrency === undefined ? minorUnits(currency) : 0;
  let units: bigint | undefined;
  if (text === undefined || !isDecimalString(text)) {
    issues.push(
      issue(
        ["amount"],
        "not_a_decimal",
        `money takes a decimal text such as "1234.56" as amount; got ${shown(amount)}`,
      ),
    );
  } else if (unknownCurrency === undefined) {
    units = unitsOfPlain(text, places);
    if (units === undefined) {
      issues.push(
        issue(
          ["amount"],
          "below_minor_unit",
          `money: the amount ${quoted(amount)} has more than ${places} decimal places for ${currency}: round it first (the library never rounds silently)`,
        ),
      );
    } else if (isTooLargeUnits(units)) {
      issues.push(issue(["amount"], "amount_too_large", tooLargeMessage("money: the amount", text, currency, places)));
    }
  }
  throwIfAny(issues);
  return moneyOfUnits(units!, currency, places);
}

/** Money of a number of minor units (frozen; zero unsigned). */
function moneyOfUnits(units: bigint, currency: CurrencyCode, places: number): Money {
  return Object.freeze({ amount: fixedUnits(units, places), currency });
}

/**
 * The zero amount of a currency.
 *
 * @example
 * zero("JPY"); // { amount: "0", currency: "JPY" }
 * @throws ArgumentError (`unknown_currency`, path `$.currency`) for a currency the library does not know.
 */
export function zero(currency: CurrencyCode): Money {
  const unknownCurrency = currencyIssue(currency, "zero", ["currency"]);
  if (unknownCurrency !== undefined) throw new ArgumentError([unknownCurrency]);
  return moneyOfUnits(0n, currency, minorUnits(currency));
}

/** Reads the two Money arguments `a` and `b` of `fn`, which must be in one currency. */
function readPair(a: unknown, b: unknown, fn: string): readonly [MoneyUnits, MoneyUnits] {
  const issues: InputIssue[] = [];
  const first = readMoneyUnits(a, fn, ["a"], issues);
  const second = readMoneyUnits(b, fn, ["b"], issues);
  if (first !== undefined && second !== undefined && first.currency !== second.currency) {
    issues.push(
      issue(
        ["b"],
        "currency_mismatch",
        `${fn} takes two amounts in one currency; a is in ${first.currency}, b in ${second.currency}`,
      ),
    );
  }
  throwIfAny(issues);
  return [first as MoneyUnits, second as MoneyUnits];
}

/** A computed amount as Money, refused when it is 10^15 minor units or more (`path` names the argument). */
function moneyResult(
  units: bigint,
  of: { readonly currency: CurrencyCode; readonly places: number },
  fn: string,
  path: readonly (string | number)[],
): Money {
  const tooLarge = resultTooLargeIssue(units, of, fn, path);
  if (tooLarge !== undefined) throw new ArgumentError([tooLarge]);
  return moneyOfUnits(units, of.currency, of.places);
}

/**
 * `a + b`, exact.
 *
 * @example
 * add(money("100.10", "EUR"), money("0.90", "EUR")); // { amount: "101.00", currency: "EUR" }
 * @throws ArgumentError when a or b is not a Money value (`not_money`, `amount_too_large`), the currencies differ
 * (`currency_mismatch`, path `$.b`) or the sum is 10^15 minor units or more (`amount_too_large`, path `$.b`).
 */
export function add(a: Money, b: Money): Money {
  const [first, second] = readPair(a, b, "add");
  return moneyResult(first.units + second.units, first, "add", ["b"]);
}

/**
 * `a - b`, exact.
 *
 * @example
 * subtract(money("204000.00", "EUR"), money("186000.00", "EUR")); // { amount: "18000.00", currency: "EUR" }
 * @throws ArgumentError when a or b is not a Money value (`not_money`, `amount_too_large`), the currencies differ
 * (`currency_mismatch`, path `$.b`) or the difference is 10^15 minor units or more (`amount_too_large`, path
 * `$.b`).
 */
export function subtract(a: Money, b: Money): Money {
  const [first, second] = readPair(a, b, "subtract");
  return moneyResult(first.units - second.units, first, "subtract", ["b"]);
}

/**
 * The sum of amounts in one currency (zero for none).
 *
 * @example
 * sum([money("0.10", "EUR"), money("0.20", "EUR")], "EUR"); // { amount: "0.30", currency: "EUR" }
 * @throws ArgumentError listing each problem: values not a list (`not_a_list`, path `$.values`), a value that is
 * not a Money value (`not_money`, `amount_too_large`) or is in another currency (`currency_mismatch`), path
 * `$.values[i]`; a currency the library does not know (`unknown_currency`, path `$.currency`); a total of 10^15
 * minor units or more (`amount_too_large`, path `$.values`).
 */
export function sum(values: readonly Money[], currency: CurrencyCode): Money {
  const issues: InputIssue[] = [];
  const unknownCurrency = currencyIssue(currency, "sum", ["currency"]);
  if (unknownCurrency !== undefined) issues.push(unknownCurrency);
  let total = 0n;
  if (!Array.isArray(values)) {
    issues.push(
      issue(["values"], "not_a_list", `sum takes a list of Money values as values; got ${describeValue(values)}`),
    );
  } else {
    for (let index = 0; index < values.length && issues.length < MAX_ISSUES; index += 1) {
      const value = readMoneyUnits(values[index], "sum", ["values", index], issues);
      if (value === undefined) continue;
      if (unknownCurrency === undefined && value.currency !== currency) {
        issues.push(
          issue(
            ["values", index],
            "currency_mismatch",
            `sum adds amounts in ${currency}, its currency; values[${index}] is in ${value.currency}`,
          ),
        );
      } else {
        total += value.units;
      }
    }
  }
  throwIfAny(issues);
  return moneyResult(total, { currency, places: unknownCurrency === undefined ? minorUnits(currency) : 0 }, "sum", [
    "values",
  ]);
}

/**
 * -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
 *
 * @example
 * compare(money("5.00", "EUR"), money("12.00", "EUR")); // -1
 * @throws ArgumentError when a or b is not a Money value (`not_money`, `amount_too_large`) or the currencies
 * differ (`currency_mismatch`, path `$.b`).
 */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  const [first, second] = readPair(a, b, "compare");
  return first.units < second.units ? -1 : first.units > second.units ? 1 : 0;
}

/** Reads the one Money argument `value` of `fn`. */
function readOne(value: unknown, fn: string): MoneyUnits {
  const issues: InputIssue[] = [];
  const read = readMoneyUnits(value, fn, ["value"], issues);
  throwIfAny(issues);
  return read as MoneyUnits;
}

/**
 * True when the amount is zero (`"0.00"`, `"-0.00"`).
 *
 * @example
 * isZero(money("0.00", "EUR")); // true
 * @throws ArgumentError when value is not a Money value (`not_money`, `amount_too_large`, path `$.value`).
 */
export function isZero(value: Money): boolean {
  return readOne(value, "isZero").units === 0n;
}

/**
 * True when the amount is below zero (a refund, a clawback); zero is not negative.
 *
 * @example
 * isNegative(money("-18000.00", "EUR")); // true
 * @throws ArgumentError when value is not a Money value (`not_money`, `amount_too_large`, path `$.value`).
 */
export function isNegative(value: Money): boolean {
  return readOne(value, "isNegative").units < 0n;
}
