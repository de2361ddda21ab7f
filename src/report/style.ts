import { format as formatDate } from "date-fns";
import { enGB, it as itLocale } from "date-fns/locale";
import { Dec, fixed, plain } from "../money/decimal.js";
import { minorUnits } from "../money/currency.js";
import { groupThousands } from "../money/format.js";

/** The languages reports are written in. */
export type ReportLocale = "en" | "it";
/** Every language reports can be written in. */
export const REPORT_LOCALES: readonly ReportLocale[] = ["en", "it"];

/**
 * How numbers, money and dates are written in one output. Every function takes the exact decimal string of
 * the settlement and never passes money through a JavaScript number: `Intl.NumberFormat` is given the
 * string itself, which it formats exactly.
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

/** How many decimals to show of an amount, and whether digits are dropped. */
function shown(amount: string, minimum: number): { value: Dec; decimals: number; approximate: boolean } {
  const exact = new Dec(amount);
  const decimals = Math.max(minimum, Math.min(exact.decimalPlaces(), 6));
  const value = exact.toDecimalPlaces(decimals);
  return { value, decimals, approximate: !value.equals(exact) };
}

/** A quantity with at most 6 decimals, in the neutral form of the plain-text explanation (`1,234.5`). */
function neutralNumber(text: string): string {
  const { value, approximate } = shown(text, 0);
  return `${approximate ? "≈" : ""}${groupThousands(plain(value))}`;
}

/**
 * The style of `explain`'s plain text: neutral and unambiguous for any reader — ISO dates, the currency code
 * before the amount, commas between thousands (`EUR 186,000.00`, `2027-11-30`).
 *
 * @example
 * plainTextStyle("EUR").money("186000"); // "EUR 186,000.00"
 */
export function plainTextStyle(currency: string): Style {
  const places = minorUnits(currency);
  return {
    locale: "en",
    money(amount) {
      const { value, decimals, approximate } = shown(amount, places);
      return `${approximate ? "≈" : ""}${currency} ${groupThousands(fixed(value, decimals))}`;
    },
    num: neutralNumber,
    percent: (share) => `${neutralNumber(new Dec(share).times(100).toString())}%`,
    date: (day) => day,
  };
}

const INTL_LOCALE: Record<ReportLocale, string> = { en: "en-GB", it: "it-IT" };
const DATE_LOCALE = { en: enGB, it: itLocale } as const;

/**
 * The style of a report for people in a language: money as the language writes it (`186.000,00 €` in
 * Italian, `€186,000.00` in English), dates in words (`30 novembre 2027`, `30 November 2027`).
 *
 * @example
 * reportStyle("it", "EUR").money("186000"); // "186.000,00 €"
 * reportStyle("it", "EUR").date("2027-11-30"); // "30 novembre 2027"
 */
export function reportStyle(locale: ReportLocale, currency: string): Style {
  const places = minorUnits(currency);
  const intl = INTL_LOCALE[locale];
  const number = (text: string, minimum: number) => {
    const { value, decimals, approximate } = shown(text, minimum);
    const formatted = new Intl.NumberFormat(intl, {
      minimumFractionDigits: minimum,
      maximumFractionDigits: decimals,
      useGrouping: "always",
    }).format(plain(value) as `${number}`); // a decimal string: Intl formats it exactly
    return `${approximate ? "≈" : ""}${formatted}`;
  };
  return {
    locale,
    money(amount) {
      const { value, decimals, approximate } = shown(amount, places);
      const formatted = new Intl.NumberFormat(intl, {
        style: "currency",
        currency,
        minimumFractionDigits: places,
        maximumFractionDigits: decimals,
        useGrouping: "always",
      }).format(plain(value) as `${number}`);
      return `${approximate ? "≈" : ""}${formatted}`;
    },
    num: (text) => number(text, 0),
    percent: (share) => `${number(new Dec(share).times(100).toString(), 0)}%`,
    date(day) {
      const [year, month, date] = day.split("-").map(Number);
      // A calendar date built and printed in local time: the same day whatever the time zone.
      return formatDate(new Date(year!, month! - 1, date!), "d MMMM yyyy", { locale: DATE_LOCALE[locale] });
    },
  };
}
