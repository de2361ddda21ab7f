import { describe, expect, it } from "vitest";
import { FormulaError, type DecisionTable } from "../../src/index.js";
import {
  codesAt,
  contractIssues,
  contractJson,
  settleJson,
  tranche,
  trancheOf,
  verified,
} from "../support/contract-builder.js";

/**
 * Decision tables: a price per verified visit by region and facility type. The most specific matching row
 * wins (most non-wildcard keys); equally specific rows that could both match are rejected at parse time.
 */

const PRICE: DecisionTable = {
  id: "price",
  inputs: ["region", "facilityType"],
  rows: [
    { when: ["*", "*"], then: "5.00" },
    { when: ["north", "*"], then: "6.00" },
    { when: ["*", "hospital"], then: "6.50", validTo: "2027-06-30" },
    { when: ["north", "hospital"], then: "7.25" },
    { when: ["south", "hospital"], then: "8.00", validFrom: "2027-07-01" },
  ],
};

const priceFor = (region: string, facilityType: string, period = "p1") => {
  const contract = contractJson({
    parameters: { region: { text: region }, facilityType: { text: facilityType } },
    tables: [PRICE],
    periods: [
      { id: "p1", start: "2027-01-01", end: "2027-06-30" },
      { id: "p2", start: "2027-07-01", end: "2027-12-31" },
    ],
    tranches: [
      tranche({
        covers: { period },
        dueDate: "2028-01-31",
        pricing: { type: "formula", expression: 'metric.dropout * lookup("price", region, facilityType)' },
      }),
    ],
  });
  const settled = trancheOf(
    settleJson(contract, [verified("r1", "dropout", period, 100, "2028-01-10")], "2028-01-31"),
    "t1",
  );
  return {
    amount: settled.amountEarned?.amount,
    lookups: settled.trace.find((step) => step.kind === "formula")?.lookups,
  };
};

describe("decision tables", () => {
  it("the most specific matching row wins", () => {
    expect(priceFor("north", "hospital")).toEqual({
      amount: "725.00",
      lookups: [{ table: "price", keys: ["north", "hospital"], row: 3, value: "7.25" }],
    });
    expect(priceFor("north", "health-post").amount).toBe("600.00"); // row 1 (north, *) beats row 0 (*, *)
    expect(priceFor("east", "hospital").amount).toBe("650.00"); // row 2 (*, hospital) while valid
    expect(priceFor("east", "health-post").amount).toBe("500.00"); // only the catch-all
  });

  it("rows apply on the first day of the period when it lies within their validity dates", () => {
    expect(priceFor("east", "hospital", "p2").amount).toBe("500.00"); // row 2 ended on 2027-06-30
    expect(priceFor("south", "hospital", "p2").amount).toBe("800.00"); // row 4 from 2027-07-01
    expect(priceFor("south", "hospital", "p1").amount).toBe("650.00");
  });

  it("equally specific rows that could both match are an error found at parse time", () => {
    const tied = {
      ...PRICE,
      rows: [
        { when: ["north", "*"], then: "6.00" },
        { when: ["*", "hospital"], then: "6.50" },
      ],
    };
    const issues = contractIssues(contractJson({ tables: [tied] }));
    expect(codesAt(issues)).toEqual([{ code: "ambiguous_rows", at: "$.tables[0].rows[1]" }]);
    expect(issues[0]!.message).toBe(
      'rows 1 and 2 are equally specific and both match ["north","hospital"]: make one more specific, or give them validity dates that do not overlap',
    );
  });

  it("the tie's message counts rows from 1, its path indexes them from 0", () => {
    const tied = {
      ...PRICE,
      rows: [
        { when: ["north", "*"], then: "6.00" },
        { when: ["*", "*"], then: "5.00" },
        { when: ["*", "hospital"], then: "6.50" },
      ],
    };
    const issues = contractIssues(contractJson({ tables: [tied] }));
    expect(codesAt(issues)).toEqual([{ code: "ambiguous_rows", at: "$.tables[0].rows[2]" }]);
    expect(issues[0]!.message).toBe(
      'rows 1 and 3 are equally specific and both match ["north","hospital"]: make one more specific, or give them validity dates that do not overlap',
    );
  });

  it("a tie that one more specific row always settles is no error: (north, *) and (*, hospital) lose to (north, hospital)", () => {
    const issues = contractIssues(
      contractJson({ tables: [{ ...PRICE, rows: PRICE.rows.filter((_, index) => index !== 3) }] }),
    );
    expect(codesAt(issues)).toEqual([{ code: "ambiguous_rows", at: "$.tables[0].rows[2]" }]);
    expect(priceFor("north", "hospital").amount).toBe("725.00"); // with row 3 the same table parses
  });

  it("equally specific rows with disjoint validity dates are not a tie", () => {
    const dated = {
      ...PRICE,
      rows: [
        { when: ["north", "*"], then: "6.00", validTo: "2027-06-30" },
        { when: ["north", "*"], then: "6.60", validFrom: "2027-07-01" },
      ],
    };
    expect(() => contractIssues(contractJson({ tables: [dated] }))).toThrow(/parsed/);
  });

  it("overlapping validity dates of the same keys are a tie", () => {
    const dated = {
      ...PRICE,
      rows: [
        { when: ["north", "*"], then: "6.00", validTo: "2027-07-31" },
        { when: ["north", "*"], then: "6.60", validFrom: "2027-07-01" },
      ],
    };
    const issues = contractIssues(contractJson({ tables: [dated] }));
    expect(issues[0]!.message).toContain("on overlapping dates");
  });

  it("no matching row when the formula is evaluated is a FormulaError at the rule's path", () => {
    const partial = { ...PRICE, rows: [{ when: ["north", "*"], then: "6.00" }] };
    const contract = contractJson({
      parameters: { region: { text: "south" } },
      tables: [partial],
      tranches: [tranche({ pricing: { type: "formula", expression: 'lookup("price", region, "x")' } })],
    });
    try {
      settleJson(contract, [verified("r1", "dropout", "p1", 10)], "2027-12-31");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FormulaError);
      expect(codesAt((error as FormulaError).issues)).toEqual([
        { code: "formula_no_matching_row", at: "$.tranches[0].pricing.expression" },
      ]);
      expect((error as FormulaError).issues[0]!.message).toBe(
        'at character 1: no row of table "price" matches ["south","x"] on 2026-09-01; add a row (a row of "*" catches every key)',
      );
    }
  });
});
