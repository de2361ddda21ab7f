import type { Cell, Sheet } from "write-excel-file/universal";
import { dayNumber } from "../contract/day-number.js";
import { issue } from "../errors/validation-error.js";
import { WorkbookError } from "../errors/workbook-error.js";
import { Dec } from "../money/decimal.js";
import type { ReportLocale } from "./style.js";
import type { WorkbookCell, WorkbookContent } from "./workbook-sheets.js";

/**
 * A workbook's content (src/report/workbook-sheets.ts) as the `.xlsx` writer, `write-excel-file`, takes it: cells
 * with their types and number formats, column widths, frozen header rows. The same for its Node build
 * (`settlementWorkbook` in pay-by-results/node) and its browser build (the page of site/); only the types of the
 * writer are imported here, never the writer.
 *
 * Numbers: a spreadsheet cell holds a binary floating-point number. The cell gets the number nearest to the exact
 * decimal, written with its shortest digits, and the function checks that those digits read back as the same
 * decimal (true for every amount within the library's limits: under 10^15 minor units, 15 significant digits), so
 * the file holds the settlement's own digits. The exact decimal is also kept as text in the next column.
 *
 * @internal
 */

/** The most rows a sheet of a spreadsheet holds (Excel's limit; LibreOffice's since 7.4 too), the header included. */
const MAX_ROWS = 1_048_576;

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

/** The writer's options for every workbook: one font for the whole workbook (a bold cell without it falls back to a serif face). */
const WORKBOOK_OPTIONS = { fontFamily: "Calibri", fontSize: 11 } as const;

/**
 * The content as the writer's sheets and options. `path` names the content's part in an error (`tranches`,
 * `decisions`).
 * @throws WorkbookError (`too_many_rows`) when a sheet would not fit in a spreadsheet.
 */
export function workbookSheetData(
  content: WorkbookContent,
  path: string,
): { readonly sheets: Sheet<never>[]; readonly options: typeof WORKBOOK_OPTIONS } {
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
  return { sheets, options: WORKBOOK_OPTIONS };
}
