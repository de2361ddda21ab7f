import { Dec } from "./decimal.js";
import { minorUnits, type CurrencyCode } from "./currency.js";
import type { RoundingMode } from "./rounding-modes.js";

export { ROUNDING_MODES, type RoundingMode } from "./rounding-modes.js";

const DECIMAL_JS_MODE: Readonly<Record<RoundingMode, DecimalRounding>> = {
  "half-even": Dec.ROUND_HALF_EVEN,
  "half-up": Dec.ROUND_HALF_UP,
  "half-down": Dec.ROUND_HALF_DOWN,
  down: Dec.ROUND_DOWN,
  up: Dec.ROUND_UP,
  floor: Dec.ROUND_FLOOR,
  ceiling: Dec.ROUND_CEIL,
};

type DecimalRounding = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/**
 * The single rounding step of the library: an exact decimal amount to the currency's minor unit.
 * Every other operation on money is exact.
 */
export function roundToMinorUnits(amount: Dec, currency: CurrencyCode, mode: RoundingMode): Dec {
  return roundToPlaces(amount, minorUnits(currency), mode);
}

/**
 * @internal The same rounding step with the minor units already known (a contract's: `contractMinorUnits`, which
 * a contract in a code the library does not know states itself).
 */
export function roundToPlaces(amount: Dec, places: number, mode: RoundingMode): Dec {
  return amount.toDecimalPlaces(places, DECIMAL_JS_MODE[mode]);
}

/** True when `amount` has no digits below the currency's minor unit. */
export function isWholeMinorUnits(amount: Dec, currency: CurrencyCode): boolean {
  return amount.decimalPlaces() <= minorUnits(currency);
}

/**
 * @internal The same rounding step on an amount counted in minor units (e.g. 12345.5 cents): to a whole
 * number of minor units. Gives the digits `roundToMinorUnits` gives on the amount itself; used on hot paths
 * that count in minor units.
 */
export function roundToWholeUnits(units: Dec, mode: RoundingMode): Dec {
  return units.toDecimalPlaces(0, DECIMAL_JS_MODE[mode]);
}
