import { issue, type InputIssue } from "../errors/validation-error.js";
import { dayNumber } from "../contract/day-number.js";
import { ID_MESSAGE, ID_PATTERN } from "../contract/primitives.js";

/**
 * What is wrong with a claim record that the fast path of `ClaimRun.add` found odd. The checks are written by
 * hand rather than with zod because the fast path must make the same ones on every claim, at a million a
 * second; this function is their slow, explaining twin.
 */

const DATE_MESSAGE = 'expected a real calendar date as YYYY-MM-DD, e.g. "2027-08-31"';

/** The fields of a claim, required first. */
export const CLAIM_FIELDS = [
  "id",
  "participant",
  "outcome",
  "achievedOn",
  "claimedOn",
  "evidence",
  "enrolledOn",
] as const;
const REQUIRED = 6;

/** Every problem of a claim record, with paths below `path` (e.g. `[12]` → `$[12].achievedOn`). */
export function claimRecordIssues(value: unknown, path: readonly (string | number)[]): InputIssue[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [
      issue(
        path,
        "invalid_type",
        "expected a claim object with id, participant, outcome, achievedOn, claimedOn and evidence",
      ),
    ];
  }
  const claim = value as Record<string, unknown>;
  const issues: InputIssue[] = [];
  CLAIM_FIELDS.forEach((field, index) => {
    const fieldValue = claim[field];
    const where = () => [...path, field];
    if (fieldValue === undefined || fieldValue === "") {
      if (index < REQUIRED) issues.push(issue(where(), "required", `"${field}" is required`));
      return;
    }
    if (typeof fieldValue !== "string") {
      issues.push(issue(where(), "invalid_type", `"${field}" must be a string`));
    } else if ((field === "id" || field === "participant") && !ID_PATTERN.test(fieldValue)) {
      issues.push(issue(where(), "invalid_id", ID_MESSAGE));
    } else if (
      (field === "achievedOn" || field === "claimedOn" || field === "enrolledOn") &&
      Number.isNaN(dayNumber(fieldValue))
    ) {
      issues.push(issue(where(), "invalid_date", DATE_MESSAGE));
    }
  });
  for (const key of Object.keys(claim)) {
    if (!(CLAIM_FIELDS as readonly string[]).includes(key)) {
      issues.push(issue([...path, key], "unknown_key", `unknown key "${key}": a claim has ${CLAIM_FIELDS.join(", ")}`));
    }
  }
  return issues;
}

/**
 * True when a record read from a claims file (string fields, no unknown keys) is well formed: the quick test
 * the CSV reader makes on every row before asking `claimRecordIssues` what is wrong.
 */
export function isSoundClaimText(record: Readonly<Record<string, string>>): boolean {
  const { id, participant, outcome, achievedOn, claimedOn, evidence, enrolledOn } = record;
  return (
    id !== undefined &&
    ID_PATTERN.test(id) &&
    participant !== undefined &&
    ID_PATTERN.test(participant) &&
    outcome !== undefined &&
    outcome !== "" &&
    evidence !== undefined &&
    evidence !== "" &&
    !Number.isNaN(dayNumber(achievedOn)) &&
    !Number.isNaN(dayNumber(claimedOn)) &&
    (enrolledOn === undefined || enrolledOn === "" || !Number.isNaN(dayNumber(enrolledOn)))
  );
}
