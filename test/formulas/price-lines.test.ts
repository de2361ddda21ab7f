import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  explainLines,
  FormulaError,
  LinesError,
  OptionsError,
  parseContract,
  priceLines,
  type PriceLine,
} from "../../src/index.js";
import { Dec } from "../../src/money/decimal.js";
import { codesAt, contractJson, tranche } from "../support/contract-builder.js";

/**
 * priceLines: a health-financing invoice run. Each line is a facility's verified quantity of one indicator;
 * its amount is quantity × the table's price (by indicator and facility type) × (1 + a quality bonus).
 */

const pbf = (amendments: unknown[] = []) =>
  parseContract(
    contractJson({
      periods: [
        { id: "2027-Q1", start: "2027-01-01", end: "2027-03-31" },
        { id: "2027-Q3", start: "2027-07-01", end: "2027-09-30" },
      ],
      tranches: [tranche({ covers: { period: "2027-Q1" } })],
      parameters: { bonusRate: "10%" },
      inputs: { quantity: "number", quality: "number", indicator: "text", facilityType: "text" },
      tables: [
        {
          id: "price",
          inputs: ["indicator", "facilityType"],
          rows: [
            { when: ["anc4", "*"], then: "6.00" },
            { when: ["anc4", "hospital"], then: "4.50" },
            { when: ["delivery", "*"], then: "18.333" },
          ],
        },
      ],
      formulas: [
        { id: "bonus", expression: "if(input.quality >= 0.6, bonusRate * input.quality, 0)" },
        {
          id: "line",
          expression: 'input.quantity * lookup("price", input.indicator, input.facilityType) * (1 + bonus)',
        },
      ],
      amendments,
    } as never),
  );

const line = (
  invoice: string,
  indicator: string,
  quantity: number | string,
  quality: number | string = 0.5,
  facilityType = "health-centre",
): PriceLine => ({ invoice, inputs: { quantity, quality, indicator, facilityType } });
const OPTIONS = { formula: "line", period: "2027-Q1", asOf: "2027-04-30" };

