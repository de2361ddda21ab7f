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
 * The cells (numbers, formats, widths) are made by src/report/workbook-cells.ts, which the page of site/ uses too
 * with the writer's browser build.
 */
import type { ClaimSettlement } from "../claims/claim-types.js";
import type { Settlement } from "../engine/settlement-types.js";
import { ArgumentError, ISSUED_CLAIM_SETTLEMENT, issuedIssue, requireExplained } from "../errors/argument-error.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import { localeIssue, optionsObject } from "../report/report-locale.js";
import { REPORT_LOCALES, type ReportLocale } from "../report/style.js";
import { claimsSheets, settlementSheets, type WorkbookContent } from "../report/workbook-sheets.js";
import { workbookSheetData } from "../report/workbook-cells.js";
import { WorkbookError } from "../errors/workbook-error.js";

/** Options of `settlementWorkbook` and `claimsWorkbook`. */
export interface WorkbookOptions {
  /** The language of the sheet names, column names, statuses and texts: `"en"` (the default) or `"it"`. */
  readonly locale?: ReportLocale;
}

/** The npm package that writes the `.xlsx` files: an optional dependency of pay-by-results. */
const WRITER = "write-excel-file";

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

/** Writes the content as `.xlsx` bytes. @throws WorkbookError when the writer is missing or a sheet is too long. */
async function writeWorkbook(content: WorkbookContent, path: string): Promise<Uint8Array> {
  const { sheets, options } = workbookSheetData(content, path);
  const write = await loadWorkbookWriter();
  const bytes = await write(sheets, options).toBuffer();
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
  const notIssued = issuedIssue(settlement, ISSUED_CLAIM_SETTLEMENT, "claimsWorkbook", "settlement");
  if (notIssued !== undefined) throw new ArgumentError([notIssued]);
  const { locale } = workbookOptions(options, "claimsWorkbook");
  return writeWorkbook(claimsSheets(settlement, locale), "decisions");
}
