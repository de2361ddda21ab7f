/**
 * Spreadsheet workbooks (`.xlsx`) of a settlement and of a claims settlement, for the people who read the numbers
 * in Excel or LibreOffice: one sheet per table, amounts as numbers shown with the currency (its symbol and its
 * minor units) and, beside each, the exact decimal as text, sheet and column names in English or Italian.
 *
 * The writer. Two well-kept writers were compared (npm registry, December 2026); the npm `xlsx` 0.18 was not
 * considered (unfixed advisories, newer versions only off the registry).
 * - `write-excel-file` 4.1.1 (MIT): writes only, which is all this needs; one dependency (`fflate`), 2 packages
 *   and 3.7 MB installed; ES module and CommonJS builds with types; Node ≥ 18; released through 2026. Number
 *   formats per cell, several sheets, column widths, frozen header rows.
 * - `exceljs` 4.4.0 (MIT): reads and writes, rich styling, but 194 packages and 53 MB installed; last release
 *   4.4.0 (2023), with open issues asking it to update dependencies that carry advisories or are deprecated:
 *   `uuid` 8 (GHSA-w5hq-g745-h8pq), `tmp` < 0.2.4 (GHSA-52f5-9888-hmc6; a fresh install resolves a fixed 0.2.x),
 *   `unzipper` 0.10 → `fstream` and `rimraf` 2 → `glob` 7 → `inflight` (deprecated), `brace-expansion` 1 (ReDoS).
 * `npm audit` could not be run here (the registry mirror refuses the advisories endpoint), so the advisories above
 * are those reported in exceljs's own issue tracker.
 * Chosen: `write-excel-file`, as an optional dependency. The core entry never imports this module; the Node
 * entry loads the writer only when a workbook is asked for (a dynamic import), and throws a `WorkbookError`
 * (`xlsx_writer_missing`) saying how to install it when it is absent.
 *
 * Numbers: a spreadsheet cell holds a binary floating-point number. The cell gets the number nearest to the exact
 * decimal, written with its shortest digits, and the function checks that those digits read back as the same
 * decimal (true for every amount within the library's limits: under 10^15 minor units, 15 significant digits), so
 * the file holds the settlement's own digits. The exact decimal is also kept as text in the next column.
 */
import type { ClaimSettlement } from "../claims/claim-types.js";
import { dayNumber } from "../contract/day-number.js";
import type { Settlement } from "../engine/settlement-types.js";
import { ArgumentError, issuedIssue, requireExplained } from "../errors/argument-error.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import { Dec } from "../money/decimal.js";
import { localeIssue, optionsObject } from "../report/report-locale.js";
import { REPORT_LOCALES, type ReportLocale } from "../report/style.js";
import { claimsSheets, settlementSheets, type WorkbookCell, type WorkbookContent } from "../report/workbook-sheets.js";
import { WorkbookError } from "./workbook-error.js";
import type { Cell } from "write-excel-file/node";

/** Options of `settlementWorkbook` and `claimsWorkbook`. */
export interface WorkbookOptions {
  /** The language of the sheet names, column names, statuses and texts: `"en"` (the default) or `"it"`. */
  readonly locale?: ReportLocale;
}

/** The npm package that writes the `.xlsx` files: an optional dependency of pay-by-results. */
const WRITER = "write-excel-file";

/** The most rows a sheet of a spreadsheet holds (Excel's limit; LibreOffice's since 7.4 too), the header included. */
const MAX_ROWS = 1_048_576;

/** The writer's function, as this module calls it. */
type WriteXlsx = typeof import("write-excel-file/node")["default"];

/**
 * Loads the writer from the user's node_modules at run time. The module name is held in a variable so that the
 * build (tsup, esbuild) leaves the package out of dist/ instead of bundling it: bundled, it would be carried by
 * every user of the Node entry (inlined in the CommonJS build) whether they write workbooks or not. The type
 * still names the package, so the calls below are checked against its types.
 */
const WRITER_MODULE: string = `${WRITER}/node`;
const importWriter = () => import(WRITER_MODULE) as Promise<typeof import("write-excel-file/node")>;

/**
 * The writer, loaded from its package when a workbook is first written.
 * @internal exported for the tests, which pass a loader that fails as a missing package does.
 * @throws WorkbookError (`xlsx_writer_missing`) when the package is not installed.
 */
export async function loadWorkbookWriter(
  load: () => Promise<{ default: WriteXlsx }> = importWriter,
): Promise<WriteXlsx> {
  try {
    return (await load()).default;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND")
      throw new WorkbookError([
        issue(
          [],
          "xlsx_writer_missing",
          `workbooks are written by the package "${WRITER}", an optional dependency of pay-by-results that is not installed: install it with \`npm install ${WRITER}\` (npm installs it with pay-by-results unless optional dependencies are omitted)`,
        ),
      ]);
    throw error;
  }
}

