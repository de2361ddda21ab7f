import { describe, expect, it } from "vitest";
import { type ContractEvent, parseContract, parseEvents, settle } from "../../src/index.js";
import { contractJson, payment, reported, tranche } from "../support/contract-builder.js";

/**
 * The ledger as of a date (src/ledger/history.ts): `parseEvents` keeps, with the checked history, the state of each
 * result once all its events are known, and a settlement on an earlier date reads a prefix of each chain. Either
 * way a settlement is the one made from the events known by then alone (history is append-only), to the byte.
 */

const contract = parseContract(
  contractJson({ tranches: [tranche({ id: "t1" }), tranche({ id: "t2", covers: { period: "p2" } })] }),
);

const EVENTS: ContractEvent[] = [
  reported("r1", "dropout", "p1", 18.5, "2027-09-20"),
  {
    type: "result",
    id: "v1",
    restates: "r1",
    status: "verified",
    verifier: "evaluator",
    evidence: "audit 2027",
    recordedAt: "2027-10-15",
  },
  {
    type: "result",
    id: "c1",
    restates: "v1",
    value: 1.5e-7,
    status: "verified",
    verifier: "evaluator",
    recordedAt: "2028-03-01",
  },
  reported("r2", "dropout", "p2", "17.25", "2028-09-20"),
  { ...payment("pay1", "t1", "payer", "provider", "1000.00", "2027-12-01"), recordedAt: "2027-12-02" },
];

const DATES = [
  "2027-09-19",
  "2027-09-20",
  "2027-10-15",
  "2027-12-01",
  "2027-12-02",
  "2028-03-01",
  "2028-09-20",
  "2030-01-01",
];

describe("the ledger as of a date", () => {
  it("settles every date as the events known by then settle it, explained and figures only", () => {
    const events = parseEvents(EVENTS, { contract });
    for (const asOf of DATES) {
      const known = parseEvents(
        EVENTS.filter(
          (event) => (event.type === "payment" ? (event.recordedAt ?? event.paidOn) : event.recordedAt) <= asOf,
        ),
        { contract },
      );
      for (const explain of [true, false]) {
        const all = settle(contract, events, { asOf, explain });
        expect(JSON.stringify(all)).toBe(JSON.stringify(settle(contract, known, { asOf, explain })));
        // settled again on the same date: the same figures
        expect(JSON.stringify(settle(contract, events, { asOf, explain }))).toBe(JSON.stringify(all));
      }
    }
  });

  it("shows each result's trail up to the date, the value inherited and written out", () => {
    const events = parseEvents(EVENTS, { contract });
    const before = settle(contract, events, { asOf: "2027-12-31" }).tranches.find((t) => t.id === "t1")!;
    expect(before.results[0]).toEqual({
      kind: "result",
      metric: "dropout",
      scope: "period p1",
      status: "verified",
      value: "18.5",
      eventId: "v1",
      recordedAt: "2027-10-15",
      verifier: "evaluator",
      evidence: "audit 2027",
      trail: [
        { eventId: "r1", status: "reported", value: "18.5", recordedAt: "2027-09-20" },
        { eventId: "v1", status: "verified", value: "18.5", recordedAt: "2027-10-15" },
      ],
    });
    const after = settle(contract, events, { asOf: "2030-01-01" }).tranches.find((t) => t.id === "t1")!;
    expect(after.results[0]?.value).toBe("0.00000015");
    expect(after.results[0]?.trail.map((entry) => entry.value)).toEqual(["18.5", "18.5", "0.00000015"]);
    expect(Object.isFrozen(after.results[0])).toBe(true);
    expect(Object.isFrozen(after.results[0]?.trail)).toBe(true);
  });
});
