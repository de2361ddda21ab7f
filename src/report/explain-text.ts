import type { Money } from "../money/money.js";
import type { PartyAmounts, PartyTotals, Settlement, TrancheSettlement } from "../engine/settlement-types.js";
import type { Phrasebook } from "./phrases/phrasebook.js";
import { traceLines } from "./phrases/phrasebook.js";
import { lineLabelsOf, phrasebookOf } from "./phrases/phrasebooks.js";
import { plainTextStyle, type Style } from "./style.js";
import { textOptions, type TextOptions } from "./report-locale.js";
import type { LinesPriced } from "../pricing/price-lines.js";
import { ISSUED_LINES_PRICED, requireExplained, requireIssued } from "../errors/argument-error.js";
import { BARE_CONTEXT } from "./phrases/phrasebook.js";

/** What the plain text of a settlement is written with: its phrasebook, style and the parties' names. */
interface Writer {
  readonly phrases: Phrasebook;
  readonly style: Style;
  readonly names: ReadonlyMap<string, string>;
  cash(value: Money | null): string;
}

function partyLines(
  title: string,
  rows: readonly (PartyAmounts | PartyTotals)[],
  { phrases, names, cash }: Writer,
): string[] {
  return [
    `  ${title}`,
    ...rows.map(
      (row) =>
        `    ${phrases.labels.partyTotals(names.get(row.party) ?? row.party, row.party, cash(row.earned), cash(row.paid), cash(row.balance))}`,
    ),
  ];
}

function trancheText(tranche: TrancheSettlement, asOf: string, writer: Writer): string[] {
  const { phrases, style, names, cash } = writer;
  const { labels } = phrases;
  const lines = [
    labels.tranche(tranche, style.date),
    `  ${labels.status}: ${phrases.status(tranche.status).toUpperCase()} — ${phrases.reason(tranche, style, asOf)}`,
    ...traceLines(phrases, tranche.trace, style, names).map((line) => `  ${line}`),
  ];
  const balance =
    tranche.clawback !== null
      ? `${cash(tranche.balance)} — ${labels.clawback(cash(tranche.clawback))}`
      : cash(tranche.balance);
  lines.push(`  ${labels.trancheAmounts(cash(tranche.amountEarned), cash(tranche.amountPaid), balance)}`);
  return lines;
}

/**
 * Renders a settlement as plain text that an officer can check by hand, in English or Italian: every tranche's
 * results (with their history), the basis, the rule and its figures, the rounding step, the caps, the splits, the
 * payments and the balance, then the totals. The text is built only from the settlement's recorded steps, in
 * neutral notation: ISO dates, the currency code before the amount, with the language's decimal mark
 * (`EUR 1,234.56`; `EUR 1.234,56` in Italian). `renderMarkdown` and `renderHtml` write the same for people.
 *
 * @example
 * console.log(explain(settle(contract, events, { asOf: "2027-12-31" })));
 * console.log(explain(settlement, { locale: "it" }));
 * @throws ArgumentError for a settlement `settle` did not return (`not_a_settlement`: a copy, a changed settlement
 * or one read back from JSON; settle again).
 * @throws OptionsError for options that are not an object (`invalid_options`) or a locale other than "en" and "it"
 * (`unknown_locale`).
 */
export function explain(settlement: Settlement, options?: TextOptions): string {
  requireExplained(settlement, "explain");
  const { locale } = textOptions(options);
  const { totals, currency } = settlement;
  const phrases = phrasebookOf(locale);
  const { labels } = phrases;
  const style = plainTextStyle(currency, locale);
  const writer: Writer = {
    phrases,
    style,
    names: new Map(settlement.parties.map((party) => [party.id, party.name])),
    cash: (value) => (value === null ? labels.pending : style.money(value.amount)),
  };
  const { cash } = writer;
  const lines = [
    labels.settlementOf(settlement.contractId, settlement.title),
    `${labels.asOf(settlement.asOf)}. ${labels.amountsIn(currency)}. ${labels.rounding(settlement.rounding.mode, settlement.rounding.at)}.`,
    "",
  ];
  for (const tranche of settlement.tranches) lines.push(...trancheText(tranche, settlement.asOf, writer), "");
  lines.push(labels.totals, `  ${labels.settledTotals(cash(totals.earned), cash(totals.paid), cash(totals.balance))}`);
  if (totals.pendingTranches > 0)
    lines.push(`  ${labels.pendingTranches(totals.pendingTranches, cash(totals.paidOnPending))}`);
  lines.push(...partyLines(labels.byPayerSettled, totals.byPayer, writer));
  lines.push(...partyLines(labels.byRecipientSettled, totals.byRecipient, writer));
  if (settlement.capsApplied.length > 0) {
    lines.push(`  ${labels.capsThatBit}:`);
    for (const cap of settlement.capsApplied)
      lines.push(`    ${labels.capCut(phrases.capName(cap.cap), cap.id, style.money(cap.cut))}`);
  }
  return lines.join("\n");
}

/**
 * Renders a `priceLines` run made with `explain: true`, in English or Italian: each line's formula with every value
 * it read and every table row it used, its rounded amount, then the total of each invoice and of the run.
 *
 * @example
 * console.log(explainLines(priceLines(contract, lines, { formula: "line-amount", period: "2027-Q1", asOf: "2027-04-30", explain: true })));
 * @throws ArgumentError for priced lines `priceLines` did not return (`not_priced_lines`: a copy, a changed value or
 * one read back from JSON; price the lines again).
 * @throws OptionsError for options that are not an object (`invalid_options`) or a locale other than "en" and "it"
 * (`unknown_locale`).
 */
export function explainLines(run: LinesPriced, options?: TextOptions): string {
  requireIssued(run, ISSUED_LINES_PRICED, "explainLines", "run");
  const { locale } = textOptions(options);
  const phrases = phrasebookOf(locale);
  const labels = lineLabelsOf(locale);
  const style = plainTextStyle(run.currency, locale);
  const lines: string[] = [];
  for (const entry of run.explanations ?? []) {
    lines.push(
      labels.line(entry.line, entry.invoice, style.money(entry.amount)),
      `  ${phrases.step(entry.formula, style, BARE_CONTEXT) ?? ""}`,
    );
  }
  lines.push(labels.invoices);
  for (const invoice of run.invoices)
    lines.push(`  ${labels.invoice(invoice.invoice, invoice.lines, style.money(invoice.total.amount))}`);
  lines.push(labels.linesTotal(style.money(run.total.amount), run.amendments));
  return lines.join("\n");
}
