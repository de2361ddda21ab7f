import { digitCount, type Exact, exactOf, roundTo } from "./exact.js";

/**
 * The roundings the report layer shows exact values with (to so many decimals, to so many significant digits),
 * half-even as the private `Dec` rounds: what decimal.js rounded for the reports, without a decimal library. The
 * texts are read by `exactOfNotation` (formula/exact.ts), the library's one reader of decimal text.
 *
 * @internal
 */

/** The number of decimal digits of `|coefficient|` (1 for zero). */
function digitsOf(a: Exact): number {
  const c = BigInt(a.coefficient);
  return digitCount(c < 0n ? -c : c);
}

/**
 * The value rounded half-even to `places` decimals (0 or more). A value far below the last place rounds to zero
 * without dividing by a power of ten as large as its scale.
 */
export function roundHalfEven(a: Exact, places: number): Exact {
  if (a.scale <= places) return a;
  if (a.scale - places > digitsOf(a) + 1) return exactOf(0n, places);
  return roundTo(a, places, "half-even");
}

/**
 * The value rounded half-even to `digits` significant digits (1 or more), as `Dec`'s `toSignificantDigits`:
 * 123456789 → 123457000, 1.000015 → 1.00002.
 */
export function toSignificant(a: Exact, digits: number): Exact {
  const drop = digitsOf(a) - digits;
  if (drop <= 0) return a;
  const places = a.scale - drop;
  if (places >= 0) return roundTo(a, places, "half-even");
  // rounding left of the point: to a whole number of units of 10^-places, then back to a whole number
  const units = roundTo(exactOf(BigInt(a.coefficient), drop), 0, "half-even");
  return exactOf(BigInt(units.coefficient) * 10n ** BigInt(-places), 0);
}
