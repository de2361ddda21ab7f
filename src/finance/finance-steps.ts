import type { WaterfallBasis } from "./basis-words.js";
/**
 * The explanation of the investors' side: one step per waterfall step per date, and one per guarantee
 * call, recorded while the waterfall runs. Amounts are decimal strings in the contract's currency.
 */

/** What one party was owed by a waterfall step on a date, and what it was paid. */
export interface WaterfallPart {
  readonly party: string;
  readonly owed: string;
  readonly paid: string;
}

/** One step of the waterfall on one distribution date. */
export interface WaterfallStepRecord {
  readonly kind: "waterfall-step";
  readonly date: string;
  /**
   * The index of the step in `finance.waterfall.steps`, counting from 0, or `"excess"`. Texts count from 1:
   * index 0 is "step 1".
   */
  readonly step: number | "excess";
  readonly type: "principal" | "return" | "management-fee" | "performance-fee" | "excess";
  /** What was in the pool when the step was reached, and what it left. */
  readonly poolBefore: string;
  readonly poolAfter: string;
  readonly parts: readonly WaterfallPart[];
  /** How the amounts owed were computed, in a sentence (written in English from `basisFigures`). */
  readonly basis: string;
  /** The figures the basis is worded from, for a text in any language. */
  readonly basisFigures: WaterfallBasis;
}

/** A guarantee called on its date. */
export interface GuaranteeRecord {
  readonly kind: "guarantee";
  readonly date: string;
  /** The index of the guarantee in `finance.guarantees`, counting from 0. Texts count from 1: index 0 is "guarantee 1". */
  readonly guarantee: number;
  readonly guarantor: string;
  /** Each covered investor's loss when the guarantee is called (drawn capital minus everything received). */
  readonly losses: readonly { readonly party: string; readonly loss: string }[];
  readonly share: string;
  /** The share of each loss, each rounded to the minor unit, added up. */
  readonly claim: string;
  readonly limit: string;
  readonly usedBefore: string;
  readonly paid: readonly { readonly party: string; readonly amount: string }[];
}

/** Any step of the waterfall and guarantees, as `cashFlows` records it. */
export type FinanceStep = WaterfallStepRecord | GuaranteeRecord;
