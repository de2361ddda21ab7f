import { ArgumentError } from "../errors/argument-error.js";
import { quoted } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";

/**
 * ISO 4217 currencies and their minor units (the number of digits after the decimal point of the smallest
 * coin or cent). The table holds the active codes whose minor unit is not 2, and the commonly used codes
 * whose minor unit is 2; any other active code can be added here in one line.
 */
const MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  // zero-decimal currencies
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  // three-decimal currencies
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  // four-decimal currencies
  CLF: 4,
  UYW: 4,
  // two-decimal currencies
  AED: 2,
  ARS: 2,
  AUD: 2,
  BDT: 2,
  BGN: 2,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CNY: 2,
  COP: 2,
  CZK: 2,
  DKK: 2,
  EGP: 2,
  ETB: 2,
  EUR: 2,
  GBP: 2,
  GHS: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  KES: 2,
  LKR: 2,
  MAD: 2,
  MXN: 2,
  MYR: 2,
  NGN: 2,
  NOK: 2,
  NPR: 2,
  NZD: 2,
  PEN: 2,
  PHP: 2,
  PKR: 2,
  PLN: 2,
  QAR: 2,
  RON: 2,
  RSD: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TRY: 2,
  TWD: 2,
  TZS: 2,
  UAH: 2,
  USD: 2,
  ZAR: 2,
  ZMW: 2,
});

/** An ISO 4217 alphabetic currency code known to the library, e.g. `"EUR"`. */
export type CurrencyCode = string;

/** The known codes, sorted, computed once. */
const SORTED_CODES: readonly string[] = Object.freeze(Object.keys(MINOR_UNITS).sort());

/**
 * True when the library knows the currency's minor unit: exactly the codes `knownCurrencies` lists. Any other
 * value, a string or not, is false.
 *
 * @example
 * isKnownCurrency("EUR"); // true
 * isKnownCurrency("eur"); // false: codes are in capitals
 */
export function isKnownCurrency(currency: string): boolean {
  // a string only: Object.hasOwn would turn any other value into a key, which can throw (an object without
  // prototype) or overflow the stack (a list nested deep); an own key only: "constructor" is no currency
  return typeof currency === "string" && Object.hasOwn(MINOR_UNITS, currency);
}

/**
 * The issue for an argument that should be a currency the library knows, or undefined when it is one: code
 * `unknown_currency`, the path `path`, the message naming the function `fn`.
 *
 * @internal
 */
export function currencyIssue(
  currency: unknown,
  fn: string,
  path: readonly (string | number)[],
): InputIssue | undefined {
  if (isKnownCurrency(currency as string)) return undefined;
  return issue(
    path,
    "unknown_currency",
    `${fn} takes an ISO 4217 currency code the library knows, such as "EUR" (knownCurrencies() lists them); got ${quoted(currency)}`,
  );
}

/**
 * The number of decimal places of the currency's minor unit.
 *
 * @example
 * minorUnits("EUR"); // 2
 * minorUnits("JPY"); // 0
 * @throws ArgumentError (`unknown_currency`, path `$.currency`) for a code the library does not know.
 */
export function minorUnits(currency: CurrencyCode): number {
  const units = isKnownCurrency(currency) ? MINOR_UNITS[currency] : undefined;
  if (units === undefined) throw new ArgumentError([currencyIssue(currency, "minorUnits", ["currency"]) as InputIssue]);
  return units;
}

/**
 * The currency codes the library knows, sorted: exactly those `isKnownCurrency` accepts (a new list on each
 * call).
 *
 * @example
 * knownCurrencies().includes("GBP"); // true
 */
export function knownCurrencies(): readonly string[] {
  return [...SORTED_CODES];
}
