import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitUnits } from "../../src/money/exact-units.js";

/**
 * `splitUnits` computes in doubles when every product of the amount and a weight is a safe integer, in bigints
 * otherwise: both give the parts of the largest-remainder rule, written out here in bigints as the reference
 * (each part its share rounded towards zero; the units left over one each to the largest remainders, the first
 * listed among equals).
 */
function reference(units: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0n);
  const magnitude = units < 0n ? -units : units;
  const parts = weights.map((weight) => (magnitude * weight) / total);
  const remainders = weights.map((weight, index) => magnitude * weight - parts[index]! * total);
  let left = magnitude - parts.reduce((sum, part) => sum + part, 0n);
  const order = weights
    .map((_, index) => index)
    .sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  for (const index of order) if (left-- > 0n) parts[index] = parts[index]! + 1n;
  return units < 0n ? parts.map((part) => -part) : parts;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

describe("splitUnits in doubles and in bigints", () => {
  it("gives the largest-remainder parts, small amounts and weights", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -1_000_000n, max: 1_000_000n }),
        fc.array(fc.bigInt({ min: 0n, max: 1000n }), { minLength: 1, maxLength: 8 }),
        (units, weights) => {
          fc.pre(weights.some((weight) => weight > 0n));
          expect(splitUnits(units, weights)).toEqual(reference(units, weights));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("gives them at the edge of safe integers, on either side of it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 2, maxLength: 5 }),
        fc.bigInt({ min: -3n, max: 3n }),
        fc.boolean(),
        (weights, offset, negative) => {
          const sum = weights.reduce((total, weight) => total + weight, 0n);
          fc.pre(sum > 0n);
          // the amount that times the weights' sum and count reaches 2^53 − 1 (where the doubles stop), give or
          // take a few units
          const units = SAFE / (sum * BigInt(weights.length)) + offset;
          fc.pre(units > 0n);
          const signed = negative ? -units : units;
          expect(splitUnits(signed, weights)).toEqual(reference(signed, weights));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("gives them for amounts of many digits and many parts (in bigints)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 20n }), { minLength: 1, maxLength: 70 }),
        (units, weights) => {
          fc.pre(weights.some((weight) => weight > 0n));
          expect(splitUnits(units, weights)).toEqual(reference(units, weights));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("splits an amount with ties and zero weights as the rule says", () => {
    expect(splitUnits(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(splitUnits(-100n, [1n, 1n, 1n])).toEqual([-34n, -33n, -33n]);
    expect(splitUnits(5n, [0n, 3n, 0n, 7n])).toEqual([0n, 2n, 0n, 3n]);
    expect(splitUnits(0n, [7n, 3n])).toEqual([0n, 0n]);
  });
});
