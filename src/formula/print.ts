import { ArgumentError } from "../errors/argument-error.js";
import type { FormulaNode } from "./syntax.js";
import { formulaTreeIssues } from "./tree-shape.js";

const PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1,
  and: 2,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "==": 4,
  "!=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
};
const NOT = 3;
const NEGATE = 7;
const ATOM = 8;

const precedenceOf = (node: FormulaNode): number =>
  node.kind === "binary"
    ? PRECEDENCE[node.operator]!
    : node.kind === "not"
      ? NOT
      : node.kind === "negate"
        ? NEGATE
        : ATOM;

const quote = (text: string): string => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Writes a syntax tree back as formula text, with only the parentheses the precedence needs. Parsing the
 * printed text gives the same tree (character positions aside).
 *
 * The tree is checked by its structure, node by node: one `parseFormula` returned, or one built or changed by
 * hand that a formula's text can say.
 *
 * @example
 * printFormula(parseFormula("(a*2)+1")); // "a * 2 + 1"
 * @throws ArgumentError when `node` is not such a tree, with the path of each problem (`$.node.left.operator`):
 * `not_a_formula_node` (not a node, an unknown kind, a field the kind does not take), `formula_too_deep` (nested
 * deeper than `FORMULA_LIMITS.maxDepth`), `shared_formula_node` (one node object in two places, or in itself).
 */
export function printFormula(node: FormulaNode): string {
  const issues = formulaTreeIssues(node, ["node"]);
  if (issues.length > 0) throw new ArgumentError(issues);
  return printTree(node);
}

/** The text of a tree that `formulaTreeIssues` accepted. */
function printTree(node: FormulaNode): string {
  const wrap = (child: FormulaNode, needs: boolean) => (needs ? `(${printTree(child)})` : printTree(child));
  switch (node.kind) {
    case "number":
      return node.text;
    case "text":
      return quote(node.value);
    case "boolean":
      return String(node.value);
    case "list":
      return `[${node.items.map(printTree).join(", ")}]`;
    case "name":
      return node.name;
    case "ref":
      return IDENTIFIER.test(node.name) ? `${node.namespace}.${node.name}` : `${node.namespace}[${quote(node.name)}]`;
    case "negate":
      return `-${wrap(node.operand, precedenceOf(node.operand) < ATOM)}`;
    case "not":
      return `not ${wrap(node.operand, precedenceOf(node.operand) < NOT)}`;
    case "call":
      return `${node.name}(${node.args.map(printTree).join(", ")})`;
    case "binary": {
      const own = PRECEDENCE[node.operator]!;
      const comparison = own === 4;
      const left = wrap(node.left, precedenceOf(node.left) < own || (comparison && precedenceOf(node.left) === own));
      const right = wrap(node.right, precedenceOf(node.right) <= own);
      return `${left} ${node.operator} ${right}`;
    }
  }
}
