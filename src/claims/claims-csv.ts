import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import { CLAIM_FIELDS } from "./claim-record.js";
import { ClaimsError } from "./claims-error.js";

/**
 * The claims file format (CSV) read from bytes, in the core: no file access here, only the parsing of chunks a
 * caller reads (`readClaimsCsv` in `pay-by-results/node` reads files). The first row names the columns, in any
 * order: `id`, `participant`, `outcome`, `achievedOn`, `claimedOn`, `evidence` and, optionally, `enrolledOn`.
 * Fields may be quoted with `"` (a quote inside is written `""`); a field may not span lines; blank lines are
 * skipped; an empty field is an absent one; a line holds at most `maxLineBytes` bytes.
 *
 * Two ways to hand rows on. As bytes: a row without quotes goes to `sink.bytes` as the byte range of each field,
 * in the order of `CLAIM_FIELDS`, and nothing is decoded — the fast path that settles a file without making a
 * string per field. As text: every row is decoded and goes to `sink.record` as its non-empty fields by name.
 * (In bytes mode a row with quotes, or whose bytes are not UTF-8, is decoded, unquoted and handed on as bytes
 * again.)
 */
export interface ClaimsCsvSink {
  /** A row: field `k` of `CLAIM_FIELDS` is `bytes[from[k], to[k])`, empty when `from[k] === to[k]`. */
  bytes?(bytes: Uint8Array, from: Int32Array, to: Int32Array, line: number): void;
  /**
   * The fast way to read rows in bytes mode, tried first for the lines of UTF-8 text: reads the lines from the
   * one that starts at `start` up to the one that ends at `last` (a line feed) straight into the caller's own
   * store, their columns being `fields` (the index in `CLAIM_FIELDS` of each) and their separator the byte
   * `separator`, and stops before the first that is anything but a plain sound claim (a field out of form, a
   * wrong number of fields, a quote: `quote` is the index of the next quote at or after `start`, or -1) —
   * keeping nothing of that one, which is then read the usual way (`bytes`), saying what is wrong. Returns how
   * many lines it read; `next[0]` is where the line it stopped before starts (`last + 1` when it read them all).
   */
  rows?(
    bytes: Uint8Array,
    start: number,
    last: number,
    fields: Int8Array,
    separator: number,
    quote: number,
    next: Int32Array,
  ): number;
  /** A row as text: its non-empty fields by column name (text mode). */
  record?(record: Record<string, string>, line: number): void;
  /** Rows that cannot be read (a wrong number of fields, an unclosed quote, a line longer than the limit). */
  problems(found: readonly InputIssue[]): void;
}

/** The separators a claims file may use. */
export type ClaimsCsvSeparator = "," | ";" | "\t";

/**
 * The longest line a claims file may hold by default, in bytes, not counting its line break: 1 MiB
 * (1,048,576 bytes), some ten thousand times a usual row. A longer line is a `line_too_long` problem.
 */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;
/** The largest `maxLineBytes` that may be asked for: 1 GiB. */
const MAX_LINE_BYTES_LIMIT = 1 << 30;
const SEPARATORS: readonly string[] = [",", ";", "\t"];
const OPTION_KEYS: readonly string[] = ["separator", "maxLineBytes"];

/** @internal The options of a claims file's reading, checked and with their defaults (see `claimsCsvSettings`). */
export interface ClaimsCsvSettings {
  readonly separator: ClaimsCsvSeparator;
  /** The most bytes a line may hold, not counting its line break (LF or CRLF). */
  readonly maxLineBytes: number;
  /**
   * True when the bytes are well-formed UTF-8: `isUtf8` of `node:buffer` (native, SIMD) given by the Node entry
   * point; the core's own `isUtf8` otherwise. The same answer either way, only faster.
   */
  readonly isUtf8?: (bytes: Uint8Array) => boolean;
}

/**
 * @internal Checks the options of `readClaimsCsv` (`{ separator?, maxLineBytes? }`) once, before any byte is
 * read, and gives them with their defaults: both ways a file is read (bytes into columns, claim objects) take
 * these settings, so they cannot see different options. Throws an `OptionsError` listing every problem.
 */
