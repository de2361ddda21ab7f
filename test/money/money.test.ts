import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ArgumentError,
  add,
  compare,
  isNegative,
  isZero,
  minorUnits,
  money,
  subtract,
  sum,
  zero,
  knownCurrencies,
} from "../../src/index.js";
import { Dec } from "../../src/money/decimal.js";
import { roundToMinorUnits } from "../../src/money/rounding.js";
import { readDecimal, readMeasure } from "../../src/money/decimal.js";

describe("Money", () => {
  it("renders exactly the currency's minor units", () => {
    expect(money("1500", "EUR")).toEqual({ amount: "1500.00", currency: "EUR" });
    expect(money("1500", "JPY")).toEqual({ amount: "1500", currency: "JPY" });
    expect(money("1.5", "KWD")).toEqual({ amount: "1.500", currency: "KWD" });
    expect(money("-0.00", "EUR").amount).toBe("0.00");
  });

  it("is frozen", () => {
    expect(Object.isFrozen(money("1.00", "EUR"))).toBe(true);
  });

  it("refuses digits below the minor unit instead of rounding silently", () => {
    expect(() => money("10.005", "EUR")).toThrow(/more than 2 decimal places for EUR/);
    expect(() => money("1.5", "JPY")).toThrow(/more than 0 decimal places for JPY/);
  });

  it("refuses text that is not a decimal, and unknown currencies", () => {
    expect(() => money("1,50", "EUR")).toThrow(/takes a decimal text such as "1234.56" as amount; got "1,50"/);
    expect(() => money("1e3", "EUR")).toThrow(/takes a decimal text/);
    expect(() => money("10%", "EUR")).toThrow(/takes a decimal text/);
    expect(() => money("1.00", "XXX")).toThrow(/ISO 4217 currency code the library knows, such as "EUR" .*; got "XXX"/);
  });

  it("adds, subtracts, sums and compares exactly", () => {
    expect(add(money("0.10", "EUR"), money("0.20", "EUR")).amount).toBe("0.30");
    expect(subtract(money("0.10", "EUR"), money("0.30", "EUR")).amount).toBe("-0.20");
    expect(sum([money("0.10", "EUR"), money("0.20", "EUR"), money("0.70", "EUR")], "EUR").amount).toBe("1.00");
    expect(sum([], "EUR")).toEqual(zero("EUR"));
    expect(compare(money("2.00", "EUR"), money("10.00", "EUR"))).toBe(-1);
    expect(isZero(money("0", "EUR"))).toBe(true);
    expect(isNegative(money("-0.01", "EUR"))).toBe(true);
    expect(isNegative(money("0.00", "EUR"))).toBe(false);
  });

  it("refuses to mix currencies", () => {
    expect(() => add(money("1.00", "EUR"), money("1.00", "GBP"))).toThrow(
      /add takes two amounts in one currency; a is in EUR, b in GBP/,
    );
    expect(() => sum([money("1.00", "GBP")], "EUR")).toThrow(
      /sum adds amounts in EUR, its currency; values\[0\] is in GBP/,
    );
  });

  it("knows the minor units of ISO 4217 currencies", () => {
    expect(minorUnits("EUR")).toBe(2);
    expect(minorUnits("JPY")).toBe(0);
    expect(minorUnits("BHD")).toBe(3);
    expect(knownCurrencies()).toContain("GBP");
    expect(() => minorUnits("EURO")).toThrow(ArgumentError);
  });

  it("law: addition is exact where floats are not (0.1 + 0.2 = 0.3)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
        fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
        (a, b) => {
          const asMoney = (units: bigint) => money(new Dec(units.toString()).div(100).toFixed(2), "EUR");
          expect(add(asMoney(a), asMoney(b))).toEqual(asMoney(a + b));
          expect(subtract(add(asMoney(a), asMoney(b)), asMoney(b))).toEqual(asMoney(a));
        },
      ),
    );
  });
});

describe("the rounding step", () => {
  const round = (text: string, mode: Parameters<typeof roundToMinorUnits>[2]) =>
    roundToMinorUnits(new Dec(text), "EUR", mode).toFixed(2);

  it("applies each mode as documented on ties and non-ties", () => {
    expect(round("2.345", "half-even")).toBe("2.34");
    expect(round("2.355", "half-even")).toBe("2.36");
    expect(round("2.345", "half-up")).toBe("2.35");
    expect(round("-2.345", "half-up")).toBe("-2.35");
    expect(round("2.345", "half-down")).toBe("2.34");
    expect(round("2.349", "down")).toBe("2.34");
    expect(round("2.341", "up")).toBe("2.35");
    expect(round("-2.341", "floor")).toBe("-2.35");
    expect(round("-2.349", "ceiling")).toBe("-2.34");
  });

  it("law: rounding moves an amount by less than one minor unit, and never past a whole-cent bound", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.constantFrom("half-even", "half-up", "half-down", "down", "up", "floor", "ceiling" as const),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (units, mode, boundUnits) => {
          const exact = new Dec(units.toString()).div(1000);
          const rounded = roundToMinorUnits(exact, "EUR", mode);
          expect(rounded.minus(exact).abs().lessThan("0.01")).toBe(true);
          const bound = new Dec(boundUnits.toString()).div(100);
          if (exact.lessThanOrEqualTo(bound)) expect(rounded.lessThanOrEqualTo(bound)).toBe(true);
        },
      ),
    );
  });
});

describe("reading decimals", () => {
  it("reads plain decimals and percentages, and nothing else", () => {
    expect(readDecimal("12.5%")?.toString()).toBe("0.125");
    expect(readDecimal("0.7")?.toString()).toBe("0.7");
    expect(readDecimal("1e3")).toBeUndefined();
    expect(readDecimal("abc")).toBeUndefined();
  });

  it("reads a JSON number as the decimal its text shows, not its binary value", () => {
    expect(readMeasure(0.1)?.toString()).toBe("0.1");
    expect(readMeasure(17.6)?.toString()).toBe("17.6");
    expect(readMeasure(Number.NaN)).toBeUndefined();
  });
});
