import type { CalendarDate } from "../contract/calendar.js";
import type { Money } from "../money/money.js";
import type { CapStep } from "../explanation/steps.js";
import type { ClaimDecisionList } from "./claim-decisions.js";

/**
 * One claim: a participant achieved an outcome of the rate card. Plain data, as a claims file row says it.
 * Claims are never edited: a correction is a new claim with a new id (a repeat of the same id with the same
 * content is a replay and is paid once; the same id with different content is a conflict and is not paid).
 */
export interface Claim {
  readonly id: string;
  readonly participant: string;
  /** The rate card outcome code. */
  readonly outcome: string;
  /** The date the outcome was achieved: it fixes the price, the windows and the order of cap competition. */
  readonly achievedOn: CalendarDate;
  /** The date the claim was made: it fixes the claim period the claim falls due in. */
  readonly claimedOn: CalendarDate;
  /** A reference to the evidence (a document id, a file name, a register entry). */
  readonly evidence: string;
  /** The participant's enrolment date, when the claim states it (a participant register takes precedence). */
  readonly enrolledOn?: CalendarDate;
}

/** A participant register entry: the participants the contract serves and when each was enrolled. */
export interface Participant {
  readonly id: string;
  readonly enrolledOn: CalendarDate;
}

/** Why a claim is not paid (or not paid in full). Stable codes; each decision also carries a plain message. */
export type ClaimRejectionReason =
  | "unknown_outcome"
  | "unknown_participant"
  | "conflicting_duplicate"
  | "claimed_after_as_of"
  | "achieved_after_claimed"
  | "outside_term"
  | "enrolment_mismatch"
  | "achieved_before_enrolment"
  | "enrolment_unknown"
  | "prerequisite_missing"
  | "outside_window"
  | "holding_period_not_met"
  | "claim_limit_reached"
  | "superseded_in_group"
  | "participant_cap_reached"
  | "outcome_volume_reached"
  | "period_cap_reached"
  | "contract_cap_reached";

/** The caps of a rate card: money per participant, per claim period and for the contract; a count per outcome. */
export type ClaimCapKind = "participant" | "outcome-volume" | "period" | "contract";

/**
 * A cap that cut a claim: what the cap allows (`limit`), what earlier claims had used of it, and the claim's
 * amount before and after — the fields of the engine's cap step (`CapStep`), for a claim. Amounts are decimal strings in the contract currency; for the outcome volume cap
 * `limit` and `usedBefore` are claim counts.
 */
export interface ClaimCapCut extends Omit<CapStep, "kind" | "cap" | "id"> {
  readonly cap: ClaimCapKind;
  /** The participant, outcome code, claim period or contract id the cap belongs to. */
  readonly id: string;
}

/** What became of a claim: accepted, accepted in part (a cap cut it), or rejected with a reason. */
export type ClaimStatus = "accepted" | "accepted-in-part" | "rejected";

/**
 * The decision on one claim. `price` is the card's price in force on the achieved date; `priced` is what the
 * claim rules price it at before caps (the price, or the top-up over a lower rung of an exclusive group);
 * `amount` is what is paid after caps. Each is money in the contract currency, `{ amount, currency }` as in a
 * settlement (the same frozen object for the same amount: compare amounts by their `amount`, not by identity).
 * A rejected claim pays `0` and says why; a claim cut by a cap lists the cut in `cuts` (decimal strings, as the
 * cap steps of a settlement's derivation give them).
 */
export interface ClaimDecision {
  readonly claimId: string;
  readonly participant: string;
  readonly outcome: string;
  readonly achievedOn: CalendarDate;
  readonly claimedOn: CalendarDate;
  /** The claim period of the claimed date, e.g. `"2027-Q3"` or `"2027-09"`. */
  readonly period: string;
  readonly status: ClaimStatus;
  readonly amount: Money;
  readonly price?: Money;
  readonly priced?: Money;
  readonly reason?: ClaimRejectionReason;
  readonly message?: string;
  /**
   * The id of the claim this decision depends on, when there is one: the claim that met its prerequisite (for a
   * window or holding period from it), the lower rung it tops up, the rung that supersedes it, or the claim that
   * reached its limit per participant. The message names it too.
   */
  readonly dependsOn?: string;
  readonly cuts?: readonly ClaimCapCut[];
}

/** Money paid to payers' account for one claim period, and its split among the payers. */
export interface ClaimPeriodTotal {
  readonly period: string;
  readonly start: CalendarDate;
  readonly end: CalendarDate;
  readonly claimsPaid: number;
  /** What falls due for the claims claimed in this period. */
  readonly due: Money;
  readonly byPayer: readonly { readonly party: string; readonly share: string; readonly due: Money }[];
}

/** How often a cap bit, and how much it cut. */
export interface ClaimCapUse {
  readonly cap: ClaimCapKind;
  /** The outcome code, claim period or contract id; `*` for the cap per participant (one line for all). */
  readonly id: string;
  /** The cap: money, or a claim count for the outcome volume cap. */
  readonly limit: string;
  readonly claimsCut: number;
  readonly cut: Money;
}

/**
 * The settlement of a rate card's claims as of a date: a decision for every claim (unless `keepDecisions` is
 * false), and exact totals per outcome, claim period, payer and participant. Every list is in a fixed order
 * (card order for outcomes, time order for periods, id order for participants and payers).
 */
export interface ClaimSettlement {
  readonly contractId: string;
  readonly currency: string;
  readonly asOf: CalendarDate;
  readonly claimPeriod: "month" | "quarter";
  readonly counts: {
    /** Claims read, including repeats. */
    readonly received: number;
    /** Identical repeats of an earlier claim (same id, same content): ignored, so a replay pays once. */
    readonly repeatsIgnored: number;
    readonly accepted: number;
    readonly acceptedInPart: number;
    readonly rejected: number;
  };
  readonly rejectedByReason: Readonly<Partial<Record<ClaimRejectionReason, number>>>;
  readonly total: Money;
  readonly byOutcome: readonly {
    readonly outcome: string;
    readonly name: string;
    readonly claimsPaid: number;
    readonly amount: Money;
  }[];
  readonly byPeriod: readonly ClaimPeriodTotal[];
  readonly byPayer: readonly { readonly party: string; readonly due: Money }[];
  readonly byParticipant: readonly {
    readonly participant: string;
    readonly claimsPaid: number;
    readonly amount: Money;
  }[];
  readonly caps: readonly ClaimCapUse[];
  /**
   * Every claim's decision, in the order the claims were read (absent when `keepDecisions` is false): a
   * read-only list that makes each decision object when it is read (see `ClaimDecisionList`).
   */
  readonly decisions?: ClaimDecisionList;
}
