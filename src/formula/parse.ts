import {
  FORMULA_LIMITS,
  NAMESPACES,
  RESERVED,
  type BinaryOperator,
  type FormulaNode,
  type Namespace,
} from "./syntax.js";

/** A problem in a formula's text: where (0-based character offset), a stable code, and what is wrong. */
export interface FormulaProblem {
  readonly at: number;
  readonly code: string;
  readonly message: string;
}

type Token =
  | { readonly kind: "number"; readonly at: number; readonly text: string }
  | { readonly kind: "text"; readonly at: number; readonly value: string }
  | { readonly kind: "word"; readonly at: number; readonly text: string }
  | { readonly kind: "symbol"; readonly at: number; readonly text: string }
  | { readonly kind: "end"; readonly at: number };

const COMPARISONS: readonly string[] = ["<", "<=", ">", ">=", "==", "!="];
const SYMBOLS = ["<=", ">=", "==", "!=", "+", "-", "*", "/", "<", ">", "(", ")", "[", "]", ",", "."];

class SyntaxProblem {
  constructor(readonly problem: FormulaProblem) {}
}

function fail(at: number, code: string, message: string): never {
  throw new SyntaxProblem({ at, code, message });
}

/** 1-based character position, as a person counts. */
export const position = (at: number): string => `at character ${at + 1}`;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i += 1;
      continue;
    }
    const start = i;
    if ((c >= "0" && c <= "9") || (c === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      while (i < source.length && /[0-9]/.test(source[i]!)) i += 1;
      if (source[i] === "." && /[0-9]/.test(source[i + 1] ?? "")) {
        i += 1;
        while (i < source.length && /[0-9]/.test(source[i]!)) i += 1;
      }
      const text = source.slice(start, i);
      if (text.replace(".", "").length > FORMULA_LIMITS.maxDigits) {
        fail(
          start,
          "formula_number_too_long",
          `${position(start)}: a number has more than ${FORMULA_LIMITS.maxDigits} digits`,
        );
      }
      if (/[A-Za-z_]/.test(source[i] ?? ""))
        fail(
          i,
          "formula_syntax",
          `${position(i)}: a number cannot run into a name (no exponents such as 1e5: write the digits)`,
        );
      tokens.push({ kind: "number", at: start, text });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < source.length && /[A-Za-z0-9_]/.test(source[i]!)) i += 1;
      tokens.push({ kind: "word", at: start, text: source.slice(start, i) });
      continue;
    }
    if (c === '"') {
      let value = "";
      i += 1;
      for (;;) {
        if (i >= source.length)
          fail(start, "formula_syntax", `${position(start)}: the text starting here has no closing quote`);
        const d = source[i]!;
        if (d === '"') break;
        if (d === "\\") {
          const next = source[i + 1];
          if (next !== '"' && next !== "\\")
            fail(i, "formula_syntax", `${position(i)}: in a text only \\" and \\\\ may follow a backslash`);
          value += next;
          i += 2;
          continue;
        }
        value += d;
        i += 1;
      }
      i += 1;
      tokens.push({ kind: "text", at: start, value });
      continue;
    }
    const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
    if (symbol === undefined) fail(i, "formula_syntax", `${position(i)}: unexpected character ${JSON.stringify(c)}`);
    tokens.push({ kind: "symbol", at: i, text: symbol });
    i += symbol.length;
  }
  tokens.push({ kind: "end", at: source.length });
  return tokens;
}

const describe = (token: Token): string =>
  token.kind === "end"
    ? "the end of the formula"
    : token.kind === "text"
      ? `the text ${JSON.stringify(token.value)}`
      : `"${token.text}"`;

/** Depth-tracked result of a parse function: the node and the depth of its subtree. */
type Parsed = readonly [FormulaNode, number];

class Parser {
  private index = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private get current(): Token {
    return this.tokens[this.index]!;
  }

  private isSymbol(text: string): boolean {
    const token = this.current;
    return token.kind === "symbol" && token.text === text;
  }