/** Reads and checks the options. @throws OptionsError listing every problem. */
function workbookOptions(options: unknown, fn: string): { readonly locale: ReportLocale } {
  const { fields, issue: notAnObject } = optionsObject(options, '{ locale: "it" }');
  const issues: InputIssue[] = notAnObject === undefined ? [] : [notAnObject];
  const locale = fields.locale ?? "en";
  const wrongLocale = localeIssue(locale, REPORT_LOCALES);
  if (wrongLocale !== undefined) issues.push(wrongLocale);
  for (const key of Object.keys(fields))
    if (key !== "locale")
      issues.push(issue([key], "unknown_option", `unknown option "${key}": ${fn} takes locale ("en" or "it")`));
  if (issues.length > 0) throw new OptionsError(issues);
  return { locale: locale as ReportLocale };
}

/** The format of the amounts: the currency's symbol where the language puts it, and its minor units. */
function moneyFormat(currency: string, minorUnits: number, locale: ReportLocale): string {
  const parts = new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB", {
    style: "currency",
    currency,
  }).formatToParts(1);
  const first = parts.findIndex((part) => part.type === "integer");
  let last = first;
  parts.forEach((part, index) => {
    if (part.type === "integer" || part.type === "fraction") last = index;
  });
  const affix = (from: number, to: number) => {
    const found = parts
      .slice(from, to)
      .filter((part) => part.type === "currency" || part.type === "literal")
      .map((part) => part.value.replaceAll('"', ""))
      .join("");
    return found === "" ? "" : `"${found}"`;
  };
  const number = `#,##0${minorUnits > 0 ? `.${"0".repeat(minorUnits)}` : ""}`;
  const shown = `${affix(0, first)}${number}${affix(last + 1, parts.length)}`;
  return `${shown};-${shown}`;
}

/** The date format of the workbook: ISO 8601, the same in every language and unambiguous. */
const DATE_FORMAT = "yyyy-mm-dd";
/** The spreadsheet serial number of 1970-01-01 (days since 1899-12-30). */
const SERIAL_OF_1970 = 25_569;
/** 1900-03-01: spreadsheets count days before it differently (the 1900 leap-year bug), so earlier dates stay text. */
const FIRST_SERIAL = 61;

/**
 * The number of a cell, whose shortest digits are the exact decimal's (see the module's comment).
 * @internal exported for the tests.
 */
export function cellNumber(decimal: string): number {
  const value = Number(decimal);
  if (!Number.isFinite(value) || !new Dec(String(value)).equals(new Dec(decimal)))
    throw new Error(`internal error: ${decimal} has no exact spreadsheet number; please report it`);
  return value;
}

/** A cell as the writer takes it. */
function writerCell(cell: WorkbookCell, money: string): Cell {
  if (cell === null) return null;
  switch (cell.kind) {
    case "text":
      return { value: cell.text, type: String };
    case "money":
      return { value: cellNumber(cell.amount), type: Number, format: money };
    case "count":
      return { value: cell.count, type: Number };
    case "decimal":
      return { value: cellNumber(cell.decimal), type: Number };
    case "date": {
      const serial = dayNumber(cell.day) + SERIAL_OF_1970;
      return Number.isNaN(serial) || serial < FIRST_SERIAL
        ? { value: cell.day, type: String }
        : { value: serial, type: Number, format: DATE_FORMAT };
    }
  }
}

/** The width of a column, in characters: its longest text, between 8 and 60. */
function columnWidth(header: string, cells: readonly WorkbookCell[]): number {
  let widest = header.length;
  for (const cell of cells) {
    const shown =
      cell === null
        ? 0
        : cell.kind === "text"
          ? cell.text.length
          : cell.kind === "money"
            ? cell.amount.length + 6
            : cell.kind === "date"
              ? 10
              : 12;
    if (shown > widest) widest = shown;
  }
  return Math.min(60, Math.max(8, widest + 2));
}

