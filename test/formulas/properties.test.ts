import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluateFormula,
  FormulaError,
  parseFormula,
  printFormula,
  safeParseContract,
  ContractError,
  type FormulaNode,
} from "../../src/index.js";
import { Dec, plain } from "../../src/money/decimal.js";
import { contractJson, tranche } from "../support/contract-builder.js";

/** Laws of the formula language: exact arithmetic, print/parse round trip, and no input that breaks it. */

/** A random arithmetic expression as text, with its value computed directly with the decimal type. */
type Arith = { readonly text: string; readonly value: Dec | "division-by-zero" };

const decimalLiteral = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
  .map(([digits, scale]): Arith => {
    const text =
      scale === 0
        ? digits.toString()
        : `${digits / 10n ** BigInt(scale)}.${(digits % 10n ** BigInt(scale)).toString().padStart(scale, "0")}`;
    return { text, value: new Dec(text) };
  });

const combine = (op: string, a: Arith, b: Arith): Arith => {
  const text = `(${a.text} ${op} ${b.text})`;
  if (a.value === "division-by-zero" || b.value === "division-by-zero") return { text, value: "division-by-zero" };
  switch (op) {
    case "+":
      return { text, value: a.value.plus(b.value) };
    case "-":
      return { text, value: a.value.minus(b.value) };
    case "*":
      return { text, value: a.value.times(b.value) };
    default:
      return { text, value: b.value.isZero() ? "division-by-zero" : a.value.div(b.value) };
  }
};

const arithmetic: fc.Arbitrary<Arith> = fc.letrec<{ expr: Arith }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 5, depthIdentifier: "arith" },
    decimalLiteral,
    fc.tuple(fc.constantFrom("+", "-", "*", "/"), tie("expr"), tie("expr")).map(([op, a, b]) => combine(op, a, b)),
    tie("expr").map(
      (a): Arith => ({ text: `-${a.text}`, value: a.value === "division-by-zero" ? a.value : a.value.neg() }),
    ),
    fc.tuple(fc.constantFrom("min", "max"), tie("expr"), tie("expr")).map(
      ([fn, a, b]): Arith => ({
        text: `${fn}(${a.text}, ${b.text})`,
        value:
          a.value === "division-by-zero" || b.value === "division-by-zero"
            ? "division-by-zero"
            : fn === "min"
              ? Dec.min(a.value, b.value)
              : Dec.max(a.value, b.value),
      }),
    ),
    tie("expr").map(
      (a): Arith => ({ text: `abs(${a.text})`, value: a.value === "division-by-zero" ? a.value : a.value.abs() }),
    ),
    fc.tuple(tie("expr"), fc.integer({ min: 0, max: 4 })).map(
      ([a, places]): Arith => ({
        text: `round(${a.text}, ${places})`,
        value: a.value === "division-by-zero" ? a.value : a.value.toDecimalPlaces(places, Dec.ROUND_HALF_UP),
      }),
    ),
  ),
})).expr;

const IDENT = fc
  .stringMatching(/^[a-z_][A-Za-z0-9_]{0,6}$/)
  .filter(
    (name) =>
      ![
        "and",
        "or",
        "not",
        "true",
        "false",
        "metric",
        "baseline",
        "improvement",
        "relativeImprovement",
        "param",
        "formula",
        "input",
      ].includes(name),
  );

/** Random syntax trees (any shape the parser can produce, types aside). */
const tree: fc.Arbitrary<FormulaNode> = fc.letrec<{ node: FormulaNode }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 4, depthIdentifier: "tree" },
    fc.stringMatching(/^[0-9]{1,8}(\.[0-9]{1,4})?$/).map((text): FormulaNode => ({ kind: "number", at: 0, text })),
    fc.string({ maxLength: 8 }).map((value): FormulaNode => ({ kind: "text", at: 0, value })),
    fc.boolean().map((value): FormulaNode => ({ kind: "boolean", at: 0, value })),
    IDENT.map((name): FormulaNode => ({ kind: "name", at: 0, name })),
    fc
      .tuple(
        fc.constantFrom(
          "metric",
          "baseline",
          "improvement",
          "relativeImprovement",
          "param",
          "formula",
          "input" as const,
        ),
        fc.string({ maxLength: 10 }),
      )
      .map(([namespace, name]): FormulaNode => ({ kind: "ref", at: 0, namespace, name })),
    tie("node").map((operand): FormulaNode => ({ kind: "negate", at: 0, operand })),
    tie("node").map((operand): FormulaNode => ({ kind: "not", at: 0, operand })),
    fc
      .tuple(
        fc.constantFrom("+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "and", "or" as const),
        tie("node"),
        tie("node"),
      )
      .map(([operator, left, right]): FormulaNode => ({ kind: "binary", at: 0, operator, left, right })),
    fc
      .tuple(IDENT, fc.array(tie("node"), { maxLength: 3 }))
      .map(([name, args]): FormulaNode => ({ kind: "call", at: 0, name, args })),
    fc.array(tie("node"), { minLength: 1, maxLength: 3 }).map((items): FormulaNode => ({ kind: "list", at: 0, items })),
  ),
})).node;

