import { compare, exactOfText } from "./exact.js";
import { FORMULA_LIMITS, type FormulaNode } from "./syntax.js";
import { position, type FormulaProblem } from "./parse.js";

/** The types of formula values: decimals, truth values, texts (table keys) and lists of decimals. */
export type FormulaType = "number" | "boolean" | "text" | "list";

/** What a formula may refer to, and the types of what it finds. Maps only: never a JavaScript object. */
export interface FormulaScope {
  readonly metrics: ReadonlySet<string>;
  readonly params: ReadonlyMap<string, "number" | "text">;
  /** Named formulas with their type when already known (`undefined` while being checked). */
  readonly formulas: ReadonlyMap<string, FormulaType | undefined>;
  /** Decision tables and their number of input columns. */
  readonly tables: ReadonlyMap<string, number>;
  /** Per-line inputs (for `priceLines`) and their types. */
  readonly inputs: ReadonlyMap<string, "number" | "text">;
  /** Metrics whose baseline is zero: their relative improvement is undefined. */
  readonly zeroBaselines?: ReadonlySet<string>;
}

/** What a formula uses, for dependency order, cycles and the results it needs. */
export interface FormulaUses {
  readonly formulas: Set<string>;
  readonly metrics: Set<string>;
  readonly inputs: Set<string>;
  /** True when it reads other periods (previous, lastYear, window). */
  periods: boolean;
}

export interface CheckedFormula {
  readonly type: FormulaType | undefined;
  readonly problems: readonly FormulaProblem[];
  readonly uses: FormulaUses;
}

const an = (type: FormulaType): string =>
  type === "number" ? "a number" : type === "boolean" ? "true/false" : type === "text" ? "a text" : "a list";

/** The functions of the language with their argument counts (min, max), for messages. */
export const FUNCTIONS: ReadonlyMap<string, { readonly min: number; readonly max: number; readonly usage: string }> =
  new Map([
    ["if", { min: 3, max: 3, usage: "if(condition, then, otherwise)" }],
    ["min", { min: 1, max: Infinity, usage: "min(a, b, ...) or min(list)" }],
    ["max", { min: 1, max: Infinity, usage: "max(a, b, ...) or max(list)" }],
    ["sum", { min: 1, max: Infinity, usage: "sum(a, b, ...) or sum(list)" }],
    ["avg", { min: 1, max: Infinity, usage: "avg(a, b, ...) or avg(list)" }],
    ["clamp", { min: 3, max: 3, usage: "clamp(x, low, high)" }],
    ["abs", { min: 1, max: 1, usage: "abs(x)" }],
    ["round", { min: 1, max: 2, usage: "round(x, places)" }],
    ["floor", { min: 1, max: 2, usage: "floor(x, places)" }],
    ["ceil", { min: 1, max: 2, usage: "ceil(x, places)" }],
    ["safeDiv", { min: 3, max: 3, usage: "safeDiv(a, b, fallback)" }],
    ["interpolate", { min: 3, max: Infinity, usage: "interpolate(x, [x1, y1], [x2, y2], ...)" }],
    ["tiers", { min: 2, max: Infinity, usage: "tiers(x, [from1, value1], [from2, value2], ...)" }],
    ["lookup", { min: 2, max: Infinity, usage: 'lookup("table", key1, key2, ...)' }],
    ["previous", { min: 2, max: 2, usage: "previous(x, fallback)" }],
    ["lastYear", { min: 2, max: 2, usage: "lastYear(x, fallback)" }],
    ["window", { min: 2, max: 2, usage: "window(x, periods)" }],
  ]);

/** A small non-negative integer literal (places, window size), or undefined. */
export function integerLiteral(node: FormulaNode | undefined): number | undefined {
  return node !== undefined && node.kind === "number" && /^\d+$/.test(node.text) && node.text.length <= 4
    ? Number(node.text)
    : undefined;
}

/**
 * Type-checks a formula's tree against what it may refer to: every name resolved, every function given the
 * right number and types of arguments. Returns the formula's type (when it has one), every problem found,
 * and what it uses.
 */
