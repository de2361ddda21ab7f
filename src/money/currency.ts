import { ArgumentError } from "../errors/argument-error.js";
import { quoted } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";

/**
 * ISO 4217 currencies and their minor units (the number of digits after the decimal point of the smallest
 * coin or cent): every code of ISO 4217 Table A.1, "Current currency & funds code list" ("list one"), as
 * published on 2026-01-01 by SIX, ISO 4217's maintenance agency
 * (https://www.six-group.com/dam/download/financial-information/data-center/iso-currrency/lists/list-one.xml),
 * that has a minor unit. Codes and minor units are facts the agency publishes freely; they were transcribed
 * from the copy of that list in github.com/talaviram/currency_utils (iso4217_currency_codes.json, CC0 1.0) and
 * checked against the copy of the list of 2024-06-25 in github.com/datasets/currency-codes
 * (archive/table_a1.xml, Open Data Commons PDDL 1.0): they agree except for what ISO changed in between (XAD
 * and XCG added; ANG, BGN and CUC withdrawn). Nothing is read at run time.
 *
 * - Left out: the codes ISO gives no minor unit ("N.A."): the precious metals XAG, XAU, XPD, XPT, the units of
 *   account XBA, XBB, XBC, XBD, XDR, XSU, XUA, and XTS (testing) and XXX (no currency). A contract in one of
 *   them, or in a code newer than this table, states its minor units (`currencyMinorUnits`).
 * - Kept: BGN, withdrawn when Bulgaria adopted the euro on 2026-01-01, so that a contract written in leva (the
 *   library knew the code before) still reads and settles its last payments.
 */
const MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(
    (
      [
        [0, "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"],
        [
          2,
          "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF " +
            "CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ " +
            "GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD " +
            "MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON " +
            "RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS " +
            "UAH USD USN UYU UZS VED VES WST XAD XCD XCG YER ZAR ZMW ZWG",
        ],
        [3, "BHD IQD JOD KWD LYD OMR TND"],
        [4, "CLF UYW"],
      ] as const
    ).flatMap(([units, codes]) => codes.split(" ").map((code) => [code, units])),
  ),
);

/**
 * The most minor units a contract may state for a code the table lacks (`currencyMinorUnits`): 4, the most
 * ISO 4217 gives any currency (CLF, UYW).
 *
 * @internal
 */
export const MAX_STATED_MINOR_UNITS = 4;

/**
 * True for text shaped like an ISO 4217 alphabetic code: three capital letters A-Z (`"EUR"`, `"XDR"`), which is
 * also what `Intl.NumberFormat` takes as a currency. A contract may use a code of that shape that the table
 * lacks when it states the code's minor units.
 *
 * @internal
 */
export function isCurrencyCodeShaped(currency: unknown): boolean {
  return typeof currency === "string" && /^[A-Z]{3}$/.test(currency);
}

/** An ISO 4217 alphabetic currency code known to the library, e.g. `"EUR"`. */
export type CurrencyCode = string;

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
 * The number of decimal places of the currency's minor unit, as ISO 4217 gives it, for every active code that
 * has one (`knownCurrencies` lists them). A contract in a code the library does not know states its minor units
 * itself (`currencyMinorUnits`, see docs/contract-format.md).
 *
 * @example
 * minorUnits("EUR"); // 2
 * minorUnits("JPY"); // 0
 * minorUnits("MWK"); // 2
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
  return Object.keys(MINOR_UNITS).sort();
}

/**
 * The minor units of money the library wrote: ISO 4217's for a code it knows, else the number of digits after
 * the point of the amount. The library writes every amount in a code its table lacks with exactly the minor
 * units the contract states (`currencyMinorUnits`), so a settlement or cash flows it issued carry them.
 *
 * @internal
 */
export function writtenMinorUnits(value: { readonly amount: string; readonly currency: string }): number {
  if (isKnownCurrency(value.currency)) return MINOR_UNITS[value.currency]!;
  const point = value.amount.indexOf(".");
  return point < 0 ? 0 : value.amount.length - point - 1;
}
