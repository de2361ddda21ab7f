import type { ClaimRejectionReason } from "./claim-types.js";

/** Rejection reasons by their code in the claims' reason column (0 = not rejected). */
export const REASONS: readonly (ClaimRejectionReason | undefined)[] = [
  undefined,
  "claimed_after_as_of",
  "unknown_outcome",
  "unknown_participant",
  "enrolment_mismatch",
  "achieved_after_claimed",
  "outside_term",
  "conflicting_duplicate",
  "achieved_before_enrolment",
  "enrolment_unknown",
  "prerequisite_missing",
  "outside_window",
  "holding_period_not_met",
  "claim_limit_reached",
  "superseded_in_group",
  "participant_cap_reached",
  "outcome_volume_reached",
  "period_cap_reached",
  "contract_cap_reached",
];

/** The column code of a reason. */
export const R = Object.fromEntries(REASONS.map((reason, index) => [reason ?? "none", index])) as Readonly<
  Record<ClaimRejectionReason | "none", number>
>;

/** The column code of an identical repeat of an earlier claim: ignored, with no decision of its own. */
export const REPEAT = 255;
