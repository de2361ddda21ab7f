import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactKnown, exactOfMeasure, exactOfText, plainText } from "../../src/formula/exact.js";
import { plain, readDecimal, readMeasure } from "../../src/money/decimal.js";

/**
 * The exact decimal reads the contract format's numbers without decimal.js, exactly as the private decimal type
 * reads them: decimal texts and percentages (`readDecimal`), JSON numbers through their shortest form, exponent
 * included (`readMeasure`).
 */

const shown = (value: ReturnType<typeof readDecimal>) => (value === undefined ? undefined : plain(value));
const exactShown = (value: ReturnType<typeof exactOfText>) => (value === undefined ? undefined : plainText(value));

/** Texts near the format: signs, points at either end, spaces, percentages, exponents, junk. */
const texts = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("", "-", "+", " ", " -"),
      fc.stringMatching(/^\d{0,40}$/),
      fc.constantFrom("", "."),
      fc.stringMatching(/^\d{0,40}$/),
      fc.constantFrom("", "%", " %", " ", "e5", "x"),
    )
    .map((parts) => parts.join("")),
  fc.string(),
);

describe("reading decimals without decimal.js", () => {
  it("reads every text as readDecimal does (percentages, signs, spaces; undefined for the rest)", () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(exactShown(exactOfText(text))).toBe(shown(readDecimal(text)));
      }),
      { numRuns: 20_000 },
    );
  });

  it("reads every number as readMeasure does, through its shortest form (exponents included)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.double({ min: -1e-6, max: 1e-6 })), (value) => {
        expect(exactShown(exactOfMeasure(value))).toBe(shown(readMeasure(value)));
        expect(exactShown(exactKnown(value))).toBe(shown(readMeasure(value)));
      }),
      { numRuns: 20_000 },
    );
    for (const value of [1e-7, 1.5e21, -2.5e-12, 1e300, 5e-324, Number.NaN, Number.POSITIVE_INFINITY])
      expect(exactShown(exactOfMeasure(value)), String(value)).toBe(shown(readMeasure(value)));
  });
});
