import { createReadStream } from "node:fs";
import { issue, type InputIssue } from "../errors/validation-error.js";
import type { Claim } from "../claims/claim-types.js";
import { CLAIM_FIELDS, claimRecordIssues, isSoundClaimText } from "../claims/claim-record.js";
import { ClaimsError, MAX_LISTED_PROBLEMS } from "../claims/claims-error.js";

/** Options of `readClaimsCsv`. */
export interface ReadClaimsCsvOptions {
  /** The field separator (default `,`; `;` is common in Italian spreadsheets). */
  readonly separator?: "," | ";" | "\t";
}

const REQUIRED_COLUMNS = CLAIM_FIELDS.filter((field) => field !== "enrolledOn");

/**
 * Reads a claims file in CSV, one claim at a time, for `settleClaimsAsync`: memory stays flat however long
 * the file is. The first row names the columns, in any order: `id`, `participant`, `outcome`, `achievedOn`,
 * `claimedOn`, `evidence` and, optionally, `enrolledOn`. Fields may be quoted with `"` (a quote inside is
 * written `""`); a field may not span lines. Blank lines are skipped; an empty `enrolledOn` means not known.
 *
 * A bad header stops the reading at once. Bad rows are skipped and reported together when the file has been
 * read: the iteration then throws a `ClaimsError` whose issues give each row's line number and column, e.g.
 * `{ at: "$.line[7].achievedOn", code: "invalid_date", message: "line 7: ..." }`.
 *
 * @param source a file path, or any async iterable of text or bytes (a stream) holding the CSV.
 * @example
 * import { settleClaimsAsync } from "pay-by-results";
 * import { readClaimsCsv } from "pay-by-results/node";
 * const result = await settleClaimsAsync(contract, readClaimsCsv("claims.csv"), { asOf: "2027-12-31", keepDecisions: false });
 */
export async function* readClaimsCsv(source: string | AsyncIterable<string | Uint8Array>, options: ReadClaimsCsvOptions = {}): AsyncGenerator<Claim> {
  const separator = options.separator ?? ",";
  // 64 KiB chunks: a chunk's text then lives and dies in V8's young generation. With 1 MiB chunks each text is a
  // "large object" that only a full collection frees, and a million-row file peaked 120 MB higher.
  const input = typeof source === "string" ? createReadStream(source, { highWaterMark: 1 << 16 }) : source;
  const decoder = new TextDecoder("utf-8");
  let rest = "";
  let line = 0;
  let columns: readonly string[] | undefined;
  const problems: InputIssue[] = [];
  let problemCount = 0;
  const report = (found: readonly InputIssue[]) => {
    for (const problem of found) {
      problemCount += 1;
      if (problems.length < MAX_LISTED_PROBLEMS) problems.push(problem);
    }
  };

  const readLine = (text: string): Claim | undefined => {
    line += 1;
    const body = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (body.trim() === "") return;
    const fields = splitFields(body, separator);
    if (fields === undefined) {
      report([issue(["line", line], "unterminated_quote", `line ${line}: a quoted field is not closed on this line`)]);
      return;
    }
    if (columns === undefined) {
      columns = readHeader(fields.map((field, index) => (index === 0 ? field.replace(/^\uFEFF/, "") : field)));
      return;
    }
    if (fields.length !== columns.length) {
      report([issue(["line", line], "wrong_field_count", `line ${line}: ${fields.length} fields, but the header has ${columns.length} columns`)]);
      return;
    }
    const record: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 1) if (fields[i] !== "") record[columns[i]!] = fields[i]!;
    const found = isSoundClaimText(record) ? [] : claimRecordIssues(record, ["line", line]);
    if (found.length > 0) {
      report(found.map((entry) => ({ ...entry, message: `line ${line}: ${entry.message}` })));
      return;
    }
    return record as unknown as Claim;
  };

  for await (const chunk of input) {
    const text = rest + (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    let from = 0;
    for (let end = text.indexOf("\n", from); end >= 0; end = text.indexOf("\n", from)) {
      const claim = readLine(text.slice(from, end));
      if (claim !== undefined) yield claim;
      from = end + 1;
    }
    rest = text.slice(from);
  }
  rest += decoder.decode();
  const last = rest === "" ? undefined : readLine(rest);
  if (last !== undefined) yield last;
  if (columns === undefined) report([issue(["line", 1], "missing_header", "the file is empty: the first row must name the columns")]);
  if (problems.length > 0) {
    if (problemCount > problems.length) problems.push(issue([], "too_many_problems", `${problemCount - problems.length} more problems were found and not listed`));
    throw new ClaimsError(problems);
  }
}

/** The header's columns, checked: every required column once, no unknown column. Throws at once when wrong. */
function readHeader(fields: readonly string[]): readonly string[] {
  const problems: InputIssue[] = [];
  const seen = new Set<string>();
  fields.forEach((name) => {
    const column = name.trim();
    if (!(CLAIM_FIELDS as readonly string[]).includes(column)) {
      problems.push(issue(["line", 1, column], "unknown_column", `line 1: unknown column "${column}": the columns are ${CLAIM_FIELDS.join(", ")}`));
    } else if (seen.has(column)) {
      problems.push(issue(["line", 1, column], "duplicate_column", `line 1: column "${column}" appears twice`));
    }
    seen.add(column);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!seen.has(column)) problems.push(issue(["line", 1], "missing_column", `line 1: the header has no "${column}" column`));
  }
  if (problems.length > 0) throw new ClaimsError(problems);
  return fields.map((name) => name.trim());
}

/** The fields of one CSV line, or `undefined` when a quoted field is not closed. */
function splitFields(text: string, separator: string): string[] | undefined {
  if (!text.includes("\"")) return text.split(separator);
  const fields: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === "\"" && text[i + 1] === "\"") {
        field += "\"";
        i += 2;
        continue;
      }
      if (char === "\"") quoted = false;
      else field += char;
    } else if (char === "\"" && field === "") {
      quoted = true;
    } else if (char === separator) {
      fields.push(field);
      field = "";
    } else {
      field += char;
    }
    i += 1;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}
