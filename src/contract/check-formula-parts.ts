import type { InputIssue } from "../errors/validation-error.js";
import { checkTables } from "./check-tables.js";
import { checkFormulas } from "./check-formulas.js";
import { checkAmendments } from "./check-amendments.js";
import type { Contract } from "./types.js";

/**
 * The checks of the parts a contract needs for formulas: decision tables (ties are errors), formulas (names,
 * types, cycles, limits) and amendments. Formulas are checked only once their tables are sound, so a table's
 * problem is reported once, and amended terms only once the amendments themselves are sound.
 */
export function checkFormulaParts(contract: Contract): InputIssue[] {
  const tables = checkTables(contract.tables ?? []);
  const amendments = checkAmendments(contract);
  return [
    ...tables,
    ...amendments,
    ...(tables.length === 0 ? checkFormulas(contract, { amendedTerms: amendments.length === 0 }) : []),
  ];
}
