import { isUtf8 as nodeIsUtf8 } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OptionsError, ValidationError, settleClaimsAsync, type ClaimSettlement } from "../../src/index.js";
import { isUtf8 } from "../../src/claims/claims-csv.js";
import { readClaimsCsv, type ReadClaimsCsvOptions } from "../../src/node/index.js";
import { CARD_CONTRACT } from "./support.js";

/**
 * Any claims file, however odd its bytes, settles the same from bytes as from claim objects. The file is generated
 * as bytes: odd quoting (quotes inside a field, after a closing quote, never closed, doubled), byte order marks
 * (at the start and inside), NULs and control characters, invalid UTF-8 (lone bytes, truncated and overlong
 * sequences, encoded surrogates), huge fields, blank lines of every kind, LF, CRLF and CR alone (which ends no
 * line), the separators `,`, `;` and tab (and fields holding the others), a header that may be wrong, rows with
 * too few or too many fields, repeats and conflicts, and sometimes a small `maxLineBytes` so that lines cross the
 * limit. Law: `settleClaimsAsync` over `readClaimsCsv` settles it to the same outcome on every path — the bytes
 * read straight into columns, the claims read as objects (with and without their decisions), the file given as
 * text cut anywhere (even between the two halves of a surrogate pair) — the same totals, counts and caps, or the
 * same typed error with the same issues (path, code and message). No reading ends in an untyped error.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const OUTCOMES = ["ATT", "ENTRY", "SUST", "L1", "L2", "L3", "SKILLS", "NOPE"];
const FIELDS = ["id", "participant", "outcome", "achievedOn", "claimedOn", "evidence", "enrolledOn"] as const;
type Field = (typeof FIELDS)[number];

/** A piece of a file: text (written as UTF-8) or raw bytes (which need not be UTF-8). */
type Part = string | readonly number[];

const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff],
  [0x80],
  [0xc3],
  [0xc3, 0x28],
  [0xe2, 0x82],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xef, 0xbb],
  [0xf0, 0x9f, 0x92],
];

const dayArbitrary = fc
  .integer({ min: 0, max: 1300 })
  .map((offset) => new Date(Date.UTC(2012, 3, 1 + offset)).toISOString().slice(0, 10));

const goodValue: Record<Field, fc.Arbitrary<string>> = {
  id: fc.constantFrom("c1", "c2", "c3", "c4", "c5", "c6"),
  participant: fc.constantFrom("P1", "P2", "P3"),
  outcome: fc.constantFrom(...OUTCOMES),
  achievedOn: dayArbitrary,
  claimedOn: dayArbitrary,
  evidence: fc.constantFrom("payslip", "payslip 2", "attestato n°7", "💼 contract", "a;b", "a,b", "tab\there"),
  enrolledOn: fc.constantFrom("2012-09-01", "2013-01-15", ""),
};

/** Odd contents of a field, as parts: they may break the field, the row or nothing at all. */
const oddParts: fc.Arbitrary<Part[]> = fc.oneof(
  fc.constantFrom<Part[]>(
    ["\0"],
    ["c1\0"],
    ["\uFEFF"],
    ["\uFEFFc1"],
    ["P1\uFEFF"],
    ["\u00a0"],
    [" "],
    ["\x01\x7f"],
    ['"'],
    ['""'],
    ['"""'],
    ['"c1""'],
    ['"payslip'],
    ['"pay"slip'],
    ['pay"slip'],
    ['"a,b;c\td"'],
    ['"a\rb"'],
    ["a\rb"],
    ["\r"],
    ["é"],
    ["\ud83d\udcbc"],
    ["2013-02-30"],
    ["10/01/2013"],
    ["c 9"],
    [""],
  ),
  fc
    .record({ bytes: fc.constantFrom(...INVALID_UTF8), before: fc.constantFrom("", "c1", "payslip ") })
    .map(({ bytes, before }): Part[] => [before, bytes]),
  // Huge fields: beyond a chunk, beyond a small line limit.
  fc.constantFrom(1000, 70_000, 200_000).map((length): Part[] => ["x".repeat(length)]),
);

