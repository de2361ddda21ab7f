import { ValidationError, type InputIssue } from "../errors/validation-error.js";

/**
 * Claims records that are not well formed (a missing field, a date that is not a calendar date, a bad id, a
 * CSV row with the wrong number of fields): `issues` lists every problem with its path — the claim's index in
 * the input, or the line of the claims file. A well-formed claim that breaks a rule of the rate card is not an
 * error: it gets a rejected decision with a reason.
 */
export class ClaimsError extends ValidationError {
  constructor(issues: readonly InputIssue[]) {
    super("invalid claims", issues);
  }
}

/** The most problems a claims error lists; beyond it, one last issue says how many more were found. */
export const MAX_LISTED_PROBLEMS = 1000;
