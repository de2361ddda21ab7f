import type { CapKind, Step } from "../../explanation/steps.js";
import type { TrancheSettlement, TrancheStatus } from "../../engine/settlement-types.js";
import type { Style } from "../style.js";

/**
 * What a report says, in one language: a sentence per explanation step, the names of statuses and caps, and
 * the labels of headings and tables. Renderers (plain text, Markdown, HTML) only lay these out, so every
 * output says the same thing about the same numbers.
 */
export interface Phrasebook {
  /** One line for a step of the computation (`undefined` for steps shown elsewhere, such as the status). */
  step(step: Step, style: Style): string | undefined;
  status(status: TrancheStatus): string;
  /** Why a tranche has its status, in a sentence, as known on `asOf`. */
  reason(tranche: TrancheSettlement, style: Style, asOf: string): string;
  capName(kind: CapKind): string;
  readonly labels: Labels;
}

export interface Labels {
  settlementOf(contractId: string, title: string): string;
  asOf(date: string): string;
  amountsIn(currency: string): string;
  rounding(mode: string, at: "tranche" | "metric"): string;
  /** A tranche's heading: id, label, what it covers, its due date and, when later, the date it is payable from. */
  tranche(tranche: TrancheSettlement, date: (iso: string) => string): string;
  covers(tranche: TrancheSettlement): string;
  readonly status: string;
  readonly computation: string;
  readonly lines: string;
  readonly payer: string;
  readonly recipient: string;
  readonly party: string;
  readonly earned: string;
  readonly paid: string;
  readonly balance: string;
  readonly pending: string;
  clawback(amount: string): string;
  readonly totals: string;
  readonly totalsNote: string;
  pendingTranches(count: number, paid: string): string;
  readonly byPayer: string;
  readonly byRecipient: string;
  readonly capsThatBit: string;
  capCut(name: string, id: string, cut: string): string;
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
}
