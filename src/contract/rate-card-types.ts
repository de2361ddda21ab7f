import type { CalendarDate } from "./calendar.js";
import type { Share } from "./types.js";

/**
 * A rate card: a price for each outcome each participant achieves, with the rules that decide which claims
 * are valid. It lives in the contract's optional `rateCard` section and is settled by `settleClaims`.
 */

/** A price that applies to outcomes achieved on or after `from` (until the next change). */
export interface PriceChange {
  readonly from: CalendarDate;
  readonly price: string;
}

/**
 * A claim window: the outcome must be achieved within `months` calendar months of the participant's
 * enrolment, or of the date its prerequisite was achieved. The window ends on the same day of the month
 * `months` later (the last day of a shorter month), inclusive.
 */
export interface ClaimWindow {
  readonly months: number;
  readonly from: "enrolment" | "prerequisite";
}

/**
 * A holding period: the outcome counts only once it has been held for a minimum time after the participant's
 * enrolment, or after the day its prerequisite was met (e.g. "employment sustained 13 weeks"). Exactly one of
 * `days`, `weeks` or `months` (calendar months: the same day of the month `months` later, or that month's last
 * day when it is shorter). A claim achieved before that day is rejected (`holding_period_not_met`).
 *
 * @example
 * const sustained = { weeks: 13, from: "prerequisite" } satisfies HoldingPeriod;
 */
export interface HoldingPeriod {
  readonly days?: number;
  readonly weeks?: number;
  readonly months?: number;
  readonly from: "enrolment" | "prerequisite";
}

/** An outcome of a rate card: its code, price (and price changes), prerequisite, window and limits. */
export interface RateCardOutcome {
  /** The outcome code claims refer to, e.g. `"EMP-ENTRY"`. */
  readonly code: string;
  readonly name: string;
  /** The price per participant outcome, in the contract's currency, for outcomes achieved before any change. */
  readonly price: string;
  /** Later prices, by the date the outcome is achieved, in increasing date order. */
  readonly priceChanges?: readonly PriceChange[];
  /**
   * The code of the outcome that must have been achieved, on or before this one, by the same participant (a
   * higher rung of the same exclusive group meets it too).
   */
  readonly requires?: string;
  /** Outcomes that must all have been achieved on or before this one (with `requires`, if given). */
  readonly requiresAllOf?: readonly string[];
  /** Outcomes of which at least one must have been achieved on or before this one (besides any `requires`). */
  readonly requiresAnyOf?: readonly string[];
  /** How many times one participant may be paid for this outcome (default 1). */
  readonly maxClaimsPerParticipant?: number;
  readonly window?: ClaimWindow;
  /** The least time the outcome must have been held, after enrolment or after the prerequisite was met. */
  readonly holdingPeriod?: HoldingPeriod;
  /** The most claims of this outcome the contract pays for, across all participants (a volume cap). */
  readonly maxVolume?: number;
}

/**
 * A ladder of outcomes of which a participant is paid only for the highest, listed lowest first (e.g.
 * qualifications at levels 1, 2 and 3). A higher rung pays the difference over what the ladder already priced
 * for the participant; a rung at or below one already claimed is not paid.
 */
export interface ExclusiveGroup {
  readonly id: string;
  readonly outcomes: readonly string[];
}

/** Money caps of a rate card (decimal strings in the contract's currency). */
export interface RateCardCaps {
  /** The most one participant's outcomes can pay in total. */
  readonly perParticipant?: string;
  /** The most the claims of one claim period can pay. */
  readonly perPeriod?: string;
  /** The most the rate card can pay over the whole contract. */
  readonly contract?: string;
}

/** The optional `rateCard` section of a contract: outcomes, exclusive groups, caps, payers and claim periods. */
export interface RateCard {
  /** How accepted claims are totalled and fall due: by calendar month or calendar quarter of the claimed date. */
  readonly claimPeriod: "month" | "quarter";
  readonly outcomes: readonly RateCardOutcome[];
  readonly exclusiveGroups?: readonly ExclusiveGroup[];
  readonly caps?: RateCardCaps;
  /** Who pays the accepted claims, with shares adding up to 100% (split per period by largest remainder). */
  readonly payers: readonly Share[];
}
