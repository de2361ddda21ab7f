import { issue, type InputIssue } from "../errors/validation-error.js";
import { CLAIM_FIELDS } from "./claim-record.js";
import { ClaimsError } from "./claims-error.js";

/**
 * The claims file format (CSV) read from bytes, in the core: no file access here, only the parsing of chunks a
 * caller reads (`readClaimsCsv` in `pay-by-results/node` reads files). The first row names the columns, in any
 * order: `id`, `participant`, `outcome`, `achievedOn`, `claimedOn`, `evidence` and, optionally, `enrolledOn`.
 * Fields may be quoted with `"` (a quote inside is written `""`); a field may not span lines; blank lines are
 * skipped; an empty field is an absent one.
 *
 * Two ways to hand rows on. As bytes: a row without quotes goes to `sink.bytes` as the byte range of each field,
 * in the order of `CLAIM_FIELDS`, and nothing is decoded — the fast path that settles a file without making a
 * string per field. As text: every row is decoded and goes to `sink.record` as its non-empty fields by name.
 * (In bytes mode a row with quotes is decoded, unquoted and handed on as bytes again.)
 */
export interface ClaimsCsvSink {
  /** A row: field `k` of `CLAIM_FIELDS` is `bytes[from[k], to[k])`, empty when `from[k] === to[k]`. */
  bytes?(bytes: Uint8Array, from: Int32Array, to: Int32Array, line: number): void;
  /** A row as text: its non-empty fields by column name (text mode). */
  record?(record: Record<string, string>, line: number): void;
  /** Rows that cannot be read (a wrong number of fields, an unclosed quote). */
  problems(found: readonly InputIssue[]): void;
}

/** The separators a claims file may use. */
export type ClaimsCsvSeparator = "," | ";" | "\t";

/**
 * @internal The protocol between `readClaimsCsv` and `settleClaimsAsync`: the generator of claims that
 * `readClaimsCsv` returns also carries its source under this symbol, so that `settleClaimsAsync`, when it keeps
 * no decisions, reads the bytes itself instead of a claim object per row.
 */
export const CLAIMS_CSV_SOURCE = Symbol.for("pay-by-results.claimsCsvSource");

/** @internal What `readClaimsCsv` hands `settleClaimsAsync` under `CLAIMS_CSV_SOURCE`. */
export interface ClaimsCsvSource {
  readonly separator: ClaimsCsvSeparator;
  /** True once the claims have been read as objects: the source is then spent. */
  readonly started: boolean;
  /** The file's chunks (call once). */
  chunks(): AsyncIterable<Uint8Array | string>;
  /** The file's size in bytes, when the source is a file. */
  size(): number | undefined;
}

const NEWLINE = 10;
const RETURN = 13;
const QUOTE = 34;
const REQUIRED_COLUMNS = CLAIM_FIELDS.filter((field) => field !== "enrolledOn");
const encoder = new TextEncoder();

/** Reads a claims file chunk by chunk: `push` each chunk as it comes, then `end`. */
export class ClaimsCsvParser {
  private line = 0;
  /** For each column of the file, the index of its field in `CLAIM_FIELDS`. */
  private fieldOfColumn: Int8Array | undefined;
  private carry: Uint8Array | undefined;
  private textCarry = "";
  private readonly from = new Int32Array(CLAIM_FIELDS.length);
  private readonly to = new Int32Array(CLAIM_FIELDS.length);
  private readonly separatorByte: number;
  private readonly lineDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private readonly streamDecoder = new TextDecoder("utf-8");

  constructor(
    private readonly separator: ClaimsCsvSeparator,
    private readonly sink: ClaimsCsvSink,
  ) {
    this.separatorByte = separator.charCodeAt(0);
  }

  push(chunk: Uint8Array | string): void {
    if (this.sink.bytes === undefined)
      return this.pushText(typeof chunk === "string" ? chunk : this.streamDecoder.decode(chunk, { stream: true }));
    // A plain Uint8Array view of every chunk (a Node Buffer is a subclass): the hot code then sees one kind of array.
    const bytes =
      typeof chunk === "string"
        ? encoder.encode(chunk)
        : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let from = 0;
    if (this.carry !== undefined) {
      // Only the line cut by the chunk boundary is copied; the rest of the chunk is read where it lies.
      const end = bytes.indexOf(NEWLINE);
      const line = joined(this.carry, bytes.subarray(0, end < 0 ? bytes.length : end));
      this.carry = undefined;
      if (end < 0) {
        this.carry = line;
        return;
      }
      this.readBytes(line, 0, line.length, true);
      from = end + 1;
    }
    // A chunk without any quote (the usual case) needs no quote test on each byte.
    const mayQuote = bytes.indexOf(QUOTE, from) >= 0;
    for (let end = bytes.indexOf(NEWLINE, from); end >= 0; end = bytes.indexOf(NEWLINE, from)) {
      this.readBytes(bytes, from, end, mayQuote);
      from = end + 1;
    }
    if (from < bytes.length) this.carry = bytes.slice(from);
  }

  /** Reads the last line (when the file does not end with a line break) and checks that there was a header. */
  end(): void {
    if (this.sink.bytes === undefined) {
      const rest = this.textCarry + this.streamDecoder.decode();
      this.textCarry = "";
      if (rest !== "") this.readText(rest);
    } else if (this.carry !== undefined) {
      const rest = this.carry;
      this.carry = undefined;
      this.readBytes(rest, 0, rest.length, true);
    }
    if (this.fieldOfColumn === undefined) {
      this.sink.problems([
        issue(["line", 1], "missing_header", "the file is empty: the first row must name the columns"),
      ]);
    }
  }

