import type { ClaimDecision, ClaimSettlement } from "./claim-types.js";
import { DECISION_KEYS, decisionWriterOf, jsonStyle } from "./claim-decisions.js";
import { ByteSink } from "./byte-sink.js";
import {
  ArgumentError,
  ISSUED_CLAIM_DECISION,
  ISSUED_CLAIM_SETTLEMENT,
  issuedIssue,
  requireIssued,
} from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { OptionsError, issue } from "../errors/validation-error.js";
import { isIterable } from "../util/iterable.js";
import {
  csvField as separatedField,
  csvLayout,
  type CsvLayout,
  type SettlementCsvOptions,
} from "../money/csv-layout.js";

/** How a file of claim decisions is written: one JSON object a line (NDJSON), or CSV with a header row. */
export type ClaimDecisionFormat = "ndjson" | "csv";

/**
 * The columns of a decisions file in CSV, in order: the fields of a `ClaimDecision` but its `cuts` (a claim a
 * cap cut says how in its `message`; the NDJSON format carries the cuts as records), with the money fields
 * (`amount`, `price`, `priced`) as their decimals after one `currency` column, as `settlementToCsv` writes
 * amounts. A field a decision does not have is empty.
 */
export const CLAIM_DECISION_CSV_COLUMNS: readonly ClaimDecisionCsvColumn[] = Object.freeze([
  ...DECISION_KEYS.slice(0, DECISION_KEYS.indexOf("amount")),
  "currency",
  ...DECISION_KEYS.slice(DECISION_KEYS.indexOf("amount")),
]);

/** A column of a decisions file in CSV: a field of a `ClaimDecision` (its decimal, for money), or `currency`. */
export type ClaimDecisionCsvColumn =
  | "claimId"
  | "participant"
  | "outcome"
  | "achievedOn"
  | "claimedOn"
  | "period"
  | "status"
  | "currency"
  | "amount"
  | "price"
  | "priced"
  | "reason"
  | "message"
  | "dependsOn";

/** Bytes are handed on in chunks of about this size, each holding whole lines. */
const CHUNK = 1 << 16;

/**
 * The decisions of a claims settlement as the bytes of a file (UTF-8), in chunks of about 64 KiB that each hold
 * whole lines, to write one after the other (`pipeline(claimDecisionChunks(…), createWriteStream(file))` in
 * Node): never the whole file at once, so that a file of millions of decisions is written in the memory of a
 * chunk.
 *
 * - `"ndjson"`: one decision a line, each line exactly `JSON.stringify(decision)`, lines ending with LF.
 * - `"csv"`: a header row (`CLAIM_DECISION_CSV_COLUMNS`), then a row per decision; fields quoted when they hold
 *   a comma, a quote or a line break (RFC 4180), lines ending with CRLF. `options` are those of `settlementToCsv`:
 *   `{ locale: "it" }` for Italian Excel and LibreOffice (`;` between fields, a decimal comma in the amounts, a
 *   byte-order mark), or `separator`, `decimalMark` and `byteOrderMark` one by one. With another separator or
 *   decimal mark than the comma and the point, the rows are written from decision objects (about twice the time);
 *   the texts (messages) are as they are in every layout.
 *
 * `decisions` is a settlement's `decisions` list — the fast way: each decision is written from the
 * settlement's columns, as bytes, without a decision object — or the stream of `streamClaimDecisions`, or any
 * iterable or async iterable of the decisions a claims settlement gave. The decisions are made as the chunks
 * are asked for.
 *
 * @example
 * import { createWriteStream } from "node:fs";
 * import { pipeline } from "node:stream/promises";
 * const settlement = await settleClaimsAsync(contract, readClaimsCsv("claims.csv"), { asOf: "2015-09-30" });
 * await pipeline(claimDecisionChunks(settlement.decisions!, "csv"), createWriteStream("decisions.csv"));
 * await pipeline(claimDecisionChunks(settlement.decisions!, "csv", { locale: "it" }), createWriteStream("decisioni.csv"));
 * @throws ArgumentError at once for a format other than "ndjson" or "csv" (`unknown_format`) or decisions that
 * are not iterable (`not_iterable`); while reading, for an element that is not a decision a claims settlement
 * gave (`not_a_claim_decision`, with its index).
 * @throws OptionsError at once for options that `settlementToCsv` refuses, or options with the NDJSON format
 * (`options_need_csv`).
 */
