import { describe, expect, it } from "vitest";
import { parseContract, settleClaims, type ClaimDecision, type ClaimRejectionReason } from "../../src/index.js";
import { CARD_CONTRACT, cardContractJson, claim, decisionOf, rateCard, settle } from "./support.js";

/** One test per rejection reason: its code, the plain message, and that it pays nothing. */

function rejected(decision: ClaimDecision, reason: ClaimRejectionReason, message: string): void {
  expect(decision).toMatchObject({ status: "rejected", amount: { amount: "0.00" }, reason, message });
}

describe("rejection reasons", () => {
  it("claimed_after_as_of", () => {
    const result = settle([claim("ENTRY", "2015-12-20", { id: "x", claimedOn: "2016-01-05" })]);
    rejected(
      decisionOf(result, "x"),
      "claimed_after_as_of",
      "claimed on 2016-01-05, after the settlement date 2015-12-31: not yet known",
    );
  });

  it("unknown_outcome", () => {
    rejected(
      decisionOf(settle([claim("ENTYR", "2013-01-10", { id: "x" })]), "x"),
      "unknown_outcome",
      'unknown outcome "ENTYR": the rate card has ATT, ENTRY, SUST, L1, L2, L3, SKILLS',
    );
  });

  it("unknown_participant (with a participant register)", () => {
    const result = settleClaims(CARD_CONTRACT, [claim("ENTRY", "2013-01-10", { id: "x", participant: "P9" })], {
      asOf: "2015-12-31",
      participants: [{ id: "P1", enrolledOn: "2012-09-01" }],
    });
    rejected(decisionOf(result, "x"), "unknown_participant", 'participant "P9" is not in the participant register');
  });

  it("enrolment_mismatch (the claim and the register disagree)", () => {
    const result = settleClaims(CARD_CONTRACT, [claim("ENTRY", "2013-01-10", { id: "x", enrolledOn: "2012-09-02" })], {
      asOf: "2015-12-31",
      participants: [{ id: "P1", enrolledOn: "2012-09-01" }],
    });
    rejected(
      decisionOf(result, "x"),
      "enrolment_mismatch",
      "the claim says enrolled on 2012-09-02, the register says 2012-09-01",
    );
  });

  it("achieved_after_claimed", () => {
    rejected(
      decisionOf(settle([claim("ENTRY", "2013-01-10", { id: "x", claimedOn: "2013-01-09" })]), "x"),
      "achieved_after_claimed",
      "achieved on 2013-01-10, after it was claimed on 2013-01-09",
    );
  });

  it("outside_term", () => {
    rejected(
      decisionOf(settle([claim("ENTRY", "2012-03-31", { id: "x", enrolledOn: "2012-01-01" })]), "x"),
      "outside_term",
      "achieved on 2012-03-31, outside the contract term 2012-04-01 to 2015-09-30",
    );
  });

  it("conflicting_duplicate: both versions, in either order", () => {
    const first = claim("ENTRY", "2013-01-10", { id: "x" });
    const second = { ...first, evidence: "another payslip" };
    for (const claims of [
      [first, second],
      [second, first],
    ]) {
      const result = settle(claims);
      expect(result.decisions).toHaveLength(2);
      for (const decision of result.decisions!) {
        rejected(
          decision,
          "conflicting_duplicate",
          'claim id "x" is used by claims with different content: none of them is paid until one is withdrawn',
        );
      }
    }
  });

  it("achieved_before_enrolment", () => {
    rejected(
      decisionOf(settle([claim("ENTRY", "2012-08-31", { id: "x" })]), "x"),
      "achieved_before_enrolment",
      "achieved on 2012-08-31, before the participant was enrolled on 2012-09-01",
    );
  });

  it("enrolment_unknown (a window from enrolment, no enrolment date)", () => {
    rejected(
      decisionOf(settle([claim("ATT", "2013-01-10", { id: "x", enrolledOn: undefined })]), "x"),
      "enrolment_unknown",
      "outcome ATT must be achieved within 12 months of enrolment, and the enrolment date is not known",
    );
  });

  it("prerequisite_missing", () => {
    rejected(
      decisionOf(settle([claim("SUST", "2013-01-10", { id: "x" })]), "x"),
      "prerequisite_missing",
      "outcome SUST can only be claimed after ENTRY, which the participant has not achieved on or before 2013-01-10",
    );
  });

  it("outside_window", () => {
    rejected(
      decisionOf(settle([claim("ATT", "2014-01-10", { id: "x" })]), "x"),
      "outside_window",
      "achieved on 2014-01-10, after the window of 12 months from enrolment closed on 2013-09-01",
    );
  });

  it("claim_limit_reached", () => {
    const result = settle([claim("ENTRY", "2013-01-10", { id: "a" }), claim("ENTRY", "2013-06-10", { id: "x" })]);
    rejected(
      decisionOf(result, "x"),
      "claim_limit_reached",
      "outcome ENTRY is paid at most 1 time per participant, already reached (claim a)",
    );
  });

  it("superseded_in_group", () => {
    const result = settle([claim("L2", "2013-01-10", { id: "a" }), claim("L1", "2013-06-10", { id: "x" })]);
    rejected(
      decisionOf(result, "x"),
      "superseded_in_group",
      "exclusive group nqf: an outcome at or above L1 was already priced at GBP 3,300.00 for this participant by claim a, so L1 adds nothing",
    );
  });

  it("participant_cap_reached", () => {
    const contract = parseContract(cardContractJson(rateCard({ caps: { perParticipant: "3500.00" } })));
    const result = settle(
      [claim("ENTRY", "2013-01-10", { id: "a" }), claim("ATT", "2013-06-10", { id: "x" })],
      contract,
    );
    rejected(
      decisionOf(result, "x"),
      "participant_cap_reached",
      "cut by the cap per participant (3,500.00): 0.00 was left of it, so 1,400.00 became 0.00",
    );
    expect(decisionOf(result, "x").cuts).toHaveLength(1);
  });

  it("outcome_volume_reached", () => {
    const contract = parseContract(
      cardContractJson(
        rateCard({ outcomes: [{ code: "ENTRY", name: "Entry", price: "3500.00", maxVolume: 0 }], exclusiveGroups: [] }),
      ),
    );
    rejected(
      decisionOf(settle([claim("ENTRY", "2013-01-10", { id: "x" })], contract), "x"),
      "outcome_volume_reached",
      "the volume cap of outcome ENTRY (0 claims) is reached: 0 claims already paid",
    );
  });

  it("period_cap_reached", () => {
    const contract = parseContract(cardContractJson(rateCard({ caps: { perPeriod: "3500.00" } })));
    const result = settle(
      [claim("ENTRY", "2013-01-10", { id: "a" }), claim("ATT", "2013-01-20", { id: "x", participant: "P2" })],
      contract,
    );
    rejected(
      decisionOf(result, "x"),
      "period_cap_reached",
      "cut by the cap of claim period 2013-Q1 (3,500.00): 0.00 was left of it, so 1,400.00 became 0.00",
    );
  });

  it("contract_cap_reached", () => {
    const contract = parseContract(cardContractJson(rateCard({ caps: { contract: "1400.00" } })));
    const result = settle(
      [claim("ATT", "2013-01-10", { id: "a" }), claim("ENTRY", "2013-01-20", { id: "x", participant: "P2" })],
      contract,
    );
    rejected(
      decisionOf(result, "x"),
      "contract_cap_reached",
      "cut by the contract cap of youth-fund (1,400.00): 0.00 was left of it, so 3,500.00 became 0.00",
    );
  });

  it("every reason is counted in rejectedByReason", () => {
    const result = settle([claim("SUST", "2013-01-10"), claim("SUST", "2013-01-11"), claim("ENTYR", "2013-01-10")]);
    expect(result.rejectedByReason).toEqual({ prerequisite_missing: 2, unknown_outcome: 1 });
    expect(result.counts.rejected).toBe(3);
  });
});