  private pushText(text: string): void {
    const all = this.textCarry + text;
    let from = 0;
    for (let end = all.indexOf("\n", from); end >= 0; end = all.indexOf("\n", from)) {
      this.readText(all.slice(from, end));
      from = end + 1;
    }
    this.textCarry = all.slice(from);
  }

  /** One line, as bytes `bytes[from, end)` without its line break (`mayQuote`: the line may hold a quote). */
  private readBytes(bytes: Uint8Array, from: number, end: number, mayQuote: boolean): void {
    this.line += 1;
    const to = end > from && bytes[end - 1] === RETURN ? end - 1 : end;
    const fieldOfColumn = this.fieldOfColumn;
    // A line with no printable ASCII may be blank (spaces, a BOM, a no-break space): text decides.
    let first = from;
    while (first < to && (bytes[first]! <= 32 || bytes[first]! >= 128)) first += 1;
    if (first === to || fieldOfColumn === undefined)
      return this.readText(this.lineDecoder.decode(bytes.subarray(from, end)), true);
    const { separatorByte } = this;
    // Every column of the header is written below; the fields the header lacks stay empty (0, 0).
    const starts = this.from;
    const ends = this.to;
    const columns = fieldOfColumn.length;
    let column = 0;
    let start = from;
    for (let i = from; i < to; i += 1) {
      const byte = bytes[i]!;
      if (byte === separatorByte) {
        if (column < columns) {
          const field = fieldOfColumn[column]!;
          starts[field] = start;
          ends[field] = i;
        }
        column += 1;
        start = i + 1;
      } else if (mayQuote && byte === QUOTE) {
        return this.readText(this.lineDecoder.decode(bytes.subarray(from, end)), true);
      }
    }
    if (column < columns) {
      const field = fieldOfColumn[column]!;
      starts[field] = start;
      ends[field] = to;
    }
    column += 1;
    if (column !== columns) return this.wrongFieldCount(column);
    this.sink.bytes!(bytes, starts, ends, this.line);
  }

  /** One line as text (`counted`: its line number is already counted). */
  private readText(text: string, counted = false): void {
    if (!counted) this.line += 1;
    const line = this.line;
    const body = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (body.trim() === "") return;
    const fields = splitFields(body, this.separator);
    if (fields === undefined) {
      this.sink.problems([
        issue(["line", line], "unterminated_quote", `line ${line}: a quoted field is not closed on this line`),
      ]);
      return;
    }
    if (this.fieldOfColumn === undefined) {
      const columns = readHeader(fields.map((field, index) => (index === 0 ? field.replace(/^\uFEFF/, "") : field)));
      this.fieldOfColumn = Int8Array.from(columns, (column) => (CLAIM_FIELDS as readonly string[]).indexOf(column));
      return;
    }
    if (fields.length !== this.fieldOfColumn.length) return this.wrongFieldCount(fields.length);
    if (this.sink.bytes !== undefined) return this.textAsBytes(fields);
    const record: Record<string, string> = {};
    for (let i = 0; i < fields.length; i += 1)
      if (fields[i] !== "") record[CLAIM_FIELDS[this.fieldOfColumn[i]!]!] = fields[i]!;
    this.sink.record!(record, line);
  }

  /** A row read as text (it had quotes), handed on as bytes. */
  private textAsBytes(fields: readonly string[]): void {
    const encoded = fields.map((field) => encoder.encode(field));
    const bytes = new Uint8Array(encoded.reduce((sum, field) => sum + field.length, 0));
    // Reset, then write the header's columns: the fields the header lacks stay empty, as in readBytes.
    this.from.fill(0);
    this.to.fill(0);
    let at = 0;
    encoded.forEach((field, column) => {
      bytes.set(field, at);
      const index = this.fieldOfColumn![column]!;
      this.from[index] = at;
      this.to[index] = at + field.length;
      at += field.length;
    });
    this.sink.bytes!(bytes, this.from, this.to, this.line);
  }

  private wrongFieldCount(count: number): void {
    const { line } = this;
    this.sink.problems([
      issue(
        ["line", line],
        "wrong_field_count",
        `line ${line}: ${count} fields, but the header has ${this.fieldOfColumn!.length} columns`,
      ),
    ]);
  }
}

/** The header's columns, checked: every required column once, no unknown column. Throws at once when wrong. */
function readHeader(fields: readonly string[]): readonly string[] {
  const problems: InputIssue[] = [];
  const seen = new Set<string>();
  fields.forEach((name) => {
    const column = name.trim();
    if (!(CLAIM_FIELDS as readonly string[]).includes(column)) {
      problems.push(
        issue(
          ["line", 1, column],
          "unknown_column",
          `line 1: unknown column "${column}": the columns are ${CLAIM_FIELDS.join(", ")}`,
        ),
      );
    } else if (seen.has(column)) {
      problems.push(issue(["line", 1, column], "duplicate_column", `line 1: column "${column}" appears twice`));
    }
    seen.add(column);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!seen.has(column))
      problems.push(issue(["line", 1], "missing_column", `line 1: the header has no "${column}" column`));
  }
  if (problems.length > 0) throw new ClaimsError(problems);
  return fields.map((name) => name.trim());
}

/** The fields of one CSV line, or `undefined` when a quoted field is not closed. */
function splitFields(text: string, separator: string): string[] | undefined {
  if (!text.includes('"')) return text.split(separator);
  const fields: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === "") {
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

/** Two byte arrays end to end, in a new one. */
function joined(first: Uint8Array, second: Uint8Array): Uint8Array {
  const both = new Uint8Array(first.length + second.length);
  both.set(first);
  both.set(second, first.length);
  return both;
}
