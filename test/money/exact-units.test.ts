import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec } from "../../src/money/decimal.js";
import { fixedUnits, plainUnits, shareWeights, splitUnits, unitsOfText } from "../../src/money/exact-units.js";
import { allocateDecimal } from "../../src/money/allocate.js";

/**
 * The engine's bigint minor units (src/money/exact-units.ts) against the private decimal type: the same reading,
 * the same texts, the same largest-remainder split as `allocate`.
 */

const places = fc.constantFrom(0, 2, 3);
const units = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });

describe("bigint minor units", () => {
  it("read an amount as the decimal type reads it, in every notation the formats allow", () => {
    fc.assert(
      fc.property(units, places, fc.constantFrom("", "+"), fc.nat(3), (value, digits, plus, zeros) => {
        const text = new Dec(value.toString()).div(10 ** digits).toFixed(digits + zeros);
        const signed = value >= 0n ? `${plus}${text}` : text;
        expect(unitsOfText(signed, digits)).toBe(value);
      }),
      { numRuns: 500 },
    );
    expect(unitsOfText(".5", 2)).toBe(50n);
    expect(unitsOfText("12.", 2)).toBe(1200n);
    expect(unitsOfText("1.005", 2)).toBeUndefined();
  });

  it("write an amount as Money shows it and as the explanation shows decimals", () => {
    fc.assert(
      fc.property(units, places, (value, digits) => {
        const exact = new Dec(value.toString()).div(10 ** digits);
        expect(fixedUnits(value, digits)).toBe(exact.isZero() ? exact.abs().toFixed(digits) : exact.toFixed(digits));
        expect(plainUnits(value, digits)).toBe(exact.isZero() ? "0" : exact.toFixed());
      }),
      { numRuns: 500 },
    );
  });

  it("split as allocate splits: largest remainder, ties to the first, every unit kept", () => {
    const share = fc.integer({ min: 0, max: 10_000 }).map((n) => new Dec(n).div(100));
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.array(share, { minLength: 1, maxLength: 6 }).filter((list) => list.some((ratio) => !ratio.isZero())),
        (value, ratios) => {
          const parts = splitUnits(value, shareWeights(ratios));
          expect(parts.reduce((acc, part) => acc + part, 0n)).toBe(value);
          const expected = allocateDecimal(new Dec(value.toString()).div(100), ratios, "EUR");
          expect(parts.map((part) => fixedUnits(part, 2))).toEqual(expected.map((part) => part.toFixed(2)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