/** A tree without its character positions. */
const shape = (node: unknown): unknown =>
  Array.isArray(node)
    ? node.map(shape)
    : node !== null && typeof node === "object"
      ? Object.fromEntries(
          Object.entries(node)
            .filter(([key]) => key !== "at")
            .map(([key, value]) => [key, shape(value)]),
        )
      : node;

describe("formula properties", () => {
  it("evaluation equals the same arithmetic written directly with decimals", () => {
    fc.assert(
      fc.property(arithmetic, ({ text, value }) => {
        if (value === "division-by-zero") {
          expect(() => evaluateFormula(text)).toThrow(FormulaError);
        } else {
          expect(evaluateFormula(text)).toBe(plain(value));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("printing a parsed formula and parsing it again gives the same tree", () => {
    fc.assert(
      fc.property(tree, (node) => {
        const printed = printFormula(node);
        expect(shape(parseFormula(printed))).toEqual(shape(node));
        expect(printFormula(parseFormula(printed))).toBe(printed);
      }),
      { numRuns: 200 },
    );
  });

  const fragments = fc.constantFrom(
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    "+",
    "-",
    "*",
    "/",
    "<",
    "<=",
    "==",
    "!=",
    " and ",
    " or ",
    "not ",
    "true",
    "false",
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "metric",
    "metric.dropout",
    'metric["__proto__"]',
    "param",
    "param.constructor",
    "formula.__proto__",
    "input.x",
    "baseline.dropout",
    "improvement.dropout",
    "if(",
    "min(",
    "sum(",
    "avg(",
    "lookup(",
    'lookup("__proto__", ',
    "interpolate(",
    "tiers(",
    "window(",
    "previous(",
    "round(",
    "safeDiv(",
    '"',
    "\\",
    '"text"',
    "0",
    "1",
    "0.5",
    "9".repeat(40),
    "9".repeat(41),
    "1e400",
    ".5",
    "5.",
    "price",
    "x",
    "\u0000",
    "é",
    "\n",
  );
  const fuzzText = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join("")),
    fc.integer({ min: 60, max: 5000 }).map((n) => "(".repeat(n) + "1" + ")".repeat(n)),
    fc.integer({ min: 60, max: 5000 }).map((n) => "-".repeat(n) + "1"),
    fc.integer({ min: 60, max: 5000 }).map((n) => Array.from({ length: n }, () => "1").join(" + ")),
    fc.integer({ min: 10_001, max: 20_000 }).map((n) => "1".padEnd(n, " ")),
  );

  it("no input string makes the parser, checker or evaluator throw anything but a FormulaError", () => {
    fc.assert(
      fc.property(fuzzText, (text) => {
        try {
          evaluateFormula(text, { parameters: { price: "12.5", x: { text: "north" } } });
        } catch (error) {
          expect(error).toBeInstanceOf(FormulaError);
          expect((error as FormulaError).issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("no formula in a contract makes parseContract throw or report anything but ContractError issues", () => {
    fc.assert(
      fc.property(fuzzText, (text) => {
        const result = safeParseContract(
          contractJson({ tranches: [tranche({ pricing: { type: "formula", expression: text } })] }),
        );
        if (!result.success) {
          expect(result.error).toBeInstanceOf(ContractError);
          for (const found of result.error.issues)
            expect(found.at).toMatch(/^\$\.tranches\[0\]\.pricing(\.expression)?$/);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("__proto__ and constructor are only unknown names, never JavaScript objects", () => {
    for (const text of [
      "__proto__",
      "constructor",
      "param.__proto__",
      'param["constructor"]',
      "formula.toString",
      "metric.__proto__",
    ]) {
      expect(() => evaluateFormula(text)).toThrow(/unknown (name|parameter|formula|metric)/);
    }
    // A parameter that is really named __proto__ is an ordinary parameter.
    expect(
      evaluateFormula('param["__proto__"] * 2', {
        parameters: JSON.parse('{"__proto__": "21"}') as Record<string, string>,
      }),
    ).toBe("42");
  });

  it("a contract whose parameters have a key __proto__ pollutes nothing: it is an ordinary parameter", () => {
    const json = JSON.parse(
      JSON.stringify(
        contractJson({ tranches: [tranche({ pricing: { type: "formula", expression: 'param["__proto__"] * 2' } })] }),
      ),
    ) as Record<string, unknown>;
    json.parameters = JSON.parse('{"__proto__": { "text": "polluted" }, "constructor": "3"}');
    const result = safeParseContract(json);
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.issues.map((found) => found.message)).toEqual([
        // read as the text parameter it is (zod alone would have dropped the key: the name was then unknown)
        "at character 1: each side of * must be a number, got a text",
      ]);
    expect(({} as Record<string, unknown>).text).toBeUndefined();
  });
});
