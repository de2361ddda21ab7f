/**
 * The content of a workbook, sheet by sheet, for `pay-by-results/node`'s `settlementWorkbook` and `claimsWorkbook`:
 * plain data, whatever writes the `.xlsx` file. Amounts stay the settlement's exact decimal strings here; the writer
 * turns each into a number cell and keeps the decimal beside it as text. Only the Node entry imports this module.
 */
import type { ClaimDecision, ClaimSettlement } from "../claims/claim-types.js";
import type { PartyAmounts, PartyTotals, Settlement } from "../engine/settlement-types.js";
import { writtenMinorUnits } from "../money/currency.js";
import type { Money } from "../money/money.js";
import { traceLines } from "./phrases/phrasebook.js";
import { phrasebookOf } from "./phrases/phrasebooks.js";
import { workbookWordsOf, type WorkbookWords } from "./phrases/workbook-words.js";
import { claimWordsOf } from "./phrases/claim-words.js";
import { plainTextStyle, type ReportLocale } from "./style.js";

/**
 * One cell: text; an amount of money (its exact decimal, in the workbook's currency); a whole count; a decimal that
 * is no money (a share); a calendar date `YYYY-MM-DD`; or nothing (an amount pending).
 */
export type WorkbookCell =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "money"; readonly amount: string }
  | { readonly kind: "count"; readonly count: number }
  | { readonly kind: "decimal"; readonly decimal: string }
  | { readonly kind: "date"; readonly day: string }
  | null;

/** One sheet: its name, its header row and its rows (each as long as the header). */
export interface WorkbookSheet {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly WorkbookCell[])[];
}

/** A workbook's sheets and the currency of its amounts, with the currency's minor units. */
export interface WorkbookContent {
  readonly currency: string;
  readonly minorUnits: number;
  readonly locale: ReportLocale;
  readonly sheets: readonly WorkbookSheet[];
}

const text = (value: string): WorkbookCell => ({ kind: "text", text: value });
const count = (value: number): WorkbookCell => ({ kind: "count", count: value });
const day = (value: string): WorkbookCell => ({ kind: "date", day: value });
/** An amount as the results give it: money (a claim decision's too), a bare decimal string (a cap's limit), or pending. */
type Amount = Money | string | null | undefined;
const decimalOf = (value: Amount): string | undefined =>
  value === null || value === undefined ? undefined : typeof value === "string" ? value : value.amount;

/** The two cells of an amount: the number, and its exact decimal as text (both empty while it is pending). */
function amountCells(value: Amount): WorkbookCell[] {
  const decimal = decimalOf(value);
  return decimal === undefined ? [null, null] : [{ kind: "money", amount: decimal }, text(decimal)];
}

/** The two header cells of an amount's column: its name and the name of its exact decimal. */
const amountHeader = (words: WorkbookWords, column: string) => [column, words.exact(column)];

function partySheet(
  name: string,
  rows: readonly (PartyAmounts | PartyTotals)[],
  words: WorkbookWords,
  names: ReadonlyMap<string, string>,
): WorkbookSheet {
  const { columns } = words;
  return {
    name,
    header: [
      columns.party,
      columns.name,
      ...amountHeader(words, columns.earned),
      ...amountHeader(words, columns.paid),
      ...amountHeader(words, columns.balance),
    ],
    rows: rows.map((row) => [
      text(row.party),
      text(names.get(row.party) ?? row.party),
      ...amountCells(row.earned),
      ...amountCells(row.paid),
      ...amountCells(row.balance),
    ]),
  };
}

/**
 * The sheets of a settlement (checked by the caller: one `settle` returned with its explanation): its tranches, its
 * payer → recipient lines, its totals, the totals by payer and by recipient, and the derivation (every line of
 * `explain`'s computation of each tranche), in the language's words.
 */
