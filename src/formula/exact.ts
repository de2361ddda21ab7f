import { isDecimalString } from "../money/decimal-text.js";
import { floorQuotient } from "../money/floor-quotient.js";
import type { RoundingMode } from "../money/rounding-modes.js";

/**
 * The formula evaluator's number: an exact decimal `coefficient × 10^-scale`, so that + − × and comparisons
 * cost a few integer operations instead of a decimal.js object each (formulas price hundreds of thousands of
 * lines). The coefficient is a JavaScript number whenever it is a safe integer (every operation on two such
 * values checks that its result is still one), else a bigint: the common case costs no bigint at all, and
 * no value is ever inexact. It behaves exactly as the private `Dec` (decimal.js) does: a result of + − × or ÷
 * with more than 60 significant digits is rounded to 60, half-even, as `Dec` rounds it. It needs no decimal
 * library: the contract's checks, the settlement and the money utilities carry none (src/formula/exact-dec.ts
 * converts to and from `Dec` for the parts that still compute in it).
 *
 * Build values with `exactOf`, `exactFromText`, `exactOfMeasure`, `fromNumber` or `fromDec`: they keep a safe coefficient a
 * number (never `-0`), which the fast paths rely on to stay fast (every function is right for either form).
 *
 * @internal
 */
export class Exact {
  constructor(
    readonly coefficient: number | bigint,
    readonly scale: number,
  ) {}
}

const SIGNIFICANT = 60;
const POW10: bigint[] = [1n];
const pow10 = (n: number): bigint => {
  for (let i = POW10.length; i <= n; i += 1) POW10.push(POW10[i - 1]! * 10n);
  return POW10[n]!;
};
const LIMIT = pow10(SIGNIFICANT);
/** 10^0 … 10^15 as numbers: each exact, and below 2^53. */
const POW10_SMALL: readonly number[] = Array.from({ length: 16 }, (_, n) => 10 ** n);
const SMALL_POWERS = POW10_SMALL.length - 1;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const HALF_SAFE = 2 ** 52;

export const EXACT_ZERO = new Exact(0, 0);

/** The value `coefficient × 10^-scale`, its coefficient a number when it is a safe integer. */
export function exactOf(coefficient: bigint, scale: number): Exact {
  return coefficient <= MAX_SAFE && coefficient >= -MAX_SAFE
    ? new Exact(Number(coefficient), scale)
    : new Exact(coefficient, scale);
}

const bigOf = (a: Exact): bigint => (typeof a.coefficient === "bigint" ? a.coefficient : BigInt(a.coefficient));

/** Whether rounding away from zero, given the quotient's parity and how the remainder compares with half. */
function away(mode: RoundingMode, negative: boolean, half: number, odd: boolean): boolean {
  switch (mode) {
    case "up":
      return true;
    case "down":
      return false;
    case "ceiling":
      return !negative;
    case "floor":
      return negative;
    default:
      return half > 0 ? true : half < 0 ? false : mode === "half-up" ? true : mode === "half-down" ? false : odd; // half-even
  }
}

/** `|c|` rounded to drop its last `drop` digits (0 < drop), in the mode, sign restored. */
function divideRounded(c: bigint, drop: number, mode: RoundingMode): bigint {
  const divisor = pow10(drop);
  const negative = c < 0n;
  const magnitude = negative ? -c : c;
  let quotient = magnitude / divisor;
  const remainder = magnitude % divisor;
  if (remainder !== 0n) {
    const twice = remainder * 2n;
    const half = twice > divisor ? 1 : twice < divisor ? -1 : 0;
    if (away(mode, negative, half, quotient % 2n === 1n)) quotient += 1n;
  }
  return negative ? -quotient : quotient;
}

/**
 * `divideRounded` for a safe integer and `drop` ≤ 15: below 2^52 the quotient is found with one float
 * division, off by at most one, then corrected by exact integer steps (every product stays below 2^53).
 */
