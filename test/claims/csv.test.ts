import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ClaimsError, settleClaims, settleClaimsAsync, type Claim, type InputIssue } from "../../src/index.js";
import { readClaimsCsv } from "../../src/node/index.js";
import { CARD_CONTRACT } from "./support.js";

/** The CSV claims reader of pay-by-results/node: what it reads, and every error a claims file can give. */

const HEADER = "id,participant,outcome,achievedOn,claimedOn,evidence,enrolledOn";

async function* chunks(text: string, size = 7): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, separator?: "," | ";" | "\t"): Promise<Claim[]> {
  const claims: Claim[] = [];
  for await (const claim of readClaimsCsv(chunks(text), separator === undefined ? {} : { separator }))
    claims.push(claim);
  return claims;
}

/**
 * The problems of a claims file, read as claim objects; settling it without decisions (the path that reads the
 * bytes straight into columns) must find exactly the same ones.
 */
async function problems(text: string): Promise<readonly InputIssue[]> {
  const issuesOf = async (reading: Promise<unknown>): Promise<readonly InputIssue[]> => {
    try {
      await reading;
    } catch (error) {
      expect(error).toBeInstanceOf(ClaimsError);
      return (error as ClaimsError).issues;
    }
    throw new Error("expected the file to be rejected");
  };
  const found = await issuesOf(read(text));
  const fromBytes = await issuesOf(
    settleClaimsAsync(CARD_CONTRACT, readClaimsCsv(chunks(text)), { asOf: "2015-12-31", keepDecisions: false }),
  );
  expect(fromBytes).toEqual(found);
  return found;
}

describe("reading claims files", () => {
  it("reads rows into claims, split across chunks at any point; an empty enrolledOn is left out", async () => {
    const claims = await read(
      `${HEADER}\nc1,P1,ENTRY,2013-01-10,2013-01-20,payslip 1,2012-09-01\nc2,P2,ATT,2013-02-10,2013-02-20,register,\n`,
    );
    expect(claims).toEqual([
      {
        id: "c1",
        participant: "P1",
        outcome: "ENTRY",
        achievedOn: "2013-01-10",
        claimedOn: "2013-01-20",
        evidence: "payslip 1",
        enrolledOn: "2012-09-01",
      },
      {
        id: "c2",
        participant: "P2",
        outcome: "ATT",
        achievedOn: "2013-02-10",
        claimedOn: "2013-02-20",
        evidence: "register",
      },
    ]);
  });

  it("columns in any order, optional enrolledOn, CRLF line ends, a byte order mark, quoted fields, blank lines", async () => {
    const text = `\uFEFFevidence,claimedOn,achievedOn,outcome,participant,id\r\n"file ""A"", page 2",2013-01-20,2013-01-10,ENTRY,P1,c1\r\n\r\n`;
    expect(await read(text)).toEqual([
      {
        id: "c1",
        participant: "P1",
        outcome: "ENTRY",
        achievedOn: "2013-01-10",
        claimedOn: "2013-01-20",
        evidence: 'file "A", page 2',
      },
    ]);
  });

  it("a semicolon separator", async () => {
    expect(
      await read(`id;participant;outcome;achievedOn;claimedOn;evidence\nc1;P1;ENTRY;2013-01-10;2013-01-20;e\n`, ";"),
    ).toHaveLength(1);
  });

  it("a file on disk, settled as a stream, gives the same result as the same claims in memory", async () => {
    const rows = [
      `${HEADER}`,
      "c1,P1,ENTRY,2013-01-10,2013-01-20,e1,2012-09-01",
      "c2,P1,SUST,2013-05-10,2013-05-20,e2,2012-09-01",
      "c3,P2,L3,2013-03-10,2013-03-20,e3,2012-09-01",
    ];
    const file = join(mkdtempSync(join(tmpdir(), "claims-csv-")), "claims.csv");
    writeFileSync(file, `${rows.join("\n")}\n`);
    const streamed = await settleClaimsAsync(CARD_CONTRACT, readClaimsCsv(file), { asOf: "2015-12-31" });
    const inMemory = settleClaims(CARD_CONTRACT, await read(`${rows.join("\n")}\n`), { asOf: "2015-12-31" });
    expect(streamed).toEqual(inMemory);
    expect(streamed.total.amount).toBe("10600.00");
  });
});

