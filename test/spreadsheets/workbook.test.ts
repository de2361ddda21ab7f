import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  OptionsError,
  parseContract,
  parseEvents,
  settle,
  settleClaims,
  type Settlement,
} from "../../src/index.js";
import { WorkbookError, claimsWorkbook, settlementWorkbook } from "../../src/node/index.js";
import { loadWorkbookWriter } from "../../src/node/workbook.js";
import { cellNumber } from "../../src/report/workbook-cells.js";
import { Dec } from "../../src/money/decimal.js";
import { claimsSheets, settlementSheets, type WorkbookCell } from "../../src/report/workbook-sheets.js";
import { workbookEn, workbookIt } from "../../src/report/phrases/workbook-words.js";
import { generateClaims } from "../../examples/rate-card/generate-claims.js";

/**
 * The workbooks of `pay-by-results/node` without a spreadsheet program (test/spreadsheets/libreoffice.test.ts opens
 * them in LibreOffice): what the sheets hold, the typed errors, the missing writer, and the core entry that never
 * carries the writer.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string): unknown => JSON.parse(readFileSync(`${root}examples/${path}`, "utf8"));
const fisContract = parseContract(read("fis-dispersione/contract.json"));
const fisEvents = parseEvents(read("fis-dispersione/events.json"), { contract: fisContract });
const fis = settle(fisContract, fisEvents, { asOf: "2028-03-31" });
const card = parseContract(read("rate-card/contract.json"));
const claims = settleClaims(card, generateClaims(2026, 60, 4), { asOf: "2015-09-30" });

const amountOf = (cell: WorkbookCell | undefined) => (cell?.kind === "money" ? cell.amount : undefined);
const textOf = (cell: WorkbookCell | undefined) => (cell?.kind === "text" ? cell.text : undefined);

describe("the sheets", () => {
  it("hold every payer → recipient line with its exact amounts, twice: as money and as text", () => {
    const lines = settlementSheets(fis, "en").sheets[1]!;
    expect(lines.name).toBe("Payer → recipient");
    const expected = fis.tranches.flatMap((tranche) => tranche.lines.map((line) => ({ tranche, line })));
    expect(lines.rows).toHaveLength(expected.length);
    lines.rows.forEach((row, index) => {
      const { tranche, line } = expected[index]!;
      expect(row).toHaveLength(lines.header.length);
      expect([textOf(row[0]), textOf(row[4]), textOf(row[6])]).toEqual([tranche.id, line.payer, line.recipient]);
      expect([amountOf(row[8]), textOf(row[9])]).toEqual(
        line.earned === null ? [undefined, undefined] : [line.earned.amount, line.earned.amount],
      );
      expect([amountOf(row[10]), textOf(row[11])]).toEqual([line.paid.amount, line.paid.amount]);
    });
  });

  it("name every sheet and column in Italian with the Italian words, and every sheet fits a spreadsheet's rules", () => {
    const en = settlementSheets(fis, "en").sheets.concat(claimsSheets(claims, "en").sheets);
    const it = settlementSheets(fis, "it").sheets.concat(claimsSheets(claims, "it").sheets);
    for (const sheet of [...en, ...it]) {
      expect(sheet.name.length).toBeLessThanOrEqual(31);
      expect(sheet.name).not.toMatch(/[[\]:*?/\\]/);
      for (const row of sheet.rows) expect(row).toHaveLength(sheet.header.length);
    }
    // sheet names are unique within a workbook
    for (const book of [en.slice(0, 6), en.slice(6), it.slice(0, 6), it.slice(6)])
      expect(new Set(book.map((sheet) => sheet.name)).size).toBe(book.length);
    // the Italian names are not the English ones, but for the words both languages write
    const shared = new Set(["tranche"]);
    it.forEach((sheet, index) => {
      if (!shared.has(sheet.name.toLowerCase())) expect(sheet.name).not.toBe(en[index]!.name);
      sheet.header.forEach((name, column) => {
        if (!shared.has(name)) expect(name).not.toBe(en[index]!.header[column]);
      });
    });
    expect(Object.keys(workbookIt.columns)).toEqual(Object.keys(workbookEn.columns));
  });

  it("give the claims' decisions, participants and total with their exact amounts", () => {
    const [summary, decisions, participants] = claimsSheets(claims, "en").sheets;
    const all = [...(claims.decisions ?? [])];
    expect(decisions!.rows).toHaveLength(all.length);
    decisions!.rows.forEach((row, index) => {
      const amount = all[index]!.amount;
      expect(textOf(row[0])).toBe(all[index]!.claimId);
      expect(amountOf(row[11])).toBe(typeof amount === "string" ? amount : (amount as { amount: string }).amount);
    });
    expect(participants!.rows.map((row) => amountOf(row[2]))).toEqual(
      claims.byParticipant.map((row) => row.amount.amount),
    );
    expect(amountOf(summary!.rows.at(-1)![1])).toBe(claims.total.amount);
  });

  it("keep the decisions' sheet, empty, for a claims settlement made without its decisions", () => {
    const totalsOnly = settleClaims(card, generateClaims(2026, 60, 4), { asOf: "2015-09-30", keepDecisions: false });
    const [summary, decisions, participants] = claimsSheets(totalsOnly, "it").sheets;
    expect(decisions!.name).toBe("Decisioni");
    expect(decisions!.rows).toEqual([]);
    expect(participants!.rows).toHaveLength(claims.byParticipant.length);
    expect(amountOf(summary!.rows.at(-1)![1])).toBe(claims.total.amount);
  });
});

describe("the workbook's bytes", () => {
  it("are a zip file (.xlsx), in both languages", async () => {
    for (const locale of ["en", "it"] as const) {
      const bytes = await settlementWorkbook(fis, { locale });
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
      const claimBytes = await claimsWorkbook(claims, { locale });
      expect([...claimBytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    }
  });
});

describe("refusals", () => {
  const rejects = async (promise: Promise<unknown>, kind: new (...args: never[]) => Error, codes: string[]) => {
    const error = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(kind);
    expect((error as { issues: { code: string }[] }).issues.map((found) => found.code)).toEqual(codes);
  };

  it("take only what the library issued", async () => {
    const copy = JSON.parse(JSON.stringify(fis)) as Settlement;
    await rejects(settlementWorkbook(copy), ArgumentError, ["not_a_settlement"]);
    await rejects(settlementWorkbook({ ...fis }), ArgumentError, ["not_a_settlement"]);
    const figuresOnly = settle(fisContract, fisEvents, { asOf: "2028-03-31", explain: false });
    await rejects(settlementWorkbook(figuresOnly), ArgumentError, ["no_explanation"]);
    await rejects(claimsWorkbook({ ...claims }), ArgumentError, ["not_a_claim_settlement"]);
    await rejects(claimsWorkbook(fis as never), ArgumentError, ["not_a_claim_settlement"]);
    await rejects(settlementWorkbook(claims as never), ArgumentError, ["not_a_settlement"]);
  });

  it("list every problem of the options", async () => {
    await rejects(settlementWorkbook(fis, { locale: "fr" as never, sheet: 1 } as never), OptionsError, [
      "unknown_locale",
      "unknown_option",
    ]);
    await rejects(claimsWorkbook(claims, "it" as never), OptionsError, ["invalid_options"]);
    await rejects(claimsWorkbook(claims, { locale: "constructor" as never }), OptionsError, ["unknown_locale"]);
  });

  it("say how to install the writer when it is missing", async () => {
    const missing = Object.assign(new Error("Cannot find package 'write-excel-file'"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    const error = await loadWorkbookWriter(() => Promise.reject(missing)).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(WorkbookError);
    expect((error as WorkbookError).issues.map((found) => found.code)).toEqual(["xlsx_writer_missing"]);
    expect((error as WorkbookError).message).toContain("npm install write-excel-file");
    // any other failure is not hidden
    const other = new Error("disk on fire");
    await expect(loadWorkbookWriter(() => Promise.reject(other))).rejects.toBe(other);
  });
});

describe("the core entry", () => {
  it("carries neither the writer nor the workbook modules", async () => {
    const result = await build({
      entryPoints: [`${root}src/index.ts`],
      bundle: true,
      platform: "neutral",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
      external: ["decimal.js", "zod", "zod/*"],
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(10);
    expect(inputs.filter((input) => /write-excel-file|fflate|workbook/.test(input))).toEqual([]);
  });
});

describe("the numbers of the cells", () => {
  it("are the exact amounts, for every amount within the library's limits (under 10^15 minor units)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
        fc.integer({ min: 0, max: 4 }),
        (minor, units) => {
          const digits = (minor < 0n ? -minor : minor).toString().padStart(units + 1, "0");
          const decimal = `${minor < 0n ? "-" : ""}${units === 0 ? digits : `${digits.slice(0, -units)}.${digits.slice(-units)}`}`;
          const value = cellNumber(decimal);
          // what the file holds (the writer writes String(value)) is the decimal itself
          expect(new Dec(String(value)).equals(new Dec(decimal))).toBe(true);
        },
      ),
    );
  });
});
