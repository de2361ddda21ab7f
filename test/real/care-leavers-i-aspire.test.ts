/**
 * Care Leavers SIB, I-Aspire (Depaul UK; Lewisham, Greenwich and Bromley): the 23-price rate card of the INDIGO
 * dataset and the outcome payments it publishes per outcome. Sources and figures:
 * examples/real/care-leavers-i-aspire/README.md. The claims are synthetic (one per young person counted in the
 * published results); the prices, the counts and the payments are the published figures.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseContract, settleClaims } from "../../src/index.js";

const dir = new URL("../../examples/real/care-leavers-i-aspire/", import.meta.url);
const contract = parseContract(JSON.parse(readFileSync(new URL("contract.json", dir), "utf8")));
const claims = JSON.parse(readFileSync(new URL("claims.json", dir), "utf8"));
const settlement = settleClaims(contract, claims, { asOf: "2022-10-31" });
const byOutcome = Object.fromEntries(settlement.byOutcome.map((entry) => [entry.outcome, entry]));
const price = (code: string) => contract.rateCard?.outcomes.find((outcome) => outcome.code === code)?.price;

/** INDIGO-POJ-0122: outcome, published number achieving it (results), published payment (outcome payments). */
const published: [string, number, string][] = [
  ["COURSE-START", 99, "21780.00"],
  ["COURSE-25", 90, "19800.00"],
  ["COURSE-50", 88, "19360.00"],
  ["LEVEL-3", 6, "28380.00"],
  ["HE-START", 13, "8580.00"],
  ["HE-1Y", 9, "24750.00"],
  ["HE-2Y", 5, "13750.00"],
  ["HE-COMPLETE", 2, "9460.00"],
  ["WORK-EXP-START", 4, "440.00"],
  ["WORK-EXP-1W", 3, "660.00"],
  ["WORK-EXP-4W", 1, "330.00"],
  ["EMP-ENTRY", 159, "104940.00"],
  ["EARN-768", 149, "409750.00"],
  ["EARN-1631", 129, "354750.00"],
  ["EARN-3350", 103, "283250.00"],
  ["EARN-8155", 72, "198000.00"],
];
/** The outcomes whose published payment is not the published count times the price (see the README). */
const notReproduced: [string, number, string][] = [
  ["AGREES-ETE", 240, "155320.00"],
  ["RELATIONSHIP", 235, "114620.00"],
  ["FEELS-SAFE", 227, "130460.00"],
  ["ACCOMMODATION", 137, "48620.00"],
  ["SELF-DETERMINED", 90, "26400.00"],
  ["LEVEL-1", 48, "88000.00"],
  ["LEVEL-2", 21, "104060.00"],
];
const pence = (amount: string) => Number(amount.replace(".", ""));

describe("Care Leavers SIB, I-Aspire (real rate card)", () => {
  it("carries the 23 published prices", () => {
    expect(contract.rateCard?.outcomes).toHaveLength(23);
    expect(price("EARN-768")).toBe("2750.00");
    expect(price("EMP-ENTRY")).toBe("660.00");
    expect(price("LEVEL-1")).toBe("1760.00");
  });

  it.each(published)("reproduces the published payment for %s: %i young people, GBP %s", (code, count, amount) => {
    expect(byOutcome[code]).toMatchObject({ claimsPaid: count, amount: { amount, currency: "GBP" } });
  });

  it("reproduces the sum of those 16 published payments, GBP 1,497,980.00, with nothing rejected", () => {
    expect(settlement.total).toEqual({ amount: "1497980.00", currency: "GBP" });
    expect(settlement.counts.rejected).toBe(0);
  });

  it("does not claim the other 7: their published payments are more than the published count times the price", () => {
    for (const [code, count, amount] of notReproduced) {
      const unit = pence(price(code) ?? "0");
      expect(pence(amount) % unit).toBe(0); // a whole number of paid outcomes…
      expect(pence(amount) / unit).toBeGreaterThan(count); // …larger than the number of young people achieving it
    }
    // all 23 published payments add up to GBP 2,165,460
    const all = [...published, ...notReproduced].reduce((sum, [, , amount]) => sum + pence(amount), 0);
    expect(all).toBe(216_546_000);
  });

  it("pays an earnings threshold only after the lower one (the ladder the thresholds imply)", () => {
    const jump = {
      id: "what-if",
      participant: "CL200",
      outcome: "EARN-3350",
      achievedOn: "2020-01-10",
      claimedOn: "2020-01-20",
      evidence: "what-if",
    };
    const decision = settleClaims(contract, [...claims, jump], { asOf: "2022-10-31" }).decisions?.at(-1);
    expect(decision).toMatchObject({ claimId: "what-if", status: "rejected", reason: "prerequisite_missing" });
  });
});
