import { Dec } from "../money/decimal.js";
import { groupThousands } from "../money/format.js";
import { fromDecimal } from "../money/money.js";
import type { Money } from "../money/money.js";
import type { PartyAmounts, PartyTotals, Settlement, TrancheSettlement } from "../engine/settlement-types.js";
import { en } from "./phrases/en.js";
import { plainTextStyle, type Style } from "./style.js";
import type { LinesPriced } from "../pricing/price-lines.js";
import { requireExplained, requireIssued } from "../errors/argument-error.js";

function cash(value: Money | null, fallback = "pending"): string {
  return value === null ? fallback : `${value.currency} ${groupThousands(value.amount)}`;
}

function partyLines(
  title: string,
  rows: readonly (PartyAmounts | PartyTotals)[],
  names: ReadonlyMap<string, string>,
): string[] {
  return [
    `  ${title}`,
    ...rows.map(
      (row) =>
        `    ${names.get(row.party) ?? row.party} [${row.party}]: earned ${cash(row.earned)}, paid ${cash(row.paid)}, balance ${cash(row.balance)}`,
    ),
  ];
}

function trancheText(tranche: TrancheSettlement, style: Style): string[] {
  const lines = [
    en.labels.tranche(tranche, (date) => date),
    `  Status: ${tranche.status.toUpperCase()} — ${tranche.reason}`,
  ];
  for (const step of tranche.trace) {
    const line = en.step(step, style);
    if (line !== undefined) lines.push(`  ${line}`);
  }
  const balance =
    tranche.clawback !== null
      ? `${cash(tranche.balance)} — ${en.labels.clawback(cash(tranche.clawback))}`
      : cash(tranche.balance);
  lines.push(`  Earned ${cash(tranche.amountEarned)}; paid ${cash(tranche.amountPaid)}; balance ${balance}`);
  return lines;
}

/**
 * Renders a settlement as plain text that an officer can check by hand: every tranche's results (with their
 * history), the basis, the rule and its figures, the rounding step, the caps, the splits, the payments and
 * the balance, then the totals. The text is built only from the settlement's recorded steps, in neutral
 * notation (ISO dates, `EUR 1,234.56`); `renderMarkdown` and `renderHtml` write the same in English or Italian.
 *
 * @example
 * console.log(explain(settle(contract, events, { asOf: "2027-12-31" })));
 * @throws ArgumentError for a settlement `settle` did not return (`not_a_settlement`: a copy, a changed settlement
 * or one read back from JSON; settle again).
 */
export function explain(settlement: Settlement): string {
  requireExplained(settlement, "explain");
  const { totals, currency } = settlement;
  const style = plainTextStyle(currency);
  const lines = [
    en.labels.settlementOf(settlement.contractId, settlement.title),
    `${en.labels.asOf(settlement.asOf)}. ${en.labels.amountsIn(currency)}. ${en.labels.rounding(settlement.rounding.mode, settlement.rounding.at)}.`,
    "",
  ];
  for (const tranche of settlement.tranches) lines.push(...trancheText(tranche, style), "");
  lines.push(
    "Totals",
    `  Earned on settled tranches ${cash(totals.earned)}; paid ${cash(totals.paid)}; balance ${cash(totals.balance)}`,
  );
  if (totals.pendingTranches > 0)
    lines.push(`  ${en.labels.pendingTranches(totals.pendingTranches, cash(totals.paidOnPending))}`);
  const names = new Map(settlement.parties.map((party) => [party.id, party.name]));
  lines.push(...partyLines("By payer (balance over settled tranches):", totals.byPayer, names));
  lines.push(...partyLines("By recipient (balance over settled tranches):", totals.byRecipient, names));
  if (settlement.capsApplied.length > 0) {
    lines.push("  Caps that bit:");
    for (const cap of settlement.capsApplied)
      lines.push(`    ${en.labels.capCut(en.capName(cap.cap), cap.id, cash(fromDecimal(new Dec(cap.cut), currency)))}`);
  }
  return lines.join("\n");
}

/**
 * Renders a `priceLines` run made with `explain: true`: each line's formula with every value it read and every
 * table row it used, its rounded amount, then the total of each invoice and of the run.
 *
 * @example
 * console.log(explainLines(priceLines(contract, lines, { formula: "line-amount", period: "2027-Q1", asOf: "2027-04-30", explain: true })));
 * @throws ArgumentError for priced lines `priceLines` did not return (`not_priced_lines`: a copy, a changed value or
 * one read back from JSON; price the lines again).
 */
export function explainLines(run: LinesPriced): string {
  requireIssued(run, "lines-priced", "explainLines", "run");
  const style = plainTextStyle(run.currency);
  const lines: string[] = [];
  for (const entry of run.explanations ?? []) {
    lines.push(
      `Line ${entry.line + 1} (invoice ${entry.invoice}): ${run.currency} ${groupThousands(entry.amount)}`,
      `  ${en.step(entry.formula, style) ?? ""}`,
    );
  }
  lines.push("Invoices");
  for (const invoice of run.invoices)
    lines.push(`  ${invoice.invoice}: ${invoice.lines} line(s), ${cash(invoice.total)}`);
  lines.push(
    `Total ${cash(run.total)}${run.amendments.length > 0 ? ` (terms as amended by ${run.amendments.join(", ")})` : ""}`,
  );
  return lines.join("\n");
}
