import { Dec } from "./decimal.js";
import { fixedUnits, splitUnits } from "./exact-units.js";

/**
 * Whole minor units from and to decimal.js values, for the parts of the library that compute in decimals (the
 * claims' shares): the Dec side of `exact-units.ts`, kept apart so that the money utilities and the settlement
 * carry no decimal library.
 *
 * @internal Not exported from the package.
 */

/** The exact number of minor units of a decimal already in whole minor units, e.g. (1234.5, 2) → 123450n. */
export function unitsOfDecimal(value: Dec, places: number): bigint {
  return BigInt(value.times(powerOfTen(places)).toFixed(0));
}

const POWERS: Dec[] = [];

/** 10^places as a decimal, each made once. */
function powerOfTen(places: number): Dec {
  let found = POWERS[places];
  if (found === undefined) {
    found = new Dec(10).pow(places);
    POWERS[places] = found;
  }
  return found;
}

/**
 * Whole-number weights proportional to decimal shares (each times the same power of ten), exact for any
 * number of decimals: `["70%", "30%"]` read as 0.7 and 0.3 → [7n, 3n].
 */
export function shareWeights(shares: readonly Dec[]): bigint[] {
  let places = 0;
  for (const share of shares) places = Math.max(places, share.decimalPlaces());
  const scale = powerOfTen(places);
  return shares.map((share) => BigInt(share.times(scale).toFixed(0)));
}

/**
 * Splits an amount in whole minor units by decimal ratios (non-negative, with a positive sum) by the largest
 * remainder: the rule of `allocate`, on decimals.
 */
export function allocatePlaces(amount: Dec, ratios: readonly Dec[], places: number): Dec[] {
  const weights = shareWeights(ratios);
  if (ratios.length === 0 || weights.every((weight) => weight === 0n))
    throw new RangeError("allocation needs at least one positive ratio");
  return splitUnits(unitsOfDecimal(amount, places), weights).map((part) => new Dec(fixedUnits(part, places)));
}
