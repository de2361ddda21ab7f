import { issue, type InputIssue } from "../errors/validation-error.js";
import { firstIndexes } from "./check-lists.js";
import { checkContract } from "./check-contract.js";
import type { Contract } from "./types.js";

type Path = readonly (string | number)[];

const startsWith = (path: Path, prefix: Path) => prefix.every((key, index) => path[index] === key);

/**
 * The checks of amendments: unique ids, dates the right way round, every change naming a parameter, formula or
 * tranche the contract has (a parameter keeps its kind, decimal or text), and every amended rule, cap and floor
 * passing the same checks as the original (reported at the amendment's path).
 */
export function checkAmendments(contract: Contract): InputIssue[] {
  const issues: InputIssue[] = [];
  firstIndexes(
    (path, code, message) => issues.push(issue(path, code, message)),
    contract.amendments ?? [],
    ["amendments"],
    "amendment",
    "id",
  );
  const parameters = new Map(Object.entries(contract.parameters ?? {}));
  const formulas = new Set((contract.formulas ?? []).map((formula) => formula.id));
  const tranches = new Map(contract.tranches.map((tranche, index) => [tranche.id, index]));
  (contract.amendments ?? []).forEach((amendment, a) => {
    const path = ["amendments", a] as const;
    amendment.changes.forEach((change, c) => {
      const at = [...path, "changes", c];
      if ("parameter" in change) {
        const original = parameters.get(change.parameter);
        if (original === undefined)
          issues.push(
            issue(
              [...at, "parameter"],
              "unknown_parameter",
              `unknown parameter "${change.parameter}": an amendment changes a parameter declared under parameters`,
            ),
          );
        else if (typeof original !== typeof change.value)
          issues.push(
            issue(
              [...at, "value"],
              "parameter_kind",
              `parameter "${change.parameter}" is ${typeof original === "string" ? "a decimal" : "a text"}, and an amendment must keep it so`,
            ),
          );
      } else if ("formula" in change) {
        if (!formulas.has(change.formula))
          issues.push(
            issue(
              [...at, "formula"],
              "unknown_formula",
              `unknown formula "${change.formula}": an amendment changes a formula declared under formulas`,
            ),
          );
      } else {
        const index = tranches.get(change.tranche);
        if (index === undefined) {
          issues.push(
            issue(
              [...at, "tranche"],
              "unknown_tranche",
              `unknown tranche "${change.tranche}": declare it under tranches`,
            ),
          );
          return;
        }
        if (change.pricing === undefined && change.cap === undefined && change.floor === undefined) {
          issues.push(issue(at, "empty_change", "a tranche change gives at least one of pricing, cap or floor"));
          return;
        }
        // Check the amended tranche as if it were the original, and report its problems here.
        const original = contract.tranches[index]!;
        const amended = {
          ...original,
          ...(change.pricing !== undefined ? { pricing: change.pricing } : {}),
          ...(change.cap !== undefined ? { cap: change.cap } : {}),
          ...(change.floor !== undefined ? { floor: change.floor } : {}),
        };
        const trial = {
          ...contract,
          tranches: contract.tranches.map((tranche, i) => (i === index ? amended : tranche)),
        };
        const prefix = ["tranches", index];
        for (const found of checkContract(trial)) {
          if (!startsWith(found.path, prefix)) continue;
          const rest = found.path.slice(2);
          if (rest[0] !== "pricing" && rest[0] !== "cap" && rest[0] !== "floor") continue;
          issues.push(issue([...at, ...rest], found.code, found.message));
        }
      }
    });
  });
  return issues;
}
