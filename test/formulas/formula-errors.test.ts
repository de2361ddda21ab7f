import { describe, expect, it } from "vitest";
import { FORMULA_LIMITS, FormulaError, parseFormula } from "../../src/index.js";
import { codesAt, contractIssues, contractJson, settleJson, tranche, verified } from "../support/contract-builder.js";

/**
 * Every message a user can meet in a contract's formulas, tables and parameters: the code, the JSON path,
 * and the words with the character position (counted from 1).
 */

const TABLE = { id: "price", inputs: ["region"], rows: [{ when: ["*"], then: "5.00" }] };
const base = {
  parameters: { price: "12.50", region: { text: "north" } },
  tables: [TABLE],
  formulas: [{ id: "bonus", expression: "price * 0.1" }],
};
/** The one issue of a contract whose tranche is priced by `expression` (and with `extra` parts). */
const ruleIssue = (expression: string, extra: object = {}) => {
  const issues = contractIssues(
    contractJson({ ...base, ...extra, tranches: [tranche({ pricing: { type: "formula", expression } })] } as never),
  );
  expect(issues).toHaveLength(1);
  return issues[0]!;
};
const AT = "$.tranches[0].pricing.expression";

describe("formula syntax errors", () => {
  it.each([
    ["price *", "at character 8: the formula ends where a value was expected"],
    ["(price + 1", 'at character 11: expected ")" to close the "(" at character 1, found the end of the formula'],
    ["price $ 2", 'at character 7: unexpected character "$"'],
    ["1 < 2 < 3", "at character 7: comparisons do not chain; write a < b and b < c"],
    ["1e5", "at character 2: a number cannot run into a name (no exponents such as 1e5: write the digits)"],
    ['"north', "at character 1: the text starting here has no closing quote"],
    ["metric", 'at character 7: "metric" must be followed by .name or ["id"], e.g. metric.reading'],
    ["metric[dropout]", 'at character 8: expected a quoted id after "metric[", e.g. metric["dropout-rate"]'],
    ["price price", 'at character 7: unexpected "price" after a complete expression'],
    ["", "at character 1: the formula is empty"],
    ["and", 'at character 1: "and" is a reserved word and cannot stand here'],
  ])("%s", (expression, message) => {
    expect(ruleIssue(expression)).toEqual(expect.objectContaining({ code: "formula_syntax", at: AT, message }));
  });

  it("a formula longer than the limit", () => {
    const found = ruleIssue("1".padEnd(FORMULA_LIMITS.maxLength + 1, " "));
    expect(found).toMatchObject({ code: "formula_too_long", at: AT });
    expect(found.message).toBe("the formula is 10001 characters long, more than the limit of 10000");
  });

  it("a formula nested deeper than the limit", () => {
    const found = ruleIssue(`${"(".repeat(100)}1${")".repeat(100)}`);
    expect(found).toMatchObject({ code: "formula_too_deep", at: AT });
    expect(found.message).toBe(
      "at character 65: the formula nests deeper than 64 levels; split it into named formulas",
    );
  });

  it("a number with more digits than the limit", () => {
    const found = ruleIssue(`${"9".repeat(41)} * 2`);
    expect(found).toMatchObject({
      code: "formula_number_too_long",
      at: AT,
      message: "at character 1: a number has more than 40 digits",
    });
  });

  it("parseFormula throws the same problem as a FormulaError", () => {
    expect(() => parseFormula("1 +")).toThrow(FormulaError);
    expect(() => parseFormula("1 +")).toThrow("at character 4: the formula ends where a value was expected");
  });
});

