import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { explain, type ContractEvent } from "../../src/index.js";
import {
  PARTIES,
  contractJson,
  payment,
  reported,
  settleJson,
  tranche,
  trancheOf,
  verified,
} from "../support/contract-builder.js";

/**
 * Where a tranche stands on the settlement date. The default contract pays EUR 10,000 per point of
 * dropout-rate reduction (baseline 20.0) for period p1, due 2027-11-30, from "payer" to "provider".
 * A verified 17.9 earns (20.0 − 17.9) × 10000 = 21000.
 */

const example = (file: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../examples/fis-dispersione/${file}`, import.meta.url)), "utf8"));

const t1At = (events: readonly ContractEvent[], asOf: string) => {
  const settlement = settleJson(contractJson(), events, asOf);
  return { settlement, t1: trancheOf(settlement, "t1") };
};

describe("tranche status", () => {
  it("not-yet-due: no result before the due date", () => {
    const { settlement, t1 } = t1At([], "2027-10-01");
    expect(t1.status).toBe("not-yet-due");
    expect(t1.reason).toBe("due on 2027-11-30; dropout (period p1): no result reported");
    expect(t1.results).toEqual([
      { kind: "result", metric: "dropout", scope: "period p1", status: "missing", trail: [] },
    ]);
    expect(t1.amountPriced).toBeNull();
    expect(t1.amountEarned).toBeNull();
    expect(t1.balance).toBeNull();
    expect(t1.clawback).toBeNull();
    expect(t1.lines).toEqual([
      { payer: "payer", recipient: "provider", earned: null, paid: { amount: "0.00", currency: "EUR" }, balance: null },
    ]);
    const text = explain(settlement);
    expect(text).toContain("Status: NOT YET DUE — due on 2027-11-30");
    expect(text).toContain("Result: dropout (period p1): none reported yet");
    expect(text).toContain("Earned pending; paid EUR 0.00; balance pending");
  });

  it("awaiting-verification: a result reported but not verified", () => {
    const { settlement, t1 } = t1At([reported("r1", "dropout", "p1", "17.9", "2027-09-20")], "2027-10-01");
    expect(t1.status).toBe("awaiting-verification");
    expect(t1.reason).toBe("the result for dropout (period p1) is reported but not yet verified");
    expect(t1.amountEarned).toBeNull();
    expect(explain(settlement)).toContain(
      "Result: dropout (period p1) = 17.9, reported as recorded on 2027-09-20 [event r1]",
    );
  });

  it("awaiting-verification: no result after the due date", () => {
    const { t1 } = t1At([], "2027-12-01");
    expect(t1.status).toBe("awaiting-verification");
    expect(t1.reason).toBe(
      "due on 2027-11-30 and still without a verified result: dropout (period p1): no result reported",
    );
  });

  it("a rejected result waits for a new report: not-yet-due before the due date, awaiting-verification after", () => {
    const events: ContractEvent[] = [
      reported("r1", "dropout", "p1", "17.9", "2027-09-20"),
      { type: "result", id: "r2", restates: "r1", status: "rejected", recordedAt: "2027-10-01" },
    ];
    expect(t1At(events, "2027-10-15").t1.status).toBe("not-yet-due");
    const after = t1At(events, "2027-12-15").t1;
    expect(after.status).toBe("awaiting-verification");
    expect(after.reason).toContain("result rejected, a new report is expected");
  });

  it("disputed: nothing is payable while a result is under dispute", () => {
    const events: ContractEvent[] = [
      verified("r1", "dropout", "p1", "17.9", "2027-10-15"),
      {
        type: "result",
        id: "r2",
        restates: "r1",
        status: "disputed",
        recordedAt: "2027-11-02",
        note: "the Comune disputes 14 pupils",
      },
    ];
    const { settlement, t1 } = t1At(events, "2027-12-01");
    expect(t1.status).toBe("disputed");
    expect(t1.reason).toBe(
      "the result for dropout (period p1) is disputed: nothing is payable on it until the dispute is resolved",
    );
    expect(t1.amountEarned).toBeNull();
    // the restatement inherits the value 17.9; the history shows both events
    expect(t1.results[0]?.trail).toEqual([
      { eventId: "r1", status: "verified", value: "17.9", recordedAt: "2027-10-15" },
      { eventId: "r2", status: "disputed", value: "17.9", recordedAt: "2027-11-02" },
    ]);
    expect(explain(settlement)).toContain("history: r1 verified 17.9 on 2027-10-15; r2 disputed 17.9 on 2027-11-02");
    // before the dispute was recorded, the verified result earned 21000
    expect(t1At(events, "2027-11-01").t1.amountEarned?.amount).toBe("21000.00");
  });

  it("not-earned: verified, and the rule pays nothing", () => {
    const { settlement, t1 } = t1At([verified("r1", "dropout", "p1", "20.5")], "2027-12-01");
    expect(t1.status).toBe("not-earned");
    expect(t1.reason).toBe("the verified results earn nothing under the pricing rule");
    expect(t1.amountEarned?.amount).toBe("0.00");
    expect(t1.balance?.amount).toBe("0.00");
    expect(explain(settlement)).toContain("Status: NOT EARNED");
  });

  it("earned: verified, nothing paid yet; payable from the due date", () => {
    const before = t1At([verified("r1", "dropout", "p1", "17.9", "2027-10-15")], "2027-11-01").t1;
    expect(before.status).toBe("earned");
    expect(before.reason).toBe("EUR 21,000.00 earned, payable from 2027-11-30"); // (20.0 − 17.9) × 10000
    const after = t1At([verified("r1", "dropout", "p1", "17.9", "2027-10-15")], "2027-12-01").t1;
    expect(after.reason).toBe("EUR 21,000.00 earned, payable now");
    expect(after.balance?.amount).toBe("21000.00");
  });

  it("partly-paid: part of the earned amount is paid", () => {
    const { settlement, t1 } = t1At(
      [
        verified("r1", "dropout", "p1", "17.9", "2027-10-15"),
        payment("p1", "t1", "payer", "provider", "10000.00", "2027-12-10"),
      ],
      "2027-12-31",
    );
    expect(t1.status).toBe("partly-paid");
    expect(t1.reason).toBe("EUR 10,000.00 of EUR 21,000.00 paid; EUR 11,000.00 still due"); // 21000 − 10000 = 11000
    expect(t1.amountPaid.amount).toBe("10000.00");
    expect(t1.balance?.amount).toBe("11000.00");
    expect(t1.lines[0]).toEqual({
      payer: "payer",
      recipient: "provider",
      earned: { amount: "21000.00", currency: "EUR" },
      paid: { amount: "10000.00", currency: "EUR" },
      balance: { amount: "11000.00", currency: "EUR" },
    });
    expect(explain(settlement)).toContain(
      "Payment: p1 on 2027-12-10, Comune di Palermo → Cooperativa sociale (ETS): EUR 10,000.00",
    );
  });

  it("paid: payments cover the earned amount", () => {
    const { t1 } = t1At(
      [
        verified("r1", "dropout", "p1", "17.9", "2027-10-15"),
        payment("p1", "t1", "payer", "provider", "10000.00", "2027-12-10"),
        payment("p2", "t1", "payer", "provider", "11000.00", "2028-01-10"),
      ],
      "2028-01-31",
    );
    expect(t1.status).toBe("paid");
    expect(t1.reason).toBe("EUR 21,000.00 earned and paid in full");
    expect(t1.amountPaid.amount).toBe("21000.00"); // 10000 + 11000
    expect(t1.balance?.amount).toBe("0.00");
    expect(t1.clawback).toBeNull();
  });

  it("counts a payment only from the date it is recorded", () => {
    const events: ContractEvent[] = [
      verified("r1", "dropout", "p1", "17.9", "2027-10-15"),
      { ...payment("p1", "t1", "payer", "provider", "21000.00", "2027-12-10"), recordedAt: "2028-01-05" },
    ];
    expect(t1At(events, "2027-12-31").t1.status).toBe("earned");
    expect(t1At(events, "2028-01-05").t1.status).toBe("paid");
  });

  describe("clawback after a restatement lowers a paid result", () => {
    const events: ContractEvent[] = [
      verified("r1", "dropout", "p1", "17.9", "2027-10-15"),
      payment("p1", "t1", "payer", "provider", "21000.00", "2027-12-10"),
      {
        type: "result",
        id: "r2",
        restates: "r1",
        value: "18.5",
        status: "verified",
        verifier: "evaluator",
        recordedAt: "2028-02-15",
        note: "registers corrected",
      },
    ];

    it("before the restatement: paid in full, no clawback", () => {
      const { t1 } = t1At(events, "2028-01-31");
      expect(t1.status).toBe("paid");
      expect(t1.clawback).toBeNull();
    });

    it("after it: the lower amount is earned and the excess is owed back", () => {
      const { settlement, t1 } = t1At(events, "2028-03-31");
      // (20.0 − 18.5) × 10000 = 15000 now earned; paid 21000 → balance −6000, clawback 6000
      expect(t1.amountEarned?.amount).toBe("15000.00");
      expect(t1.status).toBe("paid");
      expect(t1.balance).toEqual({ amount: "-6000.00", currency: "EUR" });
      expect(t1.clawback).toEqual({ amount: "6000.00", currency: "EUR" });
      expect(t1.reason).toBe("EUR 21,000.00 paid against EUR 15,000.00 now earned: EUR 6,000.00 is owed back");
      expect(t1.lines[0]?.balance?.amount).toBe("-6000.00");
      expect(settlement.totals.balance.amount).toBe("-6000.00");
      const text = explain(settlement);
      expect(text).toContain("history: r1 verified 17.9 on 2027-10-15; r2 verified 18.5 on 2028-02-15");
      expect(text).toContain(
        "Earned EUR 15,000.00; paid EUR 21,000.00; balance EUR -6,000.00 — CLAWBACK: EUR 6,000.00 is owed back",
      );
    });

    it("a restatement to a result that earns nothing claws back everything", () => {
      const worse: ContractEvent[] = [
        ...events.slice(0, 2),
        {
          type: "result",
          id: "r2",
          restates: "r1",
          value: "20.5",
          status: "verified",
          verifier: "evaluator",
          recordedAt: "2028-02-15",
        },
      ];
      const { t1 } = t1At(worse, "2028-03-31");
      expect(t1.status).toBe("not-earned");
      expect(t1.reason).toBe("the verified results now earn nothing, but EUR 21,000.00 was paid: it is owed back");
      expect(t1.clawback?.amount).toBe("21000.00");
    });
  });

  it("does not depend on the order of the events", () => {
    const events: ContractEvent[] = [
      verified("r1", "dropout", "p1", "17.9", "2027-10-15"),
      payment("p1", "t1", "payer", "provider", "10000.00", "2027-12-10"),
      {
        type: "result",
        id: "r2",
        restates: "r1",
        value: "18.5",
        status: "verified",
        verifier: "evaluator",
        recordedAt: "2028-02-15",
      },
      payment("p2", "t1", "payer", "provider", "2000.00", "2028-03-01"),
    ];
    expect(settleJson(contractJson(), [...events].reverse(), "2028-03-31")).toEqual(
      settleJson(contractJson(), events, "2028-03-31"),
    );
  });
});

describe("a tranche covering a cohort", () => {
  it("is settled on the result reported for that cohort", () => {
    const contract = contractJson({
      cohorts: [
        { id: "c2026", label: "Pupils enrolled in autumn 2026", enrolledFrom: "2026-09-01", enrolledTo: "2026-10-31" },
      ],
      tranches: [tranche({ covers: { cohort: "c2026" } })],
    });
    const result: ContractEvent = {
      type: "result",
      id: "r1",
      metric: "dropout",
      cohort: "c2026",
      value: 18,
      status: "verified",
      verifier: "evaluator",
      recordedAt: "2027-10-01",
    };
    const settlement = settleJson(contract, [result], "2027-12-31");
    const t1 = trancheOf(settlement, "t1");
    // (20.0 − 18) × 10000 = 20000
    expect(t1.amountEarned?.amount).toBe("20000.00");
    expect(t1.results[0]).toMatchObject({ metric: "dropout", scope: "cohort c2026", status: "verified", value: "18" });
    const text = explain(settlement);
    expect(text).toContain("Tranche t1 (cohort c2026), due 2027-11-30");
    expect(text).toContain(
      "Result: dropout (cohort c2026) = 18, verified by Valutatore indipendente as recorded on 2027-10-01 [event r1]",
    );
    // a result for a period does not count for the cohort
    const wrongScope = settleJson(contract, [verified("r1", "dropout", "p1", 18)], "2027-12-31");
    expect(trancheOf(wrongScope, "t1").status).toBe("awaiting-verification");
  });
});

describe("the bundled FIS example through time", () => {
  const at = (asOf: string) => trancheOf(settleJson(example("contract.json"), example("events.json"), asOf), "t1");

  it.each([
    { asOf: "2027-09-01", status: "not-yet-due", earned: null }, // nothing reported yet
    { asOf: "2027-09-25", status: "awaiting-verification", earned: null }, // r1 reported 17.2
    { asOf: "2027-10-10", status: "disputed", earned: null }, // r2 disputes r1
    { asOf: "2027-11-30", status: "earned", earned: "204000.00" }, // r3 verified 17.6: 0.12 → fraction 0.7 → 204000
    { asOf: "2027-12-15", status: "partly-paid", earned: "204000.00" }, // p1 + p2 = 142800 paid by FIS
    { asOf: "2027-12-31", status: "paid", earned: "204000.00" }, // + p3 + p4 = 204000
    { asOf: "2028-03-31", status: "paid", earned: "186000.00" }, // r4 restates 17.9: 0.105 → 0.55 → 186000; clawback
  ] as const)("as of $asOf: $status", ({ asOf, status, earned }) => {
    const t1 = at(asOf);
    expect(t1.status).toBe(status);
    expect(t1.amountEarned?.amount ?? null).toBe(earned);
  });

  it("as of 2028-03-31: EUR 18,000 is owed back, by payer and by recipient", () => {
    const settlement = settleJson(example("contract.json"), example("events.json"), "2028-03-31");
    const t1 = trancheOf(settlement, "t1");
    // paid 114240 + 28560 + 48960 + 12240 = 204000; earned 186000; 204000 − 186000 = 18000
    expect(t1.clawback).toEqual({ amount: "18000.00", currency: "EUR" });
    expect(t1.balance?.amount).toBe("-18000.00");
    const rows = (list: typeof settlement.totals.byPayer) =>
      list.map((row) => [row.party, row.earned?.amount, row.paid.amount, row.balance?.amount]);
    expect(rows(settlement.totals.byPayer)).toEqual([
      ["fis", "130200.00", "142800.00", "-12600.00"], // 70% × 186000; 114240 + 28560
      ["comune", "55800.00", "61200.00", "-5400.00"], // 30% × 186000; 48960 + 12240
    ]);
    expect(rows(settlement.totals.byRecipient)).toEqual([
      ["investor", "148800.00", "163200.00", "-14400.00"], // 104160 + 44640; 114240 + 48960
      ["coop", "37200.00", "40800.00", "-3600.00"], // 26040 + 11160; 28560 + 12240
    ]);
    expect(settlement.totals.pendingTranches).toBe(2); // t2: 16.4 only reported; t3: nothing yet
    expect(trancheOf(settlement, "t2").status).toBe("not-yet-due"); // r5 is recorded on 2028-09-25, after asOf
    const text = explain(settlement);
    expect(text).toContain("CLAWBACK: EUR 18,000.00 is owed back");
    expect(text).toContain(
      "Fondo per l'Innovazione Sociale (Dipartimento della Funzione Pubblica) [fis]: earned EUR 130,200.00, paid EUR 142,800.00, balance EUR -12,600.00",
    );
    expect(text).toContain("2 tranche(s) pending results; paid on them so far EUR 0.00");
  });
});

describe("totals by payer and recipient", () => {
  it("add the settled tranches, and keep payments on pending tranches apart from the balance", () => {
    const contract = contractJson({
      parties: [...PARTIES, { id: "region", name: "Regione Siciliana", roles: ["outcome-payer"] }],
      tranches: [
        tranche({
          id: "t1",
          payers: [
            { party: "payer", share: "60%" },
            { party: "region", share: "40%" },
          ],
          recipients: [
            { party: "provider", share: "75%" },
            { party: "investor", share: "25%" },
          ],
        }),
        tranche({
          id: "t2",
          covers: { period: "p2" },
          dueDate: "2028-11-30",
          payers: [{ party: "payer", share: "100%" }],
          recipients: [{ party: "investor", share: "100%" }],
        }),
      ],
    });
    const events: ContractEvent[] = [
      verified("r1", "dropout", "p1", "17.9", "2027-10-15"),
      payment("pay1", "t1", "payer", "provider", "9450.00", "2027-12-10"),
      payment("pay2", "t1", "region", "provider", "6300.00", "2027-12-12"),
      payment("adv1", "t2", "payer", "investor", "1000.00", "2027-12-20"), // an advance on a tranche not yet due
    ];
    const settlement = settleJson(contract, events, "2027-12-31");
    // t1: (20.0 − 17.9) × 10000 = 21000; payer 60% = 12600 (provider 9450, investor 3150);
    //     region 40% = 8400 (provider 6300, investor 2100)
    const { totals } = settlement;
    expect(totals.earned.amount).toBe("21000.00");
    expect(totals.paid.amount).toBe("16750.00"); // 9450 + 6300 + 1000
    expect(totals.balance.amount).toBe("5250.00"); // 21000 − (9450 + 6300): the advance is not in the balance
    expect(totals.paidOnPending.amount).toBe("1000.00");
    expect(totals.pendingTranches).toBe(1);
    const rows = (list: typeof totals.byPayer) =>
      list.map((row) => [row.party, row.earned?.amount, row.paid.amount, row.balance?.amount]);
    expect(rows(totals.byPayer)).toEqual([
      ["payer", "12600.00", "10450.00", "3150.00"], // paid 9450 + 1000 advance; balance 12600 − 9450
      ["region", "8400.00", "6300.00", "2100.00"],
    ]);
    expect(rows(totals.byRecipient)).toEqual([
      ["provider", "15750.00", "15750.00", "0.00"], // 9450 + 6300
      ["investor", "5250.00", "1000.00", "5250.00"], // 3150 + 2100; the advance is on pending t2
    ]);
    const text = explain(settlement);
    expect(text).toContain("Earned on settled tranches EUR 21,000.00; paid EUR 16,750.00; balance EUR 5,250.00");
    expect(text).toContain("1 tranche(s) pending results; paid on them so far EUR 1,000.00");
    expect(text).toContain("Comune di Palermo [payer]: earned EUR 12,600.00, paid EUR 10,450.00, balance EUR 3,150.00");
    expect(text).toContain(
      "Fondazione di comunità [investor]: earned EUR 5,250.00, paid EUR 1,000.00, balance EUR 5,250.00",
    );
  });
});
