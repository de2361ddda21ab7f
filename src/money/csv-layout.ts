import { describeValue } from "../errors/describe-value.js";
import { optionsObject } from "../errors/options-object.js";
import { OptionsError, issue, type InputIssue } from "../errors/validation-error.js";

/**
 * How a CSV file for a spreadsheet is laid out — separator, decimal mark, byte-order mark — for every CSV writer of
 * the library (a settlement's lines, tidy rows, claim decisions): below the layers that write CSV, so that claims
 * and reports read the same options the same way.
 */

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