export function settlementSheets(settlement: Settlement, locale: ReportLocale): WorkbookContent {
  const words = workbookWordsOf(locale);
  const { columns } = words;
  const phrases = phrasebookOf(locale);
  const style = plainTextStyle(settlement.currency, locale);
  const names = new Map(settlement.parties.map((party) => [party.id, party.name]));
  const { totals } = settlement;

  const tranches: WorkbookSheet = {
    name: words.sheets.tranches,
    header: [
      columns.tranche,
      columns.label,
      columns.covers,
      columns.dueDate,
      columns.payableFrom,
      columns.status,
      columns.reason,
      ...amountHeader(words, columns.priced),
      ...amountHeader(words, columns.earned),
      ...amountHeader(words, columns.paid),
      ...amountHeader(words, columns.balance),
      ...amountHeader(words, columns.clawback),
    ],
    rows: settlement.tranches.map((tranche) => [
      text(tranche.id),
      tranche.label === undefined ? null : text(tranche.label),
      text(phrases.labels.covers(tranche)),
      day(tranche.dueDate),
      day(tranche.payableFrom),
      text(phrases.status(tranche.status)),
      text(phrases.reason(tranche, style, settlement.asOf)),
      ...amountCells(tranche.amountPriced),
      ...amountCells(tranche.amountEarned),
      ...amountCells(tranche.amountPaid),
      ...amountCells(tranche.balance),
      ...amountCells(tranche.clawback),
    ]),
  };

  const lines: WorkbookSheet = {
    name: words.sheets.lines,
    header: [
      columns.tranche,
      columns.dueDate,
      columns.payableFrom,
      columns.status,
      columns.payer,
      columns.payerName,
      columns.recipient,
      columns.recipientName,
      ...amountHeader(words, columns.earned),
      ...amountHeader(words, columns.paid),
      ...amountHeader(words, columns.balance),
    ],
    rows: settlement.tranches.flatMap((tranche) =>
      tranche.lines.map((line) => [
        text(tranche.id),
        day(tranche.dueDate),
        day(tranche.payableFrom),
        text(phrases.status(tranche.status)),
        text(line.payer),
        text(names.get(line.payer) ?? line.payer),
        text(line.recipient),
        text(names.get(line.recipient) ?? line.recipient),
        ...amountCells(line.earned),
        ...amountCells(line.paid),
        ...amountCells(line.balance),
      ]),
    ),
  };

  const summary = words.summary;
  const totalsSheet: WorkbookSheet = {
    name: words.sheets.totals,
    header: [columns.item, ...amountHeader(words, columns.amount)],
    rows: [
      [text(summary.contract), text(`${settlement.contractId} — ${settlement.title}`), null],
      [text(summary.asOf), day(settlement.asOf), null],
      [text(summary.currency), text(settlement.currency), null],
      [text(words.totals.earned), ...amountCells(totals.earned)],
      [text(words.totals.paid), ...amountCells(totals.paid)],
      [text(words.totals.balance), ...amountCells(totals.balance)],
      [text(words.totals.paidOnPending), ...amountCells(totals.paidOnPending)],
      [text(words.totals.pendingTranches), count(totals.pendingTranches), null],
    ],
  };

  const derivation: WorkbookSheet = {
    name: words.sheets.derivation,
    header: [columns.tranche, columns.step, columns.text],
    rows: settlement.tranches.flatMap((tranche) =>
      traceLines(phrases, tranche.trace, style, names).flatMap((line, index) =>
        line.split("\n").map((part) => [text(tranche.id), count(index + 1), text(part)]),
      ),
    ),
  };

  return {
    currency: settlement.currency,
    minorUnits: writtenMinorUnits(totals.earned),
    locale,
    sheets: [
      tranches,
      lines,
      totalsSheet,
      partySheet(words.sheets.byPayer, totals.byPayer, words, names),
      partySheet(words.sheets.byRecipient, totals.byRecipient, words, names),
      derivation,
    ],
  };
}

/**
 * The sheets of a claims settlement (checked by the caller: one `settleClaims` returned): every decision (none when
 * it was settled with `keepDecisions: false`), the participants paid, the totals by outcome, by claim period and by
 * payer, the caps that cut claims, and a summary (counts and the total due), in the language's words.
 */
