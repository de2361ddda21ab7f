import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocate, money, minorUnits, type Money } from "../../src/index.js";
import { Dec } from "../../src/money/decimal.js";

const total = (parts: readonly Money[]) => parts.reduce((acc, part) => acc.plus(part.amount), new Dec(0));

describe("allocate", () => {
  it("gives the leftover cent to the largest remainder, ties to the first listed", () => {
    expect(allocate(money("100.00", "EUR"), ["1", "1", "1"]).map((m) => m.amount)).toEqual(["33.34", "33.33", "33.33"]);
    expect(allocate(money("0.05", "EUR"), ["70%", "30%"]).map((m) => m.amount)).toEqual(["0.04", "0.01"]);
    // 10.00 by 1:2 → exact 3.333… and 6.666…: the larger remainder (.666) gets the cent.
    expect(allocate(money("10.00", "EUR"), ["1", "2"]).map((m) => m.amount)).toEqual(["3.33", "6.67"]);
  });

  it("splits a negative amount as the mirror image of the positive one", () => {
    expect(allocate(money("-100.00", "EUR"), ["1", "1", "1"]).map((m) => m.amount)).toEqual([
      "-33.34",
      "-33.33",
      "-33.33",
    ]);
  });

  it("respects zero-decimal and three-decimal currencies", () => {
    expect(allocate(money("100", "JPY"), ["1", "1", "1"]).map((m) => m.amount)).toEqual(["34", "33", "33"]);
    expect(allocate(money("1.000", "KWD"), ["1", "1", "1"]).map((m) => m.amount)).toEqual(["0.334", "0.333", "0.333"]);
  });

  it("gives a zero ratio nothing", () => {
    expect(allocate(money("0.03", "EUR"), ["0", "1", "1"]).map((m) => m.amount)).toEqual(["0.00", "0.02", "0.01"]);
  });

  it("rejects negative ratios and an all-zero list", () => {
    expect(() => allocate(money("1.00", "EUR"), ["-1", "2"])).toThrow(/non-negative/);
    expect(() => allocate(money("1.00", "EUR"), ["0", "0"])).toThrow(/at least one ratio above zero/);
  });

  it("law: allocation conserves every cent", () => {
    const currency = fc.constantFrom("EUR", "JPY", "KWD");
    fc.assert(
      fc.property(
        currency,
        fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
        fc
          .array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 })
          .filter((r) => r.some((x) => x > 0)),
        (code, units, ratios) => {
          const amount = new Dec(units.toString()).div(new Dec(10).pow(minorUnits(code))).toFixed(minorUnits(code));
          const parts = allocate(money(amount, code), ratios.map(String));
          expect(total(parts).equals(amount)).toBe(true);
          // every part is within one minor unit of its exact share
          const sum = ratios.reduce((a, b) => a + b, 0);
          const unit = new Dec(1).div(new Dec(10).pow(minorUnits(code)));
          parts.forEach((part, i) => {
            const exact = new Dec(amount).times(ratios[i]!).div(sum);
            expect(new Dec(part.amount).minus(exact).abs().lessThan(unit)).toBe(true);
          });
        },
      ),
    );
  });
});