const lineEnd = fc.constantFrom("\n", "\n", "\n", "\r\n", "\r\n", "\r");
const blankLine = fc.constantFrom<Part[]>([""], [" "], ["\t"], ["\u00a0"], ["\uFEFF"], ["\r"], [[0xc2, 0xa0]]);

const fileArbitrary = fc
  .record({
    separator: fc.constantFrom(",", ";", "\t"),
    // The usual order half the time (the reader has a way of its own for it), any other the rest.
    order: fc.oneof(fc.constant([...FIELDS]), fc.shuffledSubarray([...FIELDS], { minLength: 7, maxLength: 7 })),
    withEnrolment: fc.boolean(),
    header: fc.oneof(
      { weight: 12, arbitrary: fc.constant("plain") },
      { weight: 1, arbitrary: fc.constantFrom("quoted", "spaced", "unknown", "duplicate", "missing", "odd") },
    ),
    rows: fc.array(
      fc.record({
        values: fc.record(goodValue),
        odd: fc.option(fc.record({ field: fc.constantFrom(...FIELDS), parts: oddParts }), { freq: 2 }),
        quote: fc.constantFrom("needed", "needed", "needed", "all"),
        fieldCount: fc.constantFrom(0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 1),
        end: lineEnd,
      }),
      { maxLength: 14 },
    ),
    replays: fc.array(fc.nat(), { maxLength: 3 }),
    /**
     * A row twice with its evidence or outcome holding two sequences that are not UTF-8 (the same or not): read as
     * text both are U+FFFD, so the second is a repeat, not a conflict — on every path.
     */
    twins: fc.array(
      fc.record({
        at: fc.nat(),
        field: fc.constantFrom<Field>("evidence", "outcome"),
        first: fc.constantFrom(...INVALID_UTF8),
        second: fc.constantFrom(...INVALID_UTF8),
      }),
      { maxLength: 2 },
    ),
    blankLines: fc.array(fc.record({ at: fc.nat(), parts: blankLine, end: lineEnd }), { maxLength: 3 }),
    /** A clean file: its odd parts only in evidence, every row with its fields, no line ended by CR alone. */
    clean: fc.boolean(),
    bom: fc.boolean(),
    headerEnd: lineEnd,
    finalNewline: fc.boolean(),
    maxLineBytes: fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(40, 64, 90, 200, 70_000) },
    ),
    byteCuts: fc.array(fc.nat(), { maxLength: 10 }),
    otherCuts: fc.array(fc.nat(), { maxLength: 10 }),
    textCuts: fc.array(fc.nat(), { maxLength: 10 }),
  })
  .map((file) => ({ ...file, bytes: fileBytes(file) }));

type FileSpec = {
  readonly separator: string;
  readonly order: readonly Field[];
  readonly withEnrolment: boolean;
  readonly header: string;
  readonly rows: readonly {
    readonly values: Record<Field, string>;
    readonly odd: { readonly field: Field; readonly parts: Part[] } | null;
    readonly quote: string;
    readonly fieldCount: number;
    readonly end: string;
  }[];
  readonly replays: readonly number[];
  readonly twins: readonly {
    readonly at: number;
    readonly field: Field;
    readonly first: readonly number[];
    readonly second: readonly number[];
  }[];
  readonly blankLines: readonly { readonly at: number; readonly parts: Part[]; readonly end: string }[];
  readonly clean: boolean;
  readonly bom: boolean;
  readonly headerEnd: string;
  readonly finalNewline: boolean;
};

