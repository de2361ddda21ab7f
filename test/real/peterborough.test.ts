/**
 * HMP Peterborough social impact bond: cohort 1 misses its own 10% threshold and is paid, at the end, on the
 * pooled result of the pilot against 7.5% (the `fallback`). Sources and figures: examples/real/peterborough/README.md.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseContract, parseEvents, settle } from "../../src/index.js";

const dir = new URL("../../examples/real/peterborough/", import.meta.url);
const contract = parseContract(JSON.parse(readFileSync(new URL("contract.json", dir), "utf8")));
const events = parseEvents(JSON.parse(readFileSync(new URL("events.json", dir), "utf8")), { contract });

describe("Peterborough SIB (real deal)", () => {
  it("reproduces the published cohort-1 reduction: 142 against 155 reconviction events per 100 is 8.4%", () => {
    // (155 − 142) / 155 = 0.083870…, published as 8.4%: the event records the published one-decimal figure.
    const reductionPerMille = Math.round(((155 - 142) / 155) * 1000);
    expect(reductionPerMille).toBe(84);
    const result = events.find((event) => event.id === "cohort-1-result");
    expect(result?.type === "result" && result.value).toBe("8.4");
  });

  it("pays nothing on cohort 1 alone in August 2014 (8.4% < 10%) and waits for the pooled result", () => {
    const tranche = settle(contract, events, { asOf: "2014-09-30" }).tranches[0];
    expect(tranche?.status).toBe("not-yet-due");
    expect(tranche?.payableFrom).toBe("2017-07-31");
    expect(tranche?.amountEarned).toBeNull();
  });

  it("pays on the pooled result in July 2017 (9% ≥ 7.5%), once, on the pool", () => {
    const settlement = settle(contract, events, { asOf: "2017-07-31" });
    const tranche = settlement.tranches[0];
    expect(tranche?.status).toBe("earned");
    expect(tranche?.pricedOnPool).toBe("cohorts-1-2");
    // The price is not published (Social Finance "was unable to say how much the scheme cost in total"):
    // the contract's 0.10 per 100 offenders (1.00 for the cohort) is a marker for "the outcome payment is
    // triggered", not a published figure. The cohort size (about 1,000, published) is stated once, as the
    // tranche's quantity, and multiplies the price per 100 offenders: no hand-multiplied size in the price.
    expect(tranche?.trace).toContainEqual({
      kind: "quantity",
      value: "1000",
      unit: "offenders",
      pricedPer: "100",
      before: "0.1",
      amount: "1",
    });
    expect(tranche?.amountEarned).toEqual({ amount: "1.00", currency: "GBP" });
  });

  it("would not pay at all had the pool stayed below 7.5%", () => {
    const below = events.map((event) => (event.id === "pooled-result" ? { ...event, value: "7.4" } : event));
    const tranche = settle(contract, parseEvents(below, { contract }), { asOf: "2017-07-31" }).tranches[0];
    expect(tranche?.status).toBe("not-earned");
  });
});
