import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateUnits, allocateUnitsExact } from "../../src/money/allocate.js";

/** The parts a split gives, or the error it throws. */
const outcome = (split: (units: number, weights: readonly number[]) => number[], units: number, weights: number[]) => {
  try {
    return split(units, weights).map((part) => (Object.is(part, -0) ? "-0" : part));
  } catch (error) {
    return String(error);
  }
};

describe("allocateUnits in safe integers", () => {
  it("gives the parts of the split in bigints, or its error", () => {
    const amount = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.constantFrom(0, -0, 1, -1, Number.MAX_SAFE_INTEGER, 2 ** 52, 10 ** 15 - 1),
    );
    const weight = fc.oneof(
      fc.integer({ min: 0, max: 10 }),
      fc.integer({ min: 0, max: 1_000_000_000 }),
      fc.constantFrom(-1, 0.5, Number.MAX_SAFE_INTEGER, 2 ** 40),
    );
    fc.assert(
      fc.property(amount, fc.array(weight, { minLength: 0, maxLength: 6 }), (units, weights) => {
        expect(outcome(allocateUnits, units, weights)).toEqual(outcome(allocateUnitsExact, units, weights));
      }),
      { numRuns: 3_000 },
    );
  });

  it("splits ties to the part listed first, as allocate does", () => {
    expect(allocateUnits(1, [1, 1, 1])).toEqual([1, 0, 0]);
    expect(allocateUnits(-5, [1, 1])).toEqual([-3, -2]);
    expect(allocateUnits(0, [0, 3])).toEqual([0, 0]);
  });
});