function fileBytes(file: FileSpec): Uint8Array {
  const { separator } = file;
  const columns = file.order.filter((field) => file.withEnrolment || field !== "enrolledOn");
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  const needsQuotes = (text: string) => /["\t,;]/.test(text);
  const headerNames: string[] = {
    plain: columns,
    quoted: columns.map(quote),
    spaced: columns.map((column) => ` ${column} `),
    unknown: [...columns, "evidense"],
    duplicate: [...columns, columns[0]!],
    missing: columns.slice(1),
    odd: columns.map((column, index) => (index === 0 ? `"${column}` : column)),
  }[file.header]!;
  const lines: { parts: Part[]; end: string }[] = [{ parts: [headerNames.join(separator)], end: file.headerEnd }];
  const rowAt = (at: number) => (file.rows.length > 0 ? [file.rows[at % file.rows.length]!] : []);
  const rows = [
    ...file.rows,
    ...file.replays.flatMap(rowAt),
    ...file.twins.flatMap(({ at, field, first, second }) =>
      rowAt(at).flatMap((row) =>
        [first, second].map((bytes) => ({ ...row, odd: { field, parts: ["payslip ", bytes] as Part[] } })),
      ),
    ),
  ];
  for (const row of rows) {
    const parts: Part[] = [];
    const count = file.clean ? columns.length : Math.max(1, columns.length + row.fieldCount);
    const clean = (field: Field) => field === "evidence" || (field === "outcome" && row.odd!.parts[0] === "payslip ");
    const odd = row.odd !== null && (!file.clean || clean(row.odd.field)) ? row.odd : null;
    for (let index = 0; index < count; index += 1) {
      if (index > 0) parts.push(separator);
      const field = columns[index % columns.length]!;
      if (odd !== null && odd.field === field) parts.push(...odd.parts);
      else {
        const value = row.values[field];
        parts.push(row.quote === "all" || needsQuotes(value) ? quote(value) : value);
      }
    }
    lines.push({ parts, end: file.clean && row.end === "\r" ? "\n" : row.end });
  }
  for (const blank of file.blankLines)
    lines.splice(1 + (blank.at % lines.length), 0, { parts: blank.parts, end: blank.end });
  const all: Part[] = file.bom ? ["\uFEFF"] : [];
  lines.forEach((line, index) => {
    all.push(...line.parts);
    if (index < lines.length - 1 || file.finalNewline) all.push(line.end);
  });
  const pieces = all.map((part) => (typeof part === "string" ? encoder.encode(part) : Uint8Array.from(part)));
  const bytes = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    bytes.set(piece, at);
    at += piece.length;
  }
  return bytes;
}

/** The positions `cuts` taken into `[0, length]`, sorted. */
function positions(cuts: readonly number[], length: number): number[] {
  return cuts.map((cut) => cut % (length + 1)).sort((a, b) => a - b);
}

async function* byteChunks(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const at of positions(cuts, bytes.length)) {
    if (at > from) yield bytes.slice(from, at);
    from = Math.max(from, at);
  }
  if (from < bytes.length) yield bytes.slice(from);
}

/** Text cut at any UTF-16 position, even between the two halves of a surrogate pair. */
async function* textChunks(text: string, cuts: readonly number[]): AsyncGenerator<string> {
  let from = 0;
  for (const at of positions(cuts, text.length)) {
    if (at > from) yield text.slice(from, at);
    from = Math.max(from, at);
  }
  if (from < text.length) yield text.slice(from);
}

/** Hides the fast path: a plain async iterable of the claims `readClaimsCsv` yields. */
function asClaimObjects<T>(claims: AsyncIterable<T>): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => claims[Symbol.asyncIterator]() };
}

type Outcome =
  | { readonly settlement: ClaimSettlement }
  | { readonly error: { readonly name: string; readonly issues: unknown } };

/** What a reading ends in: a settlement, or a typed error (an untyped one fails the test). */
async function outcomeOf(reading: () => Promise<ClaimSettlement>): Promise<Outcome> {
  try {
    return { settlement: await reading() };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { error: { name: error.name, issues: error.issues } };
  }
}

/** A settlement without its decisions (the paths that keep none compare with it). */
function withoutDecisions(outcome: Outcome): Outcome {
  if (!("settlement" in outcome)) return outcome;
  const { decisions: _, ...rest } = outcome.settlement;
  return { settlement: rest as ClaimSettlement };
}

