import { describe, expect, it } from "vitest";
import { ArgumentError, explainClaimDecision, explainClaims, settleClaims } from "../../src/index.js";
import { CARD_CONTRACT, claim, decisionOf, settle } from "./support.js";

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

describe("explainClaims and explainClaimDecision take only what a claims settlement issued", () => {
  const result = settle([claim("ATT", "2013-01-10", { id: "att" }), claim("SUST", "2013-01-01", { id: "early" })]);

  /** The class, code and path of each issue of the error `call` throws. */
  const refusal = (call: () => unknown): [string, string, string][] => {
    try {
      call();
    } catch (error) {
      expect(error).toBeInstanceOf(ArgumentError);
      return (error as ArgumentError).issues.map((found) => ["ArgumentError", found.code, found.at]);
    }
    throw new Error("expected an ArgumentError");
  };

  it("a claims settlement read back from JSON, or copied: not_a_claim_settlement, settle the claims again", () => {
    for (const copy of [JSON.parse(JSON.stringify(result)), { ...result }, undefined])
      expect(refusal(() => explainClaims(copy))).toEqual([["ArgumentError", "not_a_claim_settlement", "$.settlement"]]);
    expect(() => explainClaims(JSON.parse(JSON.stringify(result)))).toThrow(
      "call settleClaims or settleClaimsAsync again",
    );
  });

  it("a claims settlement without decisions is the library's too", () => {
    const lean = settleClaims(CARD_CONTRACT, [claim("ATT", "2013-01-10")], {
      asOf: "2015-12-31",
      keepDecisions: false,
    });
    expect(explainClaims(lean)).toContain("Total due: GBP 1,400.00");
  });

  it("every decision read from the list is taken, however it is read", () => {
    const list = result.decisions!;
    for (const decision of [list.at(0)!, list.at(-1)!, [...list][0]!, list.toArray()[1]!, list.find(() => true)!])
      expect(explainClaimDecision(decision)).toMatch(/^Claim (att|early) /);
  });

  it("a decision copied, changed or read back from JSON: not_a_claim_decision", () => {
    const decision = decisionOf(result, "att");
    for (const copy of [JSON.parse(JSON.stringify(decision)), { ...decision, amount: "9999.00" }, null])
      expect(refusal(() => explainClaimDecision(copy))).toEqual([
        ["ArgumentError", "not_a_claim_decision", "$.decision"],
      ]);
  });

  it("a currency that is neither empty nor known: unknown_currency, with the decision's problem when both are wrong", () => {
    const decision = decisionOf(result, "att");
    expect(refusal(() => explainClaimDecision(decision, "gbp"))).toEqual([
      ["ArgumentError", "unknown_currency", "$.currency"],
    ]);
    expect(refusal(() => explainClaimDecision({ ...decision }, 5 as never))).toEqual([
      ["ArgumentError", "not_a_claim_decision", "$.decision"],
      ["ArgumentError", "unknown_currency", "$.currency"],
    ]);
    expect(explainClaimDecision(decision, "GBP")).toContain("pays GBP 1,400.00");
  });
});
