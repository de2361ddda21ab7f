import { Dec } from "../money/decimal.js";

/**
 * (1 + rate)^(days / 365): how money grows at an annual effective rate over a number of days, on the
 * actual/365 convention of XIRR. Computed as exp(days / 365 · ln(1 + rate)) to the private decimal's
 * 60 significant digits, and remembered: the waterfall and NPV meet the same few (rate, days) pairs over
 * and over (drawdown and due dates are fixed), and each costs a logarithm and an exponential.
 *
 * The memo is a pure cache (the same inputs always give the same digits); it is emptied when it reaches
 * 10,000 entries so that it cannot grow without bound.
 */
const factors = new Map<string, Dec>();
const logarithms = new Map<string, Dec>();
const LIMIT = 10_000;

export function growthFactor(rate: Dec, days: number): Dec {
  if (days === 0) return new Dec(1);
  const rateKey = rate.toString();
  const key = `${rateKey}|${days}`;
  let factor = factors.get(key);
  if (factor === undefined) {
    let logarithm = logarithms.get(rateKey);
    if (logarithm === undefined) {
      if (logarithms.size >= LIMIT) logarithms.clear();
      logarithm = rate.plus(1).ln();
      logarithms.set(rateKey, logarithm);
    }
    if (factors.size >= LIMIT) factors.clear();
    factor = logarithm.times(days).div(365).exp();
    factors.set(key, factor);
  }
  return factor;
}

/**
 * ln(1 + rate) as a double, correctly rounded from the private decimal's 60 digits (NaN when it has no finite
 * logarithm): the fast paths of the hurdle and the NPV grow and discount with it in doubles, and fall back to
 * `growthFactor` only when the rounding of their result could depend on the difference.
 */
export function growthLogarithm(rate: Dec): number {
  const rateKey = rate.toString();
  let logarithm = logarithms.get(rateKey);
  if (logarithm === undefined) {
    if (logarithms.size >= LIMIT) logarithms.clear();
    logarithm = rate.plus(1).ln();
    logarithms.set(rateKey, logarithm);
  }
  const value = logarithm.toNumber();
  return Number.isFinite(value) ? value : Number.NaN;
}
