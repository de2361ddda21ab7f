/**
 * Denver Supportive Housing SIB: the Urban Institute's final outcome payments brief (July 2021), its sum and the
 * investors' return on their $8.6 million. Sources and figures: examples/real/denver-supportive-housing/README.md.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cashFlows, investorReturns, parseContract, parseEvents, settle } from "../../src/index.js";

const dir = new URL("../../examples/real/denver-supportive-housing/", import.meta.url);
const contract = parseContract(JSON.parse(readFileSync(new URL("contract.json", dir), "utf8")));
const events = parseEvents(JSON.parse(readFileSync(new URL("events.json", dir), "utf8")), { contract });
const usd = (amount: string) => ({ amount, currency: "USD" });

describe("Denver supportive housing SIB (real deal)", () => {
  const settlement = settle(contract, events, { asOf: "2021-07-31" });

  it("settles the three published payments", () => {
    expect(settlement.tranches.map((tranche) => [tranche.id, tranche.amountEarned])).toEqual([
      ["housing-1-4", usd("3913932.96")],
      ["housing-5", usd("620978.40")],
      ["jail-days", usd("5104000.00")],
    ]);
  });

  it("reproduces the published total the city repays: $9,638,911.36", () => {
    expect(settlement.totals.earned).toEqual(usd("9638911.36"));
    expect(settlement.totals.byPayer).toEqual([
      expect.objectContaining({ party: "denver", earned: usd("9638911.36") }),
    ]);
  });

  it("reproduces the published return on the investors' $8.6 million: $1,038,911.36", () => {
    const flows = cashFlows(contract, settlement);
    expect(flows.investors).toEqual([
      expect.objectContaining({ party: "investors", drawn: usd("8600000.00"), net: usd("1038911.36") }),
    ]);
    const [returns] = investorReturns(flows, { discountRate: "0%" });
    expect(returns?.multiple).toBe("1.1208");
  });

  it("knew only the first four payments in October 2020", () => {
    const early = settle(contract, events, { asOf: "2020-10-31" });
    expect(early.totals.earned).toEqual(usd("3913932.96"));
    expect(early.totals.pendingTranches).toBe(2);
  });
});
