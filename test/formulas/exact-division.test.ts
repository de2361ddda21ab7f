import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { divide, exactFromText, plainText } from "../../src/formula/exact.js";
import { Dec } from "../../src/money/decimal.js";

/** A plain decimal text: up to 70 digits, up to 40 of them after the point. */
const wide = fc
  .tuple(fc.bigInt({ min: -(10n ** 70n), max: 10n ** 70n }), fc.integer({ min: 0, max: 40 }))
  .map(([coefficient, scale]) => textOf(coefficient, scale));
/** The sizes results and prices have: up to a million, up to six decimals. */
const everyday = fc
  .tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 6 }))
  .map(([coefficient, scale]) => textOf(BigInt(coefficient), scale));

function textOf(coefficient: bigint, scale: number): string {
  const negative = coefficient < 0n;
  const digits = (negative ? -coefficient : coefficient).toString().padStart(scale + 1, "0");
  return (negative ? "-" : "") + (scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`);
}

const byDec = (a: string, b: string): string => {
  const quotient = new Dec(a).div(new Dec(b));
  return quotient.isZero() ? "0" : quotient.toFixed();
};
const byExact = (a: string, b: string): string => plainText(divide(exactFromText(a)!, exactFromText(b)!));

describe("the exact division", () => {
  it("gives Dec's quotient digit for digit: 60 significant digits, half-even, trailing zeros dropped", () => {
    fc.assert(
      fc.property(fc.oneof(wide, everyday), fc.oneof(wide, everyday), (a, b) => {
        fc.pre(!new Dec(b).isZero());
        expect(byExact(a, b)).toBe(byDec(a, b));
      }),
      { numRuns: 20_000 },
    );
  });

  it("rounds ties to even and keeps whole quotients whole", () => {
    const tie = `${"1".repeat(59)}25`; // 61 digits ending in 5 after the 60th once divided by 10
    for (const [a, b] of [
      ["1", "3"],
      ["2", "3"],
      ["1", "8"],
      ["10", "4"],
      ["100", "1"],
      ["1", "0.001"],
      ["-7", "2"],
      [tie, "10"],
      [`${"1".repeat(59)}35`, "10"],
      ["0", "-3"],
    ] as const)
      expect(byExact(a, b), `${a} / ${b}`).toBe(byDec(a, b));
    expect(byExact("3", "7")).toBe("0.428571428571428571428571428571428571428571428571428571428571");
  });
});

describe("the exact division at the ends of its range", () => {
  it("divides values of hundreds of digits as Dec does", () => {
    const huge = `9${"0".repeat(320)}1`;
    for (const [a, b] of [
      [huge, "7"],
      ["7", huge],
      [huge, `3${"0".repeat(200)}`],
    ] as const)
      expect(byExact(a, b), `${a.length} / ${b.length} digits`).toBe(byDec(a, b));
  });
});
