/**
 * Fair Chance Fund, St Basils: the 21-price rate card of the INDIGO dataset and the final results it publishes
 * per outcome. Sources and figures: examples/real/fair-chance-fund-st-basils/README.md. The claims are synthetic
 * (one per young person counted in the published results); the prices and the counts are the published figures.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseContract, settleClaims } from "../../src/index.js";

const dir = new URL("../../examples/real/fair-chance-fund-st-basils/", import.meta.url);
const contract = parseContract(JSON.parse(readFileSync(new URL("contract.json", dir), "utf8")));
const claims = JSON.parse(readFileSync(new URL("claims.json", dir), "utf8"));
const settlement = settleClaims(contract, claims, { asOf: "2017-12-31" });
const byOutcome = Object.fromEntries(settlement.byOutcome.map((entry) => [entry.outcome, entry]));

/** INDIGO-POJ-0137: outcome, published price (GBP), published number achieving it (final results, December 2017). */
const published: [string, number, number][] = [
  ["ASSESS-1", 500, 322],
  ["ASSESS-2", 500, 253],
  ["ASSESS-3", 200, 176],
  ["ACCOM-ENTRY", 500, 290],
  ["ACCOM-3M", 1500, 271],
  ["ACCOM-6M", 1500, 251],
  ["ACCOM-12M", 1500, 211],
  ["ACCOM-18M", 1500, 181],
  ["EDU-ENTRY", 500, 292],
  ["QUAL-ENTRY", 1500, 31],
  ["QUAL-L1", 2500, 91],
  ["QUAL-L2", 3500, 3],
  ["EMP-ENTRY", 500, 101],
  ["EMP-PT-13W", 3000, 6],
  ["EMP-PT-26W", 2000, 3],
  ["EMP-FT-13W", 4500, 63],
  ["EMP-FT-26W", 3500, 43],
  ["VOL-6W", 500, 31],
  ["VOL-13W", 500, 12],
  ["VOL-20W", 250, 8],
  ["VOL-26W", 250, 7],
];

describe("Fair Chance Fund, St Basils (real rate card)", () => {
  it("carries the 21 published prices", () => {
    const prices = Object.fromEntries(
      contract.rateCard?.outcomes.map((outcome) => [outcome.code, outcome.price]) ?? [],
    );
    expect(prices).toEqual(Object.fromEntries(published.map(([code, price]) => [code, `${price}.00`])));
  });

  it.each(published)("pays %s (GBP %i) for the %i young people the results count", (code, price, count) => {
    expect(byOutcome[code]).toMatchObject({
      claimsPaid: count,
      amount: { amount: `${price * count}.00`, currency: "GBP" },
    });
  });

  it("values the published results at the published prices: GBP 2,802,950.00 (not a published payment)", () => {
    expect(settlement.total).toEqual({ amount: "2802950.00", currency: "GBP" });
    expect(settlement.counts.rejected).toBe(0);
    // the programme's outcomes on offer ranged from GBP 1.3 million to GBP 2.9 million a project
    expect(2_802_950).toBeLessThanOrEqual(2_900_000);
  });

  it("pays a sustained-accommodation outcome only after the one below it", () => {
    const jump = {
      id: "what-if",
      participant: "SB300",
      outcome: "ACCOM-12M",
      achievedOn: "2016-06-01",
      claimedOn: "2016-06-10",
      evidence: "what-if",
    };
    const decision = settleClaims(contract, [...claims, jump], { asOf: "2017-12-31" }).decisions?.at(-1);
    expect(decision).toMatchObject({ claimId: "what-if", status: "rejected", reason: "prerequisite_missing" });
  });
});