export function checkFormulaTree(tree: FormulaNode, scope: FormulaScope): CheckedFormula {
  const problems: FormulaProblem[] = [];
  const uses: FormulaUses = { formulas: new Set(), metrics: new Set(), inputs: new Set(), periods: false };
  const problem = (at: number, code: string, message: string): undefined => {
    problems.push({ at, code, message: `${position(at)}: ${message}` });
    return undefined;
  };
  const expect = (node: FormulaNode, wanted: FormulaType, what: string): void => {
    const type = visit(node);
    if (type !== undefined && type !== wanted)
      problem(node.at, "formula_type", `${what} must be ${an(wanted)}, got ${an(type)}`);
  };
  const numbersOrLists = (node: FormulaNode & { kind: "call" }): FormulaType | undefined => {
    for (const arg of node.args) {
      const type = visit(arg);
      if (type !== undefined && type !== "number" && type !== "list")
        problem(arg.at, "formula_type", `the arguments of ${node.name} must be numbers or lists, got ${an(type)}`);
    }
    return "number";
  };
  const points = (node: FormulaNode & { kind: "call" }): void => {
    node.args.slice(1).forEach((arg) => {
      if (arg.kind !== "list" || arg.items.length !== 2) {
        problem(
          arg.at,
          "formula_arguments",
          `each point of ${node.name} is a pair [x, y] written in place, e.g. [10, 500]`,
        );
        return;
      }
      for (const item of arg.items) expect(item, "number", `a coordinate of ${node.name}`);
    });
    // Points written as numbers are checked now; others (parameters) when evaluated.
    const firsts = node.args
      .slice(1)
      .map((arg) => (arg.kind === "list" && arg.items[0]?.kind === "number" ? arg.items[0] : undefined));
    for (let i = 1; i < firsts.length; i += 1) {
      const [before, current] = [firsts[i - 1], firsts[i]];
      if (
        before !== undefined &&
        current !== undefined &&
        !(compare(exactOfText(current.text)!, exactOfText(before.text)!) > 0)
      ) {
        problem(
          current.at,
          "formula_points_not_increasing",
          `the points of ${node.name} must have strictly increasing first coordinates, but ${current.text} follows ${before.text}`,
        );
      }
    }
  };

  function visit(node: FormulaNode): FormulaType | undefined {
    switch (node.kind) {
      case "number":
        return "number";
      case "text":
        return "text";
      case "boolean":
        return "boolean";
      case "list":
        if (node.items.length === 0) return problem(node.at, "formula_arguments", "a list needs at least one item");
        for (const item of node.items) expect(item, "number", "an item of a list");
        return "list";
      case "negate":
        expect(node.operand, "number", "the operand of -");
        return "number";
      case "not":
        expect(node.operand, "boolean", "the operand of not");
        return "boolean";
      case "binary": {
        const op = node.operator;
        if (op === "and" || op === "or") {
          expect(node.left, "boolean", `each side of ${op}`);
          expect(node.right, "boolean", `each side of ${op}`);
          return "boolean";
        }
        if (op === "==" || op === "!=") {
          const left = visit(node.left);
          const right = visit(node.right);
          if (left === "list" || right === "list")
            return problem(node.at, "formula_type", `lists cannot be compared with ${op}`);
          if (left !== undefined && right !== undefined && left !== right)
            return problem(
              node.at,
              "formula_type",
              `${op} compares values of one type, got ${an(left)} and ${an(right)}`,
            );
          return "boolean";
        }
        expect(node.left, "number", `each side of ${op}`);
        expect(node.right, "number", `each side of ${op}`);
        return op === "<" || op === "<=" || op === ">" || op === ">=" ? "boolean" : "number";
      }
      case "name": {
        const param = scope.params.get(node.name);
        if (param !== undefined) return param;
        if (scope.formulas.has(node.name)) {
          uses.formulas.add(node.name);
          return scope.formulas.get(node.name);
        }
        const hint = scope.metrics.has(node.name)
          ? ` (for the metric write metric.${node.name})`
          : FUNCTIONS.has(node.name)
            ? ` (${node.name} is a function: ${FUNCTIONS.get(node.name)!.usage})`
            : "";
        return problem(
          node.at,
          "formula_unknown_name",
          `unknown name "${node.name}": not a parameter or a formula of the contract${hint}`,
        );
      }
      case "ref": {
        const { namespace, name } = node;
        if (namespace === "param") {
          return (
            scope.params.get(name) ??
            problem(node.at, "formula_unknown_name", `unknown parameter "${name}": declare it under parameters`)
          );
        }
        if (namespace === "formula") {
          if (!scope.formulas.has(name))
            return problem(node.at, "formula_unknown_name", `unknown formula "${name}": declare it under formulas`);
          uses.formulas.add(name);
          return scope.formulas.get(name);
        }
        if (namespace === "input") {
          const type = scope.inputs.get(name);
          if (type === undefined)
            return problem(node.at, "formula_unknown_name", `unknown line input "${name}": declare it under inputs`);
          uses.inputs.add(name);
          return type;
        }
        if (!scope.metrics.has(name))
          return problem(node.at, "formula_unknown_name", `unknown metric "${name}": declare it under metrics`);
        if (namespace === "relativeImprovement" && scope.zeroBaselines?.has(name) === true) {
          problem(
            node.at,
            "zero_baseline",
            `metric "${name}" has a zero baseline, so a relative improvement is undefined; use improvement.${name}`,
          );
        }
        if (namespace !== "baseline") uses.metrics.add(name);
        return "number";
      }
      case "call":
        return call(node);
    }
  }

  function call(node: FormulaNode & { kind: "call" }): FormulaType | undefined {
    const signature = FUNCTIONS.get(node.name);
    if (signature === undefined) {
      const known = [...FUNCTIONS.keys()].join(", ");
      node.args.forEach(visit);
      return problem(
        node.at,
        "formula_unknown_function",
        `unknown function "${node.name}"; the functions are ${known}`,
      );
    }
    const count = node.args.length;
    if (count < signature.min || count > signature.max) {
      const wanted =
        signature.min === signature.max
          ? `${signature.min}`
          : signature.max === Infinity
            ? `at least ${signature.min}`
            : `${signature.min} to ${signature.max}`;
      node.args.forEach(visit);
      return problem(
        node.at,
        "formula_arguments",
        `${node.name} takes ${wanted} argument${wanted === "1" ? "" : "s"}, got ${count}: ${signature.usage}`,
      );
    }
    const [first, second, third] = node.args as [FormulaNode, FormulaNode, FormulaNode];
    switch (node.name) {
      case "if": {
        expect(first, "boolean", "the condition of if");
        const a = visit(second);
        const b = visit(third);
        if (a !== undefined && b !== undefined && a !== b)
          return problem(node.at, "formula_type", `both branches of if must have one type, got ${an(a)} and ${an(b)}`);
        return a ?? b;
      }
      case "min":
      case "max":
      case "sum":
      case "avg":
        return numbersOrLists(node);
      case "clamp":
      case "safeDiv":
        for (const arg of node.args) expect(arg, "number", `each argument of ${node.name}`);
        return "number";
      case "abs":
        expect(first, "number", "the argument of abs");
        return "number";
      case "round":
      case "floor":
      case "ceil": {
        expect(first, "number", `the value to ${node.name}`);
        if (second !== undefined) {
          const places = integerLiteral(second);
          if (places === undefined || places > FORMULA_LIMITS.maxPlaces)
            problem(
              second.at,
              "formula_arguments",
              `the places of ${node.name} must be a whole number from 0 to ${FORMULA_LIMITS.maxPlaces} written as digits`,
            );
        }
        return "number";
      }
      case "interpolate":
      case "tiers":
        expect(first, "number", `the value of ${node.name}`);
        points(node);
        return "number";
      case "lookup": {
        if (first.kind !== "text")
          return problem(
            first.at,
            "formula_arguments",
            'the first argument of lookup is the table\'s id in quotes, e.g. lookup("price", input.region)',
          );
        const columns = scope.tables.get(first.value);
        node.args.slice(1).forEach((arg) => expect(arg, "text", "a key of lookup"));
        if (columns === undefined)
          return problem(
            first.at,
            "formula_unknown_table",
            `unknown decision table "${first.value}": declare it under tables`,
          );
        if (columns !== count - 1)
          return problem(
            node.at,
            "formula_arguments",
            `table "${first.value}" has ${columns} input column${columns === 1 ? "" : "s"}, so lookup takes ${columns} key${columns === 1 ? "" : "s"}, got ${count - 1}`,
          );
        return "number";
      }
      case "previous":
      case "lastYear": {
        uses.periods = true;
        const a = visit(first);
        const b = visit(second);
        if (a !== undefined && b !== undefined && a !== b)
          return problem(
            node.at,
            "formula_type",
            `the value and the fallback of ${node.name} must have one type, got ${an(a)} and ${an(b)}`,
          );
        return a ?? b;
      }
      case "window": {
        uses.periods = true;
        expect(first, "number", "the value of window");
        const n = integerLiteral(second);
        if (n === undefined || n < 1 || n > FORMULA_LIMITS.maxWindow)
          problem(
            second.at,
            "formula_arguments",
            `the periods of window must be a whole number from 1 to ${FORMULA_LIMITS.maxWindow} written as digits`,
          );
        return "list";
      }
    }
    return undefined;
  }

  return { type: visit(tree), problems, uses };
}