describe("formula name, argument and type errors", () => {
  it.each([
    [
      "pric * 2",
      "formula_unknown_name",
      'at character 1: unknown name "pric": not a parameter or a formula of the contract',
    ],
    [
      "dropout * 2",
      "formula_unknown_name",
      'at character 1: unknown name "dropout": not a parameter or a formula of the contract (for the metric write metric.dropout)',
    ],
    ["param.prize", "formula_unknown_name", 'at character 1: unknown parameter "prize": declare it under parameters'],
    ["formula.bonsu", "formula_unknown_name", 'at character 1: unknown formula "bonsu": declare it under formulas'],
    ["metric.dropuot", "formula_unknown_name", 'at character 1: unknown metric "dropuot": declare it under metrics'],
    [
      "input.quantity",
      "formula_unknown_name",
      'at character 1: unknown line input "quantity": declare it under inputs',
    ],
    [
      "2 * maximum(1, 2)",
      "formula_unknown_function",
      'at character 5: unknown function "maximum"; the functions are if, min, max, sum, avg, clamp, abs, round, floor, ceil, safeDiv, interpolate, tiers, lookup, previous, lastYear, window',
    ],
    ["clamp(price, 0)", "formula_arguments", "at character 1: clamp takes 3 arguments, got 2: clamp(x, low, high)"],
    ["abs()", "formula_arguments", "at character 1: abs takes 1 argument, got 0: abs(x)"],
    [
      "round(price, 1.5)",
      "formula_arguments",
      "at character 14: the places of round must be a whole number from 0 to 20 written as digits",
    ],
    [
      "interpolate(price, 1, [2, 3])",
      "formula_arguments",
      "at character 20: each point of interpolate is a pair [x, y] written in place, e.g. [10, 500]",
    ],
    [
      "lookup(region, region)",
      "formula_arguments",
      'at character 8: the first argument of lookup is the table\'s id in quotes, e.g. lookup("price", input.region)',
    ],
    [
      'lookup("price", region, region)',
      "formula_arguments",
      'at character 1: table "price" has 1 input column, so lookup takes 1 key, got 2',
    ],
    [
      'lookup("prices", region)',
      "formula_unknown_table",
      'at character 8: unknown decision table "prices": declare it under tables',
    ],
    [
      "sum(window(metric.dropout, 0))",
      "formula_arguments",
      "at character 28: the periods of window must be a whole number from 1 to 100 written as digits",
    ],
    ["sum([])", "formula_arguments", "at character 5: a list needs at least one item"],
    ["price + region", "formula_type", "at character 9: each side of + must be a number, got a text"],
    ["if(price, 1, 2)", "formula_type", "at character 4: the condition of if must be true/false, got a number"],
    [
      "if(price > 1, 1, region)",
      "formula_type",
      "at character 1: both branches of if must have one type, got a number and a text",
    ],
    [
      "if(region == 1, 1, 2)",
      "formula_type",
      "at character 4: == compares values of one type, got a text and a number",
    ],
    ['lookup("price", price)', "formula_type", "at character 17: a key of lookup must be a text, got a number"],
    [
      "previous(metric.dropout, region)",
      "formula_type",
      "at character 1: the value and the fallback of previous must have one type, got a number and a text",
    ],
    ["not price", "formula_type", "at character 5: the operand of not must be true/false, got a number"],
    [
      "interpolate(price, [10, 1], [10.0, 2])",
      "formula_points_not_increasing",
      "at character 30: the points of interpolate must have strictly increasing first coordinates, but 10.0 follows 10",
    ],
  ])("%s", (expression, code, message) => {
    expect(ruleIssue(expression)).toEqual(expect.objectContaining({ code, at: AT, message }));
  });

  it("a relative improvement of a metric whose baseline is zero", () => {
    const found = ruleIssue("relativeImprovement.dropout * 1000", {
      metrics: [
        {
          ...contractJson().metrics[0]!,
          baseline: { value: 0, period: { start: "2022-09-01", end: "2025-08-31" }, source: "registry" },
        },
      ],
    });
    expect(found).toMatchObject({
      code: "zero_baseline",
      at: AT,
      message:
        'at character 1: metric "dropout" has a zero baseline, so a relative improvement is undefined; use improvement.dropout',
    });
  });

  it("a pricing formula that does not give a number", () => {
    const found = ruleIssue("price > 10");
    expect(found).toMatchObject({
      code: "formula_type",
      at: AT,
      message: "a pricing formula must give a number (an amount), but this one gives true/false",
    });
  });

  it("a tranche formula that reads a line input", () => {
    const found = ruleIssue("qty * price", {
      inputs: { quantity: "number" },
      formulas: [{ id: "qty", expression: "input.quantity" }],
    });
    expect(found).toMatchObject({
      code: "formula_line_input",
      at: AT,
      message: 'the formula reads the line input "quantity", which only priceLines provides: a tranche has no lines',
    });
  });

  it("a formula rule naming an unknown metric for its caps", () => {
    const issues = contractIssues(
      contractJson({ tranches: [tranche({ pricing: { type: "formula", expression: "1", metric: "dropuot" } })] }),
    );
    expect(codesAt(issues)).toEqual([{ code: "unknown_metric", at: "$.tranches[0].pricing.metric" }]);
  });
});

