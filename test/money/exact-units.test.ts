import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec } from "../../src/money/decimal.js";
import { shareWeights } from "../../src/money/decimal-units.js";
import { fixedUnits, plainUnits, splitUnits, unitsOfPlain } from "../../src/money/exact-units.js";

/**
 * The engine's bigint minor units (src/money/exact-units.ts) against the private decimal type: the same reading,
 * the same texts, the same largest-remainder split as `allocate`.
 */

const places = fc.constantFrom(0, 2, 3);
const units = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });

describe("bigint minor units", () => {
  it("read an amount as the decimal type reads it, in every plain notation the formats allow", () => {
    fc.assert(
      fc.property(units, places, fc.constantFrom("", "+"), fc.nat(3), (value, digits, plus, zeros) => {
        const text = new Dec(value.toString()).div(10 ** digits).toFixed(digits + zeros);
        const signed = value >= 0n ? `${plus}${text}` : text;
        expect(unitsOfPlain(signed, digits)).toBe(value);
      }),
      { numRuns: 500 },
    );
    expect(unitsOfPlain(".5", 2)).toBe(50n);
    expect(unitsOfPlain("12.", 2)).toBe(1200n);
    expect(unitsOfPlain("1.005", 2)).toBeUndefined();
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

  it("splits by the largest remainder: each part its exact share rounded down or up, the units left over to the largest remainders, ties to the first, every unit kept", () => {
    const share = fc.integer({ min: 0, max: 10_000 }).map((n) => new Dec(n).div(100));
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.array(share, { minLength: 1, maxLength: 6 }).filter((list) => list.some((ratio) => !ratio.isZero())),
        (value, ratios) => {
          const weights = shareWeights(ratios);
          const parts = splitUnits(value, weights);
          expect(parts.reduce((acc, part) => acc + part, 0n)).toBe(value);
          // the rule, checked on magnitudes: floor of the exact share, plus one for the largest remainders
          const total = weights.reduce((acc, weight) => acc + weight, 0n);
          const magnitude = value < 0n ? -value : value;
          const floors = weights.map((weight) => (magnitude * weight) / total);
          const remainders = weights.map((weight) => (magnitude * weight) % total);
          const topped = parts.map((part, index) => (part < 0n ? -part : part) - floors[index]!);
          for (const extra of topped) expect(extra === 0n || extra === 1n).toBe(true);
          for (let i = 0; i < parts.length; i += 1)
            for (let j = 0; j < parts.length; j += 1)
              if (topped[i] === 1n && topped[j] === 0n)
                expect(remainders[i]! > remainders[j]! || (remainders[i] === remainders[j] && i < j)).toBe(true);
          for (const part of parts) expect(value < 0n ? part <= 0n : part >= 0n).toBe(true);
          expect(parts.map((part) => fixedUnits(part, 2))).toEqual(
            parts.map((part) => new Dec(part.toString()).div(100).toFixed(2)),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