const AS_OF = { asOf: "2015-06-30", keepDecisions: false } as const;

describe("any claims file settles the same from bytes and from claim objects", () => {
  it("whatever its bytes, on every path: same totals and counts, or the same typed error", async () => {
    const seen = { settled: 0, paid: 0, refused: 0, tooLong: 0 };
    await fc.assert(
      fc.asyncProperty(fileArbitrary, async (file) => {
        const { bytes } = file;
        const options: ReadClaimsCsvOptions = {
          separator: file.separator as "," | ";" | "\t",
          ...(file.maxLineBytes === null ? {} : { maxLineBytes: file.maxLineBytes }),
        };
        const read = (chunks: AsyncIterable<string | Uint8Array>) => readClaimsCsv(chunks, options);
        const fromBytes = await outcomeOf(() =>
          settleClaimsAsync(CARD_CONTRACT, read(byteChunks(bytes, file.byteCuts)), AS_OF),
        );
        const fromObjects = await outcomeOf(() =>
          settleClaimsAsync(CARD_CONTRACT, asClaimObjects(read(byteChunks(bytes, file.otherCuts))), AS_OF),
        );
        expect(fromObjects).toEqual(fromBytes);
        const kept = await outcomeOf(() =>
          settleClaimsAsync(CARD_CONTRACT, read(byteChunks(bytes, file.byteCuts)), { ...AS_OF, keepDecisions: true }),
        );
        expect(withoutDecisions(kept)).toEqual(fromBytes);
        if ("settlement" in kept) {
          const decisions = kept.settlement.decisions!.toArray();
          expect(decisions).toHaveLength(kept.settlement.counts.received - kept.settlement.counts.repeatsIgnored);
        }
        // The same file given as text (invalid UTF-8 read as U+FFFD), cut anywhere: as its UTF-8 bytes.
        const text = decoder.decode(bytes);
        const fromTextBytes = await outcomeOf(() =>
          settleClaimsAsync(CARD_CONTRACT, read(byteChunks(encoder.encode(text), [])), AS_OF),
        );
        const fromText = await outcomeOf(() =>
          settleClaimsAsync(CARD_CONTRACT, read(textChunks(text, file.textCuts)), AS_OF),
        );
        expect(fromText).toEqual(fromTextBytes);
        const fromTextObjects = await outcomeOf(() =>
          settleClaimsAsync(CARD_CONTRACT, asClaimObjects(read(textChunks(text, file.textCuts))), AS_OF),
        );
        expect(fromTextObjects).toEqual(fromTextBytes);
        if ("settlement" in fromBytes) {
          seen.settled += 1;
          if (fromBytes.settlement.total.amount !== "0.00") seen.paid += 1;
        } else {
          seen.refused += 1;
          if (JSON.stringify(fromBytes.error.issues).includes("line_too_long")) seen.tooLong += 1;
        }
      }),
      { numRuns: Number(process.env.CSV_RUNS ?? 400) },
    );
    // Both outcomes are compared often: files that settle to money, files refused, lines beyond the limit.
    expect(seen.paid).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(40);
    expect(seen.tooLong).toBeGreaterThan(10);
  });
});

