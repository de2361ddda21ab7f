import type { CalendarDate } from "./calendar.js";

/**
 * The investors' side of a contract (the optional `finance` section): who pre-funds the service and when,
 * how the outcome payments they are repaid from are distributed (the waterfall), and who covers a loss.
 * Amounts are decimal strings in the contract's currency; rates and shares are `"5%"` or `"0.05"`.
 */

/** Capital an investor commits, and the dated drawdowns paid out of it to the party that runs the service. */
export interface InvestorCommitment {
  /** The investor (a party with the role investor). */
  readonly party: string;
  /** The most the investor can be asked to pay in. */
  readonly commitment: string;
  /** The party the drawn capital is paid to (usually the provider). */
  readonly fundedParty: string;
  /** Capital actually called, by date; together at most the commitment. */
  readonly drawdowns: readonly { readonly date: CalendarDate; readonly amount: string }[];
}

/** Repays the investors' drawn capital not yet repaid; several investors in one step rank equally (pro rata). */
export interface PrincipalStep {
  readonly type: "principal";
  readonly investors: readonly string[];
}

/**
 * Pays a return on the investors' drawn capital. With `rate`, up to the amount that brings the investor's
 * internal rate of return to `rate` (annual, compounded, actual/365 — the same convention as XIRR): a 5%
 * coupon, or an IRR cap such as Educate Girls' 15%. With `cap`, at most that amount in total over the
 * contract. At least one of the two must be given.
 */
export interface ReturnStep {
  readonly type: "return";
  readonly investors: readonly string[];
  readonly rate?: string;
  readonly cap?: string;
}

/** A management fee: `rate` a year of the total commitments, accrued simply (actual/365) from the first drawdown. */
export interface ManagementFeeStep {
  readonly type: "management-fee";
  readonly party: string;
  readonly rate: string;
}

/** A performance fee: `share` of what is left in the pool when the waterfall reaches this step. */
export interface PerformanceFeeStep {
  readonly type: "performance-fee";
  readonly party: string;
  readonly share: string;
}

/** One step of the distribution waterfall: principal, a return, a management fee or a performance fee. */
export type WaterfallStep = PrincipalStep | ReturnStep | ManagementFeeStep | PerformanceFeeStep;

/**
 * How the outcome payments received by the `pool` parties are distributed, on each date they fall due:
 * the steps in order (a senior step before a subordinate one), then whatever is left (the excess) shared
 * among the `excess` parties — the provider, the payers (money back), or anyone, by share.
 */
export interface Waterfall {
  /** The recipients whose outcome payments enter the waterfall (e.g. the investor or the intermediary). */
  readonly pool: readonly string[];
  readonly steps: readonly WaterfallStep[];
  /** Who gets the excess, by share (adding up to 100%). */
  readonly excess: readonly { readonly party: string; readonly share: string }[];
}

/**
 * A guarantee or first-loss cover: on `payOn` (default the end of the term), the guarantor pays `share` of
 * each covered investor's loss (drawn capital not repaid by the waterfall), at most `limit` in total; when
 * the limit binds, it is split in proportion to the investors' claims.
 * Guarantees apply in the order listed, each on the loss the earlier ones left: list first-loss cover first.
 */
export interface Guarantee {
  readonly guarantor: string;
  readonly covers: readonly string[];
  readonly share: string;
  readonly limit: string;
  readonly payOn?: CalendarDate;
}

/** The optional `finance` section of a contract: commitments and drawdowns, the waterfall, guarantees. */
export interface Finance {
  readonly investors: readonly InvestorCommitment[];
  readonly waterfall: Waterfall;
  readonly guarantees?: readonly Guarantee[];
}
