import type { FormulaNode } from "./syntax.js";

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
 * @example
 * printFormula(parseFormula("(a*2)+1")); // "a * 2 + 1"
 */
export function printFormula(node: FormulaNode): string {
  const wrap = (child: FormulaNode, needs: boolean) => (needs ? `(${printFormula(child)})` : printFormula(child));
  switch (node.kind) {
    case "number":
      return node.text;
    case "text":
      return quote(node.value);
    case "boolean":
      return String(node.value);
    case "list":
      return `[${node.items.map(printFormula).join(", ")}]`;
    case "name":
      return node.name;
    case "ref":
      return IDENTIFIER.test(node.name) ? `${node.namespace}.${node.name}` : `${node.namespace}[${quote(node.name)}]`;
    case "negate":
      return `-${wrap(node.operand, precedenceOf(node.operand) < ATOM)}`;
    case "not":
      return `not ${wrap(node.operand, precedenceOf(node.operand) < NOT)}`;
    case "call":
      return `${node.name}(${node.args.map(printFormula).join(", ")})`;
    case "binary": {
      const own = PRECEDENCE[node.operator]!;
      const comparison = own === 4;
      const left = wrap(node.left, precedenceOf(node.left) < own || (comparison && precedenceOf(node.left) === own));
      const right = wrap(node.right, precedenceOf(node.right) <= own);
      return `${left} ${node.operator} ${right}`;
    }
  }
}
