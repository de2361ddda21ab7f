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
