/**
 * Greater Manchester Entrenched Rough Sleeping SIB: the MHCLG programme's rate card, the published final results
 * valued at its prices (GBP 3,324,020), and the project's published maximum outcome payment (GBP 2,629,000) as
 * the contract cap. Sources and figures: examples/real/greater-manchester-rough-sleeping/README.md. The claims are
 * synthetic (one per outcome counted in the published results); the prices, counts and maximum are published.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseContract, settleClaims } from "../../src/index.js";

const dir = new URL("../../examples/real/greater-manchester-rough-sleeping/", import.meta.url);
const json = JSON.parse(readFileSync(new URL("contract.json", dir), "utf8"));
const contract = parseContract(json);
const claims = JSON.parse(readFileSync(new URL("claims.json", dir), "utf8"));
const asOf = "2021-03-31";
const settlement = settleClaims(contract, claims, { asOf });
// the same card without the contract cap: what the published results are worth at the published prices
const uncapped = settleClaims(parseContract({ ...json, rateCard: { ...json.rateCard, caps: undefined } }), claims, {
  asOf,
});
const gbp = (amount: string) => ({ amount, currency: "GBP" });

/** INDIGO-POJ-0154: outcome, published price (GBP), published number achieved (final results, March 2021). */
const published: [string, number, number][] = [
  ["ACC-ENTRY", 600, 328],
  ["ACC-3M", 1500, 329],
  ["ACC-6M", 1500, 315],
  ["ACC-12M", 2600, 273],
  ["ACC-18M", 2500, 243],
  ["ACC-24M", 1800, 195],
  ["WELLBEING", 100, 391 + 274 + 165], // first, second and third assessments
  ["MH-ENTRY", 200, 129],
  ["MH-SUSTAINED", 600, 81],
  ["ALCOHOL-ENTRY", 100, 17],
  ["ALCOHOL-SUSTAINED", 1100, 8],
  ["DRUG-ENTRY", 120, 81],
  ["DRUG-SUSTAINED", 2600, 95],
  ["EDUCATION", 500, 27],
  ["VOL-13W", 400, 15],
  ["VOL-26W", 800, 10],
  ["PT-13W", 1900, 4],
  ["PT-26W", 1800, 3],
  ["FT-13W", 2400, 7],
  ["FT-26W", 2200, 5],
];

describe("Greater Manchester Entrenched Rough Sleeping SIB (real rate card)", () => {
  it("carries the published prices, the wellbeing assessment paid up to three times", () => {
    const prices = Object.fromEntries(
      contract.rateCard?.outcomes.map((outcome) => [outcome.code, outcome.price]) ?? [],
    );
    expect(prices).toEqual(Object.fromEntries(published.map(([code, price]) => [code, `${price}.00`])));
    expect(contract.rateCard?.outcomes.find((outcome) => outcome.code === "WELLBEING")?.maxClaimsPerParticipant).toBe(
      3,
    );
  });

  it.each(published)("values %s (GBP %i) for the %i outcomes the results count", (code, price, count) => {
    const entry = uncapped.byOutcome.find((outcome) => outcome.outcome === code);
    expect(entry).toMatchObject({ claimsPaid: count, amount: gbp(`${price * count}.00`) });
  });

  it("values the published results at GBP 3,324,020.00, above the published maximum of GBP 2,629,000", () => {
    expect(uncapped.total).toEqual(gbp("3324020.00"));
    expect(uncapped.counts.rejected).toBe(0);
  });

  it("pays at most the published maximum: the contract cap cuts GBP 695,020.00", () => {
    expect(settlement.total).toEqual(gbp("2629000.00"));
    expect(settlement.caps).toEqual([expect.objectContaining({ cap: "contract", cut: gbp("695020.00") })]);
  });

  it("pays a fourth wellbeing assessment of the same person nothing", () => {
    const fourth = {
      id: "what-if",
      participant: "GM001",
      outcome: "WELLBEING",
      achievedOn: "2019-12-02",
      claimedOn: "2019-12-16",
      evidence: "what-if",
    };
    const decision = settleClaims(contract, [...claims, fourth], { asOf }).decisions?.at(-1);
    expect(decision).toMatchObject({ claimId: "what-if", status: "rejected", reason: "claim_limit_reached" });
  });

  it("values no synthetic participant above GBP 19,000, the pan-London programme's cap per person", () => {
    for (const entry of uncapped.byParticipant)
      expect(Number(entry.amount.amount.replace(".", ""))).toBeLessThan(1_900_000);
  });
});
