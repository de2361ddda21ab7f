/**
 * NYC Rikers Island social impact bond (ABLE): no success payment, the Bloomberg guarantee paying USD 6 million of
 * Goldman Sachs' USD 7.2 million, and the original four-year structure (break-even at 10%, at most USD 2.4 million
 * lost). Sources and figures: examples/real/rikers-able/README.md.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cashFlows, parseContract, parseEvents, settle } from "../../src/index.js";

const dir = new URL("../../examples/real/rikers-able/", import.meta.url);
const raw = JSON.parse(readFileSync(new URL("contract.json", dir), "utf8"));
const published = JSON.parse(readFileSync(new URL("events.json", dir), "utf8"));
const usd = (amount: string) => ({ amount, currency: "USD" });

/** Settles the deal and its investors' side, with the contract and the result changed by `edit` (what-ifs). */
function run(edit: { drawn?: string; guaranteeLimit?: string; reduction?: string } = {}) {
  const json = structuredClone(raw);
  if (edit.drawn) json.finance.investors[0].drawdowns[0].amount = edit.drawn;
  if (edit.guaranteeLimit) json.finance.guarantees[0].limit = edit.guaranteeLimit;
  const contract = parseContract(json);
  const results = edit.reduction ? [{ ...published[0], value: edit.reduction }] : published;
  const settlement = settle(contract, parseEvents(results, { contract }), { asOf: "2015-08-31" });
  const flows = cashFlows(contract, settlement);
  const net = (party: string) => flows.parties.find((entry) => entry.party === party)?.net;
  return { settlement, flows, net };
}

describe("Rikers Island SIB, ABLE (real deal)", () => {
  it("pays nothing: the programme did not reduce recidivism (the 10% target is missed)", () => {
    const { settlement } = run();
    expect(settlement.tranches[0]).toMatchObject({ status: "not-earned", amountEarned: usd("0.00") });
    expect(settlement.totals.earned).toEqual(usd("0.00"));
  });

  it("reproduces the published outcome: Bloomberg pays USD 6 million, Goldman Sachs loses USD 1.2 million", () => {
    const { flows, net } = run();
    expect(flows.investors).toEqual([
      expect.objectContaining({
        party: "goldman",
        drawn: usd("7200000.00"),
        guaranteed: usd("6000000.00"),
        net: usd("-1200000.00"),
      }),
    ]);
    expect(net("bloomberg")).toEqual(usd("-6000000.00"));
    expect(net("nyc-doc")).toBeUndefined(); // the City paid nothing
  });

  it("reproduces the published four-year terms: at most USD 2.4 million lost on USD 9.6 million, 7.2 guaranteed", () => {
    const { flows } = run({ drawn: "9600000.00", guaranteeLimit: "7200000.00" });
    expect(flows.investors[0]).toMatchObject({ guaranteed: usd("7200000.00"), net: usd("-2400000.00") });
  });

  it("repays the full USD 9.6 million at a 10% reduction: Goldman Sachs breaks even, the guarantee is not called", () => {
    const { settlement, flows, net } = run({ drawn: "9600000.00", guaranteeLimit: "7200000.00", reduction: "10" });
    expect(settlement.totals.earned).toEqual(usd("9600000.00"));
    expect(flows.investors[0]).toMatchObject({ guaranteed: usd("0.00"), net: usd("0.00") });
    expect(net("bloomberg")).toBeUndefined();
  });
});
