import { ValidationError, type InputIssue } from "../errors/validation-error.js";

/**
 * A design request is not valid (a significance level of 0, a power below the significance level, a baseline
 * proportion above 1, a sample of zero, an effect that would take the outcome out of its range, ...): `issues`
 * lists every problem with its JSON path from the root of the request, e.g. `$.sample.treatment`.
 */
export class DesignError extends ValidationError {
  constructor(issues: readonly InputIssue[]) {
    super("invalid design request", issues);
  }
}
