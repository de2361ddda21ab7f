import { issue, type InputIssue } from "../errors/validation-error.js";
import { dayNumber } from "./day-number.js";

/**
 * Checks that one claim record is well formed, without zod: this runs once per claim on the hot path. Returns
 * nothing when the record is sound, or every problem with its path below `path`.
 */

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const ID_MESSAGE = "an id is made of letters, digits, '.', '_', ':' or '-', and starts with a letter or digit";
const DATE_MESSAGE = "expected a real calendar date as YYYY-MM-DD, e.g. \"2027-08-31\"";

/** The fields of a claim, required first. */
export const CLAIM_FIELDS = ["id", "participant", "outcome", "achievedOn", "claimedOn", "evidence", "enrolledOn"] as const;
const REQUIRED = 6;

/** True when the record is a well-formed claim (fast path); else use `claimRecordIssues` for the details. */
export function isWellFormedClaim(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const claim = value as Record<string, unknown>;
  const { id, participant, outcome, evidence, enrolledOn } = claim;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) return false;
  if (typeof participant !== "string" || !ID_PATTERN.test(participant)) return false;
  if (typeof outcome !== "string" || outcome.length === 0) return false;
  if (typeof evidence !== "string" || evidence.length === 0) return false;
  if (Number.isNaN(dayNumber(claim.achievedOn)) || Number.isNaN(dayNumber(claim.claimedOn))) return false;
  let known = REQUIRED;
  if (enrolledOn !== undefined) {
    if (Number.isNaN(dayNumber(enrolledOn))) return false;
    known += 1;
  }
  for (const key in claim) {
    if (known === 0) return false;
    known -= 1;
    if (!Object.prototype.hasOwnProperty.call(claim, key)) return false;
  }
  return known === 0;
}

/** Every problem of a claim record, with paths below `path` (e.g. `[12]` → `$[12].achievedOn`). */
export function claimRecordIssues(value: unknown, path: readonly (string | number)[]): InputIssue[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [issue(path, "invalid_type", "expected a claim object with id, participant, outcome, achievedOn, claimedOn and evidence")];
  }
  const claim = value as Record<string, unknown>;
  const issues: InputIssue[] = [];
  CLAIM_FIELDS.forEach((field, index) => {
    const fieldValue = claim[field];
    const where = [...path, field];
    if (fieldValue === undefined || fieldValue === "") {
      if (index < REQUIRED) issues.push(issue(where, "required", `"${field}" is required`));
      return;
    }
    if (typeof fieldValue !== "string") {
      issues.push(issue(where, "invalid_type", `"${field}" must be a string`));
    } else if ((field === "id" || field === "participant") && !ID_PATTERN.test(fieldValue)) {
      issues.push(issue(where, "invalid_id", ID_MESSAGE));
    } else if ((field === "achievedOn" || field === "claimedOn" || field === "enrolledOn") && Number.isNaN(dayNumber(fieldValue))) {
      issues.push(issue(where, "invalid_date", DATE_MESSAGE));
    }
  });
  for (const key of Object.keys(claim)) {
    if (!(CLAIM_FIELDS as readonly string[]).includes(key)) {
      issues.push(issue([...path, key], "unknown_key", `unknown key "${key}": a claim has ${CLAIM_FIELDS.join(", ")}`));
    }
  }
  return issues;
}
