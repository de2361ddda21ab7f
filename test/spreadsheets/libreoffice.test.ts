import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLAIM_DECISION_CSV_COLUMNS,
  claimDecisionChunks,
  parseClaimsCsv,
  parseContract,
  parseEvents,
  settle,
  settleClaims,
  settlementToCsv,
  type ClaimSettlement,
  type ReportLocale,
  type Settlement,
} from "../../src/index.js";
import { claimsWorkbook, settlementWorkbook } from "../../src/node/index.js";
import { workbookWordsOf } from "../../src/report/phrases/workbook-words.js";
import { Dec } from "../../src/money/decimal.js";
import { generateClaims } from "../../examples/rate-card/generate-claims.js";

/**
 * The spreadsheets open in a real spreadsheet program, with the right amounts: LibreOffice (Debian's
 * libreoffice-calc), headless, converts the workbooks of the FIS example and of the rate-card example back to CSV,
 * one file per sheet, and every amount is compared with the settlement's exact decimal — the number the cell holds
 * and the exact text beside it. The Italian CSV of `settlementToCsv(…, { locale: "it" })` is opened with the
 * Italian import options (`;`, UTF-8, Italian number recognition): its amounts must be read as numbers.
 *
 * Without `soffice` the tests are skipped with a message, except in CI (CI set), where they fail: .ci/run installs
 * libreoffice-calc. LibreOffice is slow to start on a busy machine: each conversion may take minutes, and nothing
 * here is timed.
 */

const inCi = (process.env.CI ?? "") !== "" && process.env.CI !== "false";
const hasSoffice = spawnSync("soffice", ["--version"], { encoding: "utf8", timeout: 300_000 }).status === 0;
if (!hasSoffice && !inCi)
  console.warn(
    "test/spreadsheets/libreoffice.test.ts skipped: `soffice` is not installed. Install LibreOffice Calc with " +
      "`apt-get install -y --no-install-recommends libreoffice-calc` to open the workbooks and CSV files in it.",
  );

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string): unknown => JSON.parse(readFileSync(`${root}examples/${path}`, "utf8"));

/** LibreOffice's CSV export: `,`, `"`, UTF-8, raw values (or as shown), every sheet to a file of its own. */
const csvExport = (asShown: boolean) =>
  `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${asShown},false,false,-1`;
/** The import options of an Italian CSV: `;`, `"`, UTF-8, from line 1, Italian (1040) numbers, special numbers. */
const ITALIAN_CSV = "CSV:59,34,76,1,,1040,false,true";
/** The same file read as American English (1033): the decimal commas are not numbers there (the control). */
const ENGLISH_CSV = "CSV:59,34,76,1,,1033,false,true";

let work = "";

/** Converts `files` with soffice into `outdir`, in a profile of its own (so runs in parallel do not collide). */
function convert(files: readonly string[], to: string, outdir: string, infilter?: string): void {
  mkdirSync(outdir, { recursive: true });
  const result = spawnSync(
    "soffice",
    [
      `-env:UserInstallation=${pathToFileURL(join(work, "profile")).href}`,
      "--headless",
      "--norestore",
      ...(infilter === undefined ? [] : [`--infilter=${infilter}`]),
      "--convert-to",
      to,
      "--outdir",
      outdir,
      ...files,
    ],
    { encoding: "utf8", timeout: 600_000 },
  );
  if (result.status !== 0)
    throw new Error(`soffice failed (${result.status ?? result.signal}): ${result.stderr}\n${result.stdout}`);
}

/** An RFC 4180 CSV text as rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The sheet `name` of a converted workbook `base`, as rows of fields (its header first). */
function sheet(outdir: string, base: string, name: string): string[][] {
  const file = join(outdir, `${base}-${name}.csv`);
  if (!existsSync(file)) throw new Error(`no sheet "${name}" in ${readdirSync(outdir).join(", ")}`);
  return parseCsv(readFileSync(file, "utf8"));
}

/** The number LibreOffice wrote for a cell, as a decimal (its raw value: a point, or a comma in some locales). */
const numberIn = (field: string | undefined) => new Dec((field ?? "").replace(/^(-?\d+),(\d+)$/, "$1.$2"));
/** A cell that holds `exact` as a number (raw export) and, in the next column, as its exact text. */
function expectAmount(row: readonly string[], column: number, exact: string | null): void {
  if (exact === null) {
    expect([row[column], row[column + 1]]).toEqual(["", ""]);
    return;
  }
  expect(numberIn(row[column]).equals(new Dec(exact)), `${row[column]} = ${exact}`).toBe(true);
  expect(row[column + 1]).toBe(exact);
}