export function claimDecisionChunks(
  decisions: Iterable<ClaimDecision> | AsyncIterable<ClaimDecision>,
  format: ClaimDecisionFormat,
  options?: SettlementCsvOptions,
): AsyncGenerator<Uint8Array, void, undefined> {
  if (options !== undefined && format === "ndjson")
    throw new OptionsError([
      issue(
        [],
        "options_need_csv",
        "the options (separator, decimal mark, byte-order mark) are those of the CSV format",
      ),
    ]);
  const layout = options === undefined ? undefined : csvLayout(options, "claimDecisionChunks");
  const problems = [];
  if (format !== "ndjson" && format !== "csv")
    problems.push(issue(["format"], "unknown_format", `the format is "ndjson" or "csv"; got ${describeValue(format)}`));
  if (!isIterable(decisions, true))
    problems.push(
      issue(
        ["decisions"],
        "not_iterable",
        `claimDecisionChunks takes a settlement's decisions (a list, an iterable or an async iterable); got ${describeValue(decisions)}`,
      ),
    );
  if (problems.length > 0) throw new ArgumentError(problems);
  return decisionChunks(decisions, format, false, layout);
}

/** The CSV layout of RFC 4180: what the writer from the columns writes. */
const PLAIN: CsvLayout = { separator: ",", decimalMark: ".", byteOrderMark: false };

const NDJSON = jsonStyle(-1);

/**
 * @internal `claimDecisionChunks` without its checks; with `reuse`, two buffers in turn, so that a chunk is valid
 * only until the next but one is asked for (the command line writes each before it asks for the one after).
 * `layout` is the CSV's (RFC 4180's when not given).
 */
export async function* decisionChunks(
  decisions: Iterable<ClaimDecision> | AsyncIterable<ClaimDecision>,
  format: ClaimDecisionFormat,
  reuse: boolean,
  layout: CsvLayout = PLAIN,
): AsyncGenerator<Uint8Array, void, undefined> {
  const csv = format === "csv";
  const sink = new ByteSink(CHUNK + (CHUNK >> 2), reuse);
  const { separator, decimalMark } = layout;
  const plain = separator === "," && decimalMark === ".";
  if (csv && layout.byteOrderMark) sink.text("\uFEFF");
  if (csv) sink.text(`${CLAIM_DECISION_CSV_COLUMNS.join(separator)}\r\n`);
  // Another separator or decimal mark than RFC 4180's: from the decision objects.
  const writer = csv && !plain ? undefined : decisionWriterOf(decisions);
  if (writer !== undefined) {
    // A settlement's list: each decision is written from the columns, a chunk's worth at a time.
    for (let index = 0; index < writer.length; ) {
      index = writer.lines(index, sink, csv ? undefined : NDJSON, CHUNK);
      if (sink.at >= CHUNK) yield sink.take();
    }
  } else {
    let index = 0;
    for await (const decision of decisions) {
      const found = issuedIssue(decision, ISSUED_CLAIM_DECISION, "claimDecisionChunks", ["decisions", index]);
      if (found !== undefined) throw new ArgumentError([found]);
      sink.text(csv ? (plain ? csvLine(decision) : separatedLine(decision, layout)) : `${JSON.stringify(decision)}\n`);
      index += 1;
      if (sink.at >= CHUNK) yield sink.take();
    }
  }
  if (sink.at > 0) yield sink.take();
}