describe("priceLines", () => {
  it("prices each line exactly, rounds it once, and totals the rounded lines per invoice", () => {
    const run = priceLines(
      pbf(),
      [
        line("HC-1", "anc4", 120), // 120 × 6.00 = 720.00 (quality 0.5: no bonus)
        line("HC-1", "delivery", 7, 0.8), // 7 × 18.333 × (1 + 0.1 × 0.8) = 128.331 × 1.08 = 138.59748 → 138.60
        line("H-2", "anc4", 41, 0.75, "hospital"), // 41 × 4.50 × 1.075 = 198.3375 → 198.34 (half-even)
      ],
      OPTIONS,
    );
    expect(run.amounts).toEqual(["720.00", "138.60", "198.34"]);
    expect(run.invoices).toEqual([
      { invoice: "HC-1", lines: 2, total: { amount: "858.60", currency: "EUR" } },
      { invoice: "H-2", lines: 1, total: { amount: "198.34", currency: "EUR" } },
    ]);
    expect(run.total).toEqual({ amount: "1056.94", currency: "EUR" });
    expect(run.amendments).toEqual([]);
  });

  it("with explain, records and renders every value each line read and every table row it used", () => {
    const run = priceLines(pbf(), [line("HC-1", "delivery", 7, 0.8)], { ...OPTIONS, explain: true });
    expect(run.explanations).toEqual([
      {
        line: 0,
        invoice: "HC-1",
        amount: "138.60",
        formula: {
          kind: "formula",
          part: "line",
          value: "138.59748",
          expression: 'input.quantity * lookup("price", input.indicator, input.facilityType) * (1 + bonus)',
          reads: [
            { name: "input.quantity", value: "7" },
            { name: "input.indicator", value: '"delivery"' },
            { name: "input.facilityType", value: '"health-centre"' },
            { name: "input.quality", value: "0.8" },
            { name: "bonusRate", value: "0.1" },
            { name: "bonus", value: "0.08" },
          ],
          lookups: [{ table: "price", keys: ["delivery", "health-centre"], row: 2, value: "18.333" }],
        },
      },
    ]);
    expect(explainLines(run)).toBe(
      [
        "Line 1 (invoice HC-1): EUR 138.60",
        '  Rule (formula): input.quantity * lookup("price", input.indicator, input.facilityType) * (1 + bonus) = EUR 138.59748',
        '      where input.quantity = 7, input.indicator = "delivery", input.facilityType = "health-centre", input.quality = 0.8, bonusRate = 0.1, bonus = 0.08',
        '      table price ["delivery","health-centre"]: row 3 gives 18.333',
        "Invoices",
        "  HC-1: 1 line, EUR 138.60",
        "Total EUR 138.60",
      ].join("\n"),
    );
    expect(priceLines(pbf(), [line("HC-1", "delivery", 7, 0.8)], OPTIONS).explanations).toBeUndefined();
  });

  it("explainLines counts lines from 1; the explanations keep the 0-based index", () => {
    const run = priceLines(pbf(), [line("HC-1", "anc4", 120), line("H-2", "anc4", 41, 0.75, "hospital")], {
      ...OPTIONS,
      explain: true,
    });
    expect(run.explanations?.map((entry) => entry.line)).toEqual([0, 1]);
    const text = explainLines(run).split("\n");
    expect(text.filter((entry) => entry.startsWith("Line "))).toEqual([
      "Line 1 (invoice HC-1): EUR 720.00",
      "Line 2 (invoice H-2): EUR 198.34",
    ]);
  });

  it("uses the terms in force for the period (an amended bonus rate from Q3)", () => {
    const contract = pbf([
      {
        id: "A1",
        description: "bonus 20%",
        agreedOn: "2027-05-01",
        effectiveFrom: "2027-07-01",
        changes: [{ parameter: "bonusRate", value: "20%" }],
      },
    ]);
    const lines = [line("HC-1", "anc4", 100, 1)];
    expect(priceLines(contract, lines, OPTIONS).amounts).toEqual(["660.00"]); // 100 × 6 × 1.1
    const q3 = priceLines(contract, lines, { ...OPTIONS, period: "2027-Q3", asOf: "2027-10-31" });
    expect(q3.amounts).toEqual(["720.00"]); // 100 × 6 × 1.2
    expect(q3.amendments).toEqual(["A1"]);
    expect(priceLines(contract, lines, { ...OPTIONS, period: "2027-Q3", asOf: "2027-04-30" }).amounts).toEqual([
      "660.00",
    ]); // not yet agreed
  });

  it("invoice totals conserve every cent: each is the sum of its rounded lines, and they add up to the total", () => {
    const arbitraryLine = fc
      .record({
        invoice: fc.constantFrom("A", "B", "C"),
        indicator: fc.constantFrom("anc4", "delivery"),
        quantity: fc.integer({ min: 0, max: 10_000 }),
        quality: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
        type: fc.constantFrom("hospital", "health-centre"),
      })
      .map((l) => line(l.invoice, l.indicator, l.quantity, l.quality, l.type));
    const contract = pbf();
    fc.assert(
      fc.property(fc.array(arbitraryLine, { maxLength: 30 }), (lines) => {
        const run = priceLines(contract, lines, OPTIONS);
        for (const invoice of run.invoices) {
          const own = run.amounts.filter((_, index) => lines[index]!.invoice === invoice.invoice);
          expect(own).toHaveLength(invoice.lines);
          expect(invoice.total.amount).toBe(own.reduce((acc, amount) => acc.plus(amount), new Dec(0)).toFixed(2));
        }
        expect(run.total.amount).toBe(run.amounts.reduce((acc, amount) => acc.plus(amount), new Dec(0)).toFixed(2));
      }),
      { numRuns: 100 },
    );
  });

  it("lines with missing or mistyped inputs are all listed in a LinesError", () => {
    try {
      priceLines(
        pbf(),
        [line("A", "anc4", "12,5"), { invoice: "B", inputs: { quantity: 1, quality: 1, facilityType: "x" } }],
        OPTIONS,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LinesError);
      expect((error as LinesError).issues).toEqual([
        expect.objectContaining({
          code: "invalid_input",
          at: "$.lines[0].inputs.quantity",
          message: 'the input "quantity" must be a finite number or a decimal string',
        }),
        expect.objectContaining({
          code: "invalid_input",
          at: "$.lines[1].inputs.indicator",
          message: 'the text input "indicator" is missing',
        }),
      ]);
    }
  });

  it("lines that are not a list", () => {
    expect(() => priceLines(pbf(), {} as never, OPTIONS)).toThrow(LinesError);
    expect(() => priceLines(pbf(), {} as never, OPTIONS)).toThrow("the lines must be a list of { invoice, inputs }");
  });

  it("a line that is not an object", () => {
    try {
      priceLines(pbf(), [null as never], OPTIONS);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LinesError);
      expect((error as LinesError).issues).toEqual([
        expect.objectContaining({
          code: "invalid_line",
          at: "$.lines[0]",
          message: "a line is { invoice: string, inputs: { name: value } }",
        }),
      ]);
    }
  });

  it("an unknown formula or period, or a bad asOf, is an OptionsError", () => {
    try {
      priceLines(pbf(), [], { formula: "lines", period: "2027-Q2", asOf: "2027-13-01" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OptionsError);
      expect(codesAt((error as OptionsError).issues)).toEqual([
        { code: "unknown_period", at: "$.period" },
        { code: "invalid_date", at: "$.asOf" },
        { code: "unknown_formula", at: "$.formula" },
      ]);
    }
  });

  it("a formula that reads metric results cannot price lines", () => {
    const contract = parseContract(contractJson({ formulas: [{ id: "f", expression: "metric.dropout * 2" }] }));
    expect(() => priceLines(contract, [], { formula: "f", period: "p1", asOf: "2027-01-01" })).toThrow(OptionsError);
    expect(() => priceLines(contract, [], { formula: "f", period: "p1", asOf: "2027-01-01" })).toThrow(
      'formula "f" reads metric results or other periods; priceLines prices lines from their inputs only',
    );
  });

  it("a line whose keys match no table row: the message counts lines from 1, the path indexes them from 0", () => {
    expect(() => priceLines(pbf(), [line("A", "malaria", 3)], OPTIONS)).toThrow(
      '$.lines[0]: line 1: no row of table "price" matches ["malaria","health-centre"] on 2027-01-01',
    );
  });

  it("a line whose keys match no table row is a FormulaError at the line", () => {
    try {
      priceLines(pbf(), [line("A", "anc4", 1), line("A", "malaria", 3)], OPTIONS);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FormulaError);
      expect((error as FormulaError).issues).toEqual([
        expect.objectContaining({
          code: "formula_no_matching_row",
          at: "$.lines[1]",
          message:
            'line 2: no row of table "price" matches ["malaria","health-centre"] on 2027-01-01; add a row (a row of "*" catches every key)',
        }),
      ]);
    }
  });
});
