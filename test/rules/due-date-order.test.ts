import { describe, expect, it } from "vitest";
import { settlementOrder } from "../../src/engine/settlement-order.js";
import { contractJson, metric, settleJson, tranche, trancheOf, verified } from "../support/contract-builder.js";

/**
 * Settlement order (due date, then tranche id) and the contract cap it consumes, with due dates on the days
 * time zones skipped (Apia 2011-12-30, Kiritimati 1994-12-31), on Lord Howe's half-hour changes, and in the
 * years 27, 100 and 9999. The suite runs under several time zones: the order is the same in all of them.
 */

/** One period, a tranche per due date (ids in the order given, each EUR 10,000.00), a contract cap. */
function settleCapped(periodStart: string, periodEnd: string, dues: Record<string, string>, cap: string, asOf: string) {
  const dates = Object.values(dues);
  const contract = contractJson({
    term: { start: periodStart, end: dates.reduce((a, b) => (a > b ? a : b)) },
    metrics: [
      metric({ baseline: { value: "20.0", period: { start: periodStart, end: periodEnd }, source: "registry" } }),
    ],
    periods: [{ id: "p1", start: periodStart, end: periodEnd }],
    tranches: Object.entries(dues).map(([id, dueDate]) => tranche({ id, dueDate })),
    caps: { contract: cap },
  });
  // 20.0 → 19.0: one point of improvement, EUR 10,000.00 per tranche before the cap
  return settleJson(contract, [verified("r1", "dropout", "p1", "19.0", periodEnd)], asOf);
}

const earned = (settlement: ReturnType<typeof settleCapped>, id: string) =>
  trancheOf(settlement, id).amountEarned?.amount;

describe("settlement order by due date", () => {
  it("sorts due dates across the skipped days and the years 27 to 9999 as the calendar does", () => {
    const tranches = [
      { id: "a", dueDate: "2011-12-31" },
      { id: "b", dueDate: "2011-12-30" },
      { id: "c", dueDate: "9999-12-31" },
      { id: "d", dueDate: "0100-01-01" },
      { id: "e", dueDate: "0027-11-30" },
      { id: "f", dueDate: "1995-01-02" },
      { id: "g", dueDate: "1994-12-31" },
      { id: "h", dueDate: "2011-12-29" },
      { id: "i", dueDate: "2024-04-07" },
      { id: "j", dueDate: "0050-02-28" },
      { id: "k", dueDate: "2011-12-30" },
    ];
    expect(settlementOrder(tranches).map((entry) => entry.id)).toEqual([
      "e",
      "j",
      "d",
      "g",
      "f",
      "h",
      "b",
      "k",
      "a",
      "i",
      "c",
    ]);
  });

  it("Apia: the contract cap goes to 29, then 30, then 31 December 2011, whatever the contract's order", () => {
    const settlement = settleCapped(
      "2010-09-01",
      "2011-08-31",
      { late: "2011-12-31", skipped: "2011-12-30", early: "2011-12-29" },
      "25000.00",
      "2012-01-31",
    );
    expect(earned(settlement, "early")).toBe("10000.00");
    expect(earned(settlement, "skipped")).toBe("10000.00");
    expect(earned(settlement, "late")).toBe("5000.00");
  });

  it("Apia: as known on 2011-12-30, the tranche due that day is payable, the next one is not yet", () => {
    const settlement = settleCapped(
      "2010-09-01",
      "2011-08-31",
      { skipped: "2011-12-30", late: "2011-12-31" },
      "100000.00",
      "2011-12-30",
    );
    expect(trancheOf(settlement, "skipped").status).not.toBe("not-yet-due");
    expect(trancheOf(settlement, "late").reason).toContain("from 2011-12-31");
  });

  it("Kiritimati and Lord Howe: the cap follows the due dates", () => {
    const kiritimati = settleCapped(
      "1993-09-01",
      "1994-08-31",
      { z: "1994-12-31", y: "1995-01-02", x: "1995-01-01" },
      "15000.00",
      "1995-12-31",
    );
    expect([earned(kiritimati, "z"), earned(kiritimati, "x"), earned(kiritimati, "y")]).toEqual([
      "10000.00",
      "5000.00",
      "0.00",
    ]);
    const lordHowe = settleCapped(
      "2022-09-01",
      "2023-08-31",
      { z: "2024-10-06", y: "2023-10-01", x: "2024-04-07" },
      "15000.00",
      "2024-12-31",
    );
    expect([earned(lordHowe, "y"), earned(lordHowe, "x"), earned(lordHowe, "z")]).toEqual([
      "10000.00",
      "5000.00",
      "0.00",
    ]);
  });

  it("the years 27 and 100 come before 9999", () => {
    const settlement = settleCapped(
      "0026-09-01",
      "0027-08-31",
      { last: "9999-12-31", second: "0100-01-01", first: "0027-11-30" },
      "15000.00",
      "9999-12-31",
    );
    expect([earned(settlement, "first"), earned(settlement, "second"), earned(settlement, "last")]).toEqual([
      "10000.00",
      "5000.00",
      "0.00",
    ]);
  });
});
