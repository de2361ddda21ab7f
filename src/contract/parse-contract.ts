import { ContractError, type InputIssue, issue } from "../errors/validation-error.js";
import { deepFreeze } from "../util/freeze.js";
import { checkContract } from "./check-contract.js";
import { CONTRACT_RECORDS, contractSchema } from "./contract-schema.js";
import type { Contract } from "./types.js";
import { markIssued } from "../util/issued.js";
import { checkFormulaParts } from "./check-formula-parts.js";
import { checkStage, tranchesRequired } from "./stage-format.js";

/** The result of a `safe*` parse: the data, or the error that `parse*` would throw. */
export type SafeParseResult<T, E> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: E };

type Data = Record<string, unknown>;

const isObject = (value: unknown): value is Data =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The object at `path` of `value` through own keys only, or `undefined`. */
function ownAt(value: unknown, path: readonly string[]): Data | undefined {
  let current = value;
  for (const key of path) current = isObject(current) && Object.hasOwn(current, key) ? current[key] : undefined;
  return isObject(current) ? current : undefined;
}

/**
 * The own `__proto__` keys of the contract's records (`CONTRACT_RECORDS`), which the schema leaves out: each value is
 * checked with its record's schema and, when `output` is given, put back into the output's record as an own key
 * at its place (defined, never assigned, so no prototype changes).
 */
function protoKeys(input: unknown, output: Data | undefined): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const { path, value: schema } of CONTRACT_RECORDS) {
    const raw = ownAt(input, path);
    // the own property, read as such (not through the prototype accessor of the same name)
    const own = raw === undefined ? undefined : Object.getOwnPropertyDescriptor(raw, "__proto__");
    if (raw === undefined || own === undefined) continue;
    const checked = schema.safeParse(own.value);
    if (!checked.success) {
      for (const problem of checked.error)
        issues.push(issue([...path, "__proto__", ...problem.path], problem.code, problem.message));
      continue;
    }
    const parent = ownAt(output, path.slice(0, -1));
    const record = ownAt(parent, path.slice(-1));
    if (parent === undefined || record === undefined) continue;
    const rebuilt: Data = {};
    for (const key of Object.keys(raw)) {
      if (key !== "__proto__" && !Object.hasOwn(record, key)) continue;
      Object.defineProperty(rebuilt, key, {
        value: key === "__proto__" ? checked.data : record[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    parent[path.at(-1)!] = rebuilt;
  }
  return issues;
}

function validateContract(
  input: unknown,
): { contract: Contract; issues: InputIssue[] } | { contract?: undefined; issues: InputIssue[] } {
  const structural = contractSchema.safeParse(input);
  if (!structural.success) return { issues: [...structural.error, ...protoKeys(input, undefined)] };
  // The schema's output is the input minus nothing (objects are strict): a fresh copy the caller cannot reach.
  const protoIssues = protoKeys(input, structural.data as unknown as Data);
  if (protoIssues.length > 0) return { issues: protoIssues };
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
 * Every amount of money is at most the largest amount the library computes exactly: below 10^15 minor units, i.e.
 * 15 digits counting the minor unit's (`"9999999999999.99"` in EUR, `"999999999999999"` in JPY). The investors'
 * side, the simulation and the claims add whole minor units as JavaScript numbers, exact only below 2^53; the
 * limit leaves room for their sums. A larger amount is refused here (`amount_too_large`), never rounded later.
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
  return { success: true, data: markIssued(deepFreeze(contract), "contract") };
}
