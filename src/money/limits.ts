import type { Dec } from "./decimal.js";

/**
 * The largest amounts of money the library reads, and why.
 *
 * `settle` computes in exact decimals, but the investors' side (`cashFlows`, the returns, the waterfall), the
 * simulation and the claims compute in whole minor units held in JavaScript numbers, which are exact integers
 * only below 2^53 (about 9.007 × 10^15). So every amount of money a contract or its events state — caps,
 * floors, tier and point amounts, payments, commitments, drawdowns, guarantee limits, rate card prices and
 * caps — is below 10^15 minor units: at most 15 digits counting the minor unit's, 9999999999999.99 in EUR,
 * 999999999999999 in JPY, 999999999999.999 in KWD. That leaves room for sums of several such amounts to stay
 * exact; sums that would pass 2^53 are refused where they are made.
 */

/** The most digits an amount of money has, counting those of the minor unit. */
export const AMOUNT_DIGITS = 15;

/** 10^15: no amount reaches this many minor units. */
const UNITS_LIMIT = 10 ** AMOUNT_DIGITS;
/** The same limit in minor units as a bigint. */
const UNITS_LIMIT_BIG = 10n ** BigInt(AMOUNT_DIGITS);

/**
 * The largest amount with `places` digits after the point, e.g. `"9999999999999.99"` for 2.
 *
 * @internal
 */
export function largestAmount(places: number): string {
  const nines = "9".repeat(AMOUNT_DIGITS);
  return places === 0 ? nines : `${nines.slice(0, AMOUNT_DIGITS - places)}.${nines.slice(AMOUNT_DIGITS - places)}`;
}

/**
 * True when the amount is 10^15 minor units or more (in absolute value).
 *
 * @internal
 */
export function isTooLarge(amount: Dec, places: number): boolean {
  // 10^places is exact as a number for every currency's minor units (0 to 4)
  return amount
    .abs()
    .times(10 ** places)
    .greaterThanOrEqualTo(UNITS_LIMIT);
}

/**
 * True when a number of minor units is 10^15 or more (in absolute value).
 *
 * @internal
 */
export function isTooLargeUnits(units: bigint): boolean {
  return units >= UNITS_LIMIT_BIG || units <= -UNITS_LIMIT_BIG;
}

/**
 * An amount as a message shows it: whole when short, otherwise by its number of digits.
 *
 * @internal
 */
export function shownAmount(amount: string): string {
  if (amount.length <= 40) return amount;
  const digits = amount.replace(/[^0-9]/g, "").length;
  return `of ${digits} digits`;
}

/**
 * The message of an amount that is too large, e.g. "the commitment 250000000000000000000000.00 is too large:
 * an amount in EUR is at most 9999999999999.99 (below 10^15 minor units), the largest every function of the
 * library computes exactly".
 *
 * @internal
 */
export function tooLargeMessage(what: string, amount: string, currency: string, places: number): string {
  return `${what} ${shownAmount(amount)} is too large: ${limitText(currency, places)}`;
}

/**
 * Why: "an amount in EUR is at most 9999999999999.99 (below 10^15 minor units), the largest every function of
 * the library computes exactly".
 *
 * @internal
 */
export function limitText(currency: string, places: number): string {
  return `an amount in ${currency} is at most ${largestAmount(places)} (below 10^15 minor units), the largest every function of the library computes exactly`;
}