export function claimsCsvSettings(options: unknown): ClaimsCsvSettings {
  if (options === undefined) return { separator: ",", maxLineBytes: DEFAULT_MAX_LINE_BYTES };
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new OptionsError([
      issue([], "invalid_type", "the options of readClaimsCsv must be an object: { separator?, maxLineBytes? }"),
    ]);
  }
  const problems: InputIssue[] = [];
  const { separator = ",", maxLineBytes = DEFAULT_MAX_LINE_BYTES } = options as Record<string, unknown>;
  if (typeof separator !== "string" || !SEPARATORS.includes(separator)) {
    problems.push(
      issue(
        ["separator"],
        "invalid_separator",
        `separator must be ",", ";" or a tab ("\\t"), not ${described(separator)}`,
      ),
    );
  }
  if (
    typeof maxLineBytes !== "number" ||
    !Number.isInteger(maxLineBytes) ||
    maxLineBytes < 1 ||
    maxLineBytes > MAX_LINE_BYTES_LIMIT
  ) {
    problems.push(
      issue(
        ["maxLineBytes"],
        "invalid_max_line_bytes",
        `maxLineBytes must be a whole number of bytes from 1 to ${MAX_LINE_BYTES_LIMIT} (1 GiB); the default is ${DEFAULT_MAX_LINE_BYTES} (1 MiB)`,
      ),
    );
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key))
      problems.push(
        issue([key], "unknown_option", `unknown option "${key}": readClaimsCsv takes separator and maxLineBytes`),
      );
  }
  if (problems.length > 0) throw new OptionsError(problems);
  return { separator: separator as ClaimsCsvSeparator, maxLineBytes: maxLineBytes as number };
}

/**
 * @internal The protocol between `readClaimsCsv` and `settleClaimsAsync`: the generator of claims that
 * `readClaimsCsv` returns also carries its source under this symbol, so that `settleClaimsAsync`, when it keeps
 * no decisions, reads the bytes itself instead of a claim object per row.
 */
export const CLAIMS_CSV_SOURCE = Symbol.for("pay-by-results.claimsCsvSource");

/** @internal What `readClaimsCsv` hands `settleClaimsAsync` under `CLAIMS_CSV_SOURCE`. */
export interface ClaimsCsvSource {
  /** The options, checked once by `readClaimsCsv`: the same for both ways of reading. */
  readonly settings: ClaimsCsvSettings;
  /** True once the claims have been read as objects: the source is then spent. */
  readonly started: boolean;
  /** The file's chunks (call once). */
  chunks(): AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>;
  /** True when `chunks()` gives a plain iterable of bytes, each chunk read synchronously when asked for. */
  readonly sync?: boolean;
  /** The file's size in bytes, when the source is a file. */
  size(): number | undefined;
}

const NEWLINE = 10;
const RETURN = 13;
const QUOTE = 34;
const REQUIRED_COLUMNS = CLAIM_FIELDS.filter((field) => field !== "enrolledOn");
const encoder = new TextEncoder();
/** A buffer for lines cut by chunk boundaries that grew beyond this is let go once its line is read. */
const KEPT_CARRY = 1 << 16;
/** About how many bytes of whole lines the text mode decodes at once. */
const TEXT_PIECE = 1 << 20;

/**
 * Reads a claims file chunk by chunk: `push` each chunk as it comes, then `end`.
 *
 * Both modes (bytes and text) cut the same bytes into lines the same way, so they count the same lines and find
 * the same ones too long: text chunks are written as UTF-8 first (a surrogate pair cut between two chunks is
 * joined again), a line is decoded as UTF-8 with U+FFFD for each invalid sequence (the bytes mode reads a row
 * whose bytes are not valid UTF-8 as text, so its fields are the same), and a byte order mark at the start of
 * the file is dropped. Each byte is looked at a constant number of times: a line cut by chunk boundaries is
 * copied into a buffer that doubles as it grows (each byte copied about twice at most; at most `maxLineBytes` + 1
 * bytes are kept), and the rest of a line found too long is skipped unread up to its line feed — time linear in
 * the file's size, memory bounded by the line limit.
 */
