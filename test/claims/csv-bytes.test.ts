import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClaimsError, settleClaimsAsync, type ClaimSettlement } from "../../src/index.js";
import { readClaimsCsv } from "../../src/node/index.js";
import { CARD_CONTRACT } from "./support.js";

/**
 * The fast path for claims files: `settleClaimsAsync(contract, readClaimsCsv(file), { keepDecisions: false })`
 * reads each row's bytes straight into the settlement's columns. Law: it settles any file exactly as the same
 * file read as claim objects does — same totals, counts, caps, and the same errors with the same lines — whatever
 * the separator, column order, quoting, line ends, blank lines, byte order mark, non-ASCII text, and however the
 * bytes are cut into chunks (even inside a character).
 */

const FIELDS = ["id", "participant", "outcome", "achievedOn", "claimedOn", "evidence", "enrolledOn"] as const;
const OUTCOMES = ["ATT", "ENTRY", "SUST", "L1", "L2", "L3", "SKILLS", "NOPE"];
const encoder = new TextEncoder();

/** Hides the fast path: a plain async iterable of the claims `readClaimsCsv` yields. */
function asClaimObjects<T>(claims: AsyncIterable<T>): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => claims[Symbol.asyncIterator]() };
}

async function* byteChunks(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const at = Math.min(cut, bytes.length);
    if (at > from) yield bytes.slice(from, at);
    from = Math.max(from, at);
  }
  if (from < bytes.length) yield bytes.slice(from);
}

type Outcome = { readonly settlement: ClaimSettlement } | { readonly issues: unknown };

async function outcomeOf(reading: Promise<ClaimSettlement>): Promise<Outcome> {
  try {
    return { settlement: await reading };
  } catch (error) {
    if (!(error instanceof ClaimsError)) throw error;
    return { issues: error.issues };
  }
}

const dayArbitrary = fc
  .integer({ min: 0, max: 1300 })
  .map((offset) => new Date(Date.UTC(2012, 3, 1 + offset)).toISOString().slice(0, 10));
const rowArbitrary = fc.record({
  id: fc.oneof(
    { weight: 400, arbitrary: fc.constantFrom("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8") },
    { weight: 1, arbitrary: fc.constantFrom("c 9", "") },
  ),
  participant: fc.oneof(
    { weight: 400, arbitrary: fc.constantFrom("P1", "P2", "P3") },
    { weight: 1, arbitrary: fc.constantFrom("Pé", "") },
  ),
  outcome: fc.constantFrom(...OUTCOMES),
  achievedOn: fc.oneof(
    { weight: 400, arbitrary: dayArbitrary },
    { weight: 1, arbitrary: fc.constantFrom("2013-02-30", "10/01/2013", "") },
  ),
  claimedOn: dayArbitrary,
  evidence: fc.oneof(
    {
      weight: 400,
      arbitrary: fc.constantFrom("payslip", 'file "A", page 2', "attestato n°7", "💼 contract", "a;b", "tab\there"),
    },
    { weight: 1, arbitrary: fc.constant("") },
  ),
  enrolledOn: fc.constantFrom("2012-09-01", "2013-01-15", ""),
});

const fileArbitrary = fc.record({
  rows: fc.array(rowArbitrary, { maxLength: 25 }),
  replays: fc.array(fc.nat(), { maxLength: 4 }),
  /** Rows again with another evidence (or outcome): the same id with other content, a conflict. */
  variants: fc.array(
    fc.record({
      at: fc.nat(),
      evidence: fc.constantFrom("payslip", "payslip 2", "attestato n°8"),
      outcome: fc.option(fc.constantFrom(...OUTCOMES)),
    }),
    { maxLength: 3 },
  ),
  separator: fc.constantFrom(",", ";", "\t"),
  order: fc.shuffledSubarray([...FIELDS], { minLength: 7, maxLength: 7 }),
  withEnrolment: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
  blankLines: fc.array(fc.nat(), { maxLength: 3 }),
  finalNewline: fc.boolean(),
  cuts: fc.array(fc.nat({ max: 2000 }), { maxLength: 12 }),
});

type FileSpec = typeof fileArbitrary extends fc.Arbitrary<infer T> ? T : never;

function fileText(file: FileSpec): string {
  const columns = file.order.filter((field) => file.withEnrolment || field !== "enrolledOn");
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  const needsQuotes = (text: string) => text.includes('"') || text.includes(file.separator) || text.includes("\t");
  const rowAt = (index: number) => file.rows[index % Math.max(file.rows.length, 1)];
  const variants = file.variants.flatMap(({ at, evidence, outcome }) => {
    const row = rowAt(at);
    return row === undefined ? [] : [{ ...row, evidence, outcome: outcome ?? row.outcome }];
  });
  const rows = [...file.rows, ...file.replays.map(rowAt).filter((row) => row !== undefined), ...variants];
  const lines = [
    columns.join(file.separator),
    ...rows.map((row) =>
      columns
        .map((field) => {
          const value = row[field];
          return file.quoteAll || needsQuotes(value) ? quote(value) : value;
        })
        .join(file.separator),
    ),
  ];
  for (const at of file.blankLines) lines.splice(1 + (at % lines.length), 0, at % 2 === 0 ? "" : "  ");
  const end = file.crlf ? "\r\n" : "\n";
  return `${file.bom ? "\uFEFF" : ""}${lines.join(end)}${file.finalNewline ? end : ""}`;
}

