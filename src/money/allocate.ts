import { fixedUnits, splitUnits } from "./exact-units.js";
import { floorQuotient } from "./floor-quotient.js";
import type { Money } from "./money.js";
import { MAX_ISSUES, readMoneyUnits, shown, throwIfAny, type MoneyUnits } from "./money-check.js";
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
  const read = readMoneyUnits(amount, "allocate", ["amount"], issues);
  const weights = readRatios(ratios, issues);
  throwIfAny(issues);
  const { units, currency, places } = read as MoneyUnits;
  // "-0.00" would compare equal to "0.00" but render oddly: a zero part is unsigned (fixedUnits writes it so)
  return splitUnits(units, weights).map((part) => Object.freeze({ amount: fixedUnits(part, places), currency }));
}

/**
 * The ratios read as whole-number weights (each ratio times the same power of ten), adding an issue to `issues`
 * for each one that is not a ratio (and for no positive one).
 */
function readRatios(ratios: unknown, issues: InputIssue[]): bigint[] {
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
  const parsed: Ratio[] = [];
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
  if (!refused && parsed.every((ratio) => ratio.digits === 0n)) {
    issues.push(issue(["ratios"], "all_ratios_zero", "allocate takes at least one ratio above zero; all are zero"));
  }
  let scale = 0;
  for (const ratio of parsed) if (ratio.scale > scale) scale = ratio.scale;
  return parsed.map((ratio) => ratio.digits * 10n ** BigInt(scale - ratio.scale));
}

/** A non-negative ratio as `digits × 10^-scale`. */
interface Ratio {
  readonly digits: bigint;
  readonly scale: number;
}

/** A non-negative decimal text or percentage (`"12.5%"` = 125 × 10^-3), or undefined. */
function parseRatio(ratio: string): Ratio | undefined {
  const text = ratio.trim();
  const percent = text.endsWith("%");
  const body = percent ? text.slice(0, -1) : text;
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(body)) return undefined;
  const point = body.indexOf(".");
  const fraction = point < 0 ? "" : body.slice(point + 1);
  const digits = BigInt(`${point < 0 ? body : body.slice(0, point)}${fraction}` || "0");
  return { digits, scale: fraction.length + (percent ? 2 : 0) };
}

/**
 * @internal `splitUnits` for whole minor units held as safe integers (the waterfall's and the simulation's): the
 * same largest-remainder rule (each part its exact share rounded towards zero, the units left over one each to
 * the largest remainders, ties to the part listed first), read and returned as numbers. Computed in doubles when
 * every product of the amount and a weight, plus the weights' sum, is a safe integer: then every step is exact and
 * the parts are the same numbers. Otherwise, or for weights it refuses, in bigints (`allocateUnitsExact`).
 */
export function allocateUnits(units: number, weights: readonly number[]): number[] {
  const count = weights.length;
  const magnitude = units < 0 ? -units : units;
  let total = 0;
  let largest = 0;
  for (let i = 0; i < count; i += 1) {
    const weight = weights[i]!;
    if (!(Number.isSafeInteger(weight) && weight >= 0)) return allocateUnitsExact(units, weights);
    if (weight > largest) largest = weight;
    total += weight;
  }
  // every product and the sum of any of them with the total below 2^53 (what `floorQuotient` needs)
  if (!(largest > 0 && Number.isSafeInteger(units) && Number.isSafeInteger(magnitude * largest + total)))
    return allocateUnitsExact(units, weights);
  const parts: number[] = [];
  if (magnitude === 0 || count === 1) {
    for (let i = 0; i < count; i += 1) parts.push(0);
    if (count === 1) parts[0] = units === 0 ? 0 : units;
    return parts;
  }
  const remainders: number[] = [];
  let given = 0;
  for (let i = 0; i < count; i += 1) {
    const product = magnitude * weights[i]!;
    const floor = floorQuotient(product, total);
    parts.push(floor);
    remainders.push(product - floor * total);
    given += floor;
  }
  for (let leftover = magnitude - given; leftover > 0; leftover -= 1) {
    // the largest remainder not yet topped up, the first listed among equals
    let best = -1;
    for (let i = 0; i < count; i += 1)
      if (remainders[i]! >= 0 && (best < 0 || remainders[i]! > remainders[best]!)) best = i;
    parts[best] = parts[best]! + 1;
    remainders[best] = -1;
  }
  if (units < 0) for (let i = 0; i < count; i += 1) parts[i] = parts[i] === 0 ? 0 : -parts[i]!;
  return parts;
}

/** @internal `allocateUnits` in bigints, for any safe integers: the rule itself, and its errors. */
export function allocateUnitsExact(units: number, weights: readonly number[]): number[] {
  const bigWeights = new Array<bigint>(weights.length);
  let positive = false;
  for (let i = 0; i < weights.length; i += 1) {
    const weight = weights[i]!;
    if (!Number.isSafeInteger(weight) || weight < 0)
      throw new RangeError(`allocation weight ${weight} must be a non-negative whole number`);
    if (weight > 0) positive = true;
    bigWeights[i] = BigInt(weight);
  }
  if (!positive) throw new RangeError("allocation needs at least one positive ratio");
  return splitUnits(BigInt(units), bigWeights).map(Number);
}
