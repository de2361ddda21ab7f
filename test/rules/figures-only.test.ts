import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cashFlows,
  explain,
  parseContract,
  parseEvents,
  renderHtml,
  renderMarkdown,
  settle,
  settlementToCsv,
  toIndigo,
  type Settlement,
} from "../../src/index.js";
import { featureCaseArb } from "../support/feature-arbitraries.js";
import { refusal } from "../support/refusal.js";
import { contractJson, verified } from "../support/contract-builder.js";

/**
 * `settle(…, { explain: false })`: the figures only. Every amount, status, reason and date is the settlement's with
 * its explanation; only the steps of the derivation are left out, and what writes them refuses such a settlement.
 */

/** A settlement as JSON with each tranche's steps taken out. */
const figures = (settlement: Settlement) =>
  JSON.stringify({ ...settlement, tranches: settlement.tranches.map(({ trace: _trace, ...tranche }) => tranche) });

describe("a settlement without its explanation", () => {
  it("is the same when settled again on the same ledger (idempotent: the prices it remembers change nothing)", () => {
    fc.assert(
      fc.property(featureCaseArb(), ({ contract: input, events: eventInput, asOf }) => {
        const contract = parseContract(input);
        const events = parseEvents(eventInput, { contract });
        const first = [settle(contract, events, { asOf, explain: false }), settle(contract, events, { asOf })];
        const again = [settle(contract, events, { asOf }), settle(contract, events, { asOf, explain: false })];
        expect(JSON.stringify(again[0])).toBe(JSON.stringify(first[1]));
        expect(JSON.stringify(again[1])).toBe(JSON.stringify(first[0]));
        // and the same as on a ledger read afresh
        const fresh = parseContract(input);
        expect(JSON.stringify(settle(fresh, parseEvents(eventInput, { contract: fresh }), { asOf }))).toBe(
          JSON.stringify(again[0]),
        );
      }),
    );
  });

  it("has every figure, status and reason of the explained one, on any contract and history", () => {
    fc.assert(
      fc.property(featureCaseArb(), ({ contract: input, events: eventInput, asOf }) => {
        const contract = parseContract(input);
        const events = parseEvents(eventInput, { contract });
        const explained = settle(contract, events, { asOf });
        const only = settle(contract, events, { asOf, explain: false });
        expect(figures(only)).toBe(figures(explained));
        for (const tranche of only.tranches) expect(tranche.trace).toEqual([]);
        expect(settlementToCsv(only)).toBe(settlementToCsv(explained));
        if (contract.finance !== undefined) expect(cashFlows(contract, only)).toEqual(cashFlows(contract, explained));
      }),
      { numRuns: 300 },
    );
  });

  const contract = parseContract(contractJson());
  const only = settle(contract, [verified("r1", "dropout", "p1", "17.2")], { asOf: "2029-12-31", explain: false });

  it("is refused by what writes the derivation: explain, the reports and INDIGO (no_explanation)", () => {
    const refused = [["ArgumentError", "no_explanation", "$.settlement"]];
    expect(refusal(() => explain(only))).toEqual(refused);
    expect(refusal(() => renderMarkdown(only))).toEqual(refused);
    expect(refusal(() => renderHtml(only))).toEqual(refused);
    expect(refusal(() => toIndigo(contract, only))).toEqual(refused);
  });

  it("explain given as anything but a boolean is an OptionsError naming it", () => {
    expect(refusal(() => settle(contract, [], { asOf: "2029-12-31", explain: "no" as never }))).toEqual([
      ["OptionsError", "invalid_type", "$.explain"],
    ]);
  });
});
