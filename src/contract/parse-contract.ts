import { ContractError, type InputIssue } from "../errors/validation-error.js";
import { deepFreeze } from "../util/freeze.js";
import { checkContract } from "./check-contract.js";
import { contractSchema } from "./contract-schema.js";
import type { Contract } from "./types.js";
import { fromZodIssues } from "./zod-issues.js";
import { markParsed } from "./parsed.js";
import { checkFormulaParts } from "./check-formula-parts.js";
import { checkStage, tranchesRequired } from "./stage-format.js";

/** The result of a `safe*` parse: the data, or the error that `parse*` would throw. */
export type SafeParseResult<T, E> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: E };

function validateContract(
  input: unknown,
): { contract: Contract; issues: InputIssue[] } | { contract?: undefined; issues: InputIssue[] } {
  const structural = contractSchema.safeParse(input);
  if (!structural.success) return { issues: fromZodIssues(structural.error, input) };
  // The schema's output is the input minus nothing (objects are strict): a fresh copy the caller cannot reach.
  const read = structural.data as unknown as Omit<Contract, "tranches"> & { tranches?: Contract["tranches"] };
  const missing = tranchesRequired(read);
  if (missing.length > 0) return { issues: missing };
  // A design or an experiment may leave its tranches out: the library reads them as none.
  const contract: Contract = read.tranches === undefined ? { ...read, tranches: [] } : (read as Contract);
  return { contract, issues: [...checkContract(contract), ...checkFormulaParts(contract), ...checkStage(contract)] };
}

/**
 * Reads a contract from JSON-like data and checks it whole: its structure, then every reference and rule
 * between its parts. The input is not modified; the result is a new, deeply frozen value.
 *
 * @example
 * const contract = parseContract(JSON.parse(fs.readFileSync("contract.json", "utf8")));
 * @throws ContractError listing every problem with its JSON path. Structure is checked first: when the
 * structure is wrong, the cross-reference checks are not run (they would only repeat the same problem).
 */
export function parseContract(input: unknown): Contract {
  const result = safeParseContract(input);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * Like `parseContract`, but returns `{ success: true, data }` or `{ success: false, error }` instead of throwing.
 *
 * @example
 * const result = safeParseContract(json);
 * if (!result.success) for (const problem of result.error.issues) console.log(problem.at, problem.message);
 */
export function safeParseContract(input: unknown): SafeParseResult<Contract, ContractError> {
  const { contract, issues } = validateContract(input);
  if (issues.length > 0 || contract === undefined) return { success: false, error: new ContractError(issues) };
  return { success: true, data: markParsed(deepFreeze(contract)) };
}
