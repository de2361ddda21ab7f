import { ArgumentError } from "../errors/argument-error.js";
import { describeValue } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { Dec, plain } from "../money/decimal.js";
import { csvField, csvLayout, type SettlementCsvOptions } from "./settlement-csv.js";

/** Money as the rows give it: `{ amount, currency }`, the amount a decimal string. */
function isMoney(value: unknown): value is { readonly amount: string; readonly currency: string } {
  if (value === null || typeof value !== "object") return false;
  const { amount, currency } = value as { amount?: unknown; currency?: unknown };
  return typeof amount === "string" && typeof currency === "string" && Object.keys(value).length === 2;
}

/** A field's text with the decimal mark chosen, or undefined when the value is not one a tidy row holds. */
function fieldText(value: unknown, mark: (decimal: string) => string): string | undefined {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return Number.isFinite(value) ? mark(plain(new Dec(String(value)))) : undefined;
  if (isMoney(value)) return mark(value.amount);
  return undefined;
}

/**
 * Rows of `trancheRows`, `lineRows`, `partyTotalRows`, `simulationRows`, `percentileRows`, `measurementRows`,
 * `decisionRows`, `participantRows`, `outcomeTotalRows` or `claimPeriodRows` (or any
 * rows of the same kind: plain objects with the same fields, each a text, a number, a boolean, money or `null`) as
 * CSV, with the options of `settlementToCsv`: a comma and a decimal point by default, `{ locale: "it" }` for Italian
 * Excel and LibreOffice (`;`, a decimal comma, a byte-order mark), or `separator`, `decimalMark` and `byteOrderMark`
 * one by one. The header is the first row's field names; money is written as its amount (`186000.00`), and a last
 * column `currency` gives each row's currency (empty for a row without money). Numbers are written as plain
 * decimals (`0.000012`, never `1.2e-5`), with the chosen decimal mark; `null` as an empty field. Lines end with CRLF;
 * no rows give an empty text (after the byte-order mark, when asked for).
 *
 * @example
 * writeFileSync("righe.csv", rowsToCsv(lineRows(settlement), { locale: "it" }));
 * rowsToCsv(measurementRows(measurements), { separator: "\t" });
 * @throws ArgumentError listing every problem of the rows: not a list (`invalid_type`, at `$.rows`), a row that is
 * not an object or has other fields than the first (`invalid_row`, at `$.rows[2]`), a value that is none of the
 * above (`invalid_value`, at `$.rows[2].amount`), a row whose amounts are in two currencies (`mixed_currencies`).
 * @throws OptionsError listing every problem of the options, as `settlementToCsv` does.
 */
export function rowsToCsv(rows: readonly object[], options?: SettlementCsvOptions): string {
  const { separator, decimalMark, byteOrderMark } = csvLayout(options, "rowsToCsv");
  if (!Array.isArray(rows))
    throw new ArgumentError([
      issue(["rows"], "invalid_type", `expected a list of rows (objects), got ${describeValue(rows)}`),
    ]);
  const bom = byteOrderMark ? "\uFEFF" : "";
  if (rows.length === 0) return bom;
  const mark = decimalMark === "." ? (text: string) => text : (text: string) => text.replace(".", decimalMark);
  const first = rows[0] as unknown;
  const columns = first !== null && typeof first === "object" ? Object.keys(first) : [];
  const issues: InputIssue[] = [];
  let money = false;
  const lines = rows.map((row: unknown, index) => {
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      issues.push(issue(["rows", index], "invalid_row", `a row is an object of fields, got ${describeValue(row)}`));
      return undefined;
    }
    const keys = Object.keys(row);
    if (keys.length !== columns.length || keys.some((key, at) => key !== columns[at])) {
      issues.push(
        issue(
          ["rows", index],
          "invalid_row",
          `every row has the first row's fields in its order (${columns.join(", ")}); this one has ${keys.join(", ")}`,
        ),
      );
      return undefined;
    }
    const currencies = new Set<string>();
    const fields = columns.map((key) => {
      const value = (row as Record<string, unknown>)[key];
      if (isMoney(value)) currencies.add(value.currency);
      const text = fieldText(value, mark);
      if (text === undefined)
        issues.push(
          issue(
            ["rows", index, key],
            "invalid_value",
            `a field is a text, a finite number, true or false, money ({ amount, currency }) or null; got ${describeValue(value)}`,
          ),
        );
      return text ?? "";
    });
    if (currencies.size > 1)
      issues.push(
        issue(
          ["rows", index],
          "mixed_currencies",
          `a row's amounts are in one currency; got ${[...currencies].join(", ")}`,
        ),
      );
    if (currencies.size > 0) money = true;
    return { fields, currency: [...currencies][0] ?? "" };
  });
  if (issues.length > 0) throw new ArgumentError(issues);
  const withCurrency = money && !columns.includes("currency");
  const table = [
    withCurrency ? [...columns, "currency"] : columns,
    ...lines.map((line) => (withCurrency ? [...line!.fields, line!.currency] : line!.fields)),
  ];
  return `${bom}${table.map((fields) => fields.map((field) => csvField(field, separator)).join(separator)).join("\r\n")}\r\n`;
}
