/**
 * How an amount is brought to the currency's minor unit.
 * - `half-even`: to the nearest, ties to the even digit (banker's rounding, the usual choice for public accounts)
 * - `half-up`: to the nearest, ties away from zero (the school rule)
 * - `half-down`: to the nearest, ties towards zero
 * - `down`: towards zero (truncate); `up`: away from zero
 * - `floor`: towards minus infinity; `ceiling`: towards plus infinity
 *
 * Kept apart from `rounding.ts` (which rounds in decimal.js) so that reading a contract's rounding mode
 * carries no decimal library.
 */
export type RoundingMode = "half-even" | "half-up" | "half-down" | "down" | "up" | "floor" | "ceiling";

/** Every rounding mode a contract may name, in the order the documentation lists them. */
export const ROUNDING_MODES: readonly RoundingMode[] = [
  "half-even",
  "half-up",
  "half-down",
  "down",
  "up",
  "floor",
  "ceiling",
];
