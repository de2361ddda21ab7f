import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { claimDecisionChunks, parseContract, settleClaimsAsync, type ClaimSettlement } from "../../src/index.js";
import { readClaimsCsv } from "../../src/node/index.js";

/**
 * The built command line's `claims` outputs that stream (dist/cli.js, made by `npm run build`): `--decisions
 * FILE` in NDJSON or CSV, and `--format json` written a piece at a time, each equal to the library's settlement;
 * and the errors of a bad `--decisions` (exit 2, as every command-line error).
 */

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const CLI = root("dist/cli.js");
const CONTRACT = root("examples/rate-card/contract.json");
const CLAIMS = root("examples/rate-card/claims-sample.csv");
const scratch = mkdtempSync(join(tmpdir(), "pay-by-results-claims-cli-"));

function run(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const claims = (...more: string[]) => run("claims", CONTRACT, CLAIMS, "--as-of", "2015-09-30", ...more);

let expected: ClaimSettlement;
beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npm run build` first (npm test does)");
  const contract = parseContract(JSON.parse(readFileSync(CONTRACT, "utf8")));
  expected = await settleClaimsAsync(contract, readClaimsCsv(CLAIMS), { asOf: "2015-09-30" });
});

/** The rows of an RFC 4180 CSV text. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i += 1) {
    const char = csv[i]!;
    if (quoted) {
      if (char === '"' && csv[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && csv[i + 1] === "\n") {
      rows.push([...row, field]);
      row = [];
      field = "";
      i += 1;
    } else field += char;
  }
  return rows;
}

describe("pay-by-results claims: outputs that stream", () => {
  it("--decisions FILE.ndjson: a line per decision, each the library's decision", () => {
    const path = join(scratch, "decisions.ndjson");
    const result = claims("--decisions", path);
    expect(result.code).toBe(0);
    // the text output is still the totals
    expect(result.out).toContain("Read 200 claims: 137 accepted, 2 accepted in part, 61 rejected");
    const lines = readFileSync(path, "utf8").split("\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, -1).map((line) => JSON.parse(line) as unknown)).toEqual(
      JSON.parse(JSON.stringify(expected.decisions)),
    );
  });

  it("--decisions FILE.jsonl, and --decisions-format ndjson whatever the name", () => {
    const jsonl = join(scratch, "decisions.jsonl");
    expect(claims("--decisions", jsonl).code).toBe(0);
    const named = join(scratch, "decisions.out");
    expect(claims("--decisions", named, "--decisions-format", "ndjson").code).toBe(0);
    expect(readFileSync(named, "utf8")).toBe(readFileSync(jsonl, "utf8"));
    expect(readFileSync(jsonl, "utf8").split("\n")).toHaveLength(201);
  });

  it("--decisions FILE.csv --csv it: the library's Italian CSV (a byte-order mark, ';', a decimal comma)", async () => {
    const path = join(scratch, "decisioni.csv");
    const result = claims("--decisions", path, "--csv", "it");
    expect(result.code).toBe(0);
    const written = readFileSync(path);
    const chunks: Uint8Array[] = [];
    for await (const chunk of claimDecisionChunks(expected.decisions!, "csv", { locale: "it" })) chunks.push(chunk);
    expect(written.equals(Buffer.concat(chunks))).toBe(true);
    expect(written.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(written.toString("utf8")).toContain(";accepted;GBP;900,00;900,00;900,00;;;\r\n");
    // --csv is for a decisions file in CSV, and is it or en
    expect(claims("--csv", "it").code).toBe(2);
    expect(claims("--decisions", join(scratch, "d.ndjson"), "--csv", "it").err).toContain("--csv applies to");
    expect(claims("--decisions", path, "--csv", "fr").err).toContain("--csv fr: expected it");
  });

  it("--decisions FILE.csv: a header and a row per decision, parsed back to the library's decisions", () => {
    const path = join(scratch, "decisions.csv");
    const result = claims("--decisions", path, "--format", "json");
    expect(result.code).toBe(0);
    const [header, ...rows] = parseCsv(readFileSync(path, "utf8"));
    expect(header).toEqual([
      "claimId",
      "participant",
      "outcome",
      "achievedOn",
      "claimedOn",
      "period",
      "status",
      "currency",
      "amount",
      "price",
      "priced",
      "reason",
      "message",
      "dependsOn",
    ]);
    expect(rows).toEqual(
      expected.decisions!.map((decision) =>
        header!.map((column) => {
          // money as its decimal, after the column of its currency
          if (column === "currency") return decision.amount.currency;
          const value = (decision as unknown as Record<string, string | { amount: string } | undefined>)[column];
          return (typeof value === "object" ? value.amount : value) ?? "";
        }),
      ),
    );
    // with --format json, stdout holds the settlement
    expect((JSON.parse(result.out) as ClaimSettlement).counts).toEqual(expected.counts);
  });

  it("--format json: the very text of JSON.stringify of the library's settlement", () => {
    const result = claims("--format", "json");
    expect(result.code).toBe(0);
    expect(result.out).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(JSON.parse(result.out)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it("--format json to a reader that closes early (| head): no error", () => {
    const result = spawnSync(
      "sh",
      [
        "-c",
        `"${process.execPath}" "${CLI}" claims "${CONTRACT}" "${CLAIMS}" --as-of 2015-09-30 --format json | head -c 10`,
      ],
      {
        encoding: "utf8",
      },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('{\n  "contr');
    expect(result.stderr).toBe("");
  });
});

describe("pay-by-results claims: a bad --decisions (exit 2, nothing read)", () => {
  const expectError = (result: { code: number | null; err: string; out: string }, message: string) => {
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(result.out).toBe("");
  };

  it("a name whose ending tells no format", () =>
    expectError(
      claims("--decisions", join(scratch, "decisions.txt")),
      "decisions.txt: the format is told by the name's ending, .ndjson, .jsonl or .csv; or give --decisions-format ndjson|csv",
    ));
  it("an unknown --decisions-format", () =>
    expectError(
      claims("--decisions", join(scratch, "d.csv"), "--decisions-format", "xml"),
      "--decisions-format xml: expected ndjson or csv",
    ));
  it("--decisions-format without --decisions", () =>
    expectError(claims("--decisions-format", "csv"), "--decisions-format applies to --decisions <file>"));
  it("a folder that does not exist", () =>
    expectError(claims("--decisions", join(scratch, "nowhere", "d.csv")), "no such folder"));
  it("a folder instead of a file", () => {
    const folder = join(scratch, "folder.csv");
    mkdirSync(folder, { recursive: true });
    expectError(claims("--decisions", folder), "folder.csv: is a folder, not a file");
  });
  it("--decisions without a file name", () => expectError(claims("--decisions"), "--decisions"));
  it.skipIf(!existsSync("/dev/full"))("a file that cannot be written (a full disk: /dev/full)", () =>
    expectError(
      claims("--decisions", "/dev/full", "--decisions-format", "csv"),
      "--decisions /dev/full: cannot write the decisions (ENOSPC)",
    ),
  );
  it("the claims file's errors come first, exit 1, and no decisions file is made", () => {
    const path = join(scratch, "never.csv");
    const bad = join(scratch, "bad-claims.csv");
    writeFileSync(
      bad,
      "id,participant,outcome,achievedOn,claimedOn,evidence\nC1,P1,EMP-ENTRY,2014-02-30,2014-03-01,E1\n",
    );
    const result = run("claims", CONTRACT, bad, "--as-of", "2015-09-30", "--decisions", path);
    expect(result.code).toBe(1);
    expect(result.err).toContain("bad-claims.csv: invalid claims: 1 problem");
    expect(existsSync(path)).toBe(false);
  });
  it("stdout that cannot be written with --format json: exit 2", () => {
    if (!existsSync("/dev/full")) return;
    const full = openSync("/dev/full", "w");
    try {
      const result = spawnSync(
        process.execPath,
        [CLI, "claims", CONTRACT, CLAIMS, "--as-of", "2015-09-30", "--format", "json"],
        { stdio: ["ignore", full, "pipe"], encoding: "utf8" },
      );
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("pay-by-results: cannot write the output (ENOSPC)");
    } finally {
      closeSync(full);
    }
  });
});
