import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  amountOf,
  EXACT_ONE,
  decimalText,
  isNegativeText,
  isTooLargeExact,
  percentText,
} from "../../src/contract/check-amounts.js";
import { compare, decimalPlaces, EXACT_ZERO, exactOfMeasure, exactOfText, plus } from "../../src/formula/exact.js";
import { Dec, readDecimal, readMeasure } from "../../src/money/decimal.js";
import { isTooLarge } from "../../src/money/limits.js";

/**
 * The contract's checks compute on exact decimals (src/contract/check-amounts.ts): each reading, comparison and
 * text is the one the private decimal type (decimal.js) gave, so that the checks report the same issues.
 */

/** Plain decimal texts as the schema admits money: signs, points at either end, zeros, up to 70 digits. */
const amounts = fc
  .tuple(
    fc.constantFrom("", "-", "+"),
    fc.stringMatching(/^\d{0,70}$/),
    fc.constantFrom("", "."),
    fc.stringMatching(/^\d{0,70}$/),
  )
  .map(([sign, whole, point, fraction]) => {
    const digits = whole === "" && fraction === "" ? "0" : whole;
    return `${sign}${digits}${point === "" && fraction !== "" ? "." : point}${fraction}`;
  });

/** Tiny values, whose text the decimal type writes with an exponent from 10^-60 down. */
const tiny = fc
  .tuple(fc.constantFrom("", "-"), fc.nat(80), fc.stringMatching(/^[1-9]\d{0,3}$/))
  .map(([sign, zeros, digits]) => `${sign}0.${"0".repeat(zeros)}${digits}`);

/** Money just either side of 10^15 minor units. */
const nearLimit = fc
  .tuple(fc.constantFrom("", "-"), fc.bigInt({ min: 10n ** 15n - 3n, max: 10n ** 15n + 3n }), fc.constantFrom(0, 2, 3))
  .map(([sign, units, places]) => {
    const digits = units.toString();
    return places === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
  });

/** Quantities as the contract writes them: numbers of every size, decimal texts, percentages. */
const quantities = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  amounts,
  tiny,
  amounts.map((text) => `${text}%`),
  fc.constantFrom(1e-70, 1.25e-61, 1e-60, 1e-59, 1e59, 1e60, 1.5e70, -2e300, 5e-324),
);

describe("the contract checks' arithmetic, without decimal.js", () => {
  it("an amount is negative, zero, too large, and has as many decimals as the decimal type says", () => {
    fc.assert(
      fc.property(fc.oneof(amounts, nearLimit, tiny), fc.constantFrom(0, 2, 3, 4), (text, places) => {
        const dec = new Dec(text);
        const exact = amountOf(text);
        expect(isNegativeText(text)).toBe(dec.isNegative());
        expect(decimalPlaces(exact)).toBe(dec.decimalPlaces());
        expect(isTooLargeExact(exact, places)).toBe(isTooLarge(dec, places));
        expect(decimalText(exact)).toBe(dec.toString());
      }),
      { numRuns: 5_000 },
    );
    expect(isNegativeText("-0.00")).toBe(true);
    expect(isNegativeText("+0")).toBe(false);
  });

  it("a quantity is written as the decimal type writes it, exponent and all", () => {
    fc.assert(
      fc.property(quantities, (value) => {
        const dec = readMeasure(value);
        const exact = exactOfMeasure(value);
        expect(exact === undefined ? undefined : decimalText(exact)).toBe(
          dec === undefined ? undefined : dec.toString(),
        );
      }),
      { numRuns: 10_000 },
    );
    expect(decimalText(exactOfMeasure(1e70)!)).toBe("1e+70");
    expect(decimalText(exactOfMeasure(-1.25e-61)!)).toBe("-1.25e-61");
    expect(decimalText(exactOfMeasure(1e59)!)).toBe("100000000000000000000000000000000000000000000000000000000000");
  });

  it("a sum of shares is the decimal type's sum, and its percentage the same text", () => {
    const shares = fc.oneof(
      amounts,
      amounts.map((text) => `${text}%`),
      tiny.map((text) => `${text}%`),
      fc.constantFrom("60%", "0.4", " 12.5 %", "50%", "0.5", "0.25", "25%", "1", "100%", "33.333%"),
    );
    fc.assert(
      fc.property(fc.array(shares, { maxLength: 6 }), (list) => {
        let dec = new Dec(0);
        let exact = EXACT_ZERO;
        for (const share of list) {
          dec = dec.plus(readDecimal(share) ?? 0);
          exact = plus(exact, exactOfText(share) ?? EXACT_ZERO);
        }
        expect(percentText(exact)).toBe(dec.times(100).toString());
        expect(compare(exact, EXACT_ONE) === 0).toBe(dec.equals(1));
      }),
      { numRuns: 5_000 },
    );
  });
});
