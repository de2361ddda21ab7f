import { describe, expect, it } from "vitest";
import { explainClaimDecision, explainClaims } from "../../src/index.js";
import { claim, decisionOf, settle } from "./support.js";

/** The text renderings of a claims settlement and of one decision, checked line by line. */

describe("explainClaims and explainClaimDecision", () => {
  const result = settle([
    claim("ATT", "2013-01-10", { id: "att" }),
    claim("ENTRY", "2013-02-10", { id: "entry" }),
    claim("SUST", "2013-05-10", { id: "sust" }),
    claim("L3", "2013-07-10", { id: "l3" }),
    claim("SUST", "2013-01-01", { id: "early", participant: "P2" }),
  ]);

  it("renders counts, reasons, outcomes, periods with the payers' split, caps and the total", () => {
    const text = explainClaims(result);
    expect(text.split("\n")).toEqual(
      expect.arrayContaining([
        "Claims under youth-fund as of 2015-12-31 (GBP, claim periods by quarter)",
        "  Read 5 claims: 3 accepted, 1 accepted in part, 1 rejected, 0 repeats ignored",
        "  Rejected: prerequisite_missing 1",
        "  L3 (NQF level 3): 1 claim paid, GBP 4,800.00",
        "  2013-Q1 (2013-01-01 to 2013-03-31): 2 claims, GBP 4,900.00 = dwp 70% GBP 3,430.00, council 30% GBP 1,470.00",
        "  dwp: GBP 8,190.00",
        "  cap per participant (GBP 11,700.00): cut 1 claim by GBP 300.00",
        "Total due: GBP 11,700.00 for 1 participant",
      ]),
    );
  });

  it("renders a decision cut by a cap with the cap's figures", () => {
    expect(explainClaimDecision(decisionOf(result, "l3"), "GBP")).toBe(
      "Claim l3 (participant P1, L3 achieved 2013-07-10, claimed 2013-07-20, period 2013-Q3): accepted-in-part, price GBP 5,100.00, pays GBP 4,800.00\n" +
        "    cap per participant (limit GBP 11,700.00, used before GBP 6,900.00): GBP 5,100.00 → GBP 4,800.00",
    );
  });

  it("renders a rejected decision with its reason", () => {
    expect(explainClaimDecision(decisionOf(result, "early"))).toBe(
      "Claim early (participant P2, SUST achieved 2013-01-01, claimed 2013-01-11, period 2013-Q1): rejected (prerequisite_missing): outcome SUST can only be claimed after ENTRY, which the participant has not achieved on or before 2013-01-01",
    );
  });
});
