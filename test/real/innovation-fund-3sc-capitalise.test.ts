/**
 * DWP Innovation Fund round 2, 3SC Capitalise: the published rate card and its £11,700 cap per participant.
 * Sources and figures: examples/real/innovation-fund-3sc-capitalise/README.md. The claims are illustrative
 * (participant-level claims are not published); the prices and the caps are the published figures.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseContract, settleClaims } from "../../src/index.js";

const dir = new URL("../../examples/real/innovation-fund-3sc-capitalise/", import.meta.url);
const contract = parseContract(JSON.parse(readFileSync(new URL("contract.json", dir), "utf8")));
const claims = JSON.parse(readFileSync(new URL("claims.json", dir), "utf8"));
const settlement = settleClaims(contract, claims, { asOf: "2015-12-31" });
const decisions = settlement.decisions?.toArray() ?? [];
const paidTo = (participant: string) =>
  decisions
    .filter((decision) => decision.participant === participant)
    // amounts carry 2 decimals, so dropping the point gives whole pence
    .reduce((pence, decision) => pence + Number(decision.amount.amount.replace(".", "")), 0);

describe("Innovation Fund round 2, 3SC Capitalise (real rate card)", () => {
  it("carries the published prices (INDIGO-POJ-0139)", () => {
    const prices = Object.fromEntries(
      contract.rateCard?.outcomes.map((outcome) => [outcome.code, outcome.price]) ?? [],
    );
    expect(prices).toEqual({
      BEHAVIOUR: "1300.00",
      ATTENDANCE: "1400.00",
      ATTITUDE: "700.00",
      NQF1: "1100.00",
      NQF2: "3300.00",
      NQF3: "5100.00",
      "EMP-13": "3500.00",
      "EMP-26": "2000.00",
      "ENTRY-QCF": "900.00",
      "BASIC-SKILLS": "900.00",
    });
  });

  it("pays a participant at most the published £11,700 of round 2", () => {
    // P1's claims price at £11,800 (1,300 + 1,400 + 700 + 900 + 900 + 1,100 + 3,500 + 2,000): the cap cuts £100.
    expect(paidTo("P1")).toBe(1_170_000);
    const last = decisions.find((decision) => decision.claimId === "p1-emp-26");
    expect(last).toMatchObject({
      status: "accepted-in-part",
      price: { amount: "2000.00" },
      amount: { amount: "1900.00" },
    });
  });

  it("pays the card's prices below the cap, and the 26-week outcome only after the 13-week one", () => {
    expect(paidTo("P2")).toBe(360_000);
    expect(decisions.find((decision) => decision.claimId === "p3-emp-26")).toMatchObject({
      status: "rejected",
      reason: "prerequisite_missing",
    });
    expect(settlement.total).toEqual({ amount: "15300.00", currency: "GBP" });
  });
});
