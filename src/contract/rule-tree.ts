import type { PricingRule } from "./types.js";

/** A rule of a pricing rule's tree and its JSON path. */
export interface RuleAt {
  readonly rule: PricingRule;
  readonly path: readonly (string | number)[];
}

/**
 * Every rule of a pricing rule's tree, in reading order: the rule itself, then the rules inside it (a weighted
 * rule's parts, a threshold's `then`), each with its JSON path below `path`. The one walk of the tree that the
 * checks, the pricing and the reports share.
 */
export function rulesIn(rule: PricingRule, path: readonly (string | number)[] = []): RuleAt[] {
  const found: RuleAt[] = [];
  const visit = (current: PricingRule, at: readonly (string | number)[]) => {
    found.push({ rule: current, path: at });
    if (current.type === "weighted")
      current.parts.forEach((part, index) => visit(part.rule, [...at, "parts", index, "rule"]));
    else if (current.type === "threshold" && current.then !== undefined) visit(current.then, [...at, "then"]);
  };
  visit(rule, path);
  return found;
}
