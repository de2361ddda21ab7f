import { Dec } from "./decimal.js";
import { minorUnits } from "./currency.js";
import { fromDecimal, type Money } from "./money.js";
import { MAX_ISSUES, readMoney, shown, throwIfAny, type MoneyRead } from "./money-check.js";
import { describeValue } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";

/**
 * Splits an amount by ratios so that the parts add up to the amount exactly, to the minor unit.
 *
 * The remainder rule (largest remainder, Hamilton's method): each part first gets its exact share rounded
 * towards zero to the minor unit; the minor units left over go one each to the parts with the largest
 * discarded fraction, and among equal fractions to the part listed first. A negative amount is split as its
 * absolute value and every part negated, so a clawback splits exactly like the payment it reverses.
 *
 * Ratios are non-negative decimal strings (or `"12.5%"` percentages) with a positive sum; they need not add
 * up to 1. A zero ratio always gets zero.
 *
 * @example
 * allocate(money("100.00", "EUR"), ["1", "1", "1"]).map((m) => m.amount); // ["33.34", "33.33", "33.33"]
 * allocate(money("0.05", "EUR"), ["70%", "30%"]).map((m) => m.amount);    // ["0.04", "0.01"]
 * @throws ArgumentError listing each problem: an amount that is not a Money value (`not_money`,
 * `amount_too_large`, path `$.amount`); ratios not a list (`not_a_list`), an empty list (`no_ratios`) or all
 * ratios zero (`all_ratios_zero`), path `$.ratios`; a ratio that is not a non-negative decimal text
 * (`invalid_ratio`, path `$.ratios[i]`).
 */
export function allocate(amount: Money, ratios: readonly string[]): Money[] {
  const issues: InputIssue[] = [];
  const read = readMoney(amount, "allocate", ["amount"], issues);
  const parsed = readRatios(ratios, issues);
  throwIfAny(issues);
  const { amount: value, currency } = read as MoneyRead;
  return allocateDecimal(value, parsed, currency).map((part) => fromDecimal(part, currency));
}

/** The ratios read, adding an issue to `issues` for each one that is not a ratio (and for no positive one). */
function readRatios(ratios: unknown, issues: InputIssue[]): Dec[] {
  if (!Array.isArray(ratios)) {
    issues.push(
      issue(
        ["ratios"],
        "not_a_list",
        `allocate takes a list of ratios such as ["1", "2"]; got ${describeValue(ratios)}`,
      ),
    );
    return [];
  }
  if (ratios.length === 0) {
    issues.push(issue(["ratios"], "no_ratios", "allocate takes at least one ratio; got an empty list"));
    return [];
  }
  const parsed: Dec[] = [];
  let refused = false;
  for (let index = 0; index < ratios.length; index += 1) {
    const ratio: unknown = ratios[index];
    const value = typeof ratio === "string" ? parseRatio(ratio) : undefined;
    if (value !== undefined) {
      parsed.push(value);
      continue;
    }
    refused = true;
    if (issues.length >= MAX_ISSUES) break;
    issues.push(
      issue(
        ["ratios", index],
        "invalid_ratio",
        `allocate takes ratios that are non-negative decimal texts, such as "1", "0.25" or "12.5%"; got ${shown(ratio)}`,
      ),
    );
  }
  if (!refused && parsed.every((ratio) => ratio.isZero())) {
    issues.push(issue(["ratios"], "all_ratios_zero", "allocate takes at least one ratio above zero; all are zero"));
  }
  return parsed;
}

/** A non-negative decimal text or percentage (`"12.5%"` = 0.125), or undefined. */
function parseRatio(ratio: string): Dec | undefined {
  const text = ratio.trim();
  const body = text.endsWith("%") ? text.slice(0, -1) : text;
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(body)) return undefined;
  return text.endsWith("%") ? new Dec(body).div(100) : new Dec(body);
}

/**
 * @internal The same rule on decimals: `amount` must be in whole minor units, ratios non-negative with a
 * positive sum.
 */