describe("named formula errors", () => {
  const formulaIssues = (formulas: unknown, extra: object = {}) =>
    contractIssues(contractJson({ ...base, ...extra, formulas } as never));

  it("a cycle between formulas", () => {
    const issues = formulaIssues([
      { id: "a", expression: "b + 1" },
      { id: "b", expression: "c * 2" },
      { id: "c", expression: "formula.a" },
    ]);
    expect(codesAt(issues)).toEqual([{ code: "formula_cycle", at: "$.formulas[0].expression" }]);
    expect(issues[0]!.message).toBe('formula "a" depends on itself: a → b → c → a');
  });

  it("a formula that refers to itself", () => {
    expect(codesAt(formulaIssues([{ id: "a", expression: "a + 1" }]))).toEqual([
      { code: "formula_cycle", at: "$.formulas[0].expression" },
    ]);
  });

  it("a type error in a named formula, with its position", () => {
    const issues = formulaIssues([{ id: "a", expression: "1 +  region" }]);
    expect(issues).toEqual([
      expect.objectContaining({
        code: "formula_type",
        at: "$.formulas[0].expression",
        message: "at character 6: each side of + must be a number, got a text",
      }),
    ]);
  });

  it("a formula's type is known to the formulas that use it", () => {
    const issues = formulaIssues([
      { id: "eligible", expression: "price > 10" },
      { id: "a", expression: "eligible * 2" },
    ]);
    expect(issues).toEqual([
      expect.objectContaining({
        code: "formula_type",
        at: "$.formulas[1].expression",
        message: "at character 1: each side of * must be a number, got true/false",
      }),
    ]);
  });

  it("duplicate formula id", () => {
    expect(
      codesAt(
        formulaIssues([
          { id: "a", expression: "1" },
          { id: "a", expression: "2" },
        ]),
      ),
    ).toEqual([{ code: "duplicate_id", at: "$.formulas[1].id" }]);
  });

  it("a name that is both a parameter and a formula", () => {
    const issues = formulaIssues([{ id: "price", expression: "1" }]);
    expect(issues).toEqual([
      expect.objectContaining({
        code: "duplicate_name",
        at: "$.formulas[0].id",
        message: '"price" names both a parameter and a formula: a bare name would be ambiguous',
      }),
    ]);
  });

  it("more formulas than the limit", () => {
    const many = Array.from({ length: FORMULA_LIMITS.maxFormulas + 1 }, (_, i) => ({ id: `f${i}`, expression: "1" }));
    expect(formulaIssues(many)).toEqual([
      expect.objectContaining({
        code: "too_many_formulas",
        at: "$.formulas",
        message: "the contract has 1001 formulas, more than the limit of 1000",
      }),
    ]);
  });

  it("an amendment that makes a cycle is reported at the amendment", () => {
    const issues = contractIssues(
      contractJson({
        ...base,
        formulas: [
          { id: "a", expression: "b + 1" },
          { id: "b", expression: "2" },
        ],
        amendments: [
          {
            id: "A1",
            description: "b now depends on a",
            agreedOn: "2027-01-01",
            effectiveFrom: "2027-09-01",
            changes: [{ formula: "b", expression: "a * 2" }],
          },
        ],
      } as never),
    );
    expect(codesAt(issues)).toEqual([{ code: "formula_cycle", at: "$.amendments[0].changes[0].expression" }]);
    expect(issues[0]!.message).toBe('under the terms amended by A1: formula "a" depends on itself: a → b → a');
  });

  it("an amendment that changes a formula's type breaks the formulas that use it", () => {
    const issues = contractIssues(
      contractJson({
        ...base,
        formulas: [
          { id: "a", expression: "b + 1" },
          { id: "b", expression: "2" },
        ],
        amendments: [
          {
            id: "A1",
            description: "b becomes a test",
            agreedOn: "2027-01-01",
            effectiveFrom: "2027-09-01",
            changes: [{ formula: "b", expression: "price > 2" }],
          },
        ],
      } as never),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        code: "formula_type",
        at: "$.formulas[0].expression",
        message: "under the terms amended by A1: at character 1: each side of + must be a number, got true/false",
      }),
    ]);
  });
});

