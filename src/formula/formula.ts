import { Exact, exactOfText, plainText } from "./exact.js";
import { describeValue } from "../errors/describe-value.js";
import { issue } from "../errors/validation-error.js";
import { FormulaError } from "../errors/formula-error.js";
import { parseFormulaText } from "./parse.js";
import { checkFormulaTree, type FormulaType } from "./check.js";
import { compileFormula, FormulaRuntimeProblem, type FormulaRuntime, type FormulaValue } from "./evaluate.js";
import type { FormulaNode } from "./syntax.js";
import { markIssued } from "../util/issued.js";

/**
 * Reads a formula into its syntax tree (every node with its character offset `at`). Only the syntax is
 * checked here; names and types are checked against a contract by `parseContract`, or by `evaluateFormula`.
 *
 * @example
 * parseFormula("quantity * 2"); // { kind: "binary", operator: "*", left: { kind: "name", ... }, ... }
 * @throws FormulaError with the character position of the first problem.
 */
export function parseFormula(text: string): FormulaNode {
  const parsed = parseFormulaText(text);
  if ("problem" in parsed) throw new FormulaError([issue([], parsed.problem.code, parsed.problem.message)]);
  return markIssued(parsed.tree, "formula");
}

/** The value of a standalone formula: a decimal string, true/false, a text, or a list of decimal strings. */
export type FormulaResult = string | boolean | readonly string[];

/** What `evaluateFormula` may read: parameters only. */
export interface EvaluateFormulaOptions {
  /** Named values: decimal strings (`"12.50"`, `"5%"`) or texts (`{ text: "north" }`), read by bare name or `param.x`. */
  readonly parameters?: Readonly<Record<string, string | { readonly text: string }>>;
}

/**
 * Checks and evaluates a formula on its own, over parameters only (no metrics, tables or periods): a
 * calculator with the contract language's exact arithmetic. Texts come back quoted as in the formula.
 *
 * @example
 * evaluateFormula("round(price * 1.1, 2)", { parameters: { price: "12.34" } }); // "13.57"
 * @throws FormulaError for a syntax, name or type problem, or a division by zero, with the character position.
 */
export function evaluateFormula(text: string, options: EvaluateFormulaOptions = {}): FormulaResult {
  const tree = parseFormula(text);
  const params = new Map<string, FormulaValue>();
  const types = new Map<string, "number" | "text">();
  const problems = [];
  const given = options === null || typeof options !== "object" ? undefined : options;
  if (given === undefined)
    problems.push(
      issue([], "invalid_options", `the options are an object such as { parameters }, got ${describeValue(options)}`),
    );
  for (const [name, value] of Object.entries(given?.parameters ?? {})) {
    if (typeof value === "string") {
      const decimal = exactOfText(value);
      if (decimal === undefined)
        problems.push(
          issue(
            ["parameters", name],
            "invalid_decimal",
            `parameter "${name}" must be a decimal string such as "12.50"`,
          ),
        );
      else {
        params.set(name, decimal);
        types.set(name, "number");
      }
    } else if (value !== null && typeof value === "object" && typeof value.text === "string") {
      params.set(name, value.text);
      types.set(name, "text");
    } else
      problems.push(
        issue(["parameters", name], "invalid_type", `parameter "${name}" must be a decimal string or { text }`),
      );
  }
  if (problems.length > 0) throw new FormulaError(problems);
  const checked = checkFormulaTree(tree, {
    metrics: new Set(),
    params: types,
    formulas: new Map(),
    tables: new Map(),
    inputs: new Map(),
  });
  if (checked.problems.length > 0)
    throw new FormulaError(checked.problems.map((problem) => issue([], problem.code, problem.message)));
  if (checked.uses.periods)
    throw new FormulaError([
      issue(
        [],
        "formula_periods",
        "previous, lastYear and window need a contract's periods: use them in a contract's formulas",
      ),
    ]);
  const none = (): never => {
    throw new Error("assertion: a standalone formula reads no metric, formula or table");
  };
  const runtime: FormulaRuntime = {
    metric: none,
    improvement: none,
    baseline: none,
    formula: none,
    lookup: none,
    params,
    inputs: [],
    previousScope: () => -1,
    lastYearScope: () => -1,
    scopeLabel: () => "",
    trace: undefined,
  };
  let value: FormulaValue;
  try {
    value = compileFormula(tree)(runtime, -1);
  } catch (error) {
    if (error instanceof FormulaRuntimeProblem) throw new FormulaError([issue([], error.code, error.message)]);
    throw error;
  }
  return value instanceof Exact
    ? plainText(value)
    : Array.isArray(value)
      ? (value as readonly Exact[]).map(plainText)
      : (value as string | boolean);
}

export type { FormulaNode, FormulaType };