  private isWord(text: string): boolean {
    const token = this.current;
    return token.kind === "word" && token.text === text;
  }

  private expect(text: string, what: string): void {
    if (!this.isSymbol(text))
      fail(
        this.current.at,
        "formula_syntax",
        `${position(this.current.at)}: expected ${what}, found ${describe(this.current)}`,
      );
    this.index += 1;
  }

  private deep(at: number, depth: number): number {
    if (depth > FORMULA_LIMITS.maxDepth)
      fail(
        at,
        "formula_too_deep",
        `${position(at)}: the formula nests deeper than ${FORMULA_LIMITS.maxDepth} levels; split it into named formulas`,
      );
    return depth;
  }

  parseAll(): FormulaNode {
    if (this.current.kind === "end") fail(0, "formula_syntax", `${position(0)}: the formula is empty`);
    const [node] = this.expression(0);
    const after = this.tokens[this.index] as Token;
    if (after.kind !== "end")
      fail(
        after.at,
        "formula_syntax",
        `${position(after.at)}: unexpected ${describe(after)} after a complete expression`,
      );
    return node;
  }

  private expression(level: number): Parsed {
    return this.or(level);
  }

  private chain(level: number, operators: readonly string[], words: boolean, next: (level: number) => Parsed): Parsed {
    let [left, depth] = next(level);
    for (;;) {
      const token = this.current;
      const matches = words
        ? token.kind === "word" && operators.includes(token.text)
        : token.kind === "symbol" && operators.includes(token.text);
      if (!matches) return [left, depth];
      this.index += 1;
      const [right, rightDepth] = next(level);
      depth = this.deep(token.at, Math.max(depth, rightDepth) + 1);
      left = { kind: "binary", at: left.at, operator: (token as { text: string }).text as BinaryOperator, left, right };
    }
  }

  private or(level: number): Parsed {
    return this.chain(level, ["or"], true, (l) => this.and(l));
  }

  private and(level: number): Parsed {
    return this.chain(level, ["and"], true, (l) => this.not(l));
  }

  private not(level: number): Parsed {
    return this.isWord("not") ? this.prefix("not", level, (l) => this.not(l)) : this.comparison(level);
  }

  /** A prefix operator (`not`, unary `-`) and its operand, one level deeper. */
  private prefix(kind: "not" | "negate", level: number, operand: (level: number) => Parsed): Parsed {
    const at = this.current.at;
    this.index += 1;
    this.deep(at, level + 1);
    const [node, depth] = operand(level + 1);
    return [{ kind, at, operand: node }, this.deep(at, depth + 1)];
  }

  private comparison(level: number): Parsed {
    const [left, leftDepth] = this.additive(level);
    const token = this.current;
    if (token.kind === "symbol" && COMPARISONS.includes(token.text)) {
      this.index += 1;
      const [right, rightDepth] = this.additive(level);
      const after = this.current;
      if (after.kind === "symbol" && COMPARISONS.includes(after.text)) {
        fail(after.at, "formula_syntax", `${position(after.at)}: comparisons do not chain; write a < b and b < c`);
      }
      return [
        { kind: "binary", at: left.at, operator: token.text as BinaryOperator, left, right },
        this.deep(token.at, Math.max(leftDepth, rightDepth) + 1),
      ];
    }
    return [left, leftDepth];
  }

  private additive(level: number): Parsed {
    return this.chain(level, ["+", "-"], false, (l) => this.multiplicative(l));
  }

  private multiplicative(level: number): Parsed {
    return this.chain(level, ["*", "/"], false, (l) => this.unary(l));
  }

  private unary(level: number): Parsed {
    return this.isSymbol("-") ? this.prefix("negate", level, (l) => this.unary(l)) : this.primary(level);
  }

  private arguments(level: number, close: string): [FormulaNode[], number] {
    const items: FormulaNode[] = [];
    let depth = 0;
    if (this.isSymbol(close)) {
      this.index += 1;
      return [items, depth];
    }
    for (;;) {
      const [item, itemDepth] = this.expression(level);
      items.push(item);
      depth = Math.max(depth, itemDepth);
      if (this.isSymbol(",")) {
        this.index += 1;
        continue;
      }
      this.expect(close, `"," or "${close}"`);
      return [items, depth];
    }
  }