export class ClaimsCsvParser {
  private line = 0;
  /** For each column of the file, the index of its field in `CLAIM_FIELDS`. */
  private fieldOfColumn: Int8Array | undefined;
  /** The start of a line cut by a chunk boundary, `carry[0, carryLength)`. */
  private carry = new Uint8Array(0);
  private carryLength = 0;
  /** True while the rest of a line already reported too long is skipped, up to its line feed. */
  private skipping = false;
  /** A high surrogate that ended the last text chunk: the low one may start the next. */
  private pendingHigh = "";
  private chunkCount = 0;
  private readonly from = new Int32Array(CLAIM_FIELDS.length);
  private readonly to = new Int32Array(CLAIM_FIELDS.length);
  /** Where the sink's fast way (`rows`) stopped. */
  private readonly next = new Int32Array(1);
  private readonly separator: ClaimsCsvSeparator;
  private readonly separatorByte: number;
  private readonly maxLineBytes: number;
  private readonly isUtf8: (bytes: Uint8Array) => boolean;
  private readonly lineDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

  constructor(
    settings: ClaimsCsvSettings,
    private readonly sink: ClaimsCsvSink,
  ) {
    this.separator = settings.separator;
    this.separatorByte = settings.separator.charCodeAt(0);
    this.maxLineBytes = settings.maxLineBytes;
    this.isUtf8 = settings.isUtf8 ?? ((bytes) => isUtf8(bytes, 0, bytes.length));
  }

  push(chunk: Uint8Array | string): void {
    this.chunkCount += 1;
    if (typeof chunk === "string") {
      let text = this.pendingHigh + chunk;
      this.pendingHigh = "";
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        this.pendingHigh = text.slice(-1);
        text = text.slice(0, -1);
      }
      return this.pushBytes(encoder.encode(text));
    }
    // A lone high surrogate before bytes is written as UTF-8 writes it (U+FFFD).
    if (this.pendingHigh !== "") this.flushPendingHigh();
    // A plain Uint8Array view of every chunk (a Node Buffer is a subclass): the hot code then sees one kind of array.
    if (ArrayBuffer.isView(chunk))
      return this.pushBytes(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((chunk as unknown) instanceof ArrayBuffer)
      return this.pushBytes(new Uint8Array(chunk as unknown as ArrayBuffer));
    throw new ClaimsError([
      issue(
        [],
        "invalid_chunk",
        `chunk ${this.chunkCount} of the claims file is ${described(chunk)}: a claims source must give text (strings) or bytes (Uint8Array)`,
      ),
    ]);
  }

  /** Reads the last line (when the file does not end with a line break) and checks that there was a header. */
  end(): void {
    if (this.pendingHigh !== "") this.flushPendingHigh();
    if (this.skipping) {
      this.skipping = false;
      this.line += 1;
    } else if (this.carryLength > 0) {
      this.readCarried();
    }
    if (this.fieldOfColumn === undefined) {
      this.sink.problems([
        issue(["line", 1], "missing_header", "the file is empty: the first row must name the columns"),
      ]);
    }
  }

  private flushPendingHigh(): void {
    const high = this.pendingHigh;
    this.pendingHigh = "";
    this.pushBytes(encoder.encode(high));
  }

  private pushBytes(bytes: Uint8Array): void {
    let from = 0;
    if (this.carryLength > 0 || this.skipping) {
      // Only the line cut by the chunk boundary is copied; the rest of the chunk is read where it lies.
      const end = bytes.indexOf(NEWLINE);
      this.keep(bytes, 0, end < 0 ? bytes.length : end);
      if (end < 0) return;
      if (this.skipping) {
        this.skipping = false;
        this.line += 1;
      } else {
        this.readCarried();
      }
      from = end + 1;
    }
    const last = bytes.lastIndexOf(NEWLINE);
    if (last >= from) {
      this.readLines(bytes, from, last);
      from = last + 1;
    }
    if (from < bytes.length) this.keep(bytes, from, bytes.length);
  }

