import { addSmall, compare, Exact, minus, plus, times, timesSmall } from "./exact.js";
import type { CompiledFormula, FormulaRuntime } from "./evaluate.js";
import type { FormulaNode } from "./syntax.js";

/**
 * Sums, products, minimums and maximums of many terms, as the compiled formula runs them on every line of a
 * `priceLines` run: no array is built per call, and a running sum or product is kept in plain numbers while
 * every partial result is a safe integer (one object for the result). Past that, each step is `plus`, `minus`
 * or `times` itself, so the values (and any rounding to 60 digits) are those of one operator at a time.
 */

/** The operands along the left-leaning spine of `operators` (`a + b - c` → a, b, c) and the operator before each. */
export function spine(
  node: FormulaNode,
  operators: readonly string[],
): { readonly operands: FormulaNode[]; readonly before: string[] } {
  const operands: FormulaNode[] = [];
  const before: string[] = [];
  let left = node;
  while (left.kind === "binary" && operators.includes(left.operator)) {
    operands.unshift(left.right);
    before.unshift(left.operator);
    left = left.left;
  }
  operands.unshift(left);
  before.unshift("");
  return { operands, before };
}

/** `a + b - c …` in one closure: the terms in order, each added (`signs[i]` 1) or subtracted (-1). */
export function sumOf(terms: readonly CompiledFormula[], signs: readonly (1 | -1)[]): CompiledFormula {
  return (rt, s) => {
    const first = terms[0]!(rt, s) as Exact;
    let c = first.coefficient;
    let scale = first.scale;
    let exact: Exact | undefined = typeof c === "number" ? undefined : first;
    for (let i = 1; i < terms.length; i += 1) {
      const term = terms[i]!(rt, s) as Exact;
      if (exact === undefined) {
        const next = addSmall(c as number, scale, term, signs[i]!);
        if (!Number.isNaN(next)) {
          c = next;
          if (term.scale > scale) scale = term.scale;
          continue;
        }
        exact = new Exact(c, scale);
      }
      exact = signs[i]! > 0 ? plus(exact, term) : minus(exact, term);
    }
    return exact ?? new Exact(c, scale);
  };
}

/** `a * b * c …` in one closure: the factors in order. */
export function productOf(factors: readonly CompiledFormula[]): CompiledFormula {
  return (rt, s) => {
    const first = factors[0]!(rt, s) as Exact;
    let c = first.coefficient;
    let scale = first.scale;
    let exact: Exact | undefined = typeof c === "number" ? undefined : first;
    for (let i = 1; i < factors.length; i += 1) {
      const factor = factors[i]!(rt, s) as Exact;
      if (exact === undefined) {
        const next = timesSmall(c as number, factor);
        if (!Number.isNaN(next)) {
          c = next;
          scale += factor.scale;
          continue;
        }
        exact = new Exact(c, scale);
      }
      exact = times(exact, factor);
    }
    return exact ?? new Exact(c, scale);
  };
}

/**
 * The first of the least (`direction` -1) or greatest (1) of the numbers the arguments give, each a number or
 * a (non-empty) list, read in order.
 */
export function extreme(args: readonly CompiledFormula[], rt: FormulaRuntime, s: number, direction: number): Exact {
  let best: Exact | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const value = args[i]!(rt, s);
    if (value instanceof Exact) {
      if (best === undefined || compare(value, best) === direction) best = value;
    } else {
      const list = value as readonly Exact[];
      for (let j = 0; j < list.length; j += 1) {
        const item = list[j]!;
        if (best === undefined || compare(item, best) === direction) best = item;
      }
    }
  }
  return best!;
}

/** The sum of the numbers the arguments give (each a number or a list), from zero in order, and their count. */
export function total(
  args: readonly CompiledFormula[],
  rt: FormulaRuntime,
  s: number,
  counted: { count: number },
): Exact {
  let c = 0;
  let scale = 0;
  let exact: Exact | undefined;
  let count = 0;
  for (let i = 0; i < args.length; i += 1) {
    const value = args[i]!(rt, s);
    const list = value instanceof Exact ? undefined : (value as readonly Exact[]);
    const length = list === undefined ? 1 : list.length;
    for (let j = 0; j < length; j += 1) {
      const item = list === undefined ? (value as Exact) : list[j]!;
      if (exact === undefined) {
        const next = addSmall(c, scale, item, 1);
        if (!Number.isNaN(next)) {
          c = next;
          if (item.scale > scale) scale = item.scale;
          continue;
        }
        exact = new Exact(c, scale);
      }
      exact = plus(exact, item);
    }
    count += length;
  }
  counted.count = count;
  return exact ?? new Exact(c, scale);
}
