import { civilOf, dayNumber } from "../contract/day-number.js";
import {
  abs,
  decimalPlaces,
  type Exact,
  exactOf,
  exactOfNotation,
  fixedText,
  plainText,
  sign,
  times,
} from "../formula/exact.js";
import { roundHalfEven } from "../formula/exact-notation.js";
import { minorUnits } from "../money/currency.js";
import { checkLocale } from "./report-locale.js";
import { groupThousands } from "../money/format.js";
import { markIssued } from "../util/issued.js";

/** The languages reports are written in. */
export type ReportLocale = "en" | "it";
/** Every language reports can be written in. */
export const REPORT_LOCALES: readonly ReportLocale[] = ["en", "it"];

/**
 * How numbers, money and dates are written in one output. Every function takes the exact decimal string of
 * the settlement and never passes money through a JavaScript number: `Intl.NumberFormat` gives the
 * language's signs, separators and currency symbol, and the digits are the string's own, whatever their number.
 */
export interface Style {
  readonly locale: ReportLocale;
  /** Money in the currency: to its minor units, or to at most 6 decimals (marked ≈ when cut) before rounding. */
  money(amount: string): string;
  /** A quantity: at most 6 decimals, marked ≈ when digits were dropped. */
  num(text: string): string;
  /** A fraction as a percentage: `"0.105"` → `10.5%`. */
  percent(share: string): string;
  /** A calendar date `YYYY-MM-DD`. */
  date(day: string): string;
}

/**
 * A style as the library hands it out: frozen (no caller can swap one of its functions) and known as the
 * library's own, so that a chart can trust it.
 */
function issuedStyle(style: Style): Style {
  return markIssued(Object.freeze(style), "style");
}

/** A decimal text (an exponent allowed, as JavaScript writes some numbers) as an exact value. */
function decimalOf(text: string): Exact {
  const value = exactOfNotation(text);
  if (value === undefined) throw new RangeError(`assertion: a style was given ${JSON.stringify(text)}, not a decimal`);
  return value;
}

const HUNDRED = /* @__PURE__ */ exactOf(100n, 0);
/** A share as a percentage: the share times 100, to 60 significant digits as every product is. */
const hundredfold = (share: string): Exact => times(decimalOf(share), HUNDRED);

/**
 * How many decimals to show of an amount (its own, at least `minimum`, at most 6), the amount rounded to them
 * half-even, and whether digits are dropped.
 */
function shown(exact: Exact, minimum: number): { value: Exact; decimals: number; approximate: boolean } {
  const places = decimalPlaces(exact);
  const decimals = Math.max(minimum, Math.min(places, 6));
  const approximate = places > decimals;
  return { value: approximate ? roundHalfEven(exact, decimals) : exact, decimals, approximate };
}

/** The decimal mark and thousands separator of the plain text in each language. */
const PLAIN_MARKS: Record<ReportLocale, { readonly decimal: string; readonly group: string }> = {
  en: { decimal: ".", group: "," },
  it: { decimal: ",", group: "." },
};

/**
 * @internal A decimal string grouped by thousands (`1,234.5`), with the language's marks (`1.234,5` in Italian):
 * the digits are the string's own.
 */
export function plainMarks(text: string, locale: ReportLocale): string {
  const grouped = groupThousands(text);
  if (locale === "en") return grouped;
  const { decimal, group } = PLAIN_MARKS[locale];
  return grouped.replace(/[.,]/g, (mark) => (mark === "." ? decimal : group));
}

/** @internal A whole count with the language's thousands separator, always grouped: `1,234`, `1.234`. */
export function plainCount(count: number, locale: ReportLocale): string {
  return plainMarks(String(count), locale);
}

/** A quantity with at most 6 decimals, in the neutral form of the plain-text explanation (`1,234.5`). */
function neutralNumber(exact: Exact, locale: ReportLocale): string {
  const { value, approximate } = shown(exact, 0);
  return `${approximate ? "≈" : ""}${plainMarks(plainText(value), locale)}`;
}

/**
 * The style of `explain`'s plain text and of the other texts to check by hand (cash flows, claims): neutral and
 * unambiguous for any reader — ISO dates, the currency code before the amount — with the language's decimal
 * mark and thousands separator: `EUR 186,000.00` in English, `EUR 186.000,00` in Italian; `2027-11-30` in both.
 *
 * @example
 * plainTextStyle("EUR").money("186000"); // "EUR 186,000.00"
 * plainTextStyle("EUR", "it").money("186000"); // "EUR 186.000,00"
 * @throws RangeError for a currency code the library does not know (see `isKnownCurrency`); OptionsError
 * (`unknown_locale`) for a language reports are not written in.
 */
export function plainTextStyle(currency: string, locale: ReportLocale = "en"): Style {
  const places = minorUnits(currency);
  checkLocale(locale, REPORT_LOCALES);
  return issuedStyle({
    locale,
    money(amount) {
      const { value, decimals, approximate } = shown(decimalOf(amount), places);
      return `${approximate ? "≈" : ""}${currency} ${plainMarks(fixedText(value, decimals), locale)}`;
    },
    num: (text) => neutralNumber(decimalOf(text), locale),
    percent: (share) => `${neutralNumber(hundredfold(share), locale)}%`,
    date: (day) => day,
  });
}

