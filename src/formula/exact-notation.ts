import { type Exact, exactFromText, exactOf, roundTo, withoutTrailingZeros } from "./exact.js";

/**
 * Exact values from the decimal texts the report layer is handed — a plain decimal (`"-12.50"`, `"+3"`, `".5"`)
 * or one with an exponent, as JavaScript writes some numbers (`"1e-7"`, `"1.23457e+21"`) — and the roundings it
 * shows them with (to so many decimals, to so many significant digits), half-even as the private `Dec` rounds.
 * What decimal.js read and rounded for the reports, without a decimal library.
 *
 * @internal
 */

/** Sign, digits with an optional point, optional exponent: the finite decimals decimal.js reads. */
const NOTATION = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

/** A decimal text, exponent allowed (`"1.5e+21"`), as an exact value; `undefined` for anything else. */
export function exactOfNotation(text: string): Exact | undefined {
  const plain = exactFromText(text);
  if (plain !== undefined) return plain;
  const match = NOTATION.exec(text);
  if (match === null) return undefined;
  const fraction = match[3] ?? match[4] ?? "";
  const digits = BigInt(`${match[2] ?? ""}${fraction}`);
  const coefficient = match[1] === "-" ? -digits : digits;
  const scale = fraction.length - Number(match[5] ?? "0");
  return scale >= 0 ? exactOf(coefficient, scale) : exactOf(coefficient * 10n ** BigInt(-scale), 0);
}

/** The number of decimal digits of `|coefficient|` (1 for zero). */
function digitCount(a: Exact): number {
  const c = a.coefficient;
  return typeof c === "number" ? String(Math.abs(c)).length : (c < 0n ? -c : c).toString().length;
}

/** The decimals the value needs: its scale less the trailing zeros of its fraction (`"1.50"` → 1, `"0.0"` → 0). */
export function decimalPlaces(a: Exact): number {
  return withoutTrailingZeros(a).scale;
}

/**
 * The value rounded half-even to `places` decimals (0 or more). A value far below the last place rounds to zero
 * without dividing by a power of ten as large as its scale.
 */
export function roundHalfEven(a: Exact, places: number): Exact {
  if (a.scale <= places) return a;
  if (a.scale - places > digitCount(a) + 1) return exactOf(0n, places);
  return roundTo(a, places, "half-even");
}

/**
 * The value rounded half-even to `digits` significant digits (1 or more), as `Dec`'s `toSignificantDigits`:
 * 123456789 → 123457000, 1.000015 → 1.00002.
 */
export function toSignificant(a: Exact, digits: number): Exact {
  const drop = digitCount(a) - digits;
  if (drop <= 0) return a;
  const places = a.scale - drop;
  if (places >= 0) return roundTo(a, places, "half-even");
  // rounding left of the point: to a whole number of units of 10^-places, then back to a whole number
  const units = roundTo(exactOf(BigInt(a.coefficient), drop), 0, "half-even");
  return exactOf(BigInt(units.coefficient) * 10n ** BigInt(-places), 0);
}
