import { describeValue } from "../errors/describe-value.js";
import { OptionsError, issue } from "../errors/validation-error.js";
import type { Claim } from "./claim-types.js";
import { claimRecordIssues, isSoundClaimText } from "./claim-record.js";
import { ClaimProblems, onLine } from "./claims-error.js";
import { ClaimsCsvParser, claimsCsvSettings, type ClaimsCsvSeparator, type ClaimsCsvSettings } from "./claims-csv.js";

/** Options of reading claims from CSV: `parseClaimsCsv`, and `readClaimsCsv` of `pay-by-results/node`. */
export interface ClaimsCsvOptions {
  /** The field separator (default `,`; `;` is common in Italian spreadsheets; or a tab, `"\t"`). */
  readonly separator?: ClaimsCsvSeparator;
  /**
   * The most bytes a line may hold, not counting its line break (default 1,048,576: 1 MiB; at most 1 GiB). A
   * longer line is a `line_too_long` problem with its line number, found without reading the line into memory.
   */
  readonly maxLineBytes?: number;
}

/**
 * Claim objects from CSV given in chunks: each row checked as a claim, the sound ones handed out as soon as their
 * line ends, the problems collected with their line numbers. The one loop over the parser behind `parseClaimsCsv`
 * (text at once) and `readClaimsCsv` (a file or a stream, chunk by chunk).
 *
 * @internal Not exported from the package.
 */
export class ClaimsCsvReader {
  private readonly problems = new ClaimProblems();
  private ready: Claim[] = [];
  private readonly parser: ClaimsCsvParser;

  constructor(settings: ClaimsCsvSettings) {
    this.parser = new ClaimsCsvParser(settings, {
      record: (record, line) => {
        const found = isSoundClaimText(record) ? [] : claimRecordIssues(record, ["line", line]);
        if (found.length > 0) this.problems.add(onLine(found, line));
        else this.ready.push(record as unknown as Claim);
      },
      problems: (found) => this.problems.add(found),
    });
  }

  /** Reads a chunk; returns the claims whose lines it completed. */
  push(chunk: string | Uint8Array): Claim[] {
    this.parser.push(chunk);
    return this.taken();
  }

  /** Ends the input; returns the last claims. Then `throwIfAny` reports the problems found. */
  end(): Claim[] {
    this.parser.end();
    return this.taken();
  }

  /** @throws ClaimsError listing every row that could not be read, with its line. */
  throwIfAny(): void {
    this.problems.throwIfAny();
  }

  private taken(): Claim[] {
    const claims = this.ready;
    this.ready = [];
    return claims;
  }
}

/**
 * The claims of a CSV text, read and checked at once, anywhere (a browser, a worker, Node): the same format,
 * options, checks and messages as `readClaimsCsv` of `pay-by-results/node`, which reads files and streams with
 * flat memory. The first row names the columns, in any order: `id`, `participant`, `outcome`, `achievedOn`,
 * `claimedOn`, `evidence` and, optionally, `enrolledOn`; a byte order mark at the start is skipped.
 *
 * @example
 * const claims = parseClaimsCsv("id,participant,outcome,achievedOn,claimedOn,evidence\nC1,P1,EMP-ENTRY,2013-01-10,2013-01-20,EV-1\n");
 * claims[0]?.participant; // "P1"
 * @throws OptionsError when an option is not valid, or the text is not a string (`invalid_source`).
 * @throws ClaimsError listing every row that cannot be read, with its line (`$.line[7].achievedOn`).
 */
export function parseClaimsCsv(text: string, options?: ClaimsCsvOptions): Claim[] {
  const reader = new ClaimsCsvReader(claimsCsvSettings(options));
  if (typeof text !== "string") {
    throw new OptionsError([
      issue(["text"], "invalid_source", `the claims must be given as the CSV's text; got ${describeValue(text)}`),
    ]);
  }
  const claims = [...reader.push(text), ...reader.end()];
  reader.throwIfAny();
  return claims;
}
