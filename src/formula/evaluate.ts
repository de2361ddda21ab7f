import {
  abs,
  compare,
  divide,
  EXACT_ZERO,
  Exact,
  exactFromText,
  isZero,
  minus,
  negate,
  plainText,
  plus,
  roundTo,
  times,
} from "./exact.js";
import { extreme, productOf, spine, sumOf, total } from "./folds.js";
import { position } from "./parse.js";
import { integerLiteral } from "./check.js";
import type { FormulaNode } from "./syntax.js";

/** A value during evaluation: an exact decimal, a truth value, a text, or a list of decimals. */
export type FormulaValue = Exact | boolean | string | readonly Exact[];

/** A condition met while evaluating (division by zero, no matching table row): where, a code, the words. */
export class FormulaRuntimeProblem {
  constructor(
    readonly at: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

/** One decision-table lookup, for the explanation. */
export interface LookupTrace {
  readonly table: string;
  readonly keys: readonly string[];
  readonly row: number;
  readonly value: string;
}

/** What an evaluation read, for the explanation: every reference with its value, and every table lookup. */
export interface FormulaTrace {
  readonly reads: Map<string, string>;
  readonly lookups: LookupTrace[];
}

/**
 * Where a compiled formula reads its values. Scopes are positions in the contract's period order; `-1` is a
 * scope outside it (a cohort), which has no previous period and a window of one.
 */
export interface FormulaRuntime {
  metric(id: string, scope: number): Exact;
  improvement(id: string, scope: number, relative: boolean): Exact;
  baseline(id: string): Exact;
  /** The parameters by name; the same Map (never changed) for every evaluation of one compiled formula. */
  readonly params: ReadonlyMap<string, FormulaValue>;
  formula(id: string, scope: number): FormulaValue;
  /** The row of a table for the keys; `keys` is reused by the next lookup: read it, do not keep it. */
  lookup(table: string, keys: readonly string[], at: number): { value: Exact; row: number };
  /** The values of the current line's inputs, in the order of `inputIndex` (line pricing only). */
  inputs: readonly FormulaValue[];
  previousScope(scope: number): number;
  lastYearScope(scope: number): number;
  /** A label for values read in another scope than the one being priced, e.g. " (period 2026-Q4)". */
  scopeLabel(scope: number): string;
  trace: FormulaTrace | undefined;
}

/** A formula compiled into a tree of closures: evaluate it with `run(runtime, scope)`. */
export type CompiledFormula = (runtime: FormulaRuntime, scope: number) => FormulaValue;

const ZERO = EXACT_ZERO;
/** A value as the explanation shows it. */
export const showValue = (value: FormulaValue): string =>
  value instanceof Exact
    ? plainText(value)
    : Array.isArray(value)
      ? `[${(value as readonly Exact[]).map(plainText).join(", ")}]`
      : typeof value === "string"
        ? JSON.stringify(value)
        : String(value);
const show = showValue;

/**
 * Compiles a checked tree into closures, once; each evaluation then walks no tree and resolves no names
 * except through the runtime's Maps. The tree must have passed `checkFormulaTree` (types are trusted).
 */
export function compileFormula(
  tree: FormulaNode,
  inputIndex: ReadonlyMap<string, number> = new Map(),
): CompiledFormula {
  return compile(tree, inputIndex);
}

function compile(node: FormulaNode, inputIndex: ReadonlyMap<string, number>): CompiledFormula {
  const sub = (child: FormulaNode) => compile(child, inputIndex);
  switch (node.kind) {
    case "number": {
      const value = exactFromText(node.text.startsWith(".") ? `0${node.text}` : node.text)!;
      return () => value;
    }
    case "text": {
      const value = node.value;
      return () => value;
    }
    case "boolean": {
      const value = node.value;
      return () => value;
    }
    case "list": {
      // A list of literals is one value, built once (lists are never changed once made).
      if (node.items.every((item) => item.kind === "number")) {
        const constant: readonly Exact[] = Object.freeze(node.items.map((item) => sub(item)(NO_RUNTIME, -1) as Exact));
        return () => constant;
      }
      const items = node.items.map(sub);
      return (rt, scope) => items.map((item) => item(rt, scope) as Exact);
    }
    case "negate": {
      const operand = sub(node.operand);
      // The last value negated is kept: a literal or parameter (`-fee`) is negated once, not once a line.
      let last: Exact | undefined;
      let negated: Exact = ZERO;
      return (rt, scope) => {
        const value = operand(rt, scope) as Exact;
        if (value !== last) {
          negated = negate(value);
          last = value;
        }
        return negated;
      };
    }
    case "not": {
      const operand = sub(node.operand);
      return (rt, scope) => !(operand(rt, scope) as boolean);
    }
    case "binary":
      return binary(node, sub);
    case "name":
    case "ref":
      return reference(node, inputIndex);
    case "call":
      return call(node, node.args.map(sub));
  }
}

function binary(node: FormulaNode & { kind: "binary" }, sub: (child: FormulaNode) => CompiledFormula): CompiledFormula {
  const at = node.at;
  switch (node.operator) {
    case "+":
    case "-": {
      // A chain of + and − (and one of ×) runs as one closure (see folds.ts).
      const { operands, before } = spine(node, ["+", "-"]);
      return sumOf(
        operands.map(sub),
        before.map((operator) => (operator === "-" ? -1 : 1)),
      );
    }
    case "*":
      return productOf(spine(node, ["*"]).operands.map(sub));
  }
  const left = sub(node.left);
  const right = sub(node.right);
  switch (node.operator) {
    case "/":
      return (rt, s) => {
        const dividend = left(rt, s) as Exact;
        const divisor = right(rt, s) as Exact;
        if (isZero(divisor))
          throw new FormulaRuntimeProblem(
            at,
            "formula_division_by_zero",
            `${position(at)}: division by zero (use safeDiv(a, b, fallback) when the divisor can be zero)`,
          );
        return divide(dividend, divisor);
      };
    case "<":
      return (rt, s) => compare(left(rt, s) as Exact, right(rt, s) as Exact) < 0;
    case "<=":
      return (rt, s) => compare(left(rt, s) as Exact, right(rt, s) as Exact) <= 0;
    case ">":
      return (rt, s) => compare(left(rt, s) as Exact, right(rt, s) as Exact) > 0;
    case ">=":
      return (rt, s) => compare(left(rt, s) as Exact, right(rt, s) as Exact) >= 0;
    case "==":
      return (rt, s) => same(left(rt, s), right(rt, s));
    case "!=":
      return (rt, s) => !same(left(rt, s), right(rt, s));
    case "and":
      return (rt, s) => (left(rt, s) as boolean) && (right(rt, s) as boolean);
    case "or":
      return (rt, s) => (left(rt, s) as boolean) || (right(rt, s) as boolean);
  }
}

function same(a: FormulaValue, b: FormulaValue): boolean {
  return a instanceof Exact && b instanceof Exact ? compare(a, b) === 0 : a === b;
}

function reference(
  node: FormulaNode & { kind: "name" | "ref" },
  inputIndex: ReadonlyMap<string, number>,
): CompiledFormula {
  const name = node.name;
  const namespace = node.kind === "name" ? undefined : node.namespace;
  const label =
    node.kind === "name"
      ? name
      : /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
        ? `${node.namespace}.${name}`
        : `${node.namespace}[${JSON.stringify(name)}]`;
  const record = (rt: FormulaRuntime, scope: number, value: FormulaValue): FormulaValue => {
    if (rt.trace !== undefined) rt.trace.reads.set(label + rt.scopeLabel(scope), show(value));
    return value;
  };
  // The parameter of this name, read once per Map of parameters (a runtime's Map never changes).
  let params: ReadonlyMap<string, FormulaValue> | undefined;
  let param: FormulaValue | undefined;
  const paramOf = (rt: FormulaRuntime): FormulaValue | undefined => {
    if (rt.params !== params) {
      params = rt.params;
      param = params.get(name);
    }
    return param;
  };
  switch (namespace) {
    case undefined:
      // A bare name: a parameter, else a named formula (the checker made sure it is one of them).
      return (rt, scope) => {
        const value = paramOf(rt);
        return record(rt, scope, value !== undefined ? value : rt.formula(name, scope));
      };
    case "param":
      return (rt, scope) => record(rt, scope, paramOf(rt)!);
    case "formula":
      return (rt, scope) => record(rt, scope, rt.formula(name, scope));
    case "metric":
      return (rt, scope) => record(rt, scope, rt.metric(name, scope));
    case "baseline":
      return (rt, scope) => record(rt, scope, rt.baseline(name));
    case "improvement":
      return (rt, scope) => record(rt, scope, rt.improvement(name, scope, false));
    case "relativeImprovement":
      return (rt, scope) => record(rt, scope, rt.improvement(name, scope, true));
    case "input": {
      const index = inputIndex.get(name);
      if (index === undefined) throw new Error(`assertion: line input "${name}" has no index`);
      return (rt, scope) => record(rt, scope, rt.inputs[index]!);
    }
  }
}

/** A runtime for evaluating literals at compile time: it is never read. */
const NO_RUNTIME = undefined as unknown as FormulaRuntime;

function call(node: FormulaNode & { kind: "call" }, args: readonly CompiledFormula[]): CompiledFormula {
  const at = node.at;
  const [first, second, third] = args as [CompiledFormula, CompiledFormula, CompiledFormula];
  switch (node.name) {
    case "if":
      return (rt, s) => ((first(rt, s) as boolean) ? second(rt, s) : third(rt, s));
    case "min":
      return (rt, s) => extreme(args, rt, s, -1);
    case "max":
      return (rt, s) => extreme(args, rt, s, 1);
    case "sum": {
      const counted = { count: 0 };
      return (rt, s) => total(args, rt, s, counted);
    }
    case "avg": {
      const counted = { count: 0 };
      return (rt, s) => {
        const sum = total(args, rt, s, counted);
        return divide(sum, new Exact(counted.count, 0));
      };
    }
    case "clamp":
      return (rt, s) => {
        // max(x, low), then min(that, high): the first of equals is kept, as min and max keep it.
        const x = first(rt, s) as Exact;
        const low = second(rt, s) as Exact;
        const high = third(rt, s) as Exact;
        const raised = compare(low, x) > 0 ? low : x;
        return compare(high, raised) < 0 ? high : raised;
      };
    case "abs":
      return (rt, s) => abs(first(rt, s) as Exact);
    case "round":
    case "floor":
    case "ceil": {
      const places = integerLiteral(node.args[1]) ?? 0;
      const mode = node.name === "round" ? "half-up" : node.name === "floor" ? "floor" : "ceiling";
      return (rt, s) => roundTo(first(rt, s) as Exact, places, mode);
    }
    case "safeDiv":
      return (rt, s) => {
        const divisor = second(rt, s) as Exact;
        return isZero(divisor) ? third(rt, s) : divide(first(rt, s) as Exact, divisor);
      };
    case "interpolate": {
      const list = points(node, args);
      return (rt, s) => interpolate(at, first(rt, s) as Exact, list(rt, s));
    }
    case "tiers": {
      const list = points(node, args);
      return (rt, s) => tiers(at, first(rt, s) as Exact, list(rt, s));
    }
    case "lookup": {
      const table = (node.args[0] as { value: string }).value;
      const keys = args.slice(1);
      // The keys of one lookup, reused: the table reads them and keeps none (a trace gets its own copy).
      const scratch: string[] = new Array<string>(keys.length).fill("");
      return (rt, s) => {
        for (let i = 0; i < keys.length; i += 1) scratch[i] = keys[i]!(rt, s) as string;
        const found = rt.lookup(table, scratch, at);
        if (rt.trace !== undefined)
          rt.trace.lookups.push({ table, keys: scratch.slice(), row: found.row, value: plainText(found.value) });
        return found.value;
      };
    }
    case "previous":
      return (rt, s) => {
        const previous = rt.previousScope(s);
        return previous < 0 ? second(rt, s) : first(rt, previous);
      };
    case "lastYear":
      return (rt, s) => {
        const earlier = rt.lastYearScope(s);
        return earlier < 0 ? second(rt, s) : first(rt, earlier);
      };
    case "window": {
      const size = integerLiteral(node.args[1]) ?? 1;
      return (rt, s) => {
        const scopes = [s];
        while (scopes.length < size) {
          const previous = rt.previousScope(scopes[scopes.length - 1]!);
          if (previous < 0) break;
          scopes.push(previous);
        }
        return scopes.reverse().map((scope) => first(rt, scope) as Exact);
      };
    }
  }
  throw new Error(`assertion: unchecked function "${node.name}"`);
}

type Points = (rt: FormulaRuntime, scope: number) => readonly (readonly [Exact, Exact])[];

/** The points of interpolate or tiers: built once when they are all literals, else one array per call. */
function points(node: FormulaNode & { kind: "call" }, args: readonly CompiledFormula[]): Points {
  const items = args.slice(1);
  if (node.args.slice(1).every((arg) => arg.kind === "list" && arg.items.every((item) => item.kind === "number"))) {
    const constant = Object.freeze(items.map((item) => item(NO_RUNTIME, -1) as readonly Exact[] as [Exact, Exact]));
    return () => constant;
  }
  return (rt, scope) => items.map((item) => item(rt, scope) as readonly Exact[] as [Exact, Exact]);
}

function increasing(at: number, name: string, list: readonly (readonly [Exact, Exact])[]): void {
  for (let i = 1; i < list.length; i += 1) {
    if (compare(list[i]![0], list[i - 1]![0]) <= 0) {
      throw new FormulaRuntimeProblem(
        at,
        "formula_points_not_increasing",
        `${position(at)}: the points of ${name} must have strictly increasing first coordinates, but ${plainText(list[i]![0])} follows ${plainText(list[i - 1]![0])}`,
      );
    }
  }
}

/** Piecewise linear through the points; flat beyond the first and the last point. */
function interpolate(at: number, x: Exact, list: readonly (readonly [Exact, Exact])[]): Exact {
  increasing(at, "interpolate", list);
  const first = list[0]!;
  const last = list[list.length - 1]!;
  if (compare(x, first[0]) <= 0) return first[1];
  if (compare(x, last[0]) >= 0) return last[1];
  const upperIndex = list.findIndex((point) => compare(x, point[0]) < 0);
  const upper = list[upperIndex]!;
  const lower = list[upperIndex - 1]!;
  const fraction = divide(minus(x, lower[0]), minus(upper[0], lower[0]));
  return plus(lower[1], times(minus(upper[1], lower[1]), fraction));
}

/** A step table: the value of the last step whose start is at most x; zero below the first. */
function tiers(at: number, x: Exact, list: readonly (readonly [Exact, Exact])[]): Exact {
  increasing(at, "tiers", list);
  let value = ZERO;
  for (const [from, amount] of list) {
    if (compare(x, from) >= 0) value = amount;
    else break;
  }
  return value;
}
