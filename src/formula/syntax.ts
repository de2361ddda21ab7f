/**
 * The syntax tree of a formula. Every node carries `at`, the 0-based character offset where it starts in the
 * formula's text, so that a problem found later (an unknown name, a type error) can point at it.
 */

/** The namespaces of qualified references: `metric.reading`, `param["price-per-visit"]`, ... */
export type Namespace = "metric" | "baseline" | "improvement" | "relativeImprovement" | "param" | "formula" | "input";

export const NAMESPACES: readonly Namespace[] = [
  "metric",
  "baseline",
  "improvement",
  "relativeImprovement",
  "param",
  "formula",
  "input",
];

/** The operators between two operands, from arithmetic to logic. */
export type BinaryOperator = "+" | "-" | "*" | "/" | "<" | "<=" | ">" | ">=" | "==" | "!=" | "and" | "or";

/** A node of a formula's syntax tree (what `parseFormula` returns and `printFormula` writes back). */
export type FormulaNode =
  | { readonly kind: "number"; readonly at: number; readonly text: string }
  | { readonly kind: "text"; readonly at: number; readonly value: string }
  | { readonly kind: "boolean"; readonly at: number; readonly value: boolean }
  | { readonly kind: "list"; readonly at: number; readonly items: readonly FormulaNode[] }
  /** A bare name: a parameter or a named formula (`price`, `qualityBonus`). */
  | { readonly kind: "name"; readonly at: number; readonly name: string }
  | { readonly kind: "ref"; readonly at: number; readonly namespace: Namespace; readonly name: string }
  | { readonly kind: "negate"; readonly at: number; readonly operand: FormulaNode }
  | { readonly kind: "not"; readonly at: number; readonly operand: FormulaNode }
  | {
      readonly kind: "binary";
      readonly at: number;
      readonly operator: BinaryOperator;
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    }
  | { readonly kind: "call"; readonly at: number; readonly name: string; readonly args: readonly FormulaNode[] };

/** The limits that keep a contract file from other organisations cheap to check and evaluate. */
export const FORMULA_LIMITS = Object.freeze({
  /** Characters in one expression. */
  maxLength: 10_000,
  /** Nesting of parentheses, calls, lists and operators. */
  maxDepth: 64,
  /** Named formulas in one contract. */
  maxFormulas: 1_000,
  /** Digits in one number literal. */
  maxDigits: 40,
  /** Decimal places of round/floor/ceil. */
  maxPlaces: 20,
  /** Periods in a window. */
  maxWindow: 100,
});

/** Words that cannot be bare names (they are operators, literals or namespaces). */
export const RESERVED = new Set<string>(["and", "or", "not", "true", "false", ...NAMESPACES]);
