import { describe, expect, it } from "vitest";
import {
  add,
  compare,
  contractJsonSchema,
  describeRule,
  irrText,
  isKnownCurrency,
  jsonSchemaText,
  knownCurrencies,
  money,
  npvAt,
  plainTextStyle,
  reportStyle,
  subtract,
  sum,
  timedFlows,
  xirr,
  zero,
  type Metric,
} from "../../src/index.js";

/** The figures the TSDoc examples of the public API state, checked, so the reference never shows a wrong result. */

describe("TSDoc examples", () => {
  it("money", () => {
    expect(add(money("100.10", "EUR"), money("0.90", "EUR"))).toEqual({ amount: "101.00", currency: "EUR" });
    expect(compare(money("5.00", "EUR"), money("12.00", "EUR"))).toBe(-1);
    expect(subtract(money("204000.00", "EUR"), money("186000.00", "EUR"))).toEqual({
      amount: "18000.00",
      currency: "EUR",
    });
    expect(sum([money("0.10", "EUR"), money("0.20", "EUR")], "EUR")).toEqual({ amount: "0.30", currency: "EUR" });
    expect(zero("JPY")).toEqual({ amount: "0", currency: "JPY" });
    expect(isKnownCurrency("EUR")).toBe(true);
    expect(isKnownCurrency("eur")).toBe(false);
    expect(knownCurrencies().includes("GBP")).toBe(true);
  });

  it("styles", () => {
    expect(plainTextStyle("EUR").money("186000")).toBe("EUR 186,000.00");
    expect(reportStyle("it", "EUR").money("186000")).toBe("186.000,00\u00a0€");
    expect(reportStyle("it", "EUR").date("2027-11-30")).toBe("30 novembre 2027");
  });

  it("schemas and rules", () => {
    expect(jsonSchemaText(contractJsonSchema()).endsWith("}\n")).toBe(true);
    const metrics = new Map<string, Metric>([
      [
        "entries",
        {
          id: "entries",
          name: "Entries",
          unit: "people",
          kind: "count",
          better: "higher",
          baseline: { value: 0, period: { start: "2020-01-01", end: "2020-12-31" }, source: "none" },
        },
      ],
    ]);
    expect(describeRule({ type: "rate", metric: "entries", basis: "value", pricePerUnit: "3500.00" }, metrics)).toBe(
      "3500.00 per unit of the measured entries",
    );
  });

  it("returns", () => {
    const flows = timedFlows([
      { day: 0, amount: -100 },
      { day: 365, amount: 110 },
    ]);
    expect(Math.abs(npvAt(flows, 0.1))).toBeLessThan(1e-9);
    expect(irrText(xirr(flows))).toMatch(/^10\.00/);
    expect(
      xirr([
        { t: 0, amount: -1000 },
        { t: 1, amount: 1100 },
      ]),
    ).toEqual({ kind: "rate", rate: expect.closeTo(0.1, 12) });
    expect(
      xirr([
        { t: 0, amount: -1000 },
        { t: 1, amount: 4020 },
        { t: 2, amount: -4040 },
      ]),
    ).toEqual({
      kind: "multiple",
      rates: [expect.closeTo(1, 12), expect.closeTo(1.02, 12)],
    });
    expect(
      xirr([
        { t: 0, amount: -100 },
        { t: 1, amount: 200 },
        { t: 2, amount: -100 },
      ]),
    ).toEqual({
      kind: "undetermined",
      reason: "roots-too-close",
      near: expect.closeTo(0, 6),
    });
    expect(
      irrText(
        xirr([
          { t: 0, amount: -1000 },
          { t: 1, amount: 4020 },
          { t: 2, amount: -4040 },
        ]),
      ),
    ).toBe("several (100.00%, 102.00%)");
    expect(
      irrText(
        xirr([
          { t: 0, amount: -100 },
          { t: 1, amount: 200 },
          { t: 2, amount: -100 },
        ]),
      ),
    ).toBe("undetermined (roots too close to tell apart, near 0.00%)");
    expect(
      timedFlows([
        { day: 400, amount: 5 },
        { day: 35, amount: -10 },
      ]),
    ).toEqual([
      { t: 0, amount: -10 },
      { t: 1, amount: 5 },
    ]);
  });
});
