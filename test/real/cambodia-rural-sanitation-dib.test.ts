/**
 * Cambodia Rural Sanitation DIB: USAID pays the Stone Family Foundation a price per village certified open
 * defecation free, up to its published maximum. Sources and figures:
 * examples/real/cambodia-rural-sanitation-dib/README.md. The first results (500 villages) and payment
 * (USD 3,125,000) are published; the price per village, USD 6,250, is derived from them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseContract, parseEvents, settle } from "../../src/index.js";

const dir = new URL("../../examples/real/cambodia-rural-sanitation-dib/", import.meta.url);
const contract = parseContract(JSON.parse(readFileSync(new URL("contract.json", dir), "utf8")));
const published = JSON.parse(readFileSync(new URL("events.json", dir), "utf8"));
const events = parseEvents(published, { contract });
const usd = (amount: string) => ({ amount, currency: "USD" });

/** The first tranche, priced on a counterfactual number of villages (not a published result). */
function firstTrancheFor(villages: string) {
  const result = { ...published[0], id: "what-if", value: villages, evidence: "counterfactual" };
  const settlement = settle(contract, parseEvents([result], { contract }), { asOf: "2021-06-30" });
  return settlement.tranches.find((tranche) => tranche.id === "villages-to-2021-03");
}

describe("Cambodia Rural Sanitation DIB (real deal)", () => {
  it("earns the published USD 3,125,000.00 for the first 500 villages, paid in full by March 2021", () => {
    const settlement = settle(contract, events, { asOf: "2021-06-30" });
    const [first] = settlement.tranches;
    expect(first).toMatchObject({
      id: "villages-to-2021-03",
      status: "paid",
      amountEarned: usd("3125000.00"),
      amountPaid: usd("3125000.00"),
      balance: usd("0.00"),
    });
    expect(settlement.totals.pendingTranches).toBe(1);
  });

  it("prices each village at USD 6,250: the 1,600 targeted villages at the published USD 10 million", () => {
    expect(firstTrancheFor("1")?.amountEarned).toEqual(usd("6250.00"));
    // 1,600 × 6,250 = 10,000,000 (INDIGO's maximum); the cap of USD 9,999,999 (USAID) takes off one dollar
    const target = firstTrancheFor("1600");
    expect(target?.amountPriced).toEqual(usd("10000000.00"));
    expect(target?.amountEarned).toEqual(usd("9999999.00"));
  });

  it("pays at most USD 9,999,999.00 for the 1,780 villages iDE reports: the cap cuts the later villages", () => {
    const settlement = settle(contract, events, { asOf: "2024-03-31" });
    const later = settlement.tranches.find((tranche) => tranche.id === "villages-2021-04-to-2023-12");
    // 1,280 × 6,250 = 8,000,000, of which 9,999,999 − 3,125,000 = 6,874,999 is left under the cap
    expect(later).toMatchObject({ amountPriced: usd("8000000.00"), amountEarned: usd("6874999.00") });
    expect(settlement.totals).toMatchObject({
      earned: usd("9999999.00"),
      paid: usd("3125000.00"),
      balance: usd("6874999.00"),
    });
  });
});
