import { ValidationError, type InputIssue } from "../errors/validation-error.js";

/**
 * The observations or the measurement request are not valid (an empty group, zero exposure, a negative
 * count, a proportion above 1, mismatched periods, an outcome that does not vary, ...): `issues` lists every
 * problem with its JSON path from the root of the input, e.g. `$.treatment.exposure` or `$[41].group`.
 */
export class MeasureError extends ValidationError {
  static override readonly errorKind: string = "MeasureError";

  constructor(issues: readonly InputIssue[]) {
    super("invalid measurement input", issues);
  }
}