export function claimsSheets(settlement: ClaimSettlement, locale: ReportLocale): WorkbookContent {
  const words = workbookWordsOf(locale);
  const { columns } = words;
  const claimWords = claimWordsOf(locale);
  const decisionRow = (decision: ClaimDecision): WorkbookCell[] => [
    text(decision.claimId),
    text(decision.participant),
    text(decision.outcome),
    day(decision.achievedOn),
    day(decision.claimedOn),
    text(decision.period),
    text(claimWords.status(decision.status)),
    ...amountCells(decision.price),
    ...amountCells(decision.priced),
    ...amountCells(decision.amount),
    decision.reason === undefined ? null : text(decision.reason),
    decision.reason === undefined ? null : text(claimWords.message(decision)),
  ];
  const decisions: WorkbookSheet = {
    name: words.sheets.decisions,
    header: [
      columns.claim,
      columns.participant,
      columns.outcome,
      columns.achievedOn,
      columns.claimedOn,
      columns.period,
      columns.status,
      ...amountHeader(words, columns.price),
      ...amountHeader(words, columns.priced),
      ...amountHeader(words, columns.amount),
      columns.rejection,
      columns.message,
    ],
    rows: Array.from(settlement.decisions ?? [], decisionRow),
  };
  const participants: WorkbookSheet = {
    name: words.sheets.participants,
    header: [columns.participant, columns.claimsPaid, ...amountHeader(words, columns.amount)],
    rows: settlement.byParticipant.map((row) => [
      text(row.participant),
      count(row.claimsPaid),
      ...amountCells(row.amount),
    ]),
  };
  const outcomes: WorkbookSheet = {
    name: words.sheets.outcomes,
    header: [columns.outcome, columns.name, columns.claimsPaid, ...amountHeader(words, columns.amount)],
    rows: settlement.byOutcome.map((row) => [
      text(row.outcome),
      text(row.name),
      count(row.claimsPaid),
      ...amountCells(row.amount),
    ]),
  };
  const periods: WorkbookSheet = {
    name: words.sheets.periods,
    header: [
      columns.period,
      columns.start,
      columns.end,
      columns.claimsPaid,
      columns.payer,
      columns.share,
      ...amountHeader(words, columns.due),
    ],
    // One row for the period's whole due (no payer), then one per payer's share of it.
    rows: settlement.byPeriod.flatMap((period) => [
      [
        text(period.period),
        day(period.start),
        day(period.end),
        count(period.claimsPaid),
        null,
        null,
        ...amountCells(period.due),
      ],
      ...period.byPayer.map((payer) => [
        text(period.period),
        day(period.start),
        day(period.end),
        null,
        text(payer.party),
        // as the contract states it: "80%" or "0.8"
        text(payer.share),
        ...amountCells(payer.due),
      ]),
    ]),
  };
  const payers: WorkbookSheet = {
    name: words.sheets.payers,
    header: [columns.payer, ...amountHeader(words, columns.due)],
    rows: settlement.byPayer.map((row) => [text(row.party), ...amountCells(row.due)]),
  };
  const caps: WorkbookSheet = {
    name: words.sheets.caps,
    header: [
      columns.cap,
      columns.name,
      ...amountHeader(words, columns.limit),
      columns.claimsCut,
      ...amountHeader(words, columns.cut),
    ],
    rows: settlement.caps.map((cap) => [
      text(claimWords.capName(cap.cap)),
      text(cap.id),
      // the outcome volume cap is a claim count, the others money
      ...(cap.cap === "outcome-volume"
        ? [{ kind: "decimal", decimal: cap.limit } as const, text(cap.limit)]
        : amountCells(cap.limit)),
      count(cap.claimsCut),
      ...amountCells(cap.cut),
    ]),
  };
  const { counts, summary } = { counts: settlement.counts, summary: words.summary };
  const summarySheet: WorkbookSheet = {
    name: words.sheets.summary,
    header: [columns.item, ...amountHeader(words, columns.amount)],
    rows: [
      [text(summary.contract), text(settlement.contractId), null],
      [text(summary.asOf), day(settlement.asOf), null],
      [text(summary.currency), text(settlement.currency), null],
      [text(summary.received), count(counts.received), null],
      [text(summary.repeatsIgnored), count(counts.repeatsIgnored), null],
      [text(summary.accepted), count(counts.accepted), null],
      [text(summary.acceptedInPart), count(counts.acceptedInPart), null],
      [text(summary.rejected), count(counts.rejected), null],
      [text(summary.total), ...amountCells(settlement.total)],
    ],
  };
  return {
    currency: settlement.currency,
    minorUnits: writtenMinorUnits(settlement.total),
    locale,
    sheets: [summarySheet, decisions, participants, outcomes, periods, payers, caps],
  };
}
