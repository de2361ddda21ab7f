import { Decimal as DecimalJs } from "decimal.js";
import { isDecimalString } from "./decimal-text.js";

/**
 * The library's private decimal type: a `Decimal.clone` of decimal.js, so the settings below never touch
 * the caller's own decimal.js (its `Decimal.set` is global).
 *
 * Precision is 60 significant digits: money sums of any realistic size are exact, and the only inexact
 * operation (division, e.g. interpolating between two points) is carried to 60 digits before the single
 * rounding step to minor units that `roundToMinorUnits` performs.
 *
 * @internal Not exported from the package: callers see decimal strings.
 */
export const Dec = /* @__PURE__ */ DecimalJs.clone({
  precision: 60,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -60,
  toExpPos: 60,
  minE: -9e15,
  maxE: 9e15,
});

/** A value of the private decimal type. */
export type Dec = InstanceType<typeof Dec>;

export { isDecimalString } from "./decimal-text.js";

/**
 * Reads a decimal string, or a percentage such as `"12.5%"` (= 0.125), into the private decimal type.
 * Returns `undefined` when the text is neither; callers turn that into a user-facing issue.
 */
export function readDecimal(text: string): Dec | undefined {
  const trimmed = text.trim();
  if (trimmed.endsWith("%")) {
    const body = trimmed.slice(0, -1).trim();
    return isDecimalString(body) ? new Dec(body).div(100) : undefined;
  }
  return isDecimalString(trimmed) ? new Dec(trimmed) : undefined;
}

/**
 * Reads a measured value given as a JSON number or a decimal string. A number is read through its shortest
 * round-trip decimal representation (`String(n)`), which is exactly what the JSON text said.
 */
export function readMeasure(value: number | string): Dec | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? new Dec(String(value)) : undefined;
  return readDecimal(value);
}

const known = new Map<string | number, Dec | undefined>();

/**
 * `readMeasure` remembered: the contract's constants (baselines, thresholds, points, prices, weights) and the
 * results' values are read at every settlement, and a decimal, once read, never changes. Bounded.
 */
export function readKnown(value: number | string): Dec | undefined {
  let found = known.get(value);
  if (found === undefined && !known.has(value)) {
    if (known.size >= 20_000) known.clear();
    found = readMeasure(value);
    known.set(value, found);
  }
  return found;
}

/** Renders a decimal as a plain string with no exponent, trailing zeros of the fraction removed. */
export function plain(value: Dec): string {
  return value.isZero() ? "0" : value.toFixed();
}

/** Renders a decimal with exactly `places` digits after the point (after rounding half-even). */
export function fixed(value: Dec, places: number): string {
  return value.toFixed(places);
}
