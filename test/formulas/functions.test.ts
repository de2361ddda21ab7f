import { describe, expect, it } from "vitest";
import { evaluateFormula, FormulaError } from "../../src/index.js";

/** Every function and operator of the formula language, with figures checked by hand. */

const ev = (text: string, parameters: Record<string, string | { text: string }> = {}) =>
  evaluateFormula(text, { parameters });

describe("formula arithmetic is exact decimal arithmetic", () => {
  it("adds, subtracts and multiplies decimals without binary error", () => {
    expect(ev("0.1 + 0.2")).toBe("0.3"); // a float would give 0.30000000000000004
    expect(ev("1000000.01 - 0.02")).toBe("999999.99");
    expect(ev("12.5 * 3.2")).toBe("40");
    expect(ev("2 + 3 * 4")).toBe("14"); // * binds tighter than +
    expect(ev("(2 + 3) * 4")).toBe("20");
    expect(ev("10 - 4 - 3")).toBe("3"); // left to right
    expect(ev("-5 + 2")).toBe("-3");
  });

  it("divides to 60 significant digits", () => {
    expect(ev("1 / 4")).toBe("0.25");
    expect(ev("1 / 3")).toBe(`0.${"3".repeat(60)}`);
    expect(ev("round(2 / 3, 2)")).toBe("0.67");
  });

  it("compares numbers and texts, and combines truth values", () => {
    expect(ev("3 > 2 and 2 >= 2 and 1 < 2 and 2 <= 2")).toBe(true);
    expect(ev("1.0 == 1")).toBe(true); // numbers compare by value
    expect(ev('"north" == region', { region: { text: "north" } })).toBe(true);
    expect(ev('"north" != region', { region: { text: "south" } })).toBe(true);
    expect(ev("not (1 > 2) or false")).toBe(true);
    expect(ev("true and not true")).toBe(false);
  });
});

describe("formula functions", () => {
  it("if chooses a branch", () => {
    expect(ev("if(score >= 60, 100, 0)", { score: "72" })).toBe("100");
    expect(ev("if(score >= 60, 100, 0)", { score: "59.9" })).toBe("0");
  });

  it("min and max of numbers or of a list", () => {
    expect(ev("min(3, 1.5, 2)")).toBe("1.5");
    expect(ev("max([3, 1.5], 4)")).toBe("4");
  });

  it("clamp keeps a value between a low and a high", () => {
    expect(ev("clamp(120, 0, 100)")).toBe("100");
    expect(ev("clamp(-3, 0, 100)")).toBe("0");
    expect(ev("clamp(42.5, 0, 100)")).toBe("42.5");
  });

  it("abs", () => {
    expect(ev("abs(-2.75)")).toBe("2.75");
  });

  it("round (half away from zero), floor and ceil to places", () => {
    expect(ev("round(2.345, 2)")).toBe("2.35");
    expect(ev("round(-2.345, 2)")).toBe("-2.35");
    expect(ev("round(2.5)")).toBe("3");
    expect(ev("floor(2.349, 2)")).toBe("2.34");
    expect(ev("floor(-2.341, 2)")).toBe("-2.35");
    expect(ev("ceil(2.341, 1)")).toBe("2.4");
  });

  it("sum and avg of numbers and lists", () => {
    expect(ev("sum(1, 2, [3, 4])")).toBe("10");
    expect(ev("avg([70, 80, 96])")).toBe("82");
  });

  it("safeDiv gives the fallback when the divisor is zero", () => {
    expect(ev("safeDiv(visits, target, 0)", { visits: "45", target: "0" })).toBe("0");
    expect(ev("safeDiv(visits, target, 0)", { visits: "45", target: "60" })).toBe("0.75");
  });

  it("interpolate: linear between points, flat beyond them", () => {
    // 50% of 10,000 at a 5% improvement, 100% at 15%: at 10% the midpoint, 7,500.
    expect(ev("interpolate(x, [0.05, 5000], [0.15, 10000])", { x: "0.10" })).toBe("7500");
    expect(ev("interpolate(x, [0.05, 5000], [0.15, 10000])", { x: "0.01" })).toBe("5000");
    expect(ev("interpolate(x, [0.05, 5000], [0.15, 10000])", { x: "0.5" })).toBe("10000");
    expect(ev("interpolate(12, [0, 0], [10, 100], [20, 300])")).toBe("140"); // 100 + 2/10 × 200
  });

  it("tiers: the value of the last step reached, zero below the first", () => {
    const steps = "tiers(x, [8.5, 4800000], [10, 9600000], [12, 12000000])";
    expect(ev(steps, { x: "8.4" })).toBe("0");
    expect(ev(steps, { x: "8.5" })).toBe("4800000");
    expect(ev(steps, { x: "11.99" })).toBe("9600000");
    expect(ev(steps, { x: "30" })).toBe("12000000");
  });

  it('parameters by bare name, param.name and param["quoted-id"]', () => {
    expect(ev('price + param.price + param["price-2"]', { price: "1.25", "price-2": "5%" })).toBe("2.55");
  });

  it("a number as long as the limit allows is exact", () => {
    expect(ev(`${"9".repeat(40)} + 1`)).toBe(`1${"0".repeat(40)}`);
  });

  it("division by zero is a FormulaError with the position of the operator's left side", () => {
    try {
      ev("10 / (2 - 2)");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FormulaError);
      expect((error as FormulaError).issues[0]).toMatchObject({ code: "formula_division_by_zero" });
      expect((error as FormulaError).issues[0]!.message).toBe(
        "at character 1: division by zero (use safeDiv(a, b, fallback) when the divisor can be zero)",
      );
    }
  });

  it("a standalone formula cannot read other periods, and its parameters must be decimals or texts", () => {
    expect(() => ev("previous(price, 0)", { price: "1" })).toThrow(
      "previous, lastYear and window need a contract's periods: use them in a contract's formulas",
    );
    try {
      ev("price", { price: "1,5", region: 5 as never });
      expect.unreachable();
    } catch (error) {
      expect((error as FormulaError).issues.map((found) => [found.code, found.at])).toEqual([
        ["invalid_decimal", "$.parameters.price"],
        ["invalid_type", "$.parameters.region"],
      ]);
    }
  });

  it("points of interpolate that do not increase are a FormulaError", () => {
    expect(() => ev("interpolate(x, [10, 1], [5, 2])", { x: "1" })).toThrow(
      /strictly increasing first coordinates, but 5 follows 10/,
    );
  });
});
