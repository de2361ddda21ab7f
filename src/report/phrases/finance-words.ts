import { WATERFALL_ACCOUNT, type FlowKind } from "../../finance/flow-kind.js";
import type { WaterfallStepRecord } from "../../finance/finance-steps.js";
import { basisWords } from "../../finance/basis-words.js";
import { ownValue } from "../../util/own.js";
import { plainMarks, type ReportLocale } from "../style.js";

/**
 * What the investors' side says, in one language: the cash flows and waterfall text (`explainCashFlows`), the
 * scenario and simulation tables, and IRRs in words. Amounts are written by the caller in the text's style; these
 * are the words around them.
 */
export interface FinanceWords {
  readonly locale: ReportLocale;
  heading(contractId: string, asOf: string): string;
  readonly cashFlows: string;
  /** A cash flow's kind, as the column of the cash flows shows it. */
  flowKind(kind: FlowKind): string;
  /** A party of a flow, or the waterfall's account `(waterfall)`. */
  account(id: string): string;
  ofTranche(id: string): string;
  pending(tranches: string): string;
  readonly waterfall: string;
  readonly nothingToDistribute: string;
  readonly investors: string;
  investor(party: string, figures: InvestorFigures): string;
  guarantee(index: number, guarantor: string, figures: GuaranteeFigures): string;
  /** `step 2, return` or `excess`. */
  step(step: WaterfallStepRecord): string;
  pool(before: string, after: string): string;
  owedPaid(party: string, owed: string, paid: string): string;
  /** How a step's amounts owed were computed, from the figures the step records (empty when it says nothing). */
  basis(step: WaterfallStepRecord): string;
  // the tables
  scenario(currency: string): string;
  pays(party: string): string;
  readonly totalCost: string;
  net(party: string): string;
  multiple(party: string): string;
  irrOf(party: string): string;
  readonly noScenarios: string;
  runs(runs: string, seed: number, currency: string): string;
  readonly mean: string;
  readonly totalPayments: string;
  /** The heading of the investors' column. */
  readonly investorColumn: string;
  readonly probabilityOfLoss: string;
  readonly totalLosses: string;
  irrAt(level: string): string;
  undeterminedRuns(party: string, runs: number): string;
  readonly totalLossNote: string;
  irr: {
    several(rates: readonly string[], beyondRange: number | undefined): string;
    undetermined(near: string): string;
    readonly noneOneSign: string;
    readonly none: string;
    readonly outOfRange: string;
  };
}

/** An investor's position, each amount already written. */
export interface InvestorFigures {
  readonly drawn: string;
  readonly distributions: string;
  readonly guaranteed: string;
  readonly net: string;
  readonly lossGivenNoOutcomes: string;
}

/** A guarantee call, each amount already written. */
export interface GuaranteeFigures {
  readonly date: string;
  readonly losses: string;
  readonly share: string;
  readonly claim: string;
  readonly limit: string;
  readonly usedBefore: string;
  readonly paid: string;
}

const STEP_EN: Record<string, string> = {
  principal: "return of principal",
  return: "return",
  "management-fee": "management fee",
  "performance-fee": "performance fee",
  excess: "excess",
};

/** English. */
export const financeEn: FinanceWords = {
  locale: "en",
  heading: (id, asOf) => `Investors' side of ${id}, as of ${asOf}`,
  cashFlows: "Cash flows:",
  flowKind: (kind) => kind,
  account: (id) => id,
  ofTranche: (id) => ` (tranche ${id})`,
  pending: (tranches) => `pending, nothing received yet: ${tranches}`,
  waterfall: "Waterfall and guarantees:",
  nothingToDistribute: "nothing to distribute",
  investors: "Investors:",
  investor: (party, f) =>
    `${party}: drawn ${f.drawn}, distributions ${f.distributions}, guaranteed ${f.guaranteed}, net ${f.net}; loss if no outcome were paid ${f.lossGivenNoOutcomes}`,
  guarantee: (index, guarantor, f) =>
    `${f.date}  guarantee ${index + 1} by ${guarantor}: loss ${f.losses}; ${f.share} of it = ${f.claim}; limit ${f.limit}, used before ${f.usedBefore}; paid ${f.paid}`,
  step: (step) =>
    step.step === "excess" ? "excess" : `step ${step.step + 1}, ${ownValue(STEP_EN, step.type) ?? step.type}`,
  pool: (before, after) => `pool ${before} → ${after}`,
  owedPaid: (party, owed, paid) => `${party} owed ${owed}, paid ${paid}`,
  basis: (step) => basisOf(step, "en"),
  scenario: (currency) => `scenario (${currency})`,
  pays: (party) => `${party} pays`,
  totalCost: "total cost",
  net: (party) => `${party} net`,
  multiple: (party) => `${party} multiple`,
  irrOf: (party) => `${party} IRR`,
  noScenarios: "no scenarios",
  runs: (runs, seed, currency) => `${runs} runs, seed ${seed} (${currency})`,
  mean: "mean",
  totalPayments: "total outcome payments",
  investorColumn: "investor",
  probabilityOfLoss: "P(loss)",
  totalLosses: "total losses",
  irrAt: (level) => `IRR ${level}`,
  undeterminedRuns: (party, runs) =>
    `(${party}: ${runs} ${runs === 1 ? "run" : "runs"} left out, with an IRR undetermined: roots too close to tell apart in double precision.)`,
  totalLossNote: "(IRR percentiles count a run in which the investor gets nothing back at −100%.)",
  irr: {
    several: (rates, beyond) =>
      `several (${[...rates, ...(beyond === undefined ? [] : [`and ${beyond} beyond the range searched`])].join(", ")})`,
    undetermined: (near) => `undetermined (roots too close to tell apart, near ${near})`,
    noneOneSign: "none (one sign)",
    none: "none",
    outOfRange: "out of range",
  },
};

