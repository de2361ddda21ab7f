import type { Contract } from "../contract/types.js";
import type { Claim, ClaimDecision, ClaimSettlement } from "./claim-types.js";
import { ClaimRun, type SettleClaimsOptions } from "./claim-run.js";
import { CLAIMS_CSV_SOURCE, ClaimsCsvParser, type ClaimsCsvSource } from "./claims-csv.js";
import { ArgumentError } from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { OptionsError, issue } from "../errors/validation-error.js";
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
 * iterable). The claims are read one at a time and held as compact columns, never as objects: about 80 bytes a
 * claim while the rules run, the claim id included; a settlement that keeps its decisions then keeps about 42
 * bytes a claim to make each decision when it is read (`decisions` is a `ClaimDecisionList`).
 *
 * Given `readClaimsCsv(file)`, the file's bytes are read straight into the columns instead of claim objects,
 * with the same options (`readClaimsCsv` checked them once, when called), the same checks and the same result
 * or errors. A claims file is read in time linear in its size and in memory that does not grow with it: a line
 * may hold at most `maxLineBytes` bytes (an option of `readClaimsCsv`, 1 MiB unless set), and a longer one is a
 * `ClaimsError` issue `line_too_long` at its line (`$.line[n]`), found without holding the line.
 *
 * To write the decisions or the settlement to a file without holding their text: `claimDecisionChunks` and
 * `claimSettlementJsonChunks`; to read the decisions with `for await`: `streamClaimDecisions`.
 *
 * @throws ClaimsError listing every malformed claim or row (a file's issues name their line); OptionsError for
 * bad options; ContractError when the contract is invalid or has no rate card; ArgumentError when the claims are
 * not iterable (`not_iterable`).
 * @example
 * import { readClaimsCsv } from "pay-by-results/node";
 * const result = await settleClaimsAsync(contract, readClaimsCsv("claims.csv"), { asOf: "2027-12-31" });
 * result.decisions?.filter((decision) => decision.status === "rejected");
 */
export async function settleClaimsAsync(
  contract: Contract,
  claims: AsyncIterable<Claim> | Iterable<Claim>,
  options: SettleClaimsOptions,
): Promise<ClaimSettlement> {
  checkClaimsSource(claims, "settleClaimsAsync", true);
  const run = new ClaimRun(contract, options);
  const csv = (claims as { [CLAIMS_CSV_SOURCE]?: ClaimsCsvSource })[CLAIMS_CSV_SOURCE];
  // A claims file from readClaimsCsv: its rows go from bytes to columns directly.
  if (csv !== undefined && !csv.started) await readClaimsFile(run, csv);
  else for await (const claim of claims) run.add(claim);
  return run.finish();
}

/** Reads a claims file's rows from its bytes into the run's columns. */
async function readClaimsFile(run: ClaimRun, csv: ClaimsCsvSource): Promise<void> {
  const parser = new ClaimsCsvParser(csv.settings, {
    bytes: (bytes, from, to, line) => run.addBytes(bytes, from, to, line),
    rows: (bytes, start, last, fields, separator, quote, next) =>
      run.readPlainRows(bytes, start, last, fields, separator, quote, next),
    problems: (found) => run.reportProblems(found),
  });
  // A file's size and its first rows tell about how many rows will come: the columns are sized for them once.
  const size = csv.size();
  let read = 0;
  let sized = size === undefined;
  const take = (chunk: Uint8Array | string): void => {
    parser.push(chunk);
    read += chunk.length;
    if (!sized && run.received >= 1000) {
      run.columns.reserve(Math.min(Math.ceil(((run.received * size!) / read) * 1.02), 1 << 28));
      sized = true;
    }
  };
  const chunks = csv.chunks();
  // Chunks read synchronously (the command line's reader) are taken in a plain loop: no promise per chunk.
  if (csv.sync === true) for (const chunk of chunks as Iterable<Uint8Array>) take(chunk);
  else for await (const chunk of chunks) take(chunk);
  parser.end();
}

/** Options of `streamClaimDecisions`: those of `settleClaimsAsync` but `keepDecisions` (every decision is made). */
export type StreamClaimDecisionsOptions = Omit<SettleClaimsOptions, "keepDecisions">;

/**
 * The decisions of a claims settlement as an async iterable (`for await`), and its totals. See
 * `streamClaimDecisions`.
 */
export interface ClaimDecisionStream extends AsyncIterable<ClaimDecision> {
  /**
   * The settlement: its totals, and its `decisions` list (the same decisions the iteration yields). Resolves
   * once every claim has been read and decided, before the first decision is yielded; rejects with the error the
   * iteration throws.
   */
  readonly settlement: Promise<ClaimSettlement>;
}

/**
 * Settles claims as `settleClaimsAsync` does and yields every decision, in the order the claims were read (an
 * identical repeat has none), each a new frozen object made when it is yielded from the settlement's columns:
 * the decisions are never held all at once, only what they are made of (about 42 bytes a claim).
 *
 * A decision is final only when every claim has been read: a claim read last may have been achieved first and
 * take the room a cap had left. So the claims are read first (a file from `readClaimsCsv` goes from bytes into
 * the columns), and the decisions follow one at a time. Iterating the stream again yields them again; breaking
 * off a `for await` loop stops it. The settlement starts at once; its errors (`ClaimsError` for malformed claims,
 * `OptionsError`, `ContractError`, `ArgumentError`) are thrown by the iteration and by `settlement`.
 *
 * To write the decisions to a file, `claimDecisionChunks` takes the stream (or, faster, the settlement's
 * `decisions` list) and gives the file's text in chunks.
 *
 * @example
 * import { readClaimsCsv } from "pay-by-results/node";
 * const stream = streamClaimDecisions(contract, readClaimsCsv("claims.csv"), { asOf: "2015-09-30" });
 * for await (const decision of stream) if (decision.status === "rejected") console.log(decision.claimId, decision.reason);
 * const { total, counts } = await stream.settlement;
 */
export function streamClaimDecisions(
  contract: Contract,
  claims: AsyncIterable<Claim> | Iterable<Claim>,
  options: StreamClaimDecisionsOptions,
): ClaimDecisionStream {
  const settlement = streamed(contract, claims, options);
  // The caller may only iterate, or only await the settlement: the error is not lost, but is not unhandled either.
  settlement.catch(() => undefined);
  return Object.freeze({
    settlement,
    async *[Symbol.asyncIterator](): AsyncGenerator<ClaimDecision, void, undefined> {
      const { decisions } = await settlement;
      for (let index = 0; index < decisions!.length; index += 1) yield decisions!.at(index)!;
    },
  });
}

async function streamed(
  contract: Contract,
  claims: AsyncIterable<Claim> | Iterable<Claim>,
  options: StreamClaimDecisionsOptions,
): Promise<ClaimSettlement> {
  if (options !== null && typeof options === "object" && "keepDecisions" in options) {
    throw new OptionsError([
      issue(
        ["keepDecisions"],
        "unknown_option",
        "streamClaimDecisions makes every decision: leave keepDecisions out (settleClaimsAsync takes it)",
      ),
    ]);
  }
  return settleClaimsAsync(contract, claims, { ...options, keepDecisions: true });
}
