import type { Settlement } from "../engine/settlement-types.js";
import { coverageLabel } from "../contract/coverage.js";
import { ISSUED_SETTLEMENT, requireIssued } from "../errors/argument-error.js";
import { csvField, csvLayout, type SettlementCsvOptions } from "../money/csv-layout.js";

export {
  csvField,
  csvLayout,
  type CsvLayout,
  type CsvSeparator,
  type SettlementCsvOptions,
} from "../money/csv-layout.js";

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
  requireIssued(settlement, ISSUED_SETTLEMENT, "settlementToCsv", "settlement");
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
