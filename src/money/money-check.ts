import { isDecimalString } from "./decimal-text.js";
import { isKnownCurrency, minorUnits, type CurrencyCode } from "./currency.js";
import { fixedUnits, unitsOfPlain } from "./exact-units.js";
import { isTooLargeUnits, limitText, shownAmount, tooLargeMessage } from "./limits.js";
import { ArgumentError } from "../errors/argument-error.js";
import { describeValue, quoted } from "../errors/describe-value.js";
import { issue, pathText, type InputIssue } from "../errors/validation-error.js";
import { ownDataValue } from "../util/own.js";

/**
 * The one check of a Money argument, shared by every money function: what a Money value is, and the issue of an
 * argument that is not one.
 *
 * A Money value is an object with an own `amount`, a decimal text (`"1234.50"`, `"-3"`: no exponent, no spaces)
 * in whole minor units of its currency and below 10^15 minor units (see limits.ts), and an own `currency` the
 * library knows. `money()` makes them; a JSON object of that shape is one too. The check reads the two fields
 * without calling a getter and never changes or freezes the value.
 *
 * @internal Not exported from the package.
 */

/** The most issues one error lists (a long list of bad values reports its first ones). */
export const MAX_ISSUES = 100;

/** A Money argument, read: its amount in whole minor units, its currency and the currency's minor unit. */
export interface MoneyUnits {
  readonly units: bigint;
  readonly currency: CurrencyCode;
  readonly places: number;
}

type Path = readonly (string | number)[];

/** An argument's name as a message says it: `a`, `values[3]`. */
function argumentName(path: Path): string {
  return pathText(path).slice(2);
}

/** The `amount` and `currency` of an object, or undefined for anything else (a list, a revoked proxy). */
function moneyFields(value: unknown): { readonly amount: unknown; readonly currency: unknown } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  try {
    if (Array.isArray(value)) return undefined;
    return { amount: ownDataValue(value, "amount"), currency: ownDataValue(value, "currency") };
  } catch {
    return undefined; // a revoked proxy
  }
}

/** A received value in place: a short text quoted, anything else described (`the number 5`, `null`). */
export function shown(value: unknown): string {
  return typeof value === "string" ? quoted(value) : describeValue(value);
}

/** What is wrong with a field of an object given for a Money value: missing, or not what it should be. */
function fieldText(field: string, value: unknown, expected: string): string {
  return value === undefined
    ? `an object without an own ${field}`
    : `an object whose ${field} is ${shown(value)}, not ${expected}`;
}

/**
 * Reads an argument that should be a Money value. Returns its amount in whole minor units with its currency, or
 * undefined after adding its issue to `issues`: `not_money` (not an object with a known currency and a decimal
 * amount in whole minor units of it), or `amount_too_large` (10^15 minor units or more). `fn` names the function,
 * `path` the argument (`["a"]`, `["values", 3]`).
 */
export function readMoneyUnits(value: unknown, fn: string, path: Path, issues: InputIssue[]): MoneyUnits | undefined {
  const name = argumentName(path);
  const refuse = (got: string): undefined => {
    issues.push(
      issue(
        path,
        "not_money",
        `${fn} takes a Money value as ${name}, an amount and a currency such as money("12.50", "EUR") returns; got ${got}`,
      ),
    );
    return undefined;
  };
  const fields = moneyFields(value);
  if (fields === undefined) return refuse(describeValue(value));
  const { amount, currency } = fields;
  if (!isKnownCurrency(currency as string))
    return refuse(fieldText("currency", currency, "a currency the library knows"));
  if (typeof amount !== "string" || !isDecimalString(amount))
    return refuse(fieldText("amount", amount, 'a decimal text such as "12.50"'));
  const known = currency as CurrencyCode;
  const places = minorUnits(known);
  const units = unitsOfPlain(amount, places);
  if (units === undefined)
    return refuse(`an amount ${quoted(amount)} with more than ${places} decimal places for ${known}`);
  if (isTooLargeUnits(units)) {
    const message = `${fn}: the amount ${shownAmount(amount)} of ${name} is too large: ${limitText(known, places)}`;
    issues.push(issue(path, "amount_too_large", message));
    return undefined;
  }
  return { units, currency: known, places };
}

/** Throws an ArgumentError with the issues, if there are any. */
export function throwIfAny(issues: readonly InputIssue[]): void {
  if (issues.length > 0) throw new ArgumentError(issues);
}

/**
 * The issue of a computed amount of 10^15 minor units or more (`amount_too_large`): a money function never
 * returns an amount beyond the range every function of the library computes exactly. `path` names the argument
 * that took the result there.
 */
export function resultTooLargeIssue(
  units: bigint,
  { currency, places }: { readonly currency: CurrencyCode; readonly places: number },
  fn: string,
  path: Path,
): InputIssue | undefined {
  if (!isTooLargeUnits(units)) return undefined;
  return issue(
    path,
    "amount_too_large",
    tooLargeMessage(`${fn}: the result`, fixedUnits(units, places), currency, places),
  );
}