  private primary(level: number): Parsed {
    const token = this.current;
    this.deep(token.at, level + 1);
    switch (token.kind) {
      case "number":
        this.index += 1;
        return [{ kind: "number", at: token.at, text: token.text }, 1];
      case "text":
        this.index += 1;
        return [{ kind: "text", at: token.at, value: token.value }, 1];
      case "end":
        return fail(token.at, "formula_syntax", `${position(token.at)}: the formula ends where a value was expected`);
      case "symbol": {
        if (token.text === "(") {
          this.index += 1;
          const [inner, depth] = this.expression(level + 1);
          this.expect(")", `")" to close the "(" ${position(token.at)}`);
          return [inner, this.deep(token.at, depth + 1)];
        }
        if (token.text === "[") {
          this.index += 1;
          const [items, depth] = this.arguments(level + 1, "]");
          return [{ kind: "list", at: token.at, items }, this.deep(token.at, depth + 1)];
        }
        return fail(token.at, "formula_syntax", `${position(token.at)}: expected a value, found ${describe(token)}`);
      }
      case "word": {
        this.index += 1;
        if (token.text === "true" || token.text === "false")
          return [{ kind: "boolean", at: token.at, value: token.text === "true" }, 1];
        if ((NAMESPACES as readonly string[]).includes(token.text))
          return [this.reference(token.at, token.text as Namespace), 1];
        if (this.isSymbol("(")) {
          this.index += 1;
          const [args, depth] = this.arguments(level + 1, ")");
          return [{ kind: "call", at: token.at, name: token.text, args }, this.deep(token.at, depth + 1)];
        }
        if (RESERVED.has(token.text))
          fail(
            token.at,
            "formula_syntax",
            `${position(token.at)}: "${token.text}" is a reserved word and cannot stand here`,
          );
        return [{ kind: "name", at: token.at, name: token.text }, 1];
      }
    }
  }

  private reference(at: number, namespace: Namespace): FormulaNode {
    if (this.isSymbol(".")) {
      this.index += 1;
      const name = this.current;
      if (name.kind !== "word")
        fail(
          name.at,
          "formula_syntax",
          `${position(name.at)}: expected a name after "${namespace}.", found ${describe(name)}`,
        );
      this.index += 1;
      return { kind: "ref", at, namespace, name: name.text };
    }
    if (this.isSymbol("[")) {
      this.index += 1;
      const name = this.current;
      if (name.kind !== "text")
        fail(
          name.at,
          "formula_syntax",
          `${position(name.at)}: expected a quoted id after "${namespace}[", e.g. ${namespace}["dropout-rate"]`,
        );
      this.index += 1;
      this.expect("]", `"]"`);
      return { kind: "ref", at, namespace, name: name.value };
    }
    return fail(
      this.current.at,
      "formula_syntax",
      `${position(this.current.at)}: "${namespace}" must be followed by .name or ["id"], e.g. ${namespace}.reading`,
    );
  }
}

/**
 * Reads a formula's text into its syntax tree, or the first problem in it (with its character position).
 * Never throws: any text, however long, deep or odd, gives a tree or a problem.
 */
export function parseFormulaText(source: string): { tree: FormulaNode } | { problem: FormulaProblem } {
  if (typeof source !== "string")
    return { problem: { at: 0, code: "formula_syntax", message: "a formula must be a string" } };
  if (source.length > FORMULA_LIMITS.maxLength) {
    return {
      problem: {
        at: FORMULA_LIMITS.maxLength,
        code: "formula_too_long",
        message: `the formula is ${source.length} characters long, more than the limit of ${FORMULA_LIMITS.maxLength}`,
      },
    };
  }
  try {
    return { tree: new Parser(tokenize(source)).parseAll() };
  } catch (error) {
    if (error instanceof SyntaxProblem) return { problem: error.problem };
    throw error;
  }
}
