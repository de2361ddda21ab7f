import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateUnits } from "../../src/money/allocate.js";
import { splitUnits } from "../../src/money/exact-units.js";

/** The hot-path split in whole minor units follows exactly the library's largest-remainder rule. */
describe("allocateUnits", () => {
  it("gives exactly what allocate's split gives, for any amount and weights (including products beyond 2^53)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 2 ** 40, max: 2 ** 52 })),
        fc
          .array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 40 })), {
            minLength: 1,
            maxLength: 6,
          })
          .filter((weights) => weights.some((weight) => weight > 0)),
        (units, weights) => {
          const expected = splitUnits(
            BigInt(units),
            weights.map((weight) => BigInt(weight)),
          ).map((part) => Number(part));
          const parts = allocateUnits(units, weights);
          expect(parts).toEqual(expected.map((part) => (part === 0 ? 0 : part)));
          expect(parts.reduce((acc, part) => acc + part, 0)).toBe(units);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("by hand: 100.01 as 3 : 1 is 75.01 and 25.00; ties go to the part listed first", () => {
    expect(allocateUnits(10_001, [3, 1])).toEqual([7_501, 2_500]);
    expect(allocateUnits(10_000, [1, 1, 1])).toEqual([3_334, 3_333, 3_333]);
    expect(allocateUnits(-5, [1, 1])).toEqual([-3, -2]);
  });

  it("rejects weights that are not whole non-negative numbers, or all zero", () => {
    expect(() => allocateUnits(1, [0.5])).toThrow(RangeError);
    expect(() => allocateUnits(1, [-1, 2])).toThrow(RangeError);
    expect(() => allocateUnits(1, [0, 0])).toThrow("allocation needs at least one positive ratio");
  });
});