function divideRoundedSmall(c: number, drop: number, mode: RoundingMode): number {
  const divisor = POW10_SMALL[drop]!;
  const negative = c < 0;
  const magnitude = negative ? -c : c;
  if (magnitude > HALF_SAFE) return Number(divideRounded(BigInt(c), drop, mode));
  let quotient = floorQuotient(magnitude, divisor);
  const remainder = magnitude - quotient * divisor;
  if (remainder !== 0) {
    const twice = remainder * 2;
    const half = twice > divisor ? 1 : twice < divisor ? -1 : 0;
    if (away(mode, negative, half, quotient % 2 === 1)) quotient += 1;
  }
  return negative && quotient !== 0 ? -quotient : quotient;
}

/** Rounds to 60 significant digits, half-even, as `Dec` rounds every result. */
function limit(c: bigint, scale: number): Exact {
  if (c < LIMIT && c > -LIMIT) return exactOf(c, scale);
  const digits = (c < 0n ? -c : c).toString().length;
  const drop = digits - SIGNIFICANT;
  return exactOf(divideRounded(c, drop, "half-even") * pow10(drop), scale);
}

function align(a: Exact, b: Exact): [bigint, bigint, number] {
  const x = bigOf(a);
  const y = bigOf(b);
  if (a.scale === b.scale) return [x, y, a.scale];
  return a.scale > b.scale ? [x, y * pow10(a.scale - b.scale), a.scale] : [x * pow10(b.scale - a.scale), y, b.scale];
}

/**
 * `x` (at scale `from`) at the larger scale `to`, or NaN when that is not a safe integer. A float product of
 * integers that is a safe integer is exact: a true product of 2^53 or more rounds to 2^53 or more.
 */
function rescaled(x: number, from: number, to: number): number {
  const shift = to - from;
  if (shift > SMALL_POWERS) return x === 0 ? 0 : Number.NaN;
  const value = x * POW10_SMALL[shift]!;
  return Number.isSafeInteger(value) ? value : Number.NaN;
}

/**
 * The coefficient of `x × 10^-scale ± b` at the larger of the two scales, when `b`'s coefficient is a number
 * and the result a safe integer; else NaN. The step of a sum kept in plain numbers (no object per term): a
 * sum of two safe integers is exact when it is itself safe (else it is 2^53 or more in size).
 */
export function addSmall(x: number, scale: number, b: Exact, sign: 1 | -1): number {
  const y = b.coefficient;
  if (typeof y !== "number") return Number.NaN;
  const p = scale >= b.scale ? x : rescaled(x, scale, b.scale);
  const q = scale > b.scale ? rescaled(y, b.scale, scale) : y;
  const result = sign > 0 ? p + q : p - q;
  return Number.isSafeInteger(result) ? result : Number.NaN;
}

/**
 * The coefficient of `x × b` (at the sum of the scales), when `b`'s coefficient is a number and the product a
 * safe integer; else NaN. The step of a product kept in plain numbers.
 */
export function timesSmall(x: number, b: Exact): number {
  const y = b.coefficient;
  if (typeof y !== "number") return Number.NaN;
  const product = x * y;
  return Number.isSafeInteger(product) ? (product === 0 ? 0 : product) : Number.NaN;
}

/** `a ± b`: in plain numbers when both coefficients and the result are safe integers, else exactly in bigints. */
function add(a: Exact, b: Exact, sign: 1 | -1): Exact {
  const x = a.coefficient;
  if (typeof x === "number") {
    const sum = addSmall(x, a.scale, b, sign);
    if (!Number.isNaN(sum)) return new Exact(sum, a.scale > b.scale ? a.scale : b.scale);
  }
  const [p, q, scale] = align(a, b);
  return limit(sign > 0 ? p + q : p - q, scale);
}

export function plus(a: Exact, b: Exact): Exact {
  return add(a, b, 1);
}

export function minus(a: Exact, b: Exact): Exact {
  return add(a, b, -1);
}

export function times(a: Exact, b: Exact): Exact {
  const x = a.coefficient;
  if (typeof x === "number") {
    const product = timesSmall(x, b);
    if (!Number.isNaN(product)) return new Exact(product, a.scale + b.scale);
  }
  return limit(bigOf(a) * bigOf(b), a.scale + b.scale);
}