describe("claims files read from bytes (settleClaimsAsync over readClaimsCsv, decisions not kept)", () => {
  it("settle every file exactly as the same file read as claim objects", async () => {
    let settledFiles = 0;
    await fc.assert(
      fc.asyncProperty(fileArbitrary, async (file) => {
        const bytes = encoder.encode(fileText(file));
        const options = { asOf: "2015-06-30", keepDecisions: false } as const;
        const separator = { separator: file.separator } as const;
        const fromBytes = await outcomeOf(
          settleClaimsAsync(CARD_CONTRACT, readClaimsCsv(byteChunks(bytes, file.cuts), separator), options),
        );
        const fromObjects = await outcomeOf(
          settleClaimsAsync(CARD_CONTRACT, asClaimObjects(readClaimsCsv(byteChunks(bytes, []), separator)), options),
        );
        expect(fromBytes).toEqual(fromObjects);
        settledFiles += "settlement" in fromBytes && fromBytes.settlement.total.amount !== "0.00" ? 1 : 0;
      }),
      { numRuns: 300 },
    );
    // Many generated files settle to money (the others are refused with their errors): both cases are compared.
    expect(settledFiles).toBeGreaterThan(60);
  });

  it("a replayed file pays once, and a row quoted or not is the same claim (a repeat, not a conflict)", async () => {
    const header = "id,participant,outcome,achievedOn,claimedOn,evidence,enrolledOn";
    const row = "c1,P1,ENTRY,2013-01-10,2013-01-20,attestato n°7 💼,2012-09-01";
    const quoted = '"c1","P1","ENTRY","2013-01-10","2013-01-20","attestato n°7 💼","2012-09-01"';
    const settled = await settleClaimsAsync(
      CARD_CONTRACT,
      readClaimsCsv(byteChunks(encoder.encode(`${header}\n${row}\n${quoted}\n${row}\n`), [40, 41, 95])),
      { asOf: "2015-06-30", keepDecisions: false },
    );
    expect(settled.counts).toEqual({ received: 3, repeatsIgnored: 2, accepted: 1, acceptedInPart: 0, rejected: 0 });
    expect(settled.total.amount).toBe("3500.00");
  });

  it("a file on disk (its size known, so the columns are sized from its first rows) settles as read as claim objects", async () => {
    const header = "id,participant,outcome,achievedOn,claimedOn,evidence,enrolledOn";
    const rows = Array.from({ length: 5000 }, (_, index) => {
      const day = new Date(Date.UTC(2012, 9, 1 + (index % 700))).toISOString().slice(0, 10);
      return `c${index},P${index % 613},${OUTCOMES[index % 7]},${day},${day},ev-${index},2012-09-01`;
    });
    const file = join(mkdtempSync(join(tmpdir(), "claims-bytes-")), "claims.csv");
    writeFileSync(file, `${header}\n${rows.join("\n")}\n`);
    const options = { asOf: "2015-06-30", keepDecisions: false } as const;
    const fromBytes = await settleClaimsAsync(CARD_CONTRACT, readClaimsCsv(file), options);
    const fromObjects = await settleClaimsAsync(CARD_CONTRACT, asClaimObjects(readClaimsCsv(file)), options);
    expect(fromBytes).toEqual(fromObjects);
    expect(fromBytes.counts.received).toBe(5000);
  });

  it("a file with a bad header is refused at once, on both paths; a reading stopped early ends quietly", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "claims-bytes-")), "claims.csv");
    writeFileSync(
      file,
      `id,participant,outcome,achievedOn,claimedOn,evidense\n${"c1,P1,ENTRY,2013-01-10,2013-01-20,e\n".repeat(5000)}`,
    );
    for (const keepDecisions of [false, true]) {
      await expect(
        settleClaimsAsync(CARD_CONTRACT, readClaimsCsv(file), { asOf: "2015-06-30", keepDecisions }),
      ).rejects.toThrow(/line 1: unknown column "evidense"/);
    }
    writeFileSync(
      file,
      `id,participant,outcome,achievedOn,claimedOn,evidence\n${"c1,P1,ENTRY,2013-01-10,2013-01-20,e\n".repeat(5000)}`,
    );
    let read = 0;
    for await (const _ of readClaimsCsv(file)) {
      read += 1;
      if (read === 3) break;
    }
    expect(read).toBe(3);
  });

  it("a reader already started is read as claim objects, from where it stands", async () => {
    const text =
      "id,participant,outcome,achievedOn,claimedOn,evidence\nc1,P1,ENTRY,2013-01-10,2013-01-20,e1\nc2,P2,ENTRY,2013-01-10,2013-01-20,e2\n";
    const claims = readClaimsCsv(byteChunks(encoder.encode(text), []));
    expect((await claims.next()).value).toMatchObject({ id: "c1" });
    const rest = await settleClaimsAsync(CARD_CONTRACT, claims, { asOf: "2015-06-30", keepDecisions: false });
    expect(rest.counts.received).toBe(1);
    expect(rest.byParticipant.map((entry) => entry.participant)).toEqual(["P2"]);
  });
});
