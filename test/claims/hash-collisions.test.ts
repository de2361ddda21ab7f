import { describe, expect, it } from "vitest";
import { settleClaims } from "../../src/index.js";
import { CARD_CONTRACT, claim, settle } from "./support.js";

/**
 * Ids are found by their 32-bit hash and then compared exactly: two different ids with one hash are two
 * participants, and two claims, not a repeat. The pairs below were found by search: each pair has the same
 * hash and length; the second pair differs only after its sixteenth byte (past what the participant index
 * keeps inline).
 */
const COLLIDING = [
  ["P09pfs", "P0avja"],
  ["P0000000000000000-00yzx", "P0000000000000000-0b6ad"],
] as const;

describe("ids with one hash", () => {
  it("two ids with one hash are two participants (the ids are compared, not only hashed)", () => {
    for (const [first, second] of COLLIDING) {
      const settlement = settle([
        claim("ENTRY", "2013-01-10", { participant: first }),
        claim("ENTRY", "2013-02-10", { participant: second }),
        claim("L1", "2013-03-10", { participant: first }),
      ]);
      expect(settlement.byParticipant.map((entry) => [entry.participant, entry.claimsPaid])).toEqual(
        [
          [first, 2],
          [second, 1],
        ].sort(),
      );
    }
  });

  it("two claim ids with one hash are two claims, not a repeat nor a conflict", () => {
    for (const [first, second] of COLLIDING) {
      const same = { participant: "P1", evidence: "payslip", claimedOn: "2013-01-20" };
      const settlement = settle([
        claim("ENTRY", "2013-01-10", { id: first, ...same }),
        claim("SKILLS", "2013-01-10", { id: second, ...same }),
      ]);
      expect(settlement.counts).toMatchObject({ received: 2, repeatsIgnored: 0, accepted: 2, rejected: 0 });
      const both = [
        claim("SKILLS", "2013-01-10", { id: first, ...same }),
        claim("SKILLS", "2013-01-10", { id: second, ...same }),
      ];
      expect(settle(both).counts).toMatchObject({ received: 2, repeatsIgnored: 0, accepted: 2 });
      // Without decisions the ids are kept as bytes and compared as bytes.
      expect(settleClaims(CARD_CONTRACT, both, { asOf: "2015-12-31", keepDecisions: false }).counts).toMatchObject({
        received: 2,
        repeatsIgnored: 0,
        accepted: 2,
      });
    }
  });
});
