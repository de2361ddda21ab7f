import type { Money } from "../money/money.js";
import type { RoundingMode } from "../money/rounding.js";
import type { Coverage } from "../contract/types.js";
import type { CapStep, ResultStep, Step } from "../explanation/steps.js";

/**
 * Where a tranche stands on the settlement date:
 * - `not-yet-due`: a result is missing (or was rejected) and the due date has not come;
 * - `awaiting-verification`: a result is reported but not verified, or is missing after the due date;
 * - `disputed`: a result is under dispute, so nothing is payable on it;
 * - `not-earned`: verified, and nothing is earned (the rule pays nothing, or caps leave nothing); when
 *   something was paid all the same, the balance is negative and the payment is owed back;
 * - `earned`: verified, an amount is earned, nothing paid yet;
 * - `partly-paid`: some of the earned amount is paid;
 * - `paid`: payments cover the earned amount (a negative balance then means a clawback).
 */
export type TrancheStatus =
  | "not-yet-due"
  | "awaiting-verification"
  | "disputed"
  | "not-earned"
  | "earned"
  | "partly-paid"
  | "paid";

/** What one party earned, was paid and is owed. `earned` and `balance` are `null` while results are pending. */
export interface PartyAmounts {
  readonly party: string;
  readonly earned: Money | null;
  readonly paid: Money;
  /** earned − paid: positive is still owed to the recipient side, negative is owed back (a clawback). */
  readonly balance: Money | null;
}

/** One payer-to-recipient line of a tranche. */
export interface PaymentLine {
  readonly payer: string;
  readonly recipient: string;
  readonly earned: Money | null;
  readonly paid: Money;
  readonly balance: Money | null;
}

/** One tranche as settled on `asOf`: status and reason, amounts, splits, caps and every step. */
export interface TrancheSettlement {
  readonly id: string;
  readonly label?: string;
  readonly covers: Coverage;
  /** The due date the contract gives the tranche. */
  readonly dueDate: string;
  /**
   * The date the tranche is payable from: its due date, or, for a cohort paid on the pooled result (its
   * `fallback`), the fallback's due date, since the pooled result does not exist before then. Every consumer
   * dates the tranche's payments by it: cash flows, the CSV, the reports, INDIGO.
   */
  readonly payableFrom: string;
  /**
   * The cohort whose pooled result prices the tranche, when the tranche's own rule paid nothing and its
   * `fallback` applies (or is awaited): why `payableFrom` is the fallback's due date. Absent otherwise.
   */
  readonly pricedOnPool?: string;
  readonly status: TrancheStatus;
  /** Why the tranche has this status, in a sentence. */
  readonly reason: string;
  readonly results: readonly ResultStep[];
  /** The priced amount after the rounding step, before caps (`null` while results are pending). */
  readonly amountPriced: Money | null;
  readonly amountEarned: Money | null;
  readonly amountPaid: Money;
  readonly balance: Money | null;
  /** The amount owed back when payments exceed what is now earned (a restatement lowered a paid result). */
  readonly clawback: Money | null;
  readonly byPayer: readonly PartyAmounts[];
  readonly byRecipient: readonly PartyAmounts[];
  readonly lines: readonly PaymentLine[];
  /** The caps that bit, with how much each cut. */
  readonly capsApplied: readonly CapStep[];
  /** Every step of the computation, in order. */
  readonly trace: readonly Step[];
}

/** What one party earned, was paid and is owed over the whole contract. */
export interface PartyTotals {
  readonly party: string;
  /** Earned on the tranches whose results are settled (pending tranches count for nothing here). */
  readonly earned: Money;
  /** Paid on all tranches, pending or not. */
  readonly paid: Money;
  /** Earned − paid on the settled tranches. */
  readonly balance: Money;
}

/** The totals of a settlement, over all tranches and per party. */
export interface SettlementTotals {
  /** Earned on the tranches whose results are settled. */
  readonly earned: Money;
  readonly paid: Money;
  /** Earned − paid on the settled tranches. */
  readonly balance: Money;
  /** Paid on tranches whose results are pending (not in `balance`). */
  readonly paidOnPending: Money;
  readonly pendingTranches: number;
  readonly byPayer: readonly PartyTotals[];
  readonly byRecipient: readonly PartyTotals[];
}

/** What is due under a contract as known on `asOf`. Plain JSON-ready data. */
export interface Settlement {
  readonly contractId: string;
  readonly title: string;
  readonly currency: string;
  readonly asOf: string;
  /** The contract's parties, so reports can name them. */
  readonly parties: readonly { readonly id: string; readonly name: string }[];
  readonly rounding: { readonly mode: RoundingMode; readonly at: "tranche" | "metric" };
  /** In settlement order: by due date, then tranche id (the order cumulative caps are consumed in). */
  readonly tranches: readonly TrancheSettlement[];
  readonly totals: SettlementTotals;
  readonly capsApplied: readonly CapStep[];
}
