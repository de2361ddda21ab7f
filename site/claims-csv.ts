import type { Claim } from "../src/index.js";
import { claimRecordIssues, isSoundClaimText } from "../src/claims/claim-record.js";
import { ClaimProblems, onLine } from "../src/claims/claims-error.js";
import { ClaimsCsvParser, claimsCsvSettings } from "../src/claims/claims-csv.js";

/**
 * The claims of a CSV file's text, read by the core's own CSV parser: the same columns, quoting, checks and
 * messages as `readClaimsCsv` of `pay-by-results/node` (which reads files, and so cannot run in a browser).
 * The library exports no reader of claims from text; this mirrors the Node reader's loop over the parser.
 *
 * @throws ClaimsError listing every row that cannot be read, with its line (`$.line[7].achievedOn`).
 */
export function claimsFromCsv(text: string): Claim[] {
  const problems = new ClaimProblems();
  const claims: Claim[] = [];
  const parser = new ClaimsCsvParser(claimsCsvSettings(undefined), {
    record(record, line) {
      const found = isSoundClaimText(record) ? [] : claimRecordIssues(record, ["line", line]);
      if (found.length > 0) problems.add(onLine(found, line));
      else claims.push(record as unknown as Claim);
    },
    problems: (found) => problems.add(found),
  });
  parser.push(text);
  parser.end();
  problems.throwIfAny();
  return claims;
}
