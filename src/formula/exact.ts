import { Dec } from "../money/decimal.js";
import type { RoundingMode } from "../money/rounding.js";

/**
 * The formula evaluator's number: an exact decimal `coefficient × 10^-scale` in a bigint, so that + − × and
 * comparisons cost a few integer operations instead of a decimal.js object each (formulas price hundreds of
 * thousands of lines). It behaves exactly as the private `Dec` does: a result of + − × with more than 60
 * significant digits is rounded to 60, half-even, as `Dec` rounds it; division goes through `Dec` itself.
 *
 * @internal
 */
export class Exact {
  constructor(
    readonly coefficient: bigint,
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

export const EXACT_ZERO = new Exact(0n, 0);

/** `|c|` rounded to drop its last `drop` digits (0 < drop), in the mode, sign restored. */
function divideRounded(c: bigint, drop: number, mode: RoundingMode): bigint {
  const divisor = pow10(drop);
  const negative = c < 0n;
  const magnitude = negative ? -c : c;
  let quotient = magnitude / divisor;
  const remainder = magnitude % divisor;
  if (remainder !== 0n) {
    const twice = remainder * 2n;
    const away =
      mode === "up"
        ? true
        : mode === "down"
          ? false
          : mode === "ceiling"
            ? !negative
            : mode === "floor"
              ? negative
              : twice > divisor
                ? true
                : twice < divisor
                  ? false
                  : mode === "half-up"
                    ? true
                    : mode === "half-down"
                      ? false
                      : quotient % 2n === 1n; // half-even
    if (away) quotient += 1n;
  }
  return negative ? -quotient : quotient;
}

/** Rounds to 60 significant digits, half-even, as `Dec` rounds every result. */
function limit(c: bigint, scale: number): Exact {
  if (c < LIMIT && c > -LIMIT) return new Exact(c, scale);
  const digits = (c < 0n ? -c : c).toString().length;
  const drop = digits - SIGNIFICANT;
  return new Exact(divideRounded(c, drop, "half-even") * pow10(drop), scale);
}

function align(a: Exact, b: Exact): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.coefficient, b.coefficient, a.scale];
  return a.scale > b.scale
    ? [a.coefficient, b.coefficient * pow10(a.scale - b.scale), a.scale]
    : [a.coefficient * pow10(b.scale - a.scale), b.coefficient, b.scale];
}

export function plus(a: Exact, b: Exact): Exact {
  const [x, y, scale] = align(a, b);
  return limit(x + y, scale);
}

export function minus(a: Exact, b: Exact): Exact {
  const [x, y, scale] = align(a, b);
  return limit(x - y, scale);
}

export function times(a: Exact, b: Exact): Exact {
  return limit(a.coefficient * b.coefficient, a.scale + b.scale);
}

export function negate(a: Exact): Exact {
  return new Exact(-a.coefficient, a.scale);
}

export function abs(a: Exact): Exact {
  return a.coefficient < 0n ? negate(a) : a;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compare(a: Exact, b: Exact): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const isZero = (a: Exact): boolean => a.coefficient === 0n;

/** `a / b` to 60 significant digits, through `Dec` (the divisor is not zero). */
export function divide(a: Exact, b: Exact): Exact {
  return fromDec(toDec(a).div(toDec(b)));
}

/** Rounds to `places` decimals in the mode (`round` is half-up, `floor`/`ceil` floor/ceiling, money the contract's). */
export function roundTo(a: Exact, places: number, mode: RoundingMode): Exact {
  if (a.scale <= places) return a;
  return new Exact(divideRounded(a.coefficient, a.scale - places, mode), places);
}

export function toDec(a: Exact): Dec {
  return a.scale === 0 ? new Dec(a.coefficient.toString()) : new Dec(`${a.coefficient.toString()}e-${a.scale}`);
}

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Reads a plain decimal text (`"-12.50"`), or `undefined` for any other form. */
export function exactFromText(text: string): Exact | undefined {
  const match = PLAIN.exec(text);
  if (match === null) return undefined;
  const fraction = match[3] ?? "";
  const coefficient = BigInt(match[2]! + fraction);
  return new Exact(match[1] === "-" ? -coefficient : coefficient, fraction.length);
}

export function fromDec(value: Dec): Exact {
  return exactFromText(value.toFixed())!;
}

/** A JavaScript number read through its shortest decimal form, as `Dec` reads it. */
export function fromNumber(value: number): Exact {
  return Number.isSafeInteger(value) ? new Exact(BigInt(value), 0) : fromDec(new Dec(value));
}

/** The value with exactly `places` decimals (already rounded to them), e.g. `"1500.00"`. */
export function fixedText(a: Exact, places: number): string {
  const c =
    places >= a.scale
      ? a.coefficient * pow10(places - a.scale)
      : divideRounded(a.coefficient, a.scale - places, "half-even");
  const negative = c < 0n;
  const digits = (negative ? -c : c).toString().padStart(places + 1, "0");
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative ? `-${text}` : text;
}

/** Plain text without trailing zeros, as `plain(Dec)` writes it: `"7.5"`, `"0"`. */
export function plainText(a: Exact): string {
  if (a.coefficient === 0n) return "0";
  let c = a.coefficient;
  let scale = a.scale;
  while (scale > 0 && c % 10n === 0n) {
    c /= 10n;
    scale -= 1;
  }
  return fixedText(new Exact(c, scale), scale);
}

/** The value in units of `10^-places` (it has at most `places` decimals: round it first). */
export function unitsAt(a: Exact, places: number): bigint {
  return a.scale >= places ? a.coefficient / pow10(a.scale - places) : a.coefficient * pow10(places - a.scale);
}
