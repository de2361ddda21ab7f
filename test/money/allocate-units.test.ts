import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateUnits } from "../../src/money/allocate.js";

/** The hot-path split in whole minor units follows exactly the library's largest-remainder rule. */
describe("allocateUnits", () => {
  it("conserves every unit, gives each part its exact share within one unit, and zero to a zero weight", () => {
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
          const parts = allocateUnits(units, weights);
          expect(parts.reduce((acc, part) => acc + part, 0)).toBe(units);
          const total = weights.reduce((acc, weight) => acc + BigInt(weight), 0n);
          parts.forEach((part, i) => {
            // |part × total − units × weight| < total: the part is its exact share rounded one way or the other
            const gap = BigInt(part) * total - BigInt(units) * BigInt(weights[i]!);
            expect(gap < 0n ? -gap : gap).toBeLessThan(total);
            if (weights[i] === 0) expect(Object.is(part, 0)).toBe(true);
          });
          // a negative amount splits as its absolute value, every part negated
          expect(allocateUnits(-units, weights)).toEqual(parts.map((part) => (part === 0 ? 0 : -part)));
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