/**
 * @internal The plain style of a text with quantities only (a measurement's): `plainTextStyle`'s numbers,
 * percentages and dates; money, which such a text has none of, written as a quantity.
 */
export function quantityStyle(locale: ReportLocale): Style {
  const num = (text: string) => neutralNumber(decimalOf(text), locale);
  return {
    locale,
    money: num,
    num,
    percent: (share) => `${neutralNumber(hundredfold(share), locale)}%`,
    date: (day) => day,
  };
}

const INTL_LOCALE: Record<ReportLocale, string> = { en: "en-GB", it: "it-IT" };

type Parts = readonly Intl.NumberFormatPart[];

/**
 * Writes a decimal the way `format` lays out a number — sign, currency symbol, separators — with the decimal's
 * own digits, grouped by three: exact for any number of digits (`Intl.NumberFormat` itself, given a decimal
 * string, writes ∞ beyond about 300 digits). `templates` are the parts of 1111.5 and −1111.5; trailing zeros of
 * the fraction are dropped down to `minimum` digits, as `Intl.NumberFormat` does.
 */
function layOut(
  templates: { positive: Parts; negative: Parts },
  value: Exact,
  decimals: number,
  minimum: number,
): string {
  const [whole = "0", digits = ""] = fixedText(abs(value), decimals).split(".");
  return placeDigits(templates, sign(value) < 0, whole, digits, minimum);
}

/**
 * @internal Writes a number's whole and fraction digits into the language's template (its group and decimal marks,
 * its sign and symbol), dropping the fraction's trailing zeros down to `minimum` digits.
 */
export function placeDigits(
  templates: { positive: Parts; negative: Parts },
  negative: boolean,
  whole: string,
  digits: string,
  minimum: number,
): string {
  let fraction = digits;
  while (fraction.length > minimum && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  const template = negative ? templates.negative : templates.positive;
  const group = template.find((part) => part.type === "group")?.value ?? "";
  let text = "";
  let integerWritten = false;
  for (const part of template) {
    if (part.type === "integer") {
      if (!integerWritten) text += groupThousands(whole).replaceAll(",", group);
      integerWritten = true;
    } else if (part.type === "decimal") {
      if (fraction !== "") text += part.value;
    } else if (part.type === "fraction") {
      text += fraction;
    } else if (part.type !== "group") {
      text += part.value;
    }
  }
  return text;
}

/** The parts of 1111.5 and −1111.5 in a language, with one fraction digit and grouping always on. */
function templatesOf(intl: string, options: Intl.NumberFormatOptions): { positive: Parts; negative: Parts } {
  const format = new Intl.NumberFormat(intl, {
    ...options,
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    useGrouping: "always",
  });
  return { positive: format.formatToParts(1111.5), negative: format.formatToParts(-1111.5) };
}

/** The months' names in each language, January first. */
const MONTH_NAMES: Record<ReportLocale, readonly string[]> = {
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  it: [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
  ],
};

/**
 * A calendar date in words: day, month name, four-digit year (`30 November 2027`, `30 novembre 0027`). Written
 * from the date's own digits, with no `Date` and no time zone, so it is the same day everywhere and for every
 * year 0000-9999. Text that is not a calendar date is returned as it is.
 */
function dateInWords(text: string, locale: ReportLocale): string {
  const day = dayNumber(text);
  if (Number.isNaN(day)) return text;
  const { year, month, day: date } = civilOf(day);
  return `${date} ${MONTH_NAMES[locale][month - 1]} ${String(year).padStart(4, "0")}`;
}

/**
 * The style of a report for people in a language: money as the language writes it (`186.000,00 €` in
 * Italian, `€186,000.00` in English), dates in words (`30 novembre 2027`, `30 November 2027`). The style is
 * frozen, and the charts know it as the library's own (as they know `plainTextStyle`'s).
 *
 * @example
 * reportStyle("it", "EUR").money("186000"); // "186.000,00 €"
 * reportStyle("it", "EUR").date("2027-11-30"); // "30 novembre 2027"
 * @throws RangeError for a currency code the library does not know (see `isKnownCurrency`); OptionsError
 * (`unknown_locale`) for a language reports are not written in.
 */
export function reportStyle(locale: ReportLocale, currency: string): Style {
  const places = minorUnits(currency);
  checkLocale(locale, REPORT_LOCALES);
  const intl = INTL_LOCALE[locale];
  const numbers = templatesOf(intl, {});
  const amounts = templatesOf(intl, { style: "currency", currency });
  const number = (exact: Exact) => {
    const { value, decimals, approximate } = shown(exact, 0);
    return `${approximate ? "≈" : ""}${layOut(numbers, value, decimals, 0)}`;
  };
  return issuedStyle({
    locale,
    money(amount) {
      const { value, decimals, approximate } = shown(decimalOf(amount), places);
      return `${approximate ? "≈" : ""}${layOut(amounts, value, decimals, places)}`;
    },
    num: (text) => number(decimalOf(text)),
    percent: (share) => `${number(hundredfold(share))}%`,
    date: (day) => dateInWords(day, locale),
  });
}
