import type { Money } from "../src/index.js";
import type { Phrases } from "./phrasebook.js";

type Numbers = Phrases["numbers"];

/**
 * An amount as a reader of the page's language writes it, digit for digit from the library's decimal string
 * (never through a floating-point number): `EUR 186,000.00` in English, `186.000,00 EUR` in Italian.
 */
export function formatMoney(money: Money, numbers: Numbers): string {
  const negative = money.amount.startsWith("-");
  const [whole = "", fraction] = money.amount.replace(/^-/, "").split(".");
  const figure = `${negative ? "−" : ""}${grouped(whole, numbers)}${fraction === undefined ? "" : `${numbers.decimal}${fraction}`}`;
  return numbers.currencyFirst ? `${money.currency} ${figure}` : `${figure} ${money.currency}`;
}

/** A count with its thousands grouped: `1,234` in English, `1.234` in Italian. */
export function formatCount(count: number, numbers: Numbers): string {
  return grouped(String(count), numbers);
}

function grouped(digits: string, numbers: Numbers): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, numbers.group);
}
