import { exactKnown, sign } from "../formula/exact.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import type { Contract } from "./types.js";

/**
 * The checks of the tranches' quantities (`TrancheQuantity`): how many, and how many the prices are per, are
 * both positive (`quantity_not_positive`). Their syntax (a number or a plain decimal string) is the schema's
 * (`invalid_decimal`).
 */
export function quantityIssues(contract: Contract): InputIssue[] {
  const issues: InputIssue[] = [];
  contract.tranches.forEach((tranche, index) => {
    const quantity = tranche.quantity;
    if (quantity === undefined) return;
    const parts = [
      ["value", quantity.value, "the quantity"],
      ["pricedPer", quantity.pricedPer, "the quantity the prices are per"],
    ] as const;
    for (const [key, value, what] of parts) {
      if (value === undefined) continue;
      const exact = exactKnown(value);
      if (exact !== undefined && sign(exact) <= 0)
        issues.push(
          issue(
            ["tranches", index, "quantity", key],
            "quantity_not_positive",
            `${what} must be positive: ${String(value)} is not`,
          ),
        );
    }
  });
  return issues;
}
