/**
 * Money in whole minor units as `bigint`: exact at any size, and cheap to add, compare and split. The settlement
 * engine carries every amount this way after its one rounding step (src/engine), and turns it into text only
 * where a result shows it.
 *
 * @internal Not exported from the package: callers see decimal strings.
 */

/**
 * The minor units of a plain decimal text (an optional sign, digits, an optional fraction: `isDecimalString`),
 * read without decimal.js; `undefined` when it has a non-zero digit below the minor unit ("1.005" at 2 places).
 * Zeros past the minor unit are fine ("1.500" → 150n).
 */
export function unitsOfPlain(text: string, places: number): bigint | undefined {
  const negative = text.charCodeAt(0) === 45; // "-"
  const body = negative || text.charCodeAt(0) === 43 ? text.slice(1) : text;
  const point = body.indexOf(".");
  const whole = point < 0 ? body : body.slice(0, point);
  let fraction = point < 0 ? "" : body.slice(point + 1);
  if (fraction.length > places) {
    for (let index = places; index < fraction.length; index += 1)
      if (fraction.charCodeAt(index) !== 48) return undefined; // a digit below the minor unit
    fraction = fraction.slice(0, places);
  }
  const units = BigInt(`${whole === "" ? "0" : whole}${fraction.padEnd(places, "0")}`);
  return negative ? -units : units;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The digits of |units| with the point put in: the body of both renderings below. */
function body(units: bigint, places: number): string {
  const magnitude = units < 0n ? -units : units;
  // a number prints faster than a bigint, and is exact below 2^53
  const digits = (magnitude <= SAFE ? String(Number(magnitude)) : magnitude.toString()).padStart(places + 1, "0");
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** The amount with exactly the currency's digits, as a `Money` shows it: (123450n, 2) → "1234.50"; zero unsigned. */
export function fixedUnits(units: bigint, places: number): string {
  const text = body(units, places);
  return units < 0n ? `-${text}` : text;
}

/**
 * The amount as the explanation writes decimals (as `plain` does): no trailing zeros in the fraction and no
 * point without one, e.g. (123450n, 2) → "1234.5", (100n, 2) → "1", 0n → "0".
 */
export function plainUnits(units: bigint, places: number): string {
  if (units === 0n) return "0";
  let text = body(units, places);
  if (places > 0) {
    let end = text.length;
    while (text.charCodeAt(end - 1) === 48) end -= 1; // "0"
    if (text.charCodeAt(end - 1) === 46) end -= 1; // "."
    text = text.slice(0, end);
  }
  return units < 0n ? `-${text}` : text;
}

/**
 * Splits whole minor units in proportion to whole-number weights by the largest remainder (the rule of
 * `allocate`): each part gets its exact share rounded towards zero, the units left over go one each to the
 * largest remainders, ties to the part listed first. A negative amount is split as its absolute value and
 * every part negated. The weights must have a positive sum.
 */
export function splitUnits(units: bigint, weights: readonly bigint[]): bigint[] {
  const count = weights.length;
  const parts = new Array<bigint>(count);
  if (units === 0n) return parts.fill(0n);
  if (count === 1) {
    parts[0] = units;
    return parts;
  }
  const magnitude = units < 0n ? -units : units;
  // in doubles when the amount times the weights' sum times their count is a safe integer (the usual amounts, a
  // few parts): each step is then exact, and no bigint is made but the parts. The units left over are the sum of
  // the remainders over the weights' sum; a part gets one when fewer go before it (a larger remainder, or an
  // equal one listed first).
  let sum = 0;
  for (let i = 0; i < count; i += 1) sum += Number(weights[i]!);
  const amount = Number(magnitude);
  if (count < 64 && amount * sum * count <= Number.MAX_SAFE_INTEGER) {
    for (let i = 0; i < count; i += 1) {
      const product = amount * Number(weights[i]!);
      const rest = product % sum;
      let before = 0;
      let rests = 0;
      for (let j = 0; j < count; j += 1) {
        const other = (amount * Number(weights[j]!)) % sum;
        rests += other;
        if (other > rest || (other === rest && j < i)) before += 1;
      }
      const part = (product - rest) / sum + (before * sum < rests ? 1 : 0);
      parts[i] = BigInt(units < 0n ? -part : part);
    }
    return parts;
  }
  let total = 0n;
  for (const weight of weights) total += weight;
  const remainders = new Array<bigint>(count);
  let given = 0n;
  for (let i = 0; i < count; i += 1) {
    const product = magnitude * weights[i]!;
    const floor = product / total;
    parts[i] = floor;
    remainders[i] = product - floor * total;
    given += floor;
  }
  let leftover = magnitude - given;
  while (leftover > 0n) {
    // the largest remainder not yet topped up, the first listed among equals
    let best = -1;
    for (let i = 0; i < count; i += 1)
      if (remainders[i]! >= 0n && (best < 0 || remainders[i]! > remainders[best]!)) best = i;
    parts[best] = parts[best]! + 1n;
    remainders[best] = -1n;
    leftover -= 1n;
  }
  if (units < 0n) for (let i = 0; i < count; i += 1) parts[i] = -parts[i]!;
  return parts;
}

/** The smaller of two amounts. */
export const minUnits = (a: bigint, b: bigint): bigint => (a < b ? a : b);
/** The larger of two amounts. */
export const maxUnits = (a: bigint, b: bigint): bigint => (a > b ? a : b);
