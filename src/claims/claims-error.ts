import { ValidationError, issue, type InputIssue } from "../errors/validation-error.js";

/**
 * Claims records that are not well formed (a missing field, a date that is not a calendar date, a bad id, a
 * CSV row with the wrong number of fields): `issues` lists every problem with its path — the claim's index in
 * the input, or the line of the claims file. A well-formed claim that breaks a rule of the rate card is not an
 * error: it gets a rejected decision with a reason.
 */
export class ClaimsError extends ValidationError {
  static override readonly errorKind: string = "ClaimsError";

  constructor(issues: readonly InputIssue[]) {
    super("invalid claims", issues);
  }
}

/** The most problems a claims error lists; beyond it, one last issue says how many more were found. */
export const MAX_LISTED_PROBLEMS = 1000;

/**
 * The problems found while claims are read: the first `MAX_LISTED_PROBLEMS` kept, the rest counted, and thrown
 * together as one `ClaimsError` when the reading ends.
 */
export class ClaimProblems {
  private readonly listed: InputIssue[] = [];
  private count = 0;

  add(found: readonly InputIssue[]): void {
    for (const problem of found) {
      this.count += 1;
      if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
    }
  }

  /** Throws a `ClaimsError` with every problem listed, and how many more were found, when there is any. */
  throwIfAny(): void {
    if (this.count === 0) return;
    const more = this.count - this.listed.length;
    throw new ClaimsError(
      more > 0
        ? [...this.listed, issue([], "too_many_problems", `${more} more problems were found and not listed`)]
        : this.listed,
    );
  }
}

/** Problems of a row of a claims file, each message starting with its line ("line 7: ..."). */
export function onLine(found: readonly InputIssue[], line: number): InputIssue[] {
  return found.map((entry) => ({ ...entry, message: `line ${line}: ${entry.message}` }));
}
