import type { CapKind, Step } from "../../explanation/steps.js";
import type { CounterfactualStep } from "../../explanation/measurement-steps.js";
import type { TrancheSettlement, TrancheStatus } from "../../engine/settlement-types.js";
import type { Style } from "../style.js";
import { abs, exactOfNotation, isZero, plainText } from "../../formula/exact.js";

/**
 * What the library says about a settlement, in one language: a sentence per explanation step (the measured
 * results' and measurement steps' lines are the measurement words', `measurement-text.ts`), the names of statuses
 * and caps, the labels of headings, tables and charts. Renderers (plain text, Markdown, HTML, the tables and
 * charts) only lay these out, so every output says the same thing about the same numbers, in English or in
 * Italian. The other texts have a phrasebook each, English and Italian side by side, so that a bundle carries
 * only the words it writes: the measurement words (`measurementWordsOf`), the finance words (`financeWordsOf`),
 * the claims words (`claimWordsOf`) and the workbook's (`workbookWordsOf`).
 */
export interface Phrasebook {
  /** One line for a step of the computation (`undefined` for steps shown elsewhere, such as the status). */
  step(step: Step, style: Style, context: StepContext): string | undefined;
  status(status: TrancheStatus): string;
  /** Why a tranche has its status, in a sentence, as known on `asOf`, from its figures. */
  reason(tranche: TrancheSettlement, style: Style, asOf: string): string;
  capName(kind: CapKind): string;
  readonly labels: Labels;
}

/** What a step's sentence needs besides the step: the parties' names, and what the steps before it said. */
export interface StepContext {
  /** A party as sentences name it: its name in the contract (its id when the contract has no such party). */
  party(id: string): string;
  /**
   * The step that replaced a metric's baseline by a measured counterfactual, earlier in the same trace: the basis
   * then names it as the baseline's source.
   */
  counterfactual(metric: string): CounterfactualStep | undefined;
}

/** A context that names parties by id and knows no counterfactual, for a step rendered on its own. */
export const BARE_CONTEXT: StepContext = { party: (id) => id, counterfactual: () => undefined };

/**
 * The lines of a tranche's trace, in order: one per step that has one. The context names the parties of
 * `names` (id → name) and remembers each metric's measured counterfactual for the basis that follows it.
 */
export function traceLines(
  phrases: Phrasebook,
  trace: readonly Step[],
  style: Style,
  names: ReadonlyMap<string, string>,
): string[] {
  const counterfactuals = new Map<string, CounterfactualStep>();
  const context: StepContext = {
    party: (id) => names.get(id) ?? id,
    counterfactual: (metric) => counterfactuals.get(metric),
  };
  const lines: string[] = [];
  for (const step of trace) {
    if (step.kind === "counterfactual") counterfactuals.set(step.metric, step);
    const line = phrases.step(step, style, context);
    if (line !== undefined) lines.push(line);
  }
  return lines;
}

/**
 * The source of a basis step's baseline: the measured counterfactual that replaced it (in the phrasebook's
 * words), or the contract's own source.
 */
export function baselineSource(
  step: { readonly metric: string; readonly baseline: string; readonly baselineSource: string },
  context: StepContext,
  measured: (counterfactual: CounterfactualStep) => string,
): string {
  const counterfactual = context.counterfactual(step.metric);
  return counterfactual !== undefined && counterfactual.counterfactual === step.baseline
    ? measured(counterfactual)
    : step.baselineSource;
}

/** Whether a step's decimal text (an amount, a cap's cut) is zero. */
export const isZeroText = (text: string): boolean => isZero(exactOfNotation(text)!);

/** A step's decimal text without its sign, e.g. the baseline a relative improvement is divided by. */
export const magnitude = (text: string): string => plainText(abs(exactOfNotation(text)!));

/** The labels of a settlement's texts: headings, amounts, totals — what `explain` and the reports both write. */
export interface Labels {
  settlementOf(contractId: string, title: string): string;
  asOf(date: string): string;
  amountsIn(currency: string): string;
  rounding(mode: string, at: "tranche" | "metric"): string;
  /** A tranche's heading: id, label, what it covers, its due date and, when later, the date it is payable from. */
  tranche(tranche: TrancheSettlement, date: (iso: string) => string): string;
  covers(tranche: TrancheSettlement): string;
  /** The measured counterfactual as a baseline's source: estimator and event. */
  measuredCounterfactual(step: CounterfactualStep): string;
  readonly status: string;
  readonly earned: string;
  readonly paid: string;
  readonly balance: string;
  readonly pending: string;
  clawback(amount: string): string;
  readonly totals: string;
  pendingTranches(count: number, paid: string): string;
  readonly capsThatBit: string;
  capCut(name: string, id: string, cut: string): string;
  /** The plain text of `explain`: a tranche's amounts on one line. */
  trancheAmounts(earned: string, paid: string, balance: string): string;
  /** … the totals over the settled tranches. */
  settledTotals(earned: string, paid: string, balance: string): string;
  readonly byPayerSettled: string;
  readonly byRecipientSettled: string;
  partyTotals(name: string, id: string, earned: string, paid: string, balance: string): string;
}

/**
 * The labels only the Markdown and HTML reports and the charts write (sections, table headers, chart marks, the
 * simulation's section), beside the settlement's `Labels`: apart, so that `explain` does not carry them.
 */
export interface ReportLabels {
  readonly computation: string;
  readonly lines: string;
  readonly payer: string;
  readonly recipient: string;
  readonly party: string;
  readonly totalsNote: string;
  readonly byPayer: string;
  readonly byRecipient: string;
  readonly chart: string;
  readonly baselineMark: string;
  readonly capMark: string;
  chartCaption(metric: string): string;
  readonly generatedBy: string;
  simulation(runs: number, seed: number): string;
  readonly simulationNote: string;
  readonly totalPayments: string;
  costOf(party: string): string;
  readonly mean: string;
  readonly percentile: string;
  /** The y axis of a distribution chart. */
  readonly shareOfRuns: string;
}

/** The labels of the plain text of priced lines (`explainLines`); its formula steps are the phrasebook's. */
export interface LineLabels {
  line(index: number, invoice: string, amount: string): string;
  readonly invoices: string;
  invoice(invoice: string, lines: number, total: string): string;
  linesTotal(total: string, amendments: readonly string[]): string;
}
