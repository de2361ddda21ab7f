import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  cashFlows,
  investorReturns,
  parseContract,
  parseEvents,
  partyReturns,
  settle,
  type CashFlows,
} from "../../src/index.js";
import { markIssued } from "../../src/util/issued.js";

/**
 * The returns of cash flows depend on the flows alone: not on which `cashFlows` call made them, nor on whether
 * it was the last. Each is checked against the returns of a JSON round-trip copy of the same flows (marked as
 * issued, which a copy otherwise is not): plain data, with nothing but what the flows show.
 */

const contract = parseContract(
  JSON.parse(readFileSync(new URL("../../examples/fis-investors/contract.json", import.meta.url), "utf8")),
);
const periods = ["as-2026-27", "as-2027-28", "as-2028-29"];
const settled = (values: readonly string[], asOf = "2029-12-31") =>
  settle(
    contract,
    parseEvents(
      periods.map((period, index) => ({
        type: "result",
        id: `r${index}`,
        metric: "dropout-rate",
        period,
        value: values[index]!,
        status: "verified",
        verifier: "evaluator",
        recordedAt: "2029-10-01",
      })),
      { contract },
    ),
    { asOf },
  );
const options = { discountRate: "4%" };
const copyOf = (flows: CashFlows): CashFlows =>
  markIssued(JSON.parse(JSON.stringify(flows)) as CashFlows, "cash-flows");
const json = (value: unknown) => JSON.stringify(value);

describe("investorReturns and partyReturns read the flows they are given", () => {
  it("on flows not made by the last cashFlows call: the same as on their JSON copy", () => {
    const base = cashFlows(contract, settled(["17.2", "17.3", "17.4"]));
    const downside = cashFlows(contract, settled(["19.4", "19.0", "18.8"]));
    const early = cashFlows(contract, settled(["17.2", "17.3", "17.4"], "2028-12-31"));
    // `early` was made last: the returns of `base` and `downside` are of flows made before it
    for (const flows of [base, downside, early]) {
      const expected = json(investorReturns(copyOf(flows), options));
      expect(json(investorReturns(flows, options))).toBe(expected);
      for (const party of flows.parties)
        expect(json(partyReturns(flows, party.party, options))).toBe(
          json(partyReturns(copyOf(flows), party.party, options)),
        );
    }
    // and the settlements differ, so the returns do too
    expect(json(investorReturns(base, options))).not.toBe(json(investorReturns(downside, options)));
    expect(json(investorReturns(base, options))).not.toBe(json(investorReturns(early, options)));
  });

  it("on flows made by an earlier call on the same settlement: the same as on the later ones and on a copy", () => {
    const settlement = settled(["17.2", "17.3", "17.4"]);
    const earlier = cashFlows(contract, settlement);
    const later = cashFlows(contract, settlement);
    expect(later).not.toBe(earlier);
    const expected = json(investorReturns(copyOf(earlier), options));
    expect(json(investorReturns(earlier, options))).toBe(expected);
    expect(json(investorReturns(later, options))).toBe(expected);
    expect(json(investorReturns(earlier, options))).toBe(expected); // again, after the later flows were read
    const returns = investorReturns(earlier, options);
    expect(returns.map((entry) => entry.party)).toEqual(["banca", "investor"]);
    expect(returns.every((entry) => entry.irr.kind === "rate")).toBe(true);
  });
});
