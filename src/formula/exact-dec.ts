import { Dec } from "../money/decimal.js";
import { type Exact, exactFromText } from "./exact.js";

/**
 * Exact values to and from the private decimal type (decimal.js), for the parts of the library that still compute
 * in it. Kept apart from `exact.ts` so that what needs only exact values carries no decimal library.
 *
 * @internal
 */

export function toDec(a: Exact): Dec {
  const digits = a.coefficient.toString();
  return a.scale === 0 ? new Dec(digits) : new Dec(`${digits}e-${a.scale}`);
}

export function fromDec(value: Dec): Exact {
  return exactFromText(value.toFixed())!;
}