export function allocateDecimal(amount: Dec, ratios: readonly Dec[], currency: string): Dec[] {
  return allocatePlaces(amount, ratios, minorUnits(currency));
}

/** @internal `allocateDecimal` with the minor units already known (a contract's: `contractMinorUnits`). */
export function allocatePlaces(amount: Dec, ratios: readonly Dec[], places: number): Dec[] {
  const total = ratios.reduce((acc, ratio) => acc.plus(ratio), new Dec(0));
  if (ratios.length === 0 || total.isZero()) {
    throw new RangeError("allocation needs at least one positive ratio");
  }
  const unit = new Dec(1).div(new Dec(10).pow(places));
  const sign = amount.isNegative() ? -1 : 1;
  const units = amount.abs().div(unit); // whole number of minor units
  const exact = ratios.map((ratio) => units.times(ratio).div(total));
  const floors = exact.map((share) => share.floor());
  let leftover = units.minus(floors.reduce((acc, part) => acc.plus(part), new Dec(0))).toNumber();
  const order = exact
    .map((share, index) => ({ index, fraction: share.minus(share.floor()) }))
    .sort((a, b) => b.fraction.comparedTo(a.fraction) || a.index - b.index);
  const parts = floors.slice();
  for (const { index } of order) {
    if (leftover <= 0) break;
    parts[index] = (parts[index] as Dec).plus(1);
    leftover -= 1;
  }
  return parts.map((part) => part.times(unit).times(sign));
}

/**
 * @internal The same largest-remainder rule on whole minor units with whole-number weights, for hot paths
 * (the simulation's waterfall): `units` is split in proportion to `weights`, the leftover units going one
 * each to the largest remainders, ties to the part listed first. Gives exactly what `allocateDecimal` gives
 * for the same amount and ratios; falls back to bigint when a product would pass 2^53.
 */
export function allocateUnits(units: number, weights: readonly number[]): number[] {
  let total = 0;
  let largest = 0;
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0)
      throw new RangeError(`allocation weight ${weight} must be a non-negative whole number`);
    total += weight;
    if (weight > largest) largest = weight;
  }
  if (weights.length === 0 || total === 0) throw new RangeError("allocation needs at least one positive ratio");
  const sign = units < 0 ? -1 : 1;
  const magnitude = Math.abs(units);
  const parts: number[] = new Array<number>(weights.length);
  const remainders: number[] = new Array<number>(weights.length);
  let bigRemainders: bigint[] | null = null;
  let given = 0;
  if (Number.isSafeInteger(magnitude * largest) && Number.isSafeInteger(total)) {
    for (let i = 0; i < weights.length; i += 1) {
      const product = magnitude * weights[i]!;
      const floor = Math.floor(product / total);
      parts[i] = floor;
      remainders[i] = product - floor * total;
      given += floor;
    }
  } else {
    const big = BigInt(magnitude);
    const bigTotal = BigInt(total);
    bigRemainders = [];
    for (let i = 0; i < weights.length; i += 1) {
      const product = big * BigInt(weights[i]!);
      const floor = product / bigTotal;
      parts[i] = Number(floor);
      bigRemainders.push(product - floor * bigTotal);
      given += Number(floor);
    }
  }
  let leftover = magnitude - given;
  if (leftover > 0) {
    const big = bigRemainders;
    const byRemainder =
      big === null
        ? (a: number, b: number) => remainders[b]! - remainders[a]! || a - b
        : (a: number, b: number) => (big[b]! > big[a]! ? 1 : big[b]! < big[a]! ? -1 : a - b);
    const order = weights.map((_, index) => index).sort(byRemainder);
    for (const index of order) {
      if (leftover <= 0) break;
      parts[index] = parts[index]! + 1;
      leftover -= 1;
    }
  }
  return sign < 0 ? parts.map((part) => (part === 0 ? 0 : -part)) : parts;
}
