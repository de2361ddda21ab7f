/**
 * ⌊n / d⌋ exactly, for whole numbers n ≥ 0 and d > 0 whose products below stay safe (under 2^53): the float
 * quotient is off by at most one there, and one exact integer step corrects it. The remainder is then
 * `n − quotient × d`, exactly. The one integer division the hot paths share (amount texts, rounding a ratio,
 * the formula numbers' rounding, an investor's multiple).
 */
export function floorQuotient(n: number, d: number): number {
  const quotient = Math.floor(n / d);
  const remainder = n - quotient * d;
  return remainder < 0 ? quotient - 1 : remainder >= d ? quotient + 1 : quotient;
}