  /**
   * Keeps `bytes[from, to)`, the start or more of a line cut by a chunk boundary. Once the line holds more than
   * `maxLineBytes` + 1 bytes it is too long whatever follows: it is reported and the rest of it skipped.
   */
  private keep(bytes: Uint8Array, from: number, to: number): void {
    if (this.skipping || to === from) return;
    const length = this.carryLength + (to - from);
    if (length > this.maxLineBytes + 1) {
      this.carryLength = 0;
      this.releaseCarry();
      this.skipping = true;
      return this.tooLong(this.line + 1);
    }
    if (length > this.carry.length) {
      const grown = new Uint8Array(Math.min(Math.max(length, 2 * this.carry.length, 256), this.maxLineBytes + 1));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(bytes.subarray(from, to), this.carryLength);
    this.carryLength = length;
  }

  /** Reads the line kept in `carry` (its line feed has come, or the file has ended). */
  private readCarried(): void {
    const line = this.carry;
    const length = this.carryLength;
    this.carryLength = 0;
    if (this.isTooLong(line, 0, length)) {
      this.line += 1;
      this.tooLong(this.line);
    } else if (this.sink.bytes !== undefined) {
      this.readRow(line, 0, length, true, true);
    } else {
      this.readText(this.lineDecoder.decode(line.subarray(0, length)));
    }
    this.releaseCarry();
  }

  /** A buffer grown for a long line is not kept: memory goes back to what short lines need. */
  private releaseCarry(): void {
    if (this.carry.length > KEPT_CARRY) this.carry = new Uint8Array(0);
  }

  /** True when the line `bytes[from, end)` (without its line feed) holds more than `maxLineBytes` bytes before a final CR. */
  private isTooLong(bytes: Uint8Array, from: number, end: number): boolean {
    const length = end - from;
    return length > this.maxLineBytes && !(length === this.maxLineBytes + 1 && bytes[end - 1] === RETURN);
  }

  /** Reads the whole lines of `bytes[from, last]`, where `bytes[last]` is a line feed. */
  private readLines(bytes: Uint8Array, from: number, last: number): void {
    // No line can be too long when all of them together are short enough (the usual case: chunks of 64 KiB).
    if (last - from <= this.maxLineBytes) return this.readRun(bytes, from, last);
    let run = from;
    for (let start = from; start <= last; ) {
      const end = bytes.indexOf(NEWLINE, start);
      if (this.isTooLong(bytes, start, end)) {
        if (start > run) this.readRun(bytes, run, start - 1);
        this.line += 1;
        this.tooLong(this.line);
        run = end + 1;
      }
      start = end + 1;
    }
    if (run <= last) this.readRun(bytes, run, last);
  }

  /** Reads the lines of `bytes[from, last]` (`bytes[last]` is a line feed), none of them too long. */
  private readRun(bytes: Uint8Array, from: number, last: number): void {
    if (this.sink.bytes === undefined) {
      // Decoded about 1 MiB of whole lines at a time: a stream's chunk may be far larger than a file's 64 KiB.
      for (let start = from; start <= last; ) {
        let end = last;
        if (last - start > TEXT_PIECE) {
          end = bytes.lastIndexOf(NEWLINE, start + TEXT_PIECE);
          if (end < start) end = bytes.indexOf(NEWLINE, start + TEXT_PIECE);
        }
        this.readTextLines(this.lineDecoder.decode(bytes.subarray(start, end)));
        start = end + 1;
      }
      return;
    }
    // Rows without any quote (the usual case) need no quote test on each byte: the next quote is looked up once.
    let quote = bytes.indexOf(QUOTE, from);
    // Rows whose bytes are not UTF-8 are read as text: the run's bytes are checked at once (the usual case: they
    // are UTF-8), its rows one by one only when they are not.
    const checkRows = !this.isUtf8(bytes.subarray(from, last));
    const { sink } = this;
    for (let start = from; ; ) {
      if (quote >= 0 && quote < start) quote = bytes.indexOf(QUOTE, start);
      // Plain rows go straight to the sink's store (one pass over their bytes); the first other the usual way.
      if (sink.rows !== undefined && !checkRows && this.fieldOfColumn !== undefined) {
        this.line += sink.rows(bytes, start, last, this.fieldOfColumn, this.separatorByte, quote, this.next);
        start = this.next[0]!;
        if (start > last) return;
        if (quote >= 0 && quote < start) quote = bytes.indexOf(QUOTE, start);
      }
      const end = bytes.indexOf(NEWLINE, start);
      this.readRow(bytes, start, end, quote >= 0 && quote < end, checkRows);
      if (end === last) return;
      start = end + 1;
    }
  }

  /** Reads the lines of `text` (decoded whole lines, without the last one's line feed). */
  private readTextLines(text: string): void {
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      this.readText(text.slice(start, end));
      start = end + 1;
    }
    this.readText(text.slice(start));
  }