const KIND_IT: Record<FlowKind, string> = {
  drawdown: "versamento",
  "outcome-payment": "pagamento per risultati",
  pooled: "in cassa",
  principal: "capitale",
  return: "rendimento",
  "management-fee": "commissione di gestione",
  "performance-fee": "commissione di incentivo",
  excess: "eccedenza",
  guarantee: "garanzia",
};

const STEP_IT: Record<string, string> = {
  principal: "rimborso del capitale",
  return: "rendimento",
  "management-fee": "commissione di gestione",
  "performance-fee": "commissione di incentivo",
  excess: "eccedenza",
};

/**
 * A step's basis in the language's words and number marks, from the figures it records (finance/basis-words.ts,
 * the one place that words them).
 */
function basisOf(step: WaterfallStepRecord, locale: ReportLocale): string {
  return basisWords(step.basisFigures, locale, (decimal) => plainMarks(decimal, locale));
}

/** Italiano. */
export const financeIt: FinanceWords = {
  locale: "it",
  heading: (id, asOf) => `Lato degli investitori di ${id}, al ${asOf}`,
  cashFlows: "Flussi di cassa:",
  flowKind: (kind) => KIND_IT[kind] ?? kind,
  account: (id) => (id === WATERFALL_ACCOUNT ? "(cassa)" : id),
  ofTranche: (id) => ` (tranche ${id})`,
  pending: (tranches) => `in attesa, nulla ricevuto finora: ${tranches}`,
  waterfall: "Cascata dei pagamenti e garanzie:",
  nothingToDistribute: "nulla da distribuire",
  investors: "Investitori:",
  investor: (party, f) =>
    `${party}: versato ${f.drawn}, distribuzioni ${f.distributions}, garantito ${f.guaranteed}, netto ${f.net}; perdita se nessun risultato fosse pagato ${f.lossGivenNoOutcomes}`,
  guarantee: (index, guarantor, f) =>
    `${f.date}  garanzia ${index + 1} di ${guarantor}: perdita ${f.losses}; ${f.share} di essa = ${f.claim}; limite ${f.limit}, già utilizzati ${f.usedBefore}; pagati ${f.paid}`,
  step: (step) =>
    step.step === "excess" ? "eccedenza" : `passo ${step.step + 1}, ${ownValue(STEP_IT, step.type) ?? step.type}`,
  pool: (before, after) => `cassa ${before} → ${after}`,
  owedPaid: (party, owed, paid) => `${party} dovuti ${owed}, pagati ${paid}`,
  basis: (step) => basisOf(step, "it"),
  scenario: (currency) => `scenario (${currency})`,
  pays: (party) => `${party} paga`,
  totalCost: "costo totale",
  net: (party) => `${party} netto`,
  multiple: (party) => `${party} multiplo`,
  irrOf: (party) => `${party} TIR`,
  noScenarios: "nessuno scenario",
  runs: (runs, seed, currency) => `${runs} estrazioni, seme ${seed} (${currency})`,
  mean: "media",
  totalPayments: "pagamenti totali per i risultati",
  investorColumn: "investitore",
  probabilityOfLoss: "P(perdita)",
  totalLosses: "perdite totali",
  irrAt: (level) => `TIR ${level}`,
  undeterminedRuns: (party, runs) =>
    `(${party}: ${runs} ${runs === 1 ? "estrazione esclusa" : "estrazioni escluse"}, con un TIR indeterminato: radici troppo vicine per distinguerle in doppia precisione.)`,
  totalLossNote: "(I percentili del TIR contano al −100% le estrazioni in cui l'investitore non riceve nulla.)",
  irr: {
    several: (rates, beyond) =>
      `più d'uno (${[...rates, ...(beyond === undefined ? [] : [`e ${beyond} oltre l'intervallo esplorato`])].join(", ")})`,
    undetermined: (near) => `indeterminato (radici troppo vicine per distinguerle, circa ${near})`,
    noneOneSign: "nessuno (flussi di un solo segno)",
    none: "nessuno",
    outOfRange: "fuori dall'intervallo",
  },
};

/**
 * The finance words in a language: the investors' side's phrasebook (cash flows, the waterfall, guarantees, returns,
 * scenarios and simulations). It lives apart from the settlement's (`phrasebookOf`) so that a bundle that explains
 * settlements does not carry the finance words.
 */
export function financeWordsOf(locale: ReportLocale): FinanceWords {
  return locale === "it" ? financeIt : financeEn;
}
