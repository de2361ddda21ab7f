import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec, plain } from "../../src/money/decimal.js";
import { ROUNDING_MODES, type RoundingMode } from "../../src/index.js";
import {
  compare,
  divide,
  exactFromText,
  fixedText,
  minus,
  plainText,
  plus,
  roundTo,
  times,
} from "../../src/formula/exact.js";
import { fromDec, toDec } from "../../src/formula/exact-dec.js";

/**
 * The formula evaluator's bigint decimal behaves exactly as the library's private decimal type: the same
 * results for + − × ÷ (rounded to 60 significant digits, half-even), the same rounding in every mode, the same text.
 */

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 45n }), fc.integer({ min: 0, max: 30 }))
  .map(([negative, digits, scale]) => {
    const body = digits.toString().padStart(scale + 1, "0");
    const text = scale === 0 ? body : `${body.slice(0, -scale)}.${body.slice(-scale)}`;
    return negative && digits !== 0n ? `-${text}` : text;
  });

const DEC_MODE: Record<RoundingMode, number> = {
  "half-even": Dec.ROUND_HALF_EVEN,
  "half-up": Dec.ROUND_HALF_UP,
  "half-down": Dec.ROUND_HALF_DOWN,
  down: Dec.ROUND_DOWN,
  up: Dec.ROUND_UP,
  floor: Dec.ROUND_FLOOR,
  ceiling: Dec.ROUND_CEIL,
};

const exact = (text: string) => exactFromText(text)!;

describe("exact decimals agree with the private decimal type", () => {
  it("+, −, × and ÷ give the same value (60 significant digits, half-even)", () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const [x, y] = [new Dec(a), new Dec(b)];
        expect(plainText(plus(exact(a), exact(b)))).toBe(plain(x.plus(y)));
        expect(plainText(minus(exact(a), exact(b)))).toBe(plain(x.minus(y)));
        expect(plainText(times(exact(a), exact(b)))).toBe(plain(x.times(y)));
        if (!y.isZero()) expect(plainText(divide(exact(a), exact(b)))).toBe(plain(x.div(y)));
        expect(compare(exact(a), exact(b))).toBe(x.comparedTo(y));
      }),
      { numRuns: 300 },
    );
  });

  it("rounding to places agrees in every mode", () => {
    fc.assert(
      fc.property(
        decimalText,
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(...ROUNDING_MODES),
        (a, places, mode) => {
          const rounded = roundTo(exact(a), places, mode);
          const expected = new Dec(a).toDecimalPlaces(places, DEC_MODE[mode] as never);
          expect(plainText(rounded)).toBe(plain(expected));
          expect(fixedText(rounded, places)).toBe(expected.isZero() ? (0).toFixed(places) : expected.toFixed(places));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("converts to and from the private decimal type without loss", () => {
    fc.assert(
      fc.property(decimalText, (a) => {
        expect(toDec(exact(a)).equals(new Dec(a))).toBe(true);
        expect(plainText(fromDec(new Dec(a)))).toBe(plain(new Dec(a)));
      }),
      { numRuns: 200 },
    );
  });
});