describe("errors in claims files (line numbers count the header as line 1)", () => {
  it("unknown column", async () => {
    expect(await problems(`id,participant,outcome,achievedOn,claimedOn,evidence,enroledOn\n`)).toEqual([
      {
        path: ["line", 1, "enroledOn"],
        at: "$.line[1].enroledOn",
        code: "unknown_column",
        message:
          'line 1: unknown column "enroledOn": the columns are id, participant, outcome, achievedOn, claimedOn, evidence, enrolledOn',
      },
    ]);
  });

  it("duplicate column", async () => {
    expect((await problems(`${HEADER},id\n`))[0]).toMatchObject({
      at: "$.line[1].id",
      code: "duplicate_column",
      message: 'line 1: column "id" appears twice',
    });
  });

  it("missing column", async () => {
    expect(await problems(`id,participant,outcome,achievedOn,claimedOn\n`)).toEqual([
      {
        path: ["line", 1],
        at: "$.line[1]",
        code: "missing_column",
        message: 'line 1: the header has no "evidence" column',
      },
    ]);
  });

  it("an empty file has no header", async () => {
    expect(await problems("")).toEqual([
      {
        path: ["line", 1],
        at: "$.line[1]",
        code: "missing_header",
        message: "the file is empty: the first row must name the columns",
      },
    ]);
  });

  it("wrong number of fields", async () => {
    expect(await problems(`${HEADER}\nc1,P1,ENTRY,2013-01-10,2013-01-20\n`)).toEqual([
      {
        path: ["line", 2],
        at: "$.line[2]",
        code: "wrong_field_count",
        message: "line 2: 5 fields, but the header has 7 columns",
      },
    ]);
  });

  it("a quoted field not closed on its line", async () => {
    expect(await problems(`${HEADER}\nc1,P1,ENTRY,2013-01-10,2013-01-20,"payslip,2012-09-01\n`)).toEqual([
      {
        path: ["line", 2],
        at: "$.line[2]",
        code: "unterminated_quote",
        message: "line 2: a quoted field is not closed on this line",
      },
    ]);
  });

  it("bad fields: every bad row is reported with its line and column, good rows are still read", async () => {
    const text = `${HEADER}\nc1,P1,ENTRY,2013-01-10,2013-01-20,e,\nc2,P1,ENTRY,2013-02-30,2013-03-01,e,\n\nc 3,P1,ENTRY,2013-01-10,2013-01-20,,\n`;
    expect(await problems(text)).toEqual([
      {
        path: ["line", 3, "achievedOn"],
        at: "$.line[3].achievedOn",
        code: "invalid_date",
        message: 'line 3: expected a real calendar date as YYYY-MM-DD, e.g. "2027-08-31"',
      },
      {
        path: ["line", 5, "id"],
        at: "$.line[5].id",
        code: "invalid_id",
        message: "line 5: an id is made of letters, digits, '.', '_', ':' or '-', and starts with a letter or digit",
      },
      {
        path: ["line", 5, "evidence"],
        at: "$.line[5].evidence",
        code: "required",
        message: 'line 5: "evidence" is required',
      },
    ]);
  });

  it("settleClaimsAsync rejects with the file's errors", async () => {
    await expect(
      settleClaimsAsync(CARD_CONTRACT, readClaimsCsv(chunks(`${HEADER}\nc1,P1,ENTRY,10/01/2013,2013-01-20,e,\n`)), {
        asOf: "2015-12-31",
      }),
    ).rejects.toThrow(/line 2: expected a real calendar date/);
  });

  it("beyond 1,000 problems, the rest are counted, not listed", async () => {
    const rows = Array.from({ length: 1005 }, (_, index) => `c${index},P1,ENTRY,2013-01-10`);
    const found = await problems(`${HEADER}\n${rows.join("\n")}\n`);
    expect(found).toHaveLength(1001);
    expect(found[1000]).toEqual({
      path: [],
      at: "$",
      code: "too_many_problems",
      message: "5 more problems were found and not listed",
    });
  });
});