export function negate(a: Exact): Exact {
  const c = a.coefficient;
  return typeof c === "number" ? new Exact(0 - c, a.scale) : new Exact(-c, a.scale);
}

/** The sign of the value: -1, 0 or 1. */
export function sign(a: Exact): number {
  const c = a.coefficient;
  return typeof c === "number" ? (c < 0 ? -1 : c > 0 ? 1 : 0) : c < 0n ? -1 : c > 0n ? 1 : 0;
}

export function abs(a: Exact): Exact {
  return sign(a) < 0 ? negate(a) : a;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compare(a: Exact, b: Exact): number {
  const x = a.coefficient;
  const y = b.coefficient;
  if (typeof x === "number" && typeof y === "number") {
    if (a.scale === b.scale) return x < y ? -1 : x > y ? 1 : 0;
    const p = a.scale > b.scale ? x : rescaled(x, a.scale, b.scale);
    const q = a.scale > b.scale ? rescaled(y, b.scale, a.scale) : y;
    if (!Number.isNaN(p) && !Number.isNaN(q)) return p < q ? -1 : p > q ? 1 : 0;
  }
  const [p, q] = align(a, b);
  return p < q ? -1 : p > q ? 1 : 0;
}

export const isZero = (a: Exact): boolean => a.coefficient === 0 || a.coefficient === 0n;

/**
 * `a / b` to 60 significant digits, half-even, as `Dec` divides (the divisor is not zero): the quotient of
 * the coefficients carried to 61 or 62 digits in bigints, then rounded once with the remainder as a sticky
 * digit. Trailing zeros are dropped, as `Dec` normalises a quotient.
 */
export function divide(a: Exact, b: Exact): Exact {
  const x = a.coefficient;
  const y = b.coefficient;
  if (x === 0 || x === 0n) return EXACT_ZERO;
  if (y === 0 || y === 0n) throw new RangeError("assertion: a division by zero reached the exact decimal");
  if (typeof x === "number" && typeof y === "number") {
    const quick = terminatingQuotient(x, y);
    if (quick !== undefined) return normal(quick.coefficient, a.scale - b.scale + quick.shift);
  }
  return bigQuotient(bigOf(a), bigOf(b), a.scale - b.scale);
}

/**
 * The quotient of two safe integers when it terminates within 15 more decimals and stays a safe integer
 * (1 / 8 = 125 × 10^-3, 3 / 20 = 15 × 10^-2): found in plain numbers; else `undefined`.
 */
function terminatingQuotient(x: number, y: number): { coefficient: number; shift: number } | undefined {
  for (let shift = 0; shift <= SMALL_POWERS; shift += 1) {
    const dividend = x * POW10_SMALL[shift]!;
    if (!Number.isSafeInteger(dividend)) return undefined;
    if (dividend % y === 0) return { coefficient: dividend / y, shift };
  }
  return undefined;
}

/** `coefficient × 10^-scale` (a safe integer) in `Dec`'s normal form: no trailing zeros, no negative scale. */
function normal(coefficient: number, scale: number): Exact {
  let c = coefficient;
  let s = scale;
  while (s > 0 && c % 10 === 0) {
    c /= 10;
    s -= 1;
  }
  if (s < 0) return exactOf(BigInt(c) * pow10(-s), 0);
  return new Exact(c === 0 ? 0 : c, s);
}

/** `x / y × 10^-scale` to 60 significant digits, half-even, in `Dec`'s normal form. */
function bigQuotient(x: bigint, y: bigint, scale: number): Exact {
  const negative = x < 0n !== y < 0n;
  const p = x < 0n ? -x : x;
  const q = y < 0n ? -y : y;
  // shift the dividend so that the quotient has at least SIGNIFICANT + 1 digits
  const shift = Math.max(0, SIGNIFICANT + 1 + digitCount(q) - digitCount(p));
  const dividend = p * pow10(shift);
  let quotient = dividend / q;
  const exact = quotient * q === dividend;
  let s = scale + shift;
  const drop = digitCount(quotient) - SIGNIFICANT;
  if (drop > 0) {
    const divisor = pow10(drop);
    const kept = quotient / divisor;
    const rest = quotient - kept * divisor;
    // half-even on the dropped digits, a non-zero remainder of the division counting below their last digit
    const twice = rest * 2n;
    const above = twice > divisor || (twice === divisor && !exact);
    const tie = twice === divisor && exact;
    quotient = above || (tie && kept % 2n === 1n) ? kept + 1n : kept;
    s -= drop;
  }
  // Dec's normal form: no trailing zeros (dropped in halving steps), and no negative scale
  for (let step = 32; step >= 1; step >>= 1)
    while (s >= step && quotient % pow10(step) === 0n) {
      quotient /= pow10(step);
      s -= step;
    }
  if (s < 0) {
    quotient *= pow10(-s);
    s = 0;
  }
  return limit(negative ? -quotient : quotient, s);
}

/** The number of decimal digits of a positive bigint: estimated from its size as a double, then made exact. */
export function digitCount(value: bigint): number {
  if (value < MAX_SAFE) return String(Number(value)).length;
  const size = Number(value);
  if (size > 1e300) return value.toString().length;
  let digits = Math.floor(Math.log10(size)) + 1;
  if (value >= pow10(digits)) digits += 1;
  else if (value < pow10(digits - 1)) digits -= 1;
  return digits;
}

/** Rounds to `places` decimals in the mode (`round` is half-up, `floor`/`ceil` floor/ceiling, money the contract's). */
export function roundTo(a: Exact, places: number, mode: RoundingMode): Exact {
  if (a.scale <= places) return a;
  const c = a.coefficient;
  const drop = a.scale - places;
  return typeof c === "number" && drop <= SMALL_POWERS
    ? new Exact(divideRoundedSmall(c, drop, mode), places)
    : exactOf(divideRounded(bigOf(a), drop, mode), places);
}

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Reads a plain decimal text (`"-12.50"`), or `undefined` for any other form. */
export function exactFromText(text: string): Exact | undefined {
  const match = PLAIN.exec(text);
  if (match === null) return undefined;
  const fraction = match[3] ?? "";
  const digits = match[2]! + fraction;
  const negative = match[1] === "-";
  // Up to 15 digits are below 2^53: read as a number, exactly.
  if (digits.length <= 15) {
    const value = Number(digits);
    return new Exact(negative ? 0 - value : value, fraction.length);
  }
  const coefficient = BigInt(digits);
  return exactOf(negative ? -coefficient : coefficient, fraction.length);
}

/** The whole numbers 0 … 4095, each made once when first read (values are never changed). */
const WHOLE: (Exact | undefined)[] = /* @__PURE__ */ new Array<Exact | undefined>(4096);

/** A JavaScript number read through its shortest decimal form, as `Dec` reads it. */
export function fromNumber(value: number): Exact {
  if (Number.isSafeInteger(value)) {
    if (value >= 0 && value < WHOLE.length) {
      let known = WHOLE[value];
      if (known === undefined) {
        known = new Exact(value === 0 ? 0 : value, 0);
        WHOLE[value] = known;
      }
      return known;
    }
    return new Exact(value, 0);
  }
  // `Dec` reads a number through `String(value)`: the same digits, with an exponent when it has one
  return exactOfMeasure(value)!;
}

/** The coefficient at `places` decimals (already rounded to them when it had more: half-even otherwise). */
function coefficientAt(a: Exact, places: number): number | bigint {
  const c = a.coefficient;
  if (typeof c === "number") {
    if (places >= a.scale) {
      const value = rescaled(c, a.scale, places);
      if (!Number.isNaN(value)) return value;
    } else if (a.scale - places <= SMALL_POWERS) return divideRoundedSmall(c, a.scale - places, "half-even");
  }
  return places >= a.scale
    ? bigOf(a) * pow10(places - a.scale)
    : divideRounded(bigOf(a), a.scale - places, "half-even");
}

/** The texts of 0 … 10^places - 1 with `places` digits ("00" … "99"), for places 1 to 3, made when first used. */
const FRACTIONS: (readonly string[] | undefined)[] = [undefined, undefined, undefined];
const fractionsOf = (places: number): readonly string[] =>
  (FRACTIONS[places - 1] ??= Array.from({ length: 10 ** places }, (_, n) => String(n).padStart(places, "0")));

/**
 * The value rounded to `places` decimals in the mode, in units of 10^-places, when that is a safe integer
 * (else NaN: use `roundTo`). `roundTo` and `unitsAt` in one step, without an object.
 */
export function roundedUnits(a: Exact, places: number, mode: RoundingMode): number {
  const c = a.coefficient;
  if (typeof c !== "number") return Number.NaN;
  if (a.scale <= places) return rescaled(c, a.scale, places);
  const drop = a.scale - places;
  return drop <= SMALL_POWERS ? divideRoundedSmall(c, drop, mode) : Number.NaN;
}

/** `units × 10^-places` with exactly `places` decimals (`units` a safe integer), e.g. `"1500.00"`. */
export function unitsText(units: number, places: number): string {
  const negative = units < 0;
  const magnitude = negative ? -units : units;
  const text =
    magnitude <= HALF_SAFE && places <= SMALL_POWERS
      ? smallFixedText(magnitude, places)
      : bigFixedText(BigInt(magnitude), places);
  return negative ? `-${text}` : text;
}

/** The value with exactly `places` decimals (already rounded to them), e.g. `"1500.00"`. */
export function fixedText(a: Exact, places: number): string {
  const c = coefficientAt(a, places);
  if (typeof c === "number") return unitsText(c, places);
  const text = bigFixedText(c < 0n ? -c : c, places);
  return c < 0n ? `-${text}` : text;
}

/** A magnitude below 2^52 in units of 10^-places (at most 15) with `places` decimals. */
function smallFixedText(magnitude: number, places: number): string {
  if (places === 0) return String(magnitude);
  // Whole units and a fraction: a float division, off by at most one below 2^52, corrected by exact steps.
  const unit = POW10_SMALL[places]!;
  const whole = floorQuotient(magnitude, unit);
  const fraction = magnitude - whole * unit;
  return `${whole}.${places <= 3 ? fractionsOf(places)[fraction]! : String(fraction).padStart(places, "0")}`;
}

/** A magnitude in units of 10^-places with `places` decimals. */
function bigFixedText(magnitude: bigint, places: number): string {
  const digits = magnitude.toString().padStart(places + 1, "0");
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** The same value with the trailing zeros of its fraction dropped: `1.500` → `1.5`, `2.00` → `2`, `0.0` → `0`. */
export function withoutTrailingZeros(a: Exact): Exact {
  let c = a.coefficient;
  let scale = a.scale;
  if (c === 0 || c === 0n) return EXACT_ZERO;
  if (typeof c === "number") {
    while (scale > 0 && c % 10 === 0) {
      c /= 10;
      scale -= 1;
    }
  } else {
    while (scale > 0 && c % 10n === 0n) {
      c /= 10n;
      scale -= 1;
    }
  }
  return scale === a.scale ? a : new Exact(c, scale);
}

/** The decimals the value needs: its scale less the trailing zeros of its fraction (`"1.50"` → 1, `"0.0"` → 0). */
export const decimalPlaces = (a: Exact): number => withoutTrailingZeros(a).scale;

/** Plain text without trailing zeros, as `plain(Dec)` writes it: `"7.5"`, `"0"`. */
export function plainText(a: Exact): string {
  const trimmed = withoutTrailingZeros(a);
  return fixedText(trimmed, trimmed.scale);
}

/** The value in units of `10^-places` (it has at most `places` decimals: round it first). */
export function unitsAt(a: Exact, places: number): bigint {
  const units = unitsAtSmall(a, places);
  return !Number.isNaN(units) ? BigInt(units) : bigUnitsAt(a, places);
}

/**
 * The value in units of `10^-places` as a safe integer (it has at most `places` decimals: round it first),
 * or NaN when that is not a safe integer (then `unitsAt` gives it as a bigint).
 */
export function unitsAtSmall(a: Exact, places: number): number {
  const c = a.coefficient;
  const drop = a.scale - places;
  if (typeof c === "number" && drop <= SMALL_POWERS)
    return drop <= 0 ? rescaled(c, a.scale, places) : divideRoundedSmall(c, drop, "down");
  const units = bigUnitsAt(a, places);
  return units <= MAX_SAFE && units >= -MAX_SAFE ? Number(units) : Number.NaN;
}

function bigUnitsAt(a: Exact, places: number): bigint {
  const c = bigOf(a);
  return a.scale >= places ? c / pow10(a.scale - places) : c * pow10(places - a.scale);
}

/** Sign, digits with an optional point, optional exponent: the finite decimals decimal.js reads. */
const NOTATION = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

/**
 * A decimal text, exponent allowed, as an exact value: a plain decimal (`"-12.50"`, `"+3"`, `".5"`, `"5."`) or one
 * with an exponent, as JavaScript writes some numbers (`"1e-7"`, `"1.5e+21"`); `undefined` for anything else.
 */
export function exactOfNotation(text: string): Exact | undefined {
  const plain = exactFromText(text);
  if (plain !== undefined) return plain;
  const match = NOTATION.exec(text);
  if (match === null) return undefined;
  const fraction = match[3] ?? match[4] ?? "";
  const digits = BigInt(`${match[2] ?? ""}${fraction}`);
  const coefficient = match[1] === "-" ? -digits : digits;
  const scale = fraction.length - Number(match[5] ?? "0");
  return scale >= 0 ? exactOf(coefficient, scale) : exactOf(coefficient * pow10(-scale), 0);
}

/**
 * A decimal text as the contract format writes one (`readDecimal`'s rule): surrounding spaces ignored, a plain
 * decimal (`"-12.50"`, `"+3"`, `".5"`, `"5."`), or a percentage (`"12.5%"` = 0.125). `undefined` for anything else.
 */
export function exactOfText(text: string): Exact | undefined {
  const trimmed = text.trim();
  const percent = trimmed.endsWith("%");
  const body = percent ? trimmed.slice(0, -1).trim() : trimmed;
  if (!isDecimalString(body)) return undefined;
  const value = exactOfNotation(body)!;
  // a percentage is a division by 100, rounded to 60 significant digits as `Dec` rounds every result
  return percent ? limit(bigOf(value), value.scale + 2) : value;
}

/**
 * A measured value as the contract format writes one (`readMeasure`'s rule): a JSON number through its shortest
 * round-trip form (`String(n)`, exponent included), or a decimal text as `exactOfText` reads it.
 */
export function exactOfMeasure(value: number | string): Exact | undefined {
  if (typeof value === "string") return exactOfText(value);
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  const plain = exactFromText(text);
  if (plain !== undefined) return plain;
  // an exponent (`"1e-7"`, `"1.5e+21"`), rounded to 60 significant digits as `Dec` reads it
  const exact = exactOfNotation(text);
  return exact === undefined ? undefined : limit(bigOf(exact), exact.scale);
}

const known = new Map<string | number, Exact | undefined>();

/**
 * A contract's constant or a result's value (a JSON number, a decimal string or a percentage such as `"80%"`)
 * as an exact value, read once: the same text is read at every settlement, and a value never changes. Bounded.
 * `undefined` when the value is not a number (the contract's checks have refused it before pricing).
 */
export function exactKnown(value: string | number): Exact | undefined {
  let found = known.get(value);
  if (found === undefined && !known.has(value)) {
    if (known.size >= 20_000) known.clear();
    found = exactOfMeasure(value);
    known.set(value, found);
  }
  return found;
}

/**
 * Whole-number weights proportional to non-negative exact values (each times the same power of ten):
 * 0.56 and 0.14 → [56n, 14n]. The weights of a split in proportion to exact parts.
 */
export function exactWeights(values: readonly Exact[]): bigint[] {
  let scale = 0;
  for (const value of values) if (value.scale > scale) scale = value.scale;
  return values.map((value) => bigOf(value) * pow10(scale - value.scale));
}