/**
 * A claims settlement as JSON, in chunks of UTF-8 bytes of about 64 KiB: joined, exactly the bytes of
 * `JSON.stringify(settlement, null, 2)`, but never one string, so that a settlement of millions of claims can
 * be written out (a JavaScript string holds at most about 512 MiB: `JSON.stringify` of a settlement with 1.5
 * million decisions fails with "Invalid string length"). The decisions are written from the settlement's
 * columns as the chunks are asked for, and the participants' totals an entry at a time.
 *
 * @example
 * import { createWriteStream } from "node:fs";
 * import { pipeline } from "node:stream/promises";
 * const settlement = await settleClaimsAsync(contract, readClaimsCsv("claims.csv"), { asOf: "2015-09-30" });
 * await pipeline(claimSettlementJsonChunks(settlement), createWriteStream("settlement.json"));
 * @throws ArgumentError for a settlement that `settleClaims` or `settleClaimsAsync` did not return
 * (`not_a_claim_settlement`).
 */
export function claimSettlementJsonChunks(settlement: ClaimSettlement): Generator<Uint8Array, void, undefined> {
  requireIssued(settlement, ISSUED_CLAIM_SETTLEMENT, "claimSettlementJsonChunks", "settlement");
  return settlementChunks(settlement, false);
}

/** Decisions as elements of the settlement's `decisions` array, two levels into the document. */
const IN_SETTLEMENT = jsonStyle(2);

/** @internal `claimSettlementJsonChunks` without its check; `reuse` as for `decisionChunks`. */
export function* settlementChunks(settlement: ClaimSettlement, reuse: boolean): Generator<Uint8Array, void, undefined> {
  const sink = new ByteSink(CHUNK + (CHUNK >> 2), reuse);
  sink.text("{");
  let first = true;
  for (const [key, value] of Object.entries(settlement)) {
    if (value === undefined) continue;
    sink.text(`${first ? "" : ","}\n  ${JSON.stringify(key)}: `);
    first = false;
    const writer = decisionWriterOf(value);
    const length = writer !== undefined ? writer.length : Array.isArray(value) ? value.length : 0;
    if (length === 0) {
      sink.text(indented(JSON.stringify(value, null, 2), "\n  "));
      continue;
    }
    // A list of decisions, or of participants (or any list): an element at a time.
    sink.text("[");
    for (let index = 0; index < length; index += 1) {
      sink.text(index === 0 ? "\n    " : ",\n    ");
      if (writer !== undefined) writer.json(index, sink, IN_SETTLEMENT);
      else sink.text(indented(JSON.stringify((value as readonly unknown[])[index], null, 2), "\n    "));
      if (sink.at >= CHUNK) yield sink.take();
    }
    sink.text("\n  ]");
  }
  sink.text("\n}");
  yield sink.take();
}

/** JSON text written at a depth: each line after the first indented by `pad`. */
function indented(json: string, pad: string): string {
  return json.includes("\n") ? json.replaceAll("\n", pad) : json;
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string | undefined): string {
  if (value === undefined) return "";
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A decision's CSV row: its fields in the order of `CLAIM_DECISION_CSV_COLUMNS`, a missing one empty. */
function csvLine(decision: ClaimDecision): string {
  let line = "";
  for (const column of CLAIM_DECISION_CSV_COLUMNS) {
    if (column !== CLAIM_DECISION_CSV_COLUMNS[0]) line += ",";
    const value = column === "currency" ? decision.amount : decision[column];
    line += csvField(typeof value === "object" ? (column === "currency" ? value.currency : value.amount) : value);
  }
  return `${line}\r\n`;
}

/** A decision's CSV row in another layout: money with its decimal mark, fields quoted when they hold the separator. */
function separatedLine(decision: ClaimDecision, layout: CsvLayout): string {
  const { separator, decimalMark } = layout;
  let line = "";
  for (const column of CLAIM_DECISION_CSV_COLUMNS) {
    if (column !== CLAIM_DECISION_CSV_COLUMNS[0]) line += separator;
    const value = column === "currency" ? decision.amount.currency : decision[column];
    if (value === undefined) continue;
    if (typeof value === "object") line += decimalMark === "." ? value.amount : value.amount.replace(".", decimalMark);
    else line += separatedField(value, separator);
  }
  return `${line}\r\n`;
}