describe("the options of readClaimsCsv are checked once, before either path reads a byte", () => {
  const ANYTHING = { withBigInt: true, withObjectString: true, withNullPrototype: true, withMap: true } as const;
  const text = "id,participant,outcome,achievedOn,claimedOn,evidence\nc1,P1,ENTRY,2013-01-10,2013-01-20,e\n";

  it("anything given as options is accepted, or refused at once with an OptionsError", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(ANYTHING),
          fc.record({ separator: fc.anything(ANYTHING), maxLineBytes: fc.anything(ANYTHING) }, { requiredKeys: [] }),
          fc.record(
            {
              separator: fc.constantFrom(",", ";", "\t", "", ",,", " ", "|", 5, null),
              maxLineBytes: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(2 ** 30, 2 ** 30 + 1, "1")),
            },
            { requiredKeys: [] },
          ),
        ),
        (options) => {
          try {
            readClaimsCsv(byteChunks(encoder.encode(text), []), options as ReadClaimsCsvOptions);
          } catch (error) {
            expect(error).toBeInstanceOf(OptionsError);
            for (const found of (error as OptionsError).issues) {
              expect(found.at).toMatch(/^\$/);
              expect(found.code).toMatch(/^[a-z_]+$/);
              expect(found.message).not.toBe("");
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['separator ""', { separator: "" }, ["separator"], "invalid_separator"],
    ["separator 5", { separator: 5 }, ["separator"], "invalid_separator"],
    ["separator 5n", { separator: 5n }, ["separator"], "invalid_separator"],
    ["separator { toString: 1 }", { separator: { toString: 1 } }, ["separator"], "invalid_separator"],
    ['separator "|"', { separator: "|" }, ["separator"], "invalid_separator"],
    ["maxLineBytes 0", { maxLineBytes: 0 }, ["maxLineBytes"], "invalid_max_line_bytes"],
    ["maxLineBytes 1.5", { maxLineBytes: 1.5 }, ["maxLineBytes"], "invalid_max_line_bytes"],
    ["maxLineBytes 2^30 + 1", { maxLineBytes: 2 ** 30 + 1 }, ["maxLineBytes"], "invalid_max_line_bytes"],
    ['maxLineBytes "64"', { maxLineBytes: "64" }, ["maxLineBytes"], "invalid_max_line_bytes"],
    ["a misspelt option", { seperator: ";" }, ["seperator"], "unknown_option"],
    ["null", null, [], "invalid_type"],
  ])("%s is refused at once with an OptionsError, before either path runs", (_, options, path, code) => {
    const call = () => readClaimsCsv(byteChunks(encoder.encode(`\uFEFF${text}`), []), options as ReadClaimsCsvOptions);
    expect(call).toThrow(OptionsError);
    try {
      call();
    } catch (error) {
      expect((error as OptionsError).issues).toEqual([expect.objectContaining({ path, code })]);
    }
  });

  it("the message says what is wrong in plain words", () => {
    expect(() => readClaimsCsv(byteChunks(encoder.encode(text), []), { separator: "" as "," })).toThrow(
      'invalid options: 1 problem\n  $.separator: separator must be ",", ";" or a tab ("\\t"), not ""',
    );
  });

  it("a source that is neither a path nor an iterable, or a chunk that is neither text nor bytes, is a typed error", async () => {
    expect(() => readClaimsCsv(42 as unknown as string)).toThrow(OptionsError);
    async function* odd(): AsyncGenerator<unknown> {
      yield "id,participant,outcome,achievedOn,claimedOn,evidence\n";
      yield 42;
    }
    const source = odd as unknown as () => AsyncIterable<string>;
    for (const keepDecisions of [false, true]) {
      await expect(
        settleClaimsAsync(CARD_CONTRACT, readClaimsCsv(source()), { asOf: "2015-06-30", keepDecisions }),
      ).rejects.toMatchObject({
        name: "ClaimsError",
        issues: [expect.objectContaining({ code: "invalid_chunk" })],
      });
    }
  });
});

