import type { Settlement } from "../engine/settlement-types.js";
import { coverageLabel } from "../contract/coverage.js";
import { requireIssued } from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";
import { optionsObject } from "./report-locale.js";

/** The separators `settlementToCsv` writes between fields: a comma, a semicolon or a tab. */
export type CsvSeparator = "," | ";" | "\t";

/**
 * How `settlementToCsv` writes a file for a spreadsheet. The defaults are RFC 4180's: a comma between fields, a
 * point before the decimals, no byte-order mark. `locale: "it"` is the preset for Italian Excel and LibreOffice
 * (`;`, a decimal comma and a byte-order mark); the other options, when given, override the preset's.
 */
export interface SettlementCsvOptions {
  /** A preset: `"it"` = `;` + decimal comma + byte-order mark; `"en"` = the defaults. */
  readonly locale?: "en" | "it";
  /** Between fields: `","` (the default), `";"` or a tab (`"\t"`). */
  readonly separator?: CsvSeparator;
  /**
   * Before the decimals of an amount: `"."` (the default) or `","`. Only the mark changes: `186000.00` becomes
   * `186000,00`, with the same digits and no thousands separator. A decimal comma needs `;` or a tab between fields.
   */
  readonly decimalMark?: "." | ",";
  /**
   * Start the text with a UTF-8 byte-order mark (U+FEFF), by which Excel knows the file is UTF-8 and shows accented
   * names right (the default is false; true with `locale: "it"`).
   */
  readonly byteOrderMark?: boolean;
}

/** @internal The options as the CSV writers write with them, presets applied. */
export interface CsvLayout {
  readonly separator: CsvSeparator;
  readonly decimalMark: "." | ",";
  readonly byteOrderMark: boolean;
}

const PRESETS: Readonly<Record<"en" | "it", CsvLayout>> = {
  en: { separator: ",", decimalMark: ".", byteOrderMark: false },
  it: { separator: ";", decimalMark: ",", byteOrderMark: true },
};

const OPTION_KEYS: readonly string[] = ["locale", "separator", "decimalMark", "byteOrderMark"];

/**
 * @internal Reads and checks the options of a CSV writer (`fn`, named in the messages), presets applied.
 * @throws OptionsError listing every problem.
 */
export function csvLayout(options: unknown, fn = "settlementToCsv"): CsvLayout {
  const issues: InputIssue[] = [];
  const { fields, issue: notAnObject } = optionsObject(options, '{ locale: "it" }');
  if (notAnObject !== undefined) issues.push(notAnObject);
  const { locale, separator, decimalMark, byteOrderMark } = fields;
  if (locale !== undefined && locale !== "en" && locale !== "it")
    issues.push(issue(["locale"], "unknown_locale", `the CSV locale is "en" or "it", got ${describeValue(locale)}`));
  if (separator !== undefined && separator !== "," && separator !== ";" && separator !== "\t")
    issues.push(
      issue(
        ["separator"],
        "invalid_separator",
        `the separator is ",", ";" or a tab ("\\t"), got ${describeValue(separator)}`,
      ),
    );
  if (decimalMark !== undefined && decimalMark !== "." && decimalMark !== ",")
    issues.push(
      issue(
        ["decimalMark"],
        "invalid_decimal_mark",
        `the decimal mark is "." or ",", got ${describeValue(decimalMark)}`,
      ),
    );
  if (byteOrderMark !== undefined && typeof byteOrderMark !== "boolean")
    issues.push(
      issue(["byteOrderMark"], "invalid_type", `byteOrderMark is true or false, got ${describeValue(byteOrderMark)}`),
    );
  for (const key of Object.keys(fields))
    if (!OPTION_KEYS.includes(key))
      issues.push(issue([key], "unknown_option", `unknown option "${key}": ${fn} takes ${OPTION_KEYS.join(", ")}`));
  if (issues.length > 0) throw new OptionsError(issues);
  const preset = PRESETS[(locale as "en" | "it" | undefined) ?? "en"];
  const layout: CsvLayout = {
    separator: (separator as CsvSeparator | undefined) ?? preset.separator,
    decimalMark: (decimalMark as "." | "," | undefined) ?? preset.decimalMark,
    byteOrderMark: (byteOrderMark as boolean | undefined) ?? preset.byteOrderMark,
  };
  if (layout.separator === layout.decimalMark) {
    // Quoting would keep such a file valid, but a spreadsheet or a reader that splits on commas would not.
    throw new OptionsError([
      issue(
        [separator !== undefined ? "separator" : "decimalMark"],
        "separator_is_decimal_mark",
        `a decimal comma needs another separator between fields: ";" or a tab ("\\t"), as { locale: "it" } gives`,
      ),
    ]);
  }
  return layout;
}

