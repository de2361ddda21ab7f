import { groupThousands } from "../money/format.js";

/**
 * How a waterfall step computed what it owed, as figures, and those figures in words, in English and Italian: the
 * one place that words a step's basis. A step record carries the figures (`basisFigures`) and, for the JSON, their
 * English (`basis`); the report layer's phrasebook (report/phrases/finance-words.ts) words them through
 * `basisWords` in the report's language and number marks. It lives in `finance/`, below the reports, so that the
 * waterfall, which writes `basis`, need not import the report layer (see docs/architecture.md).
 */

/** How the amounts a waterfall step owed were computed, as figures. */
export type WaterfallBasis =
  /** Capital drawn to date, less capital already repaid. */
  | { readonly rule: "principal" }
  /**
   * The return that brings the investors' IRR to `irr` (annual, compounded, actual/365), less what was paid;
   * and at most `cap` (an amount in the contract's currency) in total over the contract. Either may be absent.
   */
  | { readonly rule: "return"; readonly irr?: string; readonly cap?: string }
  /** `rate` a year of the commitments, accrued day by day (actual/365) from `from` (the first drawdown's date). */
  | { readonly rule: "management-fee"; readonly rate: string; readonly from?: string }
  /** `share` of what is left in the pool. */
  | { readonly rule: "performance-fee"; readonly share: string }
  /** What is left after every step, shared among the excess parties by their shares. */
  | { readonly rule: "excess" };

/** The languages a basis is worded in (those of the report layer's phrasebook). */
export type BasisLocale = "en" | "it";

/**
 * How the words write a figure: `marks` gets plain decimal text ("25000.00", "0.2") and writes it with the
 * language's marks ("25,000.00"; "25.000,00" in Italian), keeping every digit.
 */
export type WriteMarks = (decimal: string) => string;

/** A rate or share as the contract writes it: a decimal ("0.04") or a percentage ("4%"), with the language's marks. */
function figure(text: string, marks: WriteMarks): string {
  return text.endsWith("%") ? `${marks(text.slice(0, -1))}%` : marks(text);
}

const WORDS = {
  en: {
    principal: "capital drawn to date, less capital already repaid",
    irr: (rate: string) =>
      `the return that brings the IRR to ${rate} (annual, compounded, actual/365), less what was paid`,
    cap: (amount: string) => `at most ${amount} in total over the contract`,
    fee: (rate: string, from: string | undefined) =>
      `${rate} a year of the commitments, accrued day by day (actual/365) from ${from ?? "the first drawdown"}, less fees already paid`,
    performance: (share: string) => `${share} of what is left in the pool`,
    excess: "what is left after every step, shared among the excess parties by their shares",
  },
  it: {
    principal: "capitale versato finora, meno il capitale già rimborsato",
    irr: (rate: string) =>
      `il rendimento che porta il TIR al ${rate} (annuo, composto, giorni effettivi/365), meno quanto già pagato`,
    cap: (amount: string) => `al più ${amount} in totale sul contratto`,
    fee: (rate: string, from: string | undefined) =>
      `${rate} annuo degli impegni, maturato giorno per giorno (giorni effettivi/365) ${from === undefined ? "dal primo versamento" : `dal ${from}`}, meno le commissioni già pagate`,
    performance: (share: string) => `${share} di quanto resta in cassa`,
    excess: "quanto resta dopo ogni passo, ripartito tra le parti dell'eccedenza secondo le loro quote",
  },
} as const;

/**
 * A step's basis in words, e.g. "0.2 of what is left in the pool"; empty for a return step with neither a target
 * IRR nor a cap. Dates are written as ISO dates in both languages.
 */
export function basisWords(basis: WaterfallBasis, locale: BasisLocale, marks: WriteMarks = groupThousands): string {
  const words = WORDS[locale];
  switch (basis.rule) {
    case "principal":
      return words.principal;
    case "return":
      return [
        ...(basis.irr !== undefined ? [words.irr(figure(basis.irr, marks))] : []),
        ...(basis.cap !== undefined ? [words.cap(marks(basis.cap))] : []),
      ].join("; ");
    case "management-fee":
      return words.fee(figure(basis.rate, marks), basis.from);
    case "performance-fee":
      return words.performance(figure(basis.share, marks));
    case "excess":
      return words.excess;
  }
}
