/**
 * DWP Innovation Fund round 1, New Horizons (Career Connect): a provider's bid prices, each at or below the fund's
 * maximum, and the £8,200 cap per participant of round 1. Sources and figures:
 * examples/real/innovation-fund-new-horizons/README.md. The claims are illustrative; the prices and the cap are
 * the published figures.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseContract, settleClaims } from "../../src/index.js";

const read = (folder: string, file: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/real/${folder}/${file}`, import.meta.url), "utf8"));
const contract = parseContract(read("innovation-fund-new-horizons", "contract.json"));
const claims = read("innovation-fund-new-horizons", "claims.json");
const settlement = settleClaims(contract, claims, { asOf: "2015-10-31" });
const decision = (claimId: string) => settlement.decisions?.find((entry) => entry.claimId === claimId);
const paidTo = (participant: string) =>
  settlement.byParticipant.find((entry) => entry.participant === participant)?.amount;
const gbp = (amount: string) => ({ amount, currency: "GBP" });
const prices = (card: ReturnType<typeof parseContract>) =>
  // prices in whole pence (the amounts carry 2 decimals)
  Object.fromEntries(
    card.rateCard?.outcomes.map((outcome) => [outcome.code, Number(outcome.price.replace(".", ""))]) ?? [],
  );

describe("Innovation Fund round 1, New Horizons (real rate card)", () => {
  it("carries the nine published prices (INDIGO-POJ-0143)", () => {
    expect(prices(contract)).toEqual({
      BEHAVIOUR: 130_000,
      ATTENDANCE: 80_000,
      NQF1: 70_000,
      NQF2: 220_000,
      NQF3: 330_000,
      "NQF4-HE": 200_000,
      ESOL: 120_000,
      "EMP-13": 260_000,
      "EMP-26": 100_000,
    });
  });

  it("bids at or below the fund's maximum prices, which the 3SC Capitalise card carries", () => {
    const maximum = prices(parseContract(read("innovation-fund-3sc-capitalise", "contract.json")));
    const shared = Object.entries(prices(contract)).filter(([code]) => code in maximum);
    expect(shared.map(([code]) => code)).toEqual([
      "BEHAVIOUR",
      "ATTENDANCE",
      "NQF1",
      "NQF2",
      "NQF3",
      "EMP-13",
      "EMP-26",
    ]);
    for (const [code, price] of shared) expect(price).toBeLessThanOrEqual(maximum[code] ?? 0);
  });

  it("pays a participant at most the published £8,200 of round 1", () => {
    // N1's outcomes price at £10,300: the cap cuts level 3 (£3,300 → £3,200) and leaves nothing for higher education
    expect(decision("n1-nqf3")).toMatchObject({ status: "accepted-in-part", amount: { amount: "3200.00" } });
    expect(decision("n1-he")).toMatchObject({ status: "rejected", reason: "participant_cap_reached" });
    expect(paidTo("N1")).toEqual(gbp("8200.00"));
  });

  it("pays the card's prices below the cap, and the 26-week outcome only after the 13-week one", () => {
    expect(paidTo("N2")).toEqual(gbp("4800.00")); // 1,200 + 2,600 + 1,000
    expect(decision("n3-emp-26")).toMatchObject({ status: "rejected", reason: "prerequisite_missing" });
    expect(settlement.total).toEqual(gbp("13000.00"));
  });
});