/** Writes the content as `.xlsx` bytes. @throws WorkbookError when the writer is missing or a sheet is too long. */
async function writeWorkbook(content: WorkbookContent, path: string): Promise<Uint8Array> {
  const tooLong = content.sheets
    .map((sheet, index) => ({ sheet, index }))
    .filter(({ sheet }) => sheet.rows.length + 1 > MAX_ROWS)
    .map(({ sheet, index }) =>
      issue(
        [path, index],
        "too_many_rows",
        `the sheet "${sheet.name}" would have ${sheet.rows.length + 1} rows, and a spreadsheet holds at most ${MAX_ROWS}: write these rows as CSV instead`,
      ),
    );
  if (tooLong.length > 0) throw new WorkbookError(tooLong);
  const write = await loadWorkbookWriter();
  const money = moneyFormat(content.currency, content.minorUnits, content.locale);
  const sheets = content.sheets.map((sheet) => ({
    sheet: sheet.name,
    data: [
      sheet.header.map((name): Cell => ({ value: name, type: String, fontWeight: "bold" })),
      ...sheet.rows.map((row) => row.map((cell) => writerCell(cell, money))),
    ],
    columns: sheet.header.map((name, index) => ({
      width: columnWidth(
        name,
        sheet.rows.map((row) => row[index] ?? null),
      ),
    })),
    stickyRowsCount: 1,
  }));
  // one font for the whole workbook, header included (a bold cell without it falls back to a serif face)
  const bytes = await write(sheets, { fontFamily: "Calibri", fontSize: 11 }).toBuffer();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A settlement as an Excel workbook (`.xlsx` bytes), in English or Italian. Six sheets: the tranches (status, why,
 * priced, earned, paid, balance, owed back), the payer → recipient lines, the totals, the totals by payer and by
 * recipient, and the derivation (every line of the computation, as `explain` writes it). Amounts are numbers shown
 * with the currency's symbol and minor units (`€186,000.00`; `186.000,00 €` in an Italian spreadsheet), each with
 * its exact decimal as text in the next column (`earned (exact)`); pending amounts are empty; dates are dates,
 * shown `yyyy-mm-dd`. The first row of each sheet is its header, kept in view when scrolling.
 *
 * Needs the optional dependency `write-excel-file` (installed with pay-by-results unless optional dependencies are
 * omitted), loaded on the first call.
 *
 * @example
 * const bytes = await settlementWorkbook(settle(contract, events, { asOf: "2028-03-31" }), { locale: "it" });
 * writeFileSync("liquidazione.xlsx", bytes);
 * @throws ArgumentError for a settlement `settle` did not return (`not_a_settlement`: a copy, a changed settlement
 * or one read back from JSON) or one made with `explain: false` (`no_explanation`).
 * @throws OptionsError for options that are not an object (`invalid_options`), a locale other than "en" and "it"
 * (`unknown_locale`) or another option (`unknown_option`), all listed together.
 * @throws WorkbookError when `write-excel-file` is not installed (`xlsx_writer_missing`, saying how to install it).
 */
export async function settlementWorkbook(settlement: Settlement, options?: WorkbookOptions): Promise<Uint8Array> {
  requireExplained(settlement, "settlementWorkbook");
  const { locale } = workbookOptions(options, "settlementWorkbook");
  return writeWorkbook(settlementSheets(settlement, locale), "tranches");
}

/**
 * A claims settlement as an Excel workbook (`.xlsx` bytes), in English or Italian. Seven sheets: a summary (counts
 * and the total due), every claim's decision (none when settled with `keepDecisions: false`), the participants
 * paid, the totals by outcome, by claim period (and each payer's share) and by payer, and the caps that cut claims.
 * Amounts are numbers shown with the currency, each with its exact decimal as text beside it; dates are dates. A
 * sheet holds at most 1,048,576 rows: for more decisions, write them as CSV (`claimDecisionChunks`).
 *
 * Needs the optional dependency `write-excel-file`, loaded on the first call.
 *
 * @example
 * writeFileSync("claims.xlsx", await claimsWorkbook(await settleClaimsAsync(contract, claims, { asOf }), { locale: "it" }));
 * @throws ArgumentError for a claims settlement `settleClaims` did not return (`not_a_claim_settlement`).
 * @throws OptionsError for options that are not an object (`invalid_options`), a locale other than "en" and "it"
 * (`unknown_locale`) or another option (`unknown_option`), all listed together.
 * @throws WorkbookError when `write-excel-file` is not installed (`xlsx_writer_missing`) or the decisions do not
 * fit in a sheet (`too_many_rows`).
 */
export async function claimsWorkbook(settlement: ClaimSettlement, options?: WorkbookOptions): Promise<Uint8Array> {
  const notIssued = issuedIssue(settlement, "claim-settlement", "claimsWorkbook", "settlement");
  if (notIssued !== undefined) throw new ArgumentError([notIssued]);
  const { locale } = workbookOptions(options, "claimsWorkbook");
  return writeWorkbook(claimsSheets(settlement, locale), "decisions");
}