describe("decision table and parameter errors", () => {
  const tableIssues = (table: object) => contractIssues(contractJson({ tables: [{ ...TABLE, ...table }] } as never));

  it("a row with the wrong number of keys", () => {
    const issues = tableIssues({ rows: [{ when: ["north", "*"], then: "5" }] });
    expect(issues).toEqual([
      expect.objectContaining({
        code: "table_row_width",
        at: "$.tables[0].rows[0].when",
        message: "the row has 2 keys but the table has 1 input column (region)",
      }),
    ]);
  });

  it("a row valid from after its end", () => {
    const issues = tableIssues({ rows: [{ when: ["*"], then: "5", validFrom: "2028-01-01", validTo: "2027-01-01" }] });
    expect(issues).toEqual([
      expect.objectContaining({
        code: "range_reversed",
        at: "$.tables[0].rows[0]",
        message: "the row is valid from 2028-01-01 to 2027-01-01: the start is after the end",
      }),
    ]);
  });

  it("an input column listed twice", () => {
    expect(codesAt(tableIssues({ inputs: ["region", "region"], rows: [{ when: ["*", "*"], then: "1" }] }))).toEqual([
      { code: "duplicate_input", at: "$.tables[0].inputs[1]" },
    ]);
  });

  it("duplicate table id", () => {
    expect(codesAt(contractIssues(contractJson({ tables: [TABLE, TABLE] } as never)))).toEqual([
      { code: "duplicate_id", at: "$.tables[1].id" },
    ]);
  });

  it("an output that is not a decimal", () => {
    const issues = tableIssues({ rows: [{ when: ["*"], then: "five" }] });
    expect(issues).toEqual([
      expect.objectContaining({
        code: "invalid_decimal",
        at: "$.tables[0].rows[0].then",
        message: 'expected the output as a decimal string such as "12.50"',
      }),
    ]);
  });

  it("a table without rows", () => {
    expect(codesAt(tableIssues({ rows: [] }))).toEqual([{ code: "empty", at: "$.tables[0].rows" }]);
  });

  it("a parameter string that is not a decimal", () => {
    const issues = contractIssues(contractJson({ parameters: { price: "12,50" } } as never));
    expect(codesAt(issues)).toEqual([{ code: "invalid_decimal", at: "$.parameters.price" }]);
    expect(issues[0]!.message).toBe('expected a decimal string such as "12.50" or "5%"');
  });

  it("a parameter that is neither a decimal string nor a text", () => {
    const issues = contractIssues(contractJson({ parameters: { price: 12.5 } } as never));
    expect(codesAt(issues)).toEqual([{ code: "invalid_type", at: "$.parameters.price" }]);
    expect(issues[0]!.message).toBe(
      'expected a parameter: a decimal string such as "12.50", or a text as { "text": "north" }',
    );
  });
});

describe("errors met while evaluating", () => {
  const settleWith =
    (expression: string, extra: object = {}) =>
    () =>
      settleJson(
        contractJson({ ...base, ...extra, tranches: [tranche({ pricing: { type: "formula", expression } })] } as never),
        [verified("r1", "dropout", "p1", "20")],
        "2027-12-31",
      );

  it("division by zero in the rule", () => {
    expect(settleWith("1000 / improvement.dropout")).toThrow(FormulaError);
    try {
      settleWith("1000 / improvement.dropout")();
    } catch (error) {
      expect(codesAt((error as FormulaError).issues)).toEqual([
        { code: "formula_division_by_zero", at: "$.tranches[0].pricing.expression" },
      ]);
    }
  });

  it("division by zero inside a named formula is reported at that formula", () => {
    try {
      settleWith("share * 100", { formulas: [{ id: "share", expression: "price / improvement.dropout" }] })();
      expect.unreachable();
    } catch (error) {
      expect((error as FormulaError).issues).toEqual([
        expect.objectContaining({
          code: "formula_division_by_zero",
          at: "$.formulas[0].expression",
          message: "at character 1: division by zero (use safeDiv(a, b, fallback) when the divisor can be zero)",
        }),
      ]);
    }
  });

  it("points of tiers that do not increase (from a parameter: only evaluation can tell)", () => {
    expect(settleWith("tiers(price, [price, 1], [5, 2])")).toThrow(
      "at character 1: the points of tiers must have strictly increasing first coordinates, but 5 follows 12.5",
    );
  });
});
