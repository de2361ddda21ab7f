/**
 * The syntax of a decimal text, without decimal.js: what `money` and the Money check accept, so that the money
 * utilities (`money`, `add`, `allocate`, …) work in whole minor units and a browser bundle of them carries no
 * decimal library.
 *
 * @internal Not exported from the package.
 */

/** Canonical decimal syntax accepted from JSON: optional sign, digits, optional fraction. No exponent. */
const DECIMAL_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** True when `text` is a plain decimal string such as `"-12.50"` (no exponent, no spaces, no `%`). */
export function isDecimalString(text: string): boolean {
  return DECIMAL_PATTERN.test(text);
}

/**
 * A measured value as a plain decimal string: a string as written, a number through its shortest round-trip
 * form without an exponent (`1e-7` → `"0.0000001"`, `1e21` → `"1000000000000000000000"`), so that the text
 * reads back as the same value wherever a decimal string is expected. What `plain(new Dec(String(value)))`
 * wrote, moving the point of `String(value)` instead of reading it into a decimal.
 *
 * @example
 * measureText(1.5e-7); // "0.00000015"
 */
export function measureText(value: number | string): string {
  return typeof value === "number" ? numberText(value) : value;
}

/** `String(value)` with its exponent (if any) written out: the digits, the point moved, zeros filled in. */
function numberText(value: number): string {
  const text = String(value);
  const e = text.indexOf("e");
  if (e < 0) return text; // no exponent: already plain, with no trailing zeros ("-0" is written "0")
  const negative = text.charCodeAt(0) === 45; // "-"
  const mantissa = text.slice(negative ? 1 : 0, e);
  const point = mantissa.indexOf(".");
  const digits = point < 0 ? mantissa : `${mantissa.slice(0, point)}${mantissa.slice(point + 1)}`;
  // how many digits stand before the point once the exponent is applied
  const whole = (point < 0 ? mantissa.length : point) + Number(text.slice(e + 1));
  const body =
    whole <= 0
      ? `0.${"0".repeat(-whole)}${digits}`
      : whole >= digits.length
        ? `${digits}${"0".repeat(whole - digits.length)}`
        : `${digits.slice(0, whole)}.${digits.slice(whole)}`;
  return negative ? `-${body}` : body;
}