  private tooLong(line: number): void {
    const found = [
      issue(
        ["line", line],
        "line_too_long",
        `line ${line}: longer than ${this.maxLineBytes} bytes, the most a line may hold (readClaimsCsv's maxLineBytes option; lines end with LF or CRLF)`,
      ),
    ];
    // Without a header there are no columns to read the next rows by: the reading stops here.
    if (this.fieldOfColumn === undefined) throw new ClaimsError(found);
    this.sink.problems(found);
  }

  /**
   * One line of a file read as bytes, `bytes[from, end)` without its line feed (`mayQuote`: the line may hold a
   * quote; `mayBeBad`: its bytes may not be UTF-8). A line that is not UTF-8 is read as the text path reads it,
   * each bad sequence a U+FFFD. (Kept apart from `readBytes`, which stays small enough to be inlined.)
   */
  private readRow(bytes: Uint8Array, from: number, end: number, mayQuote: boolean, mayBeBad: boolean): void {
    if (mayBeBad && !isUtf8(bytes, from, end)) this.readText(this.lineDecoder.decode(bytes.subarray(from, end)));
    else this.readBytes(bytes, from, end, mayQuote);
  }

  /** One line, as bytes `bytes[from, end)` without its line feed (`mayQuote`: the line may hold a quote). */
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

  /** One line as text, without its line feed (`counted`: its line number is already counted). */
  private readText(text: string, counted = false): void {
    if (!counted) this.line += 1;
    const line = this.line;
    // The byte order mark that may start a file is not part of its first line.
    const start = line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const body = text.slice(start, text.endsWith("\r") ? -1 : text.length);
    if (body.trim() === "") return;
    const fields = splitFields(body, this.separator);
    if (fields === undefined) {
      const found = [
        issue(["line", line], "unterminated_quote", `line ${line}: a quoted field is not closed on this line`),
      ];
      // In the header, as any fault of the header, it stops the reading at once.
      if (this.fieldOfColumn === undefined) throw new ClaimsError(found);
      return this.sink.problems(found);
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

  /** A row read as text (it had quotes, or bytes that are not UTF-8), handed on as bytes. */
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

/**
 * True when `bytes[from, to)` is well-formed UTF-8 (no lone or unexpected continuation byte, no truncated,
 * overlong or surrogate sequence, nothing above U+10FFFF): exactly the bytes a `TextDecoder` decodes without a
 * U+FFFD of its own.
 */
export function isUtf8(bytes: Uint8Array, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) need = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      if (lead === 0xe0) low = 0xa0;
      else if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      if (lead === 0xf0) low = 0x90;
      else if (lead === 0xf4) high = 0x8f;
    } else return false;
    if (i + need >= to) return false;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return false;
    for (let k = 2; k <= need; k += 1) if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
    i += need + 1;
  }
  return true;
}

/** A value named in a message: a string quoted, a number as written, anything else by its kind. */
function described(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
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
