import { codesAndPaths } from "../support/refusal.js";
import { describe, expect, it } from "vitest";
import { ArgumentError, FORMULA_LIMITS, type FormulaNode, parseFormula, printFormula } from "../../src/index.js";
import { isIssued } from "../../src/util/issued.js";

/**
 * printFormula checks the tree it is given by its structure, node by node: a parsed tree, or one built or changed
 * by hand that a formula's text can say, is printed; anything else is an ArgumentError with the path of each
 * problem from the argument (`$.node.left.operator`).
 */

const refusal = (call: () => unknown) => codesAndPaths(ArgumentError, call);

const number = (text: string): FormulaNode => ({ kind: "number", at: 0, text });

describe("printFormula's argument", () => {
  it("parseFormula's tree is issued as a formula, and printed", () => {
    const tree = parseFormula('round(price * 1.1, 2) + metric["drop-out"]');
    expect(isIssued(tree, "formula")).toBe(true);
    expect(printFormula(tree)).toBe('round(price * 1.1, 2) + metric["drop-out"]');
  });

  it("a tree built by hand, or a parsed tree changed by hand, is printed", () => {
    const tree = parseFormula("a * 2 + 1") as { kind: "binary"; right: FormulaNode };
    tree.right = number("3");
    expect(printFormula(tree as FormulaNode)).toBe("a * 2 + 3");
    expect(
      printFormula({ kind: "call", at: 0, name: "max", args: [number("1"), { kind: "name", at: 4, name: "x" }] }),
    ).toBe("max(1, x)");
  });

  it("not a node, an unknown kind, or a field the kind does not take: not_a_formula_node at its path", () => {
    for (const value of [undefined, null, "1 + 2", 5, [], {}])
      expect(refusal(() => printFormula(value as FormulaNode))[0]?.[0]).toBe("not_a_formula_node");
    expect(refusal(() => printFormula({ kind: "power" } as never))).toEqual([["not_a_formula_node", "$.node.kind"]]);
    const tree = parseFormula("not (a < 1) or f(b, [2, c])") as unknown as Record<string, never>;
    const changed = structuredClone(tree) as unknown as {
      operator: unknown;
      left: { operand: { right: { text: unknown } } };
      right: { name: unknown; args: { items: { name: unknown; at: unknown }[] }[] };
    };
    changed.operator = "xor";
    changed.left.operand.right.text = "1e5";
    changed.right.name = "not";
    const inner = changed.right.args[1]!.items[1]!;
    inner.name = "metric";
    inner.at = -1;
    expect(refusal(() => printFormula(changed as unknown as FormulaNode))).toEqual([
      ["not_a_formula_node", "$.node.operator"],
      ["not_a_formula_node", "$.node.left.operand.right.text"],
      ["not_a_formula_node", "$.node.right.name"],
      ["not_a_formula_node", "$.node.right.args[1].items[1].at"],
      ["not_a_formula_node", "$.node.right.args[1].items[1].name"],
    ]);
  });

  it("a list with a hole: not_a_formula_node at the hole", () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    const items = [number("1"), , number("2")] as FormulaNode[];
    expect(refusal(() => printFormula({ kind: "list", at: 0, items }))).toEqual([
      ["not_a_formula_node", "$.node.items[1]"],
    ]);
  });

  it("nested deeper than any formula parseFormula reads: formula_too_deep", () => {
    let tree: FormulaNode = number("1");
    for (let level = 1; level < FORMULA_LIMITS.maxDepth; level += 1) tree = { kind: "not", at: 0, operand: tree };
    expect(printFormula(tree)).toBe(`${"not ".repeat(FORMULA_LIMITS.maxDepth - 1)}1`);
    const deeper: FormulaNode = { kind: "not", at: 0, operand: tree };
    const found = refusal(() => printFormula(deeper));
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toBe("formula_too_deep");
    expect(found[0]?.[1]).toBe(`$.node${".operand".repeat(FORMULA_LIMITS.maxDepth)}`);
  });

  it("one node in two places, or inside itself: shared_formula_node", () => {
    const one = number("1");
    expect(refusal(() => printFormula({ kind: "binary", at: 0, operator: "+", left: one, right: one }))).toEqual([
      ["shared_formula_node", "$.node.right"],
    ]);
    const cycle = { kind: "not", at: 0 } as { kind: "not"; at: number; operand?: unknown };
    cycle.operand = cycle;
    expect(refusal(() => printFormula(cycle as FormulaNode))).toEqual([["shared_formula_node", "$.node.operand"]]);
  });

  it("a shared subtree doubled 60 times is refused at once, not printed 2^60 times", () => {
    let tree: FormulaNode = number("1");
    for (let level = 0; level < 60; level += 1)
      tree = { kind: "binary", at: 0, operator: "+", left: tree, right: tree };
    const started = performance.now();
    expect(refusal(() => printFormula(tree))[0]?.[0]).toBe("shared_formula_node");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("the tree is neither frozen nor changed", () => {
    const tree = parseFormula("a + 1");
    const before = structuredClone(tree);
    printFormula(tree);
    expect(Object.isFrozen(tree)).toBe(false);
    expect(tree).toEqual(before);
  });
});
