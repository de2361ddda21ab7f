import { isCalendarDate } from "./calendar.js";
import { isIssued } from "../util/issued.js";
import { parseContract } from "./parse-contract.js";
import { amendedTerms, type TermsInForce, type TermsOptions } from "./amendments.js";
import type { Contract, Coverage } from "./types.js";
import { issue, OptionsError } from "../errors/validation-error.js";
import { quoted } from "../errors/describe-value.js";

/**
 * The terms in force for a period (by id) or a coverage: an amendment applies when its `effectiveFrom` is on
 * or before the first day of the period (a cohort: its `enrolledFrom`; a cohort without one keeps the original
 * terms) and, given `asOf`, when it was agreed on or before `asOf`. Amendments apply in order of
 * `effectiveFrom`, then `agreedOn`, then their order in the contract; a later change of the same term wins.
 * The original contract is not changed: the result is a new frozen value (the contract itself when no
 * amendment applies).
 *
 * @example
 * const { terms, amendments } = termsInForce(contract, "2027-Q3");
 * terms.parameters?.pricePerVisit; // the price in force for 2027-Q3
 * @throws ContractError when the contract was not made by `parseContract` and is not valid.
 * @throws OptionsError when the period or cohort is not the contract's, or `asOf` is not a calendar date.
 */
export function termsInForce(
  contractInput: Contract,
  covers: string | Coverage,
  options: TermsOptions = {},
): TermsInForce {
  const contract = isIssued(contractInput, "contract") ? contractInput : parseContract(contractInput);
  const coverage = typeof covers === "string" ? { period: covers } : covers;
  const known =
    coverage !== null && typeof coverage === "object" && "period" in coverage
      ? contract.periods.some((period) => period.id === coverage.period)
      : coverage !== null && typeof coverage === "object" && "cohort" in coverage
        ? (contract.cohorts ?? []).some((cohort) => cohort.id === coverage.cohort)
        : false;
  const issues = [];
  if (!known)
    issues.push(
      issue(
        ["covers"],
        "unknown_coverage",
        `${coverageText(covers)} is not a period (by id) or { period } / { cohort } of the contract`,
      ),
    );
  if (options?.asOf !== undefined && (typeof options.asOf !== "string" || !isCalendarDate(options.asOf))) {
    issues.push(issue(["asOf"], "invalid_date", 'asOf must be a calendar date as YYYY-MM-DD, e.g. "2027-12-31"'));
  }
  if (issues.length > 0) throw new OptionsError(issues);
  return amendedTerms(contract, coverage, options);
}

/** What was given as a coverage, for a message: `"p9"`, `{ period: "p9" }`, or what kind of value it is. */
function coverageText(covers: unknown): string {
  if (covers !== null && typeof covers === "object" && !Array.isArray(covers)) {
    const { period, cohort } = covers as { period?: unknown; cohort?: unknown };
    if (period !== undefined) return `{ period: ${quoted(period)} }`;
    if (cohort !== undefined) return `{ cohort: ${quoted(cohort)} }`;
  }
  return quoted(covers);
}