describe("lines longer than maxLineBytes (1 MiB unless set)", () => {
  const HEADER = "id,participant,outcome,achievedOn,claimedOn,evidence";
  const ROW = "c1,P1,ENTRY,2013-01-10,2013-01-20,";
  const MIB = 1 << 20;
  /** A row whose line holds exactly `length` bytes before its line break. */
  const rowOf = (length: number, id = "c1") => `${id}${ROW.slice(2)}${"e".repeat(length - ROW.length)}`;

  /** Both paths, the bytes cut in `size`-byte chunks: they must end alike; the outcome is returned. */
  async function bothPaths(text: string, options: ReadClaimsCsvOptions = {}, size = 1 << 16): Promise<Outcome> {
    const bytes = encoder.encode(text);
    const cuts = Array.from({ length: Math.floor(bytes.length / size) }, (_, index) => (index + 1) * size);
    const fromBytes = await outcomeOf(() =>
      settleClaimsAsync(CARD_CONTRACT, readClaimsCsv(byteChunks(bytes, cuts), options), AS_OF),
    );
    const fromObjects = await outcomeOf(() =>
      settleClaimsAsync(CARD_CONTRACT, asClaimObjects(readClaimsCsv(byteChunks(bytes, [7]), options)), AS_OF),
    );
    expect(fromObjects).toEqual(fromBytes);
    return fromBytes;
  }

  it("a line of exactly 1 MiB is read, CRLF or LF, whole or cut into chunks; one byte more is line_too_long", async () => {
    for (const size of [1 << 16, 1000, 1 << 22]) {
      const fits = await bothPaths(`${HEADER}\n${rowOf(MIB)}\r\n${rowOf(MIB, "c2")}\n${rowOf(MIB, "c3")}`, {}, size);
      expect(fits).toMatchObject({ settlement: { counts: { received: 3 }, total: { amount: "3500.00" } } });
      const over = await bothPaths(
        `${HEADER}\n${rowOf(MIB)}\n${rowOf(MIB + 1, "c2")}\r\n${rowOf(MIB, "c3")}`,
        {},
        size,
      );
      expect(over).toEqual({
        error: {
          name: "ClaimsError",
          issues: [
            {
              path: ["line", 3],
              at: "$.line[3]",
              code: "line_too_long",
              message:
                "line 3: longer than 1048576 bytes, the most a line may hold (readClaimsCsv's maxLineBytes option; lines end with LF or CRLF)",
            },
          ],
        },
      });
      // The last line, without a line break, counts the same.
      expect(await bothPaths(`${HEADER}\n${rowOf(MIB + 1)}`, {}, size)).toMatchObject({
        error: { issues: [{ at: "$.line[2]", code: "line_too_long" }] },
      });
    }
  });

  it("a long line is skipped unread and the reading goes on: later rows keep their line numbers", async () => {
    const text = `${HEADER}\n${rowOf(60)}\n${rowOf(61, "c2")}\n\n${rowOf(500, "c3")}\nc4,P1,ENTRY,2013-02-30,2013-03-01,e\n`;
    for (const size of [1, 16, 64, 1 << 16]) {
      expect(await bothPaths(text, { maxLineBytes: 60 }, size)).toMatchObject({
        error: {
          issues: [
            { at: "$.line[3]", code: "line_too_long", message: expect.stringMatching(/^line 3: longer than 60 bytes/) },
            { at: "$.line[5]", code: "line_too_long" },
            { at: "$.line[6].achievedOn", code: "invalid_date" },
          ],
        },
      });
    }
    const settled = await bothPaths(`${HEADER}\n${rowOf(500)}\n`, { maxLineBytes: 500 });
    expect(settled).toMatchObject({ settlement: { total: { amount: "3500.00" } } });
  });

  it("a stream's chunk of many megabytes, with long lines here and there, is read as in small chunks", async () => {
    const rows = Array.from({ length: 30_000 }, (_, index) =>
      index % 7000 === 5
        ? rowOf(300_000, `c${index}`)
        : `c${index},P${index % 50},ENTRY,2013-01-10,2013-01-20,e${index}`,
    );
    const text = `${HEADER}\n${rows.join("\n")}\n`;
    const whole = await bothPaths(text, {}, 1 << 30);
    expect(whole).toMatchObject({ settlement: { counts: { received: 30_000 }, total: { amount: "175000.00" } } });
    expect(await bothPaths(text, {}, 1000)).toEqual(whole);
    const ids: string[] = [];
    for await (const claim of readClaimsCsv(byteChunks(encoder.encode(text), []))) ids.push(claim.id);
    expect(ids).toEqual(rows.map((_, index) => `c${index}`));
  });

  it("a header line too long, or with a quote not closed, stops the reading at once", async () => {
    for (const [first, code] of [
      [`${HEADER},${"x".repeat(100)}`, "line_too_long"],
      [`"${HEADER}`, "unterminated_quote"],
    ] as const) {
      for (const keepDecisions of [false, true]) {
        let pulled = 0;
        async function* source(): AsyncGenerator<string> {
          yield `${first}\n`;
          for (;;) {
            pulled += 1;
            yield `${rowOf(40)}\n`;
          }
        }
        await expect(
          settleClaimsAsync(CARD_CONTRACT, readClaimsCsv(source(), { maxLineBytes: 80 }), { ...AS_OF, keepDecisions }),
        ).rejects.toMatchObject({ name: "ClaimsError", issues: [{ at: "$.line[1]", code }] });
        expect(pulled).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe("the UTF-8 check of the bytes path", () => {
  it("isUtf8 says what Node's isUtf8 and a fatal TextDecoder say, for any bytes", () => {
    const fatal = new TextDecoder("utf-8", { fatal: true });
    const decodes = (bytes: Uint8Array) => {
      try {
        fatal.decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    const piece = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 6 }).map((text) => [...encoder.encode(text)]),
      fc.constantFrom(...INVALID_UTF8),
      fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 4 }),
      fc.constantFrom([0xe0, 0xa0, 0x80], [0xed, 0x9f, 0xbf], [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf]),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.nat(), (pieces, cut) => {
        const bytes = Uint8Array.from(pieces.flat());
        const from = cut % (bytes.length + 1);
        expect(isUtf8(bytes, from, bytes.length)).toBe(nodeIsUtf8(bytes.subarray(from)));
        expect(isUtf8(bytes, from, bytes.length)).toBe(decodes(bytes.subarray(from)));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("cases where the two paths used to differ", () => {
  const HEADER = "id,participant,outcome,achievedOn,claimedOn,evidence\n";
  const ROW = "c1,P1,ENTRY,2013-01-10,2013-01-20,";
  const bytesOf = (...parts: Part[]) =>
    Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? [...encoder.encode(part)] : part)));

  async function bothPaths(chunks: () => AsyncIterable<string | Uint8Array>): Promise<Outcome> {
    const fromBytes = await outcomeOf(() => settleClaimsAsync(CARD_CONTRACT, readClaimsCsv(chunks()), AS_OF));
    const fromObjects = await outcomeOf(() =>
      settleClaimsAsync(CARD_CONTRACT, asClaimObjects(readClaimsCsv(chunks())), AS_OF),
    );
    expect(fromObjects).toEqual(fromBytes);
    return fromBytes;
  }
  const once = (settled: Outcome) =>
    expect(settled).toMatchObject({ settlement: { total: { amount: "3500.00" }, counts: { repeatsIgnored: 1 } } });

  it("a byte order mark before a quoted header", async () => {
    const bytes = bytesOf(`\uFEFF"id","participant",outcome,achievedOn,claimedOn,evidence\n${ROW}e\n`);
    expect(await bothPaths(() => byteChunks(bytes, [1, 2]))).toMatchObject({
      settlement: { total: { amount: "3500.00" } },
    });
  });

  it("evidence holding two different sequences that are not UTF-8: both U+FFFD, a repeat", async () => {
    const bytes = bytesOf(HEADER, ROW, [0xff], "\n", ROW, [0xc3], "\n");
    once(await bothPaths(() => byteChunks(bytes, [])));
  });

  it("a participant that starts with U+FEFF is an invalid id", async () => {
    const bytes = bytesOf(HEADER, "c1,\uFEFFP1,ENTRY,2013-01-10,2013-01-20,e\n");
    expect(await bothPaths(() => byteChunks(bytes, []))).toMatchObject({
      error: { issues: [{ at: "$.line[2].participant", code: "invalid_id" }] },
    });
  });

  it("text cut between the two halves of a surrogate pair", async () => {
    const text = `${HEADER}${ROW}💼 a\n${ROW}💼 a\n`;
    const cut = text.indexOf("💼") + 1;
    once(await bothPaths(() => textChunks(text, [cut, text.lastIndexOf("💼") + 1])));
  });
});
