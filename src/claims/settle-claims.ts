import type { Contract } from "../contract/types.js";
import type { Claim, ClaimSettlement } from "./claim-types.js";
import { ClaimRun, type SettleClaimsOptions } from "./claim-run.js";
import { CLAIMS_CSV_SOURCE, ClaimsCsvParser, type ClaimsCsvSource } from "./claims-csv.js";
import { ArgumentError } from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { issue } from "../errors/validation-error.js";
import { isIterable } from "../util/iterable.js";

function checkClaimsSource(claims: unknown, fn: string, async: boolean): void {
  if (typeof claims === "string" || !isIterable(claims, async)) {
    const what = async ? "a list, an iterable or an async iterable (readClaimsCsv)" : "a list or an iterable";
    throw new ArgumentError([
      issue(
        ["claims"],
        "not_iterable",
        `${fn} takes the claims as ${what} of claim objects; got ${describeValue(claims)}`,
      ),
    ]);
  }
}

/**
 * Settles the claims of a contract's rate card as of a date: a decision for every claim (accepted, accepted in
 * part because a cap bit, or rejected with a reason code and message) and exact totals per outcome, claim
 * period, payer and participant, with what falls due in each period.
 *
 * Decisions do not depend on the order the claims arrive in. A participant's claims are taken in order of
 * achieved date, then prerequisites first, then claim id (for prerequisites, windows, limits, ladders and the
 * cap per participant); the caps shared by all participants (outcome volume, claim period, contract) are then
 * filled in order of achieved date, then claim id. A repeat of a claim (same id, same content) is ignored, so
 * replaying a file pays once; the same id with different content rejects every version
 * (`conflicting_duplicate`).
 *
 * Reads arrays and any iterable (a generator) one claim at a time; for an async iterable (a file stream) use
 * `settleClaimsAsync`. Money is added as integers in minor units; each claim period's amount is split among
 * the payers by largest remainder, so the payers' parts add up to it exactly.
 *
 * @example
 * // contract: examples/rate-card/contract.json (entry into employment pays GBP 3,500.00)
 * const result = settleClaims(contract, [
 *   { id: "c1", participant: "P1", outcome: "EMP-ENTRY", achievedOn: "2013-01-10", claimedOn: "2013-02-01", evidence: "payslip 1" },
 * ], { asOf: "2013-03-31" });
 * result.decisions?.at(0)?.status; // "accepted"
 * result.total;                  // { amount: "3500.00", currency: "GBP" }
 * result.byPayer;                // [{ party: "dwp", due: 2800.00 GBP }, { party: "council", due: 700.00 GBP }]
 * @throws ClaimsError listing every malformed claim (missing field, bad date or id), with its index.
 * @throws ContractError when the contract is invalid or has no rate card; OptionsError for bad options.
 * @throws ArgumentError when the claims are not a list or an iterable (`not_iterable`).
 */
export function settleClaims(
  contract: Contract,
  claims: Iterable<Claim>,
  options: SettleClaimsOptions,
): ClaimSettlement {
  checkClaimsSource(claims, "settleClaims", false);
  const run = new ClaimRun(contract, options, Array.isArray(claims) ? claims.length : 0);
  if (Array.isArray(claims)) for (let index = 0; index < claims.length; index += 1) run.add(claims[index]);
  else for (const claim of claims) run.add(claim);
  return run.finish();
}

/**
 * `settleClaims` for an async iterable of claims, such as `readClaimsCsv` from `pay-by-results/node` (or any
 * iterable). The claims are read one at a time and held as compact columns, not as objects, when
 * `keepDecisions` is false.
 *
 * Given `readClaimsCsv(file)` and `keepDecisions: false`, the file's bytes are read straight into the columns
 * instead of claim objects, with the same options (`readClaimsCsv` checked them once, when called), the same
 * checks and the same result or errors. A claims file is read in time linear in its size and in memory that
 * does not grow with it: a line may hold at most `maxLineBytes` bytes (an option of `readClaimsCsv`, 1 MiB unless
 * set), and a longer one is a `ClaimsError` issue `line_too_long` at its line (`$.line[n]`), found without
 * holding the line.
 *
 * @throws ClaimsError listing every malformed claim or row (a file's issues name their line); OptionsError for
 * bad options; ContractError when the contract is invalid or has no rate card; ArgumentError when the claims are
 * not iterable (`not_iterable`).
 * @example
 * import { readClaimsCsv } from "pay-by-results/node";
 * const result = await settleClaimsAsync(contract, readClaimsCsv("claims.csv"), { asOf: "2027-12-31", keepDecisions: false });
 */
export async function settleClaimsAsync(
  contract: Contract,
  claims: AsyncIterable<Claim> | Iterable<Claim>,
  options: SettleClaimsOptions,
): Promise<ClaimSettlement> {
  checkClaimsSource(claims, "settleClaimsAsync", true);
  const run = new ClaimRun(contract, options);
  const csv = (claims as { [CLAIMS_CSV_SOURCE]?: ClaimsCsvSource })[CLAIMS_CSV_SOURCE];
  // A claims file from readClaimsCsv, and no decisions to keep: its rows go from bytes to columns directly.
  if (csv !== undefined && !csv.started && !run.keepDecisions) await readClaimsFile(run, csv);
  else for await (const claim of claims) run.add(claim);
  return run.finish();
}

/** Reads a claims file's rows from its bytes into the run's columns. */
async function readClaimsFile(run: ClaimRun, csv: ClaimsCsvSource): Promise<void> {
  const parser = new ClaimsCsvParser(csv.settings, {
    bytes: (bytes, from, to, line) => run.addBytes(bytes, from, to, line),
    problems: (found) => run.reportProblems(found),
  });
  // A file's size and its first rows tell about how many rows will come: the columns are sized for them once.
  const size = csv.size();
  let read = 0;
  let sized = size === undefined;
  for await (const chunk of csv.chunks()) {
    parser.push(chunk);
    read += chunk.length;
    if (!sized && run.received >= 1000) {
      run.columns.reserve(Math.min(Math.ceil(((run.received * size!) / read) * 1.02), 1 << 28));
      sized = true;
    }
  }
  parser.end();
}