const fisContract = parseContract(read("fis-dispersione/contract.json"));
const fisEvents = parseEvents(read("fis-dispersione/events.json"), { contract: fisContract });
const fis: Settlement = settle(fisContract, fisEvents, { asOf: "2028-03-31" });
const card = parseContract(read("rate-card/contract.json"));
const claims: ClaimSettlement = settleClaims(card, generateClaims(2026, 500, 6), { asOf: "2015-09-30" });
const LOCALES: readonly ReportLocale[] = ["en", "it"];

describe.skipIf(!hasSoffice && !inCi)("in LibreOffice", () => {
  beforeAll(async () => {
    if (!hasSoffice)
      throw new Error(
        "`soffice` is missing, and CI must open the spreadsheets in LibreOffice: install it with " +
          "`apt-get install -y --no-install-recommends libreoffice-calc` (.ci/run does so before npm test).",
      );
    work = mkdtempSync(join(tmpdir(), "pay-by-results-spreadsheets-"));
    const books: string[] = [];
    for (const locale of LOCALES) {
      const fisFile = join(work, `fis-${locale}.xlsx`);
      writeFileSync(fisFile, await settlementWorkbook(fis, { locale }));
      const claimsFile = join(work, `claims-${locale}.xlsx`);
      writeFileSync(claimsFile, await claimsWorkbook(claims, { locale }));
      books.push(fisFile, claimsFile);
    }
    // the command line's workbooks (the built dist/cli.js), Italian, and the library's of the same inputs
    const cli = (...args: string[]) => {
      const ran = spawnSync(process.execPath, [join(root, "dist/cli.js"), ...args], { encoding: "utf8" });
      if (ran.status !== 0) throw new Error(`pay-by-results ${args.join(" ")}: exit ${ran.status}\n${ran.stderr}`);
    };
    const sample = join(root, "examples/rate-card/claims-sample.csv");
    cli(
      "settle",
      `${root}examples/fis-dispersione/contract.json`,
      `${root}examples/fis-dispersione/events.json`,
      "--as-of",
      "2028-03-31",
      "--format",
      "xlsx",
      "--locale",
      "it",
      "--output",
      join(work, "cli-fis-it.xlsx"),
    );
    cli(
      "claims",
      `${root}examples/rate-card/contract.json`,
      sample,
      "--as-of",
      "2015-09-30",
      "--format",
      "xlsx",
      "--locale",
      "it",
      "--output",
      join(work, "cli-claims-it.xlsx"),
    );
    const sampleClaims = settleClaims(card, parseClaimsCsv(readFileSync(sample, "utf8")), { asOf: "2015-09-30" });
    writeFileSync(join(work, "api-claims-it.xlsx"), await claimsWorkbook(sampleClaims, { locale: "it" }));
    books.push(join(work, "cli-fis-it.xlsx"), join(work, "cli-claims-it.xlsx"), join(work, "api-claims-it.xlsx"));
    convert(books, csvExport(false), join(work, "raw"));
    convert([join(work, "fis-en.xlsx"), join(work, "claims-en.xlsx")], csvExport(true), join(work, "shown"));
    writeFileSync(join(work, "liquidazione.csv"), settlementToCsv(fis, { locale: "it" }));
    convert([join(work, "liquidazione.csv")], csvExport(false), join(work, "it-csv"), ITALIAN_CSV);
    convert([join(work, "liquidazione.csv")], csvExport(false), join(work, "en-csv"), ENGLISH_CSV);
    // the rate card's decisions, as CSV for Italian spreadsheets
    let decisionsCsv = "";
    const decoder = new TextDecoder();
    for await (const chunk of claimDecisionChunks(claims.decisions!, "csv", { locale: "it" }))
      decisionsCsv += decoder.decode(chunk, { stream: true });
    writeFileSync(join(work, "decisioni.csv"), decisionsCsv);
    convert([join(work, "decisioni.csv")], csvExport(false), join(work, "it-decisions"), ITALIAN_CSV);
  });

  afterAll(() => {
    if (work !== "") rmSync(work, { recursive: true, force: true });
  });

  it("writes the same workbooks from the command line (--format xlsx --output) as from the library", () => {
    const raw = join(work, "raw");
    const sheetsOf = (base: string) =>
      readdirSync(raw)
        .filter((name) => name.startsWith(`${base}-`))
        .map((name) => name.slice(base.length + 1))
        .sort();
    const words = workbookWordsOf("it");
    expect(sheetsOf("cli-fis-it")).toEqual(sheetsOf("fis-it"));
    expect(sheetsOf("cli-fis-it")).toContain(`${words.sheets.lines}.csv`);
    for (const name of sheetsOf("fis-it"))
      expect(readFileSync(join(raw, `cli-fis-it-${name}`), "utf8"), name).toBe(
        readFileSync(join(raw, `fis-it-${name}`), "utf8"),
      );
    expect(sheetsOf("cli-claims-it").length).toBeGreaterThan(1);
    expect(sheetsOf("cli-claims-it")).toEqual(sheetsOf("api-claims-it"));
    for (const name of sheetsOf("api-claims-it"))
      expect(readFileSync(join(raw, `cli-claims-it-${name}`), "utf8"), name).toBe(
        readFileSync(join(raw, `api-claims-it-${name}`), "utf8"),
      );
  });

  for (const locale of LOCALES) {
    const words = workbookWordsOf(locale);

    it(`reads the FIS settlement's workbook (${locale}) back with its amounts: lines, tranches, totals`, () => {
      const raw = join(work, "raw");
      const base = `fis-${locale}`;
      const lines = sheet(raw, base, words.sheets.lines);
      expect(lines[0]![0]).toBe(words.columns.tranche);
      const expected = fis.tranches.flatMap((tranche) => tranche.lines.map((line) => ({ tranche, line })));
      expect(lines.slice(1)).toHaveLength(expected.length);
      expected.forEach(({ tranche, line }, index) => {
        const row = lines[index + 1]!;
        expect([row[0], row[1], row[4], row[6]]).toEqual([tranche.id, tranche.dueDate, line.payer, line.recipient]);
        expectAmount(row, 8, line.earned?.amount ?? null);
        expectAmount(row, 10, line.paid.amount);
        expectAmount(row, 12, line.balance?.amount ?? null);
      });

      const tranches = sheet(raw, base, words.sheets.tranches).slice(1);
      expect(tranches.map((row) => row[0])).toEqual(fis.tranches.map((tranche) => tranche.id));
      fis.tranches.forEach((tranche, index) => {
        expectAmount(tranches[index]!, 9, tranche.amountEarned?.amount ?? null);
        expectAmount(tranches[index]!, 11, tranche.amountPaid.amount);
        expectAmount(tranches[index]!, 13, tranche.balance?.amount ?? null);
      });

      const totals = sheet(raw, base, words.sheets.totals);
      const row = (label: string) => totals.find((found) => found[0] === label)!;
      expectAmount(row(words.totals.earned), 1, fis.totals.earned.amount);
      expectAmount(row(words.totals.paid), 1, fis.totals.paid.amount);
      expectAmount(row(words.totals.balance), 1, fis.totals.balance.amount);
      expectAmount(row(words.totals.paidOnPending), 1, fis.totals.paidOnPending.amount);

      for (const [name, parties] of [
        [words.sheets.byPayer, fis.totals.byPayer],
        [words.sheets.byRecipient, fis.totals.byRecipient],
      ] as const) {
        const rows = sheet(raw, base, name).slice(1);
        expect(rows.map((found) => found[0])).toEqual(parties.map((party) => party.party));
        parties.forEach((party, index) => {
          expectAmount(rows[index]!, 2, party.earned.amount);
          expectAmount(rows[index]!, 4, party.paid.amount);
          expectAmount(rows[index]!, 6, party.balance.amount);
        });
      }

      const derivation = sheet(raw, base, words.sheets.derivation).slice(1);
      expect(derivation.length).toBeGreaterThan(fis.tranches.length);
    });

    it(`reads the rate card's claims workbook (${locale}) back with its amounts: decisions, participants, total`, () => {
      const raw = join(work, "raw");
      const base = `claims-${locale}`;
      const decisions = sheet(raw, base, words.sheets.decisions).slice(1);
      const all = [...(claims.decisions ?? [])];
      expect(all.length).toBeGreaterThan(1000);
      expect(decisions).toHaveLength(all.length);
      all.forEach((decision, index) => {
        const row = decisions[index]!;
        const amount = decision.amount as string | { readonly amount: string };
        expect([row[0], row[1], row[2], row[3]]).toEqual([
          decision.claimId,
          decision.participant,
          decision.outcome,
          decision.achievedOn,
        ]);
        expectAmount(row, 11, typeof amount === "string" ? amount : amount.amount);
      });

      const participants = sheet(raw, base, words.sheets.participants).slice(1);
      expect(participants.map((row) => row[0])).toEqual(claims.byParticipant.map((row) => row.participant));
      claims.byParticipant.forEach((participant, index) => {
        expect(participants[index]![1]).toBe(String(participant.claimsPaid));
        expectAmount(participants[index]!, 2, participant.amount.amount);
      });

      const summary = sheet(raw, base, words.sheets.summary);
      expectAmount(summary.find((row) => row[0] === words.summary.total)!, 1, claims.total.amount);
      const payers = sheet(raw, base, words.sheets.payers).slice(1);
      claims.byPayer.forEach((payer, index) => expectAmount(payers[index]!, 1, payer.due.amount));
    });
  }

  it("shows the amounts with the currency's symbol and minor units", () => {
    const shown = join(work, "shown");
    const words = workbookWordsOf("en");
    const line = sheet(shown, "fis-en", words.sheets.lines)[1]!;
    expect(line[10]).toMatch(/^€[\d,]+\.\d{2}$/);
    expect(line[12]).toMatch(/^-€[\d,]+\.\d{2}$/);
    const total = sheet(shown, "claims-en", words.sheets.summary).find((row) => row[0] === words.summary.total)!;
    expect(total[1]).toMatch(/^£[\d,]+\.\d{2}$/);
    expect(total[2]).toBe(claims.total.amount);
  });

  it("opens the Italian CSV of the rate card's decisions with the Italian import options, amounts as numbers", () => {
    const files = readdirSync(join(work, "it-decisions")).filter((file) => file.endsWith(".csv"));
    expect(files).toHaveLength(1);
    const rows = parseCsv(readFileSync(join(work, "it-decisions", files[0]!), "utf8"));
    const header = rows[0]!;
    expect(header[0]).toBe(CLAIM_DECISION_CSV_COLUMNS[0]);
    const at = (column: string) => header.indexOf(column);
    const decisions = claims.decisions!;
    expect(rows.slice(1)).toHaveLength(decisions.length);
    decisions.forEach((decision, index) => {
      const row = rows[index + 1]!;
      expect(row[at("claimId")]).toBe(decision.claimId);
      const field = row[at("amount")]!;
      // a number: LibreOffice writes its raw value back, without the decimal comma of the file
      expect(field, `${field} for ${decision.amount.amount}`).toMatch(/^-?\d+(\.\d+)?$/);
      expect(new Dec(field).equals(new Dec(decision.amount.amount))).toBe(true);
    });
  });

  it("opens the Italian CSV of settlementToCsv with the Italian import options, amounts as numbers", () => {
    // one sheet, one file (named after the file and its one sheet)
    const only = (folder: string) => {
      const files = readdirSync(join(work, folder)).filter((file) => file.endsWith(".csv"));
      expect(files).toHaveLength(1);
      return parseCsv(readFileSync(join(work, folder, files[0]!), "utf8"));
    };
    const italian = only("it-csv");
    const english = only("en-csv");
    // the byte-order mark is read as such: the first header is clean
    expect(italian[0]).toEqual([
      "tranche",
      "covers",
      "due_date",
      "payable_from",
      "status",
      "payer",
      "recipient",
      "currency",
      "earned",
      "paid",
      "balance",
    ]);
    const expected = fis.tranches.flatMap((tranche) => tranche.lines.map((line) => ({ tranche, line })));
    expect(italian.slice(1)).toHaveLength(expected.length);
    expected.forEach(({ tranche, line }, index) => {
      const row = italian[index + 1]!;
      expect([row[0], row[5], row[6]]).toEqual([tranche.id, line.payer, line.recipient]);
      const amounts = [line.earned?.amount ?? null, line.paid.amount, line.balance?.amount ?? null];
      amounts.forEach((exact, column) => {
        const field = row[8 + column]!;
        if (exact === null) expect(field).toBe("");
        else {
          // a number: LibreOffice writes its raw value back, without the decimal comma of the file
          expect(field, `${field} for ${exact}`).toMatch(/^-?\d+(\.\d+)?$/);
          expect(new Dec(field).equals(new Dec(exact))).toBe(true);
        }
      });
      // the control: read as American English, the same fields stay text with their decimal comma
      expect(english[index + 1]![9]).toBe(line.paid.amount.replace(".", ","));
    });
  });
});
