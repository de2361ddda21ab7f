/**
 * Troubled Families programme, phase 1, 2012/13: the attachment fee and the results payments, at most GBP 4,000 a
 * family, and Sheffield's GBP 5.6 million. Sources and figures: examples/real/troubled-families-sheffield/README.md.
 * The claims are illustrative (family-level claims are not published); the prices and caps are published figures.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseContract, settleClaims } from "../../src/index.js";

const dir = new URL("../../examples/real/troubled-families-sheffield/", import.meta.url);
const contract = parseContract(JSON.parse(readFileSync(new URL("contract.json", dir), "utf8")));
const claims = JSON.parse(readFileSync(new URL("claims.json", dir), "utf8"));
const settlement = settleClaims(contract, claims, { asOf: "2013-06-30" });
const paidTo = (family: string) => settlement.byParticipant.find((entry) => entry.participant === family)?.amount;
const gbp = (amount: string) => ({ amount, currency: "GBP" });
const decision = (claimId: string) => settlement.decisions?.find((entry) => entry.claimId === claimId);

describe("Troubled Families, phase 1, 2012/13 (real payment-by-results scheme)", () => {
  it("carries the published year-1 prices: GBP 3,200 attachment, GBP 700, GBP 100, GBP 800", () => {
    const prices = Object.fromEntries(
      contract.rateCard?.outcomes.map((outcome) => [outcome.code, outcome.price]) ?? [],
    );
    expect(prices).toEqual({
      ATTACH: "3200.00",
      "CRIME-EDU": "700.00",
      "PROGRESS-WORK": "100.00",
      EMPLOYMENT: "800.00",
    });
    // 80% of the GBP 4,000 up front in the first year, 20% on results
    expect(3200 + 800).toBe(4000);
  });

  it("pays the published totals per family: GBP 3,900, GBP 4,000 and GBP 4,000", () => {
    expect(paidTo("F3")).toEqual(gbp("3900.00")); // crime/ASB and education
    expect(paidTo("F1")).toEqual(gbp("4000.00")); // crime/ASB and education, and progress to work
    expect(paidTo("F2")).toEqual(gbp("4000.00")); // an adult into continuous employment
  });

  it("pays employment or progress to work, never both, and never more than GBP 4,000 a family", () => {
    // progress to work first, employment later: employment pays the difference, GBP 700
    expect(decision("f4-employment")).toMatchObject({
      status: "accepted",
      price: { amount: "800.00" },
      amount: { amount: "700.00" },
    });
    expect(paidTo("F4")).toEqual(gbp("4000.00"));
    // all three results: the cap per family cuts the last one
    expect(decision("f5-employment")).toMatchObject({ status: "accepted-in-part", amount: { amount: "100.00" } });
    expect(paidTo("F5")).toEqual(gbp("4000.00"));
    for (const entry of settlement.byParticipant) expect(Number(entry.amount.amount)).toBeLessThanOrEqual(4000);
  });

  it("keeps the attachment fee of a family without results, and pays no result without an attachment", () => {
    expect(paidTo("F6")).toEqual(gbp("3200.00"));
    expect(decision("f7-crime-edu")).toMatchObject({ status: "rejected", reason: "prerequisite_missing" });
  });

  it("caps Sheffield at the published GBP 5.6 million: 1,680 families x GBP 4,000 x 5/6", () => {
    expect(contract.rateCard?.caps?.contract).toBe("5600000.00");
    expect((1680 * 4000 * 5) / 6).toBe(5_600_000);
    // the same rule gives the other published figures, rounded in the source
    expect((4180 * 4000 * 5) / 6).toBeCloseTo(13_933_333.33, 2); // Birmingham, "just under £14m"
    expect((2630 * 4000 * 5) / 6).toBeCloseTo(8_766_666.67, 2); // Lancashire, "around £8.8m"
  });
});
