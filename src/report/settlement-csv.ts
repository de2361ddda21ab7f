import type { Settlement } from "../engine/settlement-types.js";
import { coverageLabel } from "../contract/coverage.js";
import { requireIssued } from "../errors/argument-error.js";

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
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
 * decimal strings with the currency's minor units (`186000.00`), `earned` and `balance` empty while the
 * tranche's results are pending. `due_date` is the contract's; `payable_from` the date the tranche is payable
 * from (later for a cohort paid on its pooled fallback). Rows follow the settlement order (due date, then tranche id). Lines end
 * with CRLF, as RFC 4180 says.
 *
 * @example
 * writeFileSync("settlement.csv", settlementToCsv(settle(contract, events, { asOf: "2028-03-31" })));
 * @throws ArgumentError for a settlement `settle` did not return (`not_a_settlement`: a copy, a changed settlement
 * or one read back from JSON; settle again).
 */
export function settlementToCsv(settlement: Settlement): string {
  requireIssued(settlement, "settlement", "settlementToCsv", "settlement");
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
        line.earned?.amount ?? "",
        line.paid.amount,
        line.balance?.amount ?? "",
      ]);
    }
  }
  return rows.map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}
