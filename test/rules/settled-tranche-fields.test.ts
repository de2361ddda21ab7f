import { describe, expect, it } from "vitest";
import { explain, parseContract, parseEvents, settle, settlementToCsv } from "../../src/index.js";
import { contractJson, tranche, verified } from "../support/contract-builder.js";

/**
 * A settled tranche's fields, in the order a reader sees them, with its optional `label` where it belongs; and a
 * settlement made without its explanation, remembered once, taken as a settlement and refused where the
 * derivation is written.
 */

const contract = parseContract(
  contractJson({
    tranches: [tranche({ id: "t1", label: "first year" }), tranche({ id: "t2", covers: { period: "p2" } })],
  }),
);
const events = () => parseEvents([verified("r1", "dropout", "p1", "18.5")], { contract });

describe("a settled tranche", () => {
  it("writes its fields in one order, the label after the id and only when the tranche has one", () => {
    for (const explained of [true, false]) {
      const settlement = settle(contract, events(), { asOf: "2027-12-31", explain: explained });
      const [labelled, plain] = settlement.tranches;
      const fields = [
        "id",
        "covers",
        "dueDate",
        "payableFrom",
        "status",
        "reason",
        "results",
        "amountPriced",
        "amountEarned",
        "amountPaid",
        "balance",
        "clawback",
        "byPayer",
        "byRecipient",
        "lines",
        "capsApplied",
        "trace",
      ];
      expect(Object.keys(labelled!)).toEqual(["id", "label", ...fields.slice(1)]);
      expect(labelled!.label).toBe("first year");
      expect(Object.keys(plain!)).toEqual(fields);
      // frozen as docs/settlement.md says: the settlement, its lists, totals, parties and rounding, and what it
      // shares with other results; what is made for one tranche alone is not (freezing it one object at a time
      // was a large part of settle's time)
      expect(Object.isFrozen(settlement)).toBe(true);
      expect(Object.isFrozen(settlement.tranches)).toBe(true);
      expect(Object.isFrozen(settlement.capsApplied)).toBe(true);
      expect(Object.isFrozen(settlement.totals)).toBe(true);
      expect(Object.isFrozen(settlement.totals.byPayer)).toBe(true);
      expect(Object.isFrozen(settlement.totals.byPayer[0])).toBe(true);
      expect(Object.isFrozen(labelled)).toBe(false);
      expect(Object.isFrozen(plain)).toBe(false);
      expect(Object.isFrozen(labelled!.lines)).toBe(false);
      expect(Object.isFrozen(labelled!.byPayer[0])).toBe(false);
      expect(Object.isFrozen(labelled!.amountPriced)).toBe(true);
      expect(Object.isFrozen(labelled!.lines[0]!.earned)).toBe(true);
      expect(Object.isFrozen(labelled!.covers)).toBe(true);
      // a priced tranche and a pending one (t2 has no result): their result lists are frozen too
      expect(Object.isFrozen(labelled!.results)).toBe(true);
      expect(Object.isFrozen(plain!.results)).toBe(true);
      expect(Object.isFrozen(labelled!.results[0])).toBe(true);
      expect(Object.isFrozen(settlement.parties)).toBe(true);
      expect(Object.isFrozen(settlement.parties[0])).toBe(true);
      expect(Object.isFrozen(settlement.rounding)).toBe(true);
      // the steps of a price are kept for the next settlement of the same events: frozen all the way down
      if (explained) {
        const priced = labelled!.trace.filter((step) => step.kind === "interpolation" || step.kind === "rounding");
        expect(priced.length).toBeGreaterThan(0);
        for (const step of priced) expect(Object.isFrozen(step)).toBe(true);
      }
    }
  });

  it("is the same on freshly parsed events as on events settled before", () => {
    const once = events();
    settle(contract, once, { asOf: "2027-12-31", explain: false });
    const again = settle(contract, once, { asOf: "2027-12-31", explain: false });
    expect(JSON.stringify(settle(contract, events(), { asOf: "2027-12-31", explain: false }))).toBe(
      JSON.stringify(again),
    );
  });
});

describe("a settlement made without its explanation", () => {
  it("is taken wherever a settlement is, and refused where the derivation is written", () => {
    const settlement = settle(contract, events(), { asOf: "2027-12-31", explain: false });
    expect(() => settlementToCsv(settlement)).not.toThrow();
    expect(() => explain(settlement)).toThrow(/explain: false/);
    const explained = settle(contract, events(), { asOf: "2027-12-31" });
    expect(() => explain(explained)).not.toThrow();
  });
});