/**
 * A CSV field as RFC 4180 writes it, for the chosen separator: in double quotes, its quotes doubled, when it holds
 * the separator, a quote or a line break; as it is otherwise.
 *
 * @internal
 */
export function csvField(value: string, separator: CsvSeparator): string {
  const quote = value.includes(separator) || value.includes('"') || value.includes("\n") || value.includes("\r");
  return quote ? `"${value.replaceAll('"', '""')}"` : value;
}

const COLUMNS = [
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
] as const;

/**
 * A settlement as CSV, one row per payer → recipient line of each tranche, for a spreadsheet: amounts as plain
 * decimals with the currency's minor units (`186000.00`), `earned` and `balance` empty while the tranche's results
 * are pending. `due_date` is the contract's; `payable_from` the date the tranche is payable from (later for a
 * cohort paid on its pooled fallback). Rows follow the settlement order (due date, then tranche id). Lines end
 * with CRLF, and fields are quoted where RFC 4180 says, for the chosen separator.
 *
 * By default the file is RFC 4180's: commas between fields, a decimal point. `{ locale: "it" }` writes what an
 * Italian Excel or LibreOffice opens as numbers with a double click: `;` between fields, a decimal comma
 * (`186000,00`: the same digits, only the mark changes) and a byte-order mark. `separator`, `decimalMark` and
 * `byteOrderMark` choose each one (see `SettlementCsvOptions`).
 *
 * @example
 * writeFileSync("settlement.csv", settlementToCsv(settle(contract, events, { asOf: "2028-03-31" })));
 * writeFileSync("liquidazione.csv", settlementToCsv(settlement, { locale: "it" })); // ;  186000,00  BOM
 * settlementToCsv(settlement, { separator: "\t" }); // tab-separated, decimal point
 * @throws ArgumentError for a settlement `settle` did not return (`not_a_settlement`: a copy, a changed settlement
 * or one read back from JSON; settle again). OptionsError listing every problem of the options: `invalid_options`,
 * `unknown_locale`, `invalid_separator`, `invalid_decimal_mark`, `invalid_type` (`byteOrderMark`), `unknown_option`,
 * and `separator_is_decimal_mark` for a decimal comma between commas.
 */
export function settlementToCsv(settlement: Settlement, options?: SettlementCsvOptions): string {
  requireIssued(settlement, "settlement", "settlementToCsv", "settlement");
  const { separator, decimalMark, byteOrderMark } = csvLayout(options);
  const amount = decimalMark === "." ? (text: string) => text : (text: string) => text.replace(".", decimalMark);
  const rows: string[][] = [[...COLUMNS]];
  for (const tranche of settlement.tranches) {
    const covers = coverageLabel(tranche.covers);
    for (const line of tranche.lines) {
      rows.push([
        tranche.id,
        covers,
        tranche.dueDate,
        tranche.payableFrom,
        tranche.status,
        line.payer,
        line.recipient,
        settlement.currency,
        line.earned === null ? "" : amount(line.earned.amount),
        amount(line.paid.amount),
        line.balance === null ? "" : amount(line.balance.amount),
      ]);
    }
  }
  const text = rows.map((row) => row.map((value) => csvField(value, separator)).join(separator)).join("\r\n");
  return `${byteOrderMark ? "\uFEFF" : ""}${text}\r\n`;
}
