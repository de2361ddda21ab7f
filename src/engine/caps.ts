import { Dec, plain } from "../money/decimal.js";
import type { CapKind, CapStep } from "../explanation/steps.js";

/**
 * Applies one cap in exact minor units: the amount is cut to what is left of `limit` after `usedBefore`
 * (never below zero). Returns the amount after the cap and the step that records it, bitten or not.
 */
export function applyCap(
  cap: CapKind,
  id: string,
  limit: Dec,
  usedBefore: Dec,
  amount: Dec,
): { amount: Dec; step: CapStep } {
  const remaining = Dec.max(limit.minus(usedBefore), 0);
  const after = Dec.min(amount, remaining);
  return {
    amount: after,
    step: {
      kind: "cap",
      cap,
      id,
      limit: plain(limit),
      usedBefore: plain(usedBefore),
      before: plain(amount),
      after: plain(after),
      cut: plain(amount.minus(after)),
    },
  };
}

/** Running totals that cumulative caps are measured against, by cap id. */
export class CapUsage {
  private readonly used = new Map<string, Dec>();

  get(id: string): Dec {
    return this.used.get(id) ?? new Dec(0);
  }

  add(id: string, amount: Dec): void {
    this.used.set(id, this.get(id).plus(amount));
  }
}
