/**
 * Newpin Social Benefit Bond (New South Wales): the investors' interest by band of restoration rate, with the
 * 5% minimum of the first three years. Sources and figures: examples/real/newpin-social-benefit-bond/README.md.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseContract, parseEvents, settle } from "../../src/index.js";

const dir = new URL("../../examples/real/newpin-social-benefit-bond/", import.meta.url);
const contract = parseContract(JSON.parse(readFileSync(new URL("contract.json", dir), "utf8")));
const published = JSON.parse(readFileSync(new URL("events.json", dir), "utf8"));
const events = parseEvents(published, { contract });
const aud = (amount: string) => ({ amount, currency: "AUD" });
const principal = 7_000_000_00; // AUD 7 million, in cents

/** The interest a restoration rate earns in a programme year (a counterfactual result, not a published one). */
function interestFor(year: number, rate: string) {
  const result = {
    type: "result",
    id: `year-${year}-what-if`,
    metric: "restoration-rate",
    period: `year-${year}`,
    value: rate,
    status: "verified",
    verifier: "deloitte",
    recordedAt: `${2013 + year}-08-31`,
  };
  const settlement = settle(contract, parseEvents([...published, result], { contract }), { asOf: "2017-12-31" });
  return settlement.tranches.find((tranche) => tranche.id === `coupon-year-${year}`);
}
const cents = (amount: string) => Number(amount.replace(".", ""));

describe("Newpin Social Benefit Bond (real deal)", () => {
  it("pays the published 7.5% coupon for the first year's 60% restoration rate: AUD 525,000.00 on AUD 7 million", () => {
    const settlement = settle(contract, events, { asOf: "2014-09-30" });
    const [year1] = settlement.tranches;
    expect(year1).toMatchObject({ id: "coupon-year-1", status: "earned", amountEarned: aud("525000.00") });
    // 525,000 / 7,000,000 = 7.5%
    expect((cents("525000.00") * 1000) / principal).toBe(75);
    expect(settlement.totals.earned).toEqual(aud("525000.00"));
    expect(settlement.totals.pendingTranches).toBe(3);
  });

  it("carries the published band examples: 65% pays a 12% coupon, 70% pays 15%", () => {
    expect(interestFor(2, "65")?.amountEarned).toEqual(aud("840000.00"));
    expect(interestFor(2, "70")?.amountEarned).toEqual(aud("1050000.00"));
    expect(interestFor(2, "74.5")?.amountEarned).toEqual(aud("1050000.00"));
    // the bands are [from, to): 64.9 is still in the 7.5% band
    expect(interestFor(2, "64.9")?.amountEarned).toEqual(aud("525000.00"));
  });

  it("pays at least 5% (AUD 350,000.00) in the first three years, and no minimum afterwards", () => {
    expect(interestFor(3, "50")?.amountEarned).toEqual(aud("350000.00"));
    // 55% to 60% is a 3% band; the minimum lifts it to 5% in the first three years
    expect(interestFor(3, "57")?.amountEarned).toEqual(aud("350000.00"));
    expect(interestFor(4, "57")?.amountEarned).toEqual(aud("210000.00"));
    expect(interestFor(4, "50")?.status).toBe("not-earned");
  });
});
