import { describeValue, quoted } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { FORMULA_LIMITS, NAMESPACES, RESERVED } from "./syntax.js";

/**
 * Whether a value is a formula's syntax tree as `parseFormula` builds it, checked by its structure: a node of a
 * known kind with the fields of that kind, all the way down. A tree `parseFormula` returned passes, and so does
 * a tree written by hand or changed after parsing, as long as it is one a formula's text can say — so that
 * printing it gives a formula that parses back to it.
 */

type Path = readonly (string | number)[];

/** The most issues one check lists: a broken tree is reported, not inventoried. */
const MAX_ISSUES = 20;

const NUMBER_TEXT = /^(\d+(\.\d+)?|\.\d+)$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPERATORS: ReadonlySet<string> = new Set(["+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "and", "or"]);
const KINDS: ReadonlySet<string> = new Set([
  "number",
  "text",
  "boolean",
  "list",
  "name",
  "ref",
  "negate",
  "not",
  "binary",
  "call",
]);

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** A bare name or a function's name: an identifier that is not a reserved word. */
const isBareName = (value: unknown): value is string =>
  typeof value === "string" && IDENTIFIER.test(value) && !RESERVED.has(value);

/**
 * The problems of `value` as a formula's syntax tree, each with its path from `root` (e.g.
 * `$.node.left.operator`): at most 20. Codes: `not_a_formula_node` (not a node, an unknown kind, a field missing
 * or not what the kind takes), `formula_too_deep` (nested deeper than `FORMULA_LIMITS.maxDepth`),
 * `shared_formula_node` (one node object in two places of the tree, or inside itself). Never throws.
 */
export function formulaTreeIssues(value: unknown, root: Path): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Set<object>();
  const report = (path: Path, code: string, message: string) => {
    if (issues.length < MAX_ISSUES) issues.push(issue(path, code, message));
  };
  const field = (path: Path, key: string, ok: boolean, expected: string, got: unknown) => {
    if (!ok) report([...path, key], "not_a_formula_node", `expected ${expected}, got ${describeValue(got)}`);
  };
  const visit = (node: unknown, path: Path, depth: number): void => {
    if (issues.length >= MAX_ISSUES) return;
    if (!isRecord(node)) {
      report(path, "not_a_formula_node", `expected a formula node ({ kind, at, ... }), got ${describeValue(node)}`);
      return;
    }
    if (seen.has(node)) {
      report(
        path,
        "shared_formula_node",
        "this node is also used elsewhere in the tree (or contains itself): a formula's tree has each node once",
      );
      return;
    }
    seen.add(node);
    if (depth > FORMULA_LIMITS.maxDepth) {
      report(
        path,
        "formula_too_deep",
        `the tree nests deeper than ${FORMULA_LIMITS.maxDepth} levels, as no formula parseFormula reads does`,
      );
      return;
    }
    if (typeof node.kind !== "string" || !KINDS.has(node.kind)) {
      report(
        [...path, "kind"],
        "not_a_formula_node",
        `expected a node kind: ${[...KINDS].join(", ")}; got ${quoted(node.kind)}`,
      );
      return;
    }
    const at = node.at;
    field(path, "at", Number.isSafeInteger(at) && (at as number) >= 0, "a character offset (a whole number)", at);
    const child = (key: string) => visit(node[key], [...path, key], depth + 1);
    const children = (key: string) => {
      const list = node[key];
      if (!Array.isArray(list)) {
        field(path, key, false, "a list of formula nodes", list);
        return;
      }
      // Array.from: a hole in a sparse list is a missing node, not skipped
      Array.from(list as unknown[]).forEach((item, index) => visit(item, [...path, key, index], depth + 1));
    };
    switch (node.kind) {
      case "number":
        field(
          path,
          "text",
          typeof node.text === "string" &&
            NUMBER_TEXT.test(node.text) &&
            node.text.replace(".", "").length <= FORMULA_LIMITS.maxDigits,
          `a number's digits such as "12.5" (at most ${FORMULA_LIMITS.maxDigits} digits, no sign or exponent)`,
          node.text,
        );
        return;
      case "text":
        field(path, "value", typeof node.value === "string", "the text as a string", node.value);
        return;
      case "boolean":
        field(path, "value", typeof node.value === "boolean", "true or false", node.value);
        return;
      case "list":
        children("items");
        return;
      case "name":
        field(
          path,
          "name",
          isBareName(node.name),
          "a name such as price (letters, digits, _; no reserved word)",
          node.name,
        );
        return;
      case "ref":
        field(
          path,
          "namespace",
          typeof node.namespace === "string" && (NAMESPACES as readonly string[]).includes(node.namespace),
          `a namespace: ${NAMESPACES.join(", ")}`,
          node.namespace,
        );
        field(path, "name", typeof node.name === "string", "the referenced id as a string", node.name);
        return;
      case "negate":
      case "not":
        child("operand");
        return;
      case "binary":
        field(
          path,
          "operator",
          typeof node.operator === "string" && OPERATORS.has(node.operator),
          `an operator: ${[...OPERATORS].join(" ")}`,
          node.operator,
        );
        child("left");
        child("right");
        return;
      case "call":
        field(path, "name", isBareName(node.name), "a function's name such as round", node.name);
        children("args");
        return;
    }
  };
  visit(value, root, 1);
  return issues;
}
