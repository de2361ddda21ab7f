import { ValidationError, type InputIssue } from "../errors/validation-error.js";

/**
 * A design request is not valid (a significance level of 0, a power below the significance level, a baseline
 * proportion above 1, a sample of zero, an effect that would take the outcome out of its range, ...): `issues`
 * lists every problem with its JSON path from the root of the request, e.g. `$.sample.treatment`.
 */
export class DesignError extends ValidationError {
  static override readonly errorKind: string = "DesignError";

  constructor(issues: readonly InputIssue[]) {
    super("invalid design request", issues);
  }
}

/**
 * The smallest significance level a design accepts: 10⁻⁹. The critical value z₁₋α′ is computed from 1 − α′ in
 * double precision, which keeps α′ to about 16 digits after the point: at 10⁻⁹ that is 7 significant digits of
 * α′ (the sample size to about one part in a million), while below about 10⁻¹⁶ 1 − α′ is exactly 1 and no
 * critical value exists. Far smaller than any level a study uses (five sigma is about 3 × 10⁻⁷).
 */
export const SMALLEST_SIGNIFICANCE = 1e-9;
