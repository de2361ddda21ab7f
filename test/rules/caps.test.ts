import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { explain, type PricingRule } from "../../src/index.js";
import {
  contractJson,
  earnedLines,
  metric,
  settleJson,
  tranche,
  trancheOf,
  verified,
} from "../support/contract-builder.js";

/**
 * Caps (tranche, contract, per metric, per payer) and the tranche floor. Each cap that bites is recorded in
 * the tranche's `capsApplied` with the amount it cut; cumulative caps are consumed in order of due date,
 * then tranche id.
 */

const RATE_100K: PricingRule = { type: "rate", metric: "dropout", basis: "improvement", pricePerUnit: "100000.00" };

describe("tranche cap", () => {
  it("cuts the tranche to its cap and records the cut", () => {
    const contract = contractJson({ tranches: [tranche({ pricing: RATE_100K, cap: "150000.00" })] });
    const settlement = settleJson(contract, [verified("r1", "dropout", "p1", "17.9")], "2027-12-31");
    const t1 = trancheOf(settlement, "t1");
    // (20.0 − 17.9) × 100000 = 210000 → cap 150000 cuts 60000
    expect(t1.amountPriced?.amount).toBe("210000.00");
    expect(t1.amountEarned?.amount).toBe("150000.00");
    expect(t1.capsApplied).toEqual([
      {
        kind: "cap",
        cap: "tranche",
        id: "t1",
        limit: "150000",
        usedBefore: "0",
        before: "210000",
        after: "150000",
        cut: "60000",
      },
    ]);
    expect(settlement.capsApplied).toEqual(t1.capsApplied);
    expect(earnedLines(t1)).toEqual({ "payer→provider": "150000.00" });
    const text = explain(settlement);
    expect(text).toContain(
      "Cap: tranche cap t1 of EUR 150,000.00: cuts EUR 60,000.00: EUR 210,000.00 → EUR 150,000.00",
    );
    expect(text).toContain("Caps that bit:");
    expect(text).toContain("tranche cap t1: cut EUR 60,000");
  });

  it("is checked but not listed in capsApplied when it does not bite", () => {
    const contract = contractJson({ tranches: [tranche({ pricing: RATE_100K, cap: "250000.00" })] });
    const settlement = settleJson(contract, [verified("r1", "dropout", "p1", "17.9")], "2027-12-31");
    const t1 = trancheOf(settlement, "t1");
    // 210000 < 250000: no cut
    expect(t1.amountEarned?.amount).toBe("210000.00");
    expect(t1.capsApplied).toEqual([]);
    expect(t1.trace).toContainEqual(expect.objectContaining({ kind: "cap", cap: "tranche", cut: "0" }));
    expect(explain(settlement)).toContain("Cap: tranche cap t1 of EUR 250,000.00: does not bite");
    expect(explain(settlement)).not.toContain("Caps that bit:");
  });
});

describe("contract cap", () => {
  it("is consumed across tranches in due-date order, whatever order they are listed in", () => {
    const contract = contractJson({
      tranches: [
        // listed later-due first, on purpose
        tranche({ id: "t2", covers: { period: "p2" }, dueDate: "2028-11-30", pricing: RATE_100K }),
        tranche({ id: "t1", covers: { period: "p1" }, dueDate: "2027-11-30", pricing: RATE_100K }),
      ],
      caps: { contract: "600000.00" },
    });
    const settlement = settleJson(
      contract,
      [verified("r1", "dropout", "p1", 16, "2027-10-15"), verified("r2", "dropout", "p2", 17, "2028-10-15")],
      "2028-12-31",
    );
    expect(settlement.tranches.map((entry) => entry.id)).toEqual(["t1", "t2"]);
    const t1 = trancheOf(settlement, "t1");
    const t2 = trancheOf(settlement, "t2");
    // t1: (20 − 16) × 100000 = 400000, first in line: uncut
    expect(t1.amountEarned?.amount).toBe("400000.00");
    expect(t1.capsApplied).toEqual([]);
    // t2: (20 − 17) × 100000 = 300000; 600000 − 400000 = 200000 left → cut 100000
    expect(t2.amountPriced?.amount).toBe("300000.00");
    expect(t2.amountEarned?.amount).toBe("200000.00");
    expect(t2.capsApplied).toEqual([
      {
        kind: "cap",
        cap: "contract",
        id: "test-contract",
        limit: "600000",
        usedBefore: "400000",
        before: "300000",
        after: "200000",
        cut: "100000",
      },
    ]);
    expect(settlement.totals.earned.amount).toBe("600000.00"); // 400000 + 200000
    expect(explain(settlement)).toContain(
      "Cap: contract cap test-contract of EUR 600,000.00, EUR 400,000.00 already used: cuts EUR 100,000.00: EUR 300,000.00 → EUR 200,000.00",
    );
  });

  it("orders tranches due on the same date by id", () => {
    const contract = contractJson({
      tranches: [
        tranche({ id: "t-b", covers: { period: "p1" }, pricing: RATE_100K }),
        tranche({ id: "t-a", covers: { period: "p2" }, pricing: RATE_100K }),
      ],
      caps: { contract: "500000.00" },
    });
    const settlement = settleJson(
      contract,
      [verified("r1", "dropout", "p1", 16), verified("r2", "dropout", "p2", 17)],
      "2027-12-31",
    );
    expect(settlement.tranches.map((entry) => entry.id)).toEqual(["t-a", "t-b"]);
    // t-a (p2): (20 − 17) × 100000 = 300000, uncut; t-b (p1): 400000, only 500000 − 300000 = 200000 left
    expect(trancheOf(settlement, "t-a").amountEarned?.amount).toBe("300000.00");
    expect(trancheOf(settlement, "t-b").amountEarned?.amount).toBe("200000.00");
    expect(trancheOf(settlement, "t-b").capsApplied[0]).toMatchObject({
      cap: "contract",
      usedBefore: "300000",
      cut: "200000",
    });
  });

  it("leaves nothing for a later tranche once the cap is used up", () => {
    const contract = contractJson({
      tranches: [tranche(), tranche({ id: "t2", covers: { period: "p2" }, dueDate: "2028-11-30" })],
      caps: { contract: "20000.00" },
    });
    const settlement = settleJson(
      contract,
      [verified("r1", "dropout", "p1", 17), verified("r2", "dropout", "p2", 17, "2028-10-01")],
      "2028-12-31",
    );
    // each tranche prices (20 − 17) × 10000 = 30000; t1 is cut to the 20000 cap (cut 10000), t2 to 0 (cut 30000)
    expect(trancheOf(settlement, "t1").capsApplied).toEqual([
      expect.objectContaining({ cap: "contract", usedBefore: "0", cut: "10000" }),
    ]);
    const t2 = trancheOf(settlement, "t2");
    expect(t2.amountPriced?.amount).toBe("30000.00");
    expect(t2.amountEarned?.amount).toBe("0.00");
    expect(t2.capsApplied).toEqual([
      {
        kind: "cap",
        cap: "contract",
        id: "test-contract",
        limit: "20000",
        usedBefore: "20000",
        before: "30000",
        after: "0",
        cut: "30000",
      },
    ]);
    expect(settlement.capsApplied.map((step) => step.cut)).toEqual(["10000", "30000"]);
  });

  it("caps the bundled FIS example at EUR 600,000 when all three years reach the target", () => {
    const example = (file: string): unknown =>
      JSON.parse(
        readFileSync(fileURLToPath(new URL(`../../examples/fis-dispersione/${file}`, import.meta.url)), "utf8"),
      );
    const events = [
      {
        type: "result",
        id: "y1",
        metric: "dropout-rate",
        period: "as-2026-27",
        value: "16.0",
        status: "verified",
        verifier: "evaluator",
        recordedAt: "2027-10-28",
      },
      {
        type: "result",
        id: "y2",
        metric: "dropout-rate",
        period: "as-2027-28",
        value: "16.0",
        status: "verified",
        verifier: "evaluator",
        recordedAt: "2028-10-28",
      },
      {
        type: "result",
        id: "y3",
        metric: "dropout-rate",
        period: "as-2028-29",
        value: "16.0",
        status: "verified",
        verifier: "evaluator",
        recordedAt: "2029-10-28",
      },
    ];
    const settlement = settleJson(example("contract.json"), events, "2029-12-31");
    // each year: (20.0 − 16.0)/20 = 0.2 ≥ 0.15 → 240000 (the tranche cap of 240000 does not bite)
    expect(trancheOf(settlement, "t1").amountEarned?.amount).toBe("240000.00");
    expect(trancheOf(settlement, "t2").amountEarned?.amount).toBe("240000.00");
    const t3 = trancheOf(settlement, "t3");
    // t3: 600000 − 480000 = 120000 left → cut 120000
    expect(t3.amountEarned?.amount).toBe("120000.00");
    expect(t3.capsApplied).toEqual([
      {
        kind: "cap",
        cap: "contract",
        id: "fis-dispersione-2026",
        limit: "600000",
        usedBefore: "480000",
        before: "240000",
        after: "120000",
        cut: "120000",
      },
    ]);
    // split: fis 70% = 84000 (67200 / 16800); comune 30% = 36000 (28800 / 7200): comune's payer cap
    // of 180000 has 180000 − 72000 − 72000 = 36000 left, so it does not bite
    expect(earnedLines(t3)).toEqual({
      "fis→investor": "67200.00",
      "fis→coop": "16800.00",
      "comune→investor": "28800.00",
      "comune→coop": "7200.00",
    });
    expect(settlement.totals.earned.amount).toBe("600000.00");
    expect(settlement.totals.byPayer.map((row) => [row.party, row.earned?.amount])).toEqual([
      ["fis", "420000.00"], // 168000 + 168000 + 84000
      ["comune", "180000.00"], // 72000 + 72000 + 36000
    ]);
  });
});

describe("per-metric cap", () => {
  it("is consumed across tranches", () => {
    const contract = contractJson({
      tranches: [
        tranche({ id: "t1", covers: { period: "p1" }, dueDate: "2027-11-30", pricing: RATE_100K }),
        tranche({ id: "t2", covers: { period: "p2" }, dueDate: "2028-11-30", pricing: RATE_100K }),
      ],
      caps: { perMetric: { dropout: "250000.00" } },
    });
    const settlement = settleJson(
      contract,
      [verified("r1", "dropout", "p1", "17.9", "2027-10-15"), verified("r2", "dropout", "p2", 17, "2028-10-15")],
      "2028-12-31",
    );
    // t1: (20 − 17.9) × 100000 = 210000, within 250000
    expect(trancheOf(settlement, "t1").amountEarned?.amount).toBe("210000.00");
    const t2 = trancheOf(settlement, "t2");
    // t2: (20 − 17) × 100000 = 300000; 250000 − 210000 = 40000 left → cut 260000
    expect(t2.amountEarned?.amount).toBe("40000.00");
    expect(t2.capsApplied).toEqual([
      {
        kind: "cap",
        cap: "metric",
        id: "dropout",
        limit: "250000",
        usedBefore: "210000",
        before: "300000",
        after: "40000",
        cut: "260000",
      },
    ]);
    expect(explain(settlement)).toContain(
      "Cap: metric cap dropout of EUR 250,000.00, EUR 210,000.00 already used: cuts EUR 260,000.00: EUR 300,000.00 → EUR 40,000.00",
    );
  });

  it("cuts only its metric's part of a weighted rule", () => {
    const learning = metric({
      id: "learning",
      name: "Mean learning level",
      unit: "levels",
      kind: "mean",
      better: "higher",
      baseline: { value: "3.0", period: { start: "2014-07-01", end: "2015-03-31" }, source: "control villages" },
    });
    const enrolment = metric({
      id: "enrolment",
      name: "Enrolment",
      unit: "%",
      kind: "rate",
      better: "higher",
      baseline: { value: "70.0", period: { start: "2014-07-01", end: "2015-03-31" }, source: "census" },
    });
    const contract = contractJson({
      currency: "USD",
      metrics: [learning, enrolment],
      tranches: [
        tranche({
          pricing: {
            type: "weighted",
            parts: [
              {
                weight: "80%",
                rule: { type: "rate", metric: "learning", basis: "improvement", pricePerUnit: "200000.00" },
              },
              {
                weight: "20%",
                rule: { type: "rate", metric: "enrolment", basis: "improvement", pricePerUnit: "10000.00" },
              },
            ],
          },
        }),
      ],
      caps: { perMetric: { learning: "200000.00" } },
    });
    const settlement = settleJson(
      contract,
      [verified("r1", "learning", "p1", "4.35"), verified("r2", "enrolment", "p1", "79.6")],
      "2027-12-31",
    );
    const t1 = trancheOf(settlement, "t1");
    // learning 1.35 × 200000 × 80% = 216000 → capped at 200000 (cut 16000); enrolment 9.6 × 10000 × 20% = 19200
    // earned 200000 + 19200 = 219200
    expect(t1.amountPriced?.amount).toBe("235200.00");
    expect(t1.amountEarned?.amount).toBe("219200.00");
    expect(t1.capsApplied).toEqual([
      {
        kind: "cap",
        cap: "metric",
        id: "learning",
        limit: "200000",
        usedBefore: "0",
        before: "216000",
        after: "200000",
        cut: "16000",
      },
    ]);
  });
});

describe("per-payer cap", () => {
  it("limits one payer across tranches and reduces the tranche by the cut", () => {
    const parties = [
      { id: "fis", name: "Fondo per l'Innovazione Sociale", roles: ["outcome-payer"] },
      { id: "comune", name: "Comune di Palermo", roles: ["outcome-payer", "beneficiary"] },
      { id: "coop", name: "Cooperativa sociale", roles: ["provider"] },
      { id: "investor", name: "Fondazione di comunità", roles: ["investor"] },
      { id: "evaluator", name: "Valutatore indipendente", roles: ["verifier"] },
    ] as const;
    const fisTranche = (id: string, period: string, dueDate: string) =>
      tranche({
        id,
        covers: { period },
        dueDate,
        pricing: {
          type: "linear",
          metric: "dropout",
          basis: "relative-improvement",
          points: [
            { at: "5%", amount: "120000.00" },
            { at: "15%", amount: "240000.00" },
          ],
        },
        payers: [
          { party: "fis", share: "70%" },
          { party: "comune", share: "30%" },
        ],
        recipients: [
          { party: "investor", share: "80%" },
          { party: "coop", share: "20%" },
        ],
      });
    const contract = contractJson({
      parties,
      tranches: [
        fisTranche("t1", "p1", "2027-11-30"),
        fisTranche("t2", "p2", "2028-11-30"),
        fisTranche("t3", "p3", "2029-11-30"),
      ],
      caps: { perPayer: { comune: "180000.00" } },
    });
    const settlement = settleJson(
      contract,
      [
        verified("r1", "dropout", "p1", 16, "2027-10-15"),
        verified("r2", "dropout", "p2", 16, "2028-10-15"),
        verified("r3", "dropout", "p3", 16, "2029-10-15"),
      ],
      "2029-12-31",
    );
    // every year (20 − 16)/20 = 0.2 ≥ 0.15 → 240000; comune's 30% = 72000 a year
    expect(trancheOf(settlement, "t1").amountEarned?.amount).toBe("240000.00");
    expect(trancheOf(settlement, "t2").amountEarned?.amount).toBe("240000.00");
    const t3 = trancheOf(settlement, "t3");
    // t3: comune has 180000 − 72000 − 72000 = 36000 left of its cap → its 72000 is cut by 36000
    expect(t3.capsApplied).toEqual([
      {
        kind: "cap",
        cap: "payer",
        id: "comune",
        limit: "180000",
        usedBefore: "144000",
        before: "72000",
        after: "36000",
        cut: "36000",
      },
    ]);
    // earned: fis 168000 + comune 36000 = 204000
    expect(t3.amountEarned?.amount).toBe("204000.00");
    expect(earnedLines(t3)).toEqual({
      "fis→investor": "134400.00", // 80% × 168000
      "fis→coop": "33600.00", // 20% × 168000
      "comune→investor": "28800.00", // 80% × 36000
      "comune→coop": "7200.00", // 20% × 36000
    });
    expect(settlement.totals.byPayer.map((row) => [row.party, row.earned?.amount])).toEqual([
      ["fis", "504000.00"], // 3 × 168000
      ["comune", "180000.00"], // 72000 + 72000 + 36000: exactly the cap
    ]);
    expect(explain(settlement)).toContain(
      "Cap: payer cap Comune di Palermo of EUR 180,000.00, EUR 144,000.00 already used: cuts EUR 36,000.00: EUR 72,000.00 → EUR 36,000.00",
    );
  });
});

describe("tranche floor", () => {
  const withFloor = (measured: number | string, extra: { cap?: string } = {}) => {
    const contract = contractJson({ tranches: [tranche({ floor: "50000.00", ...extra })] });
    const settlement = settleJson(contract, [verified("r1", "dropout", "p1", measured)], "2027-12-31");
    return { settlement, t1: trancheOf(settlement, "t1") };
  };

  it("raises a smaller verified amount to the floor", () => {
    const { settlement, t1 } = withFloor(19);
    // (20 − 19) × 10000 = 10000 < 50000 → 50000
    expect(t1.amountPriced?.amount).toBe("10000.00");
    expect(t1.amountEarned?.amount).toBe("50000.00");
    expect(t1.trace).toContainEqual({ kind: "floor", floor: "50000", before: "10000", after: "50000" });
    expect(earnedLines(t1)).toEqual({ "payer→provider": "50000.00" });
    expect(explain(settlement)).toContain(
      "Floor: the tranche pays at least EUR 50,000.00: EUR 10,000.00 → EUR 50,000.00",
    );
  });

  it("pays the floor even when the rule pays nothing", () => {
    const { t1 } = withFloor(21);
    // (20 − 21) × 10000 = −10000 → 0 → floor 50000
    expect(t1.amountEarned?.amount).toBe("50000.00");
    expect(t1.status).toBe("earned");
  });

  it("does nothing above the floor, and the cap still applies after it", () => {
    const above = withFloor(14);
    // (20 − 14) × 10000 = 60000 ≥ 50000: no floor step
    expect(above.t1.amountEarned?.amount).toBe("60000.00");
    expect(above.t1.trace.some((step) => step.kind === "floor")).toBe(false);
    const capped = withFloor(14, { cap: "55000.00" });
    // 60000 → tranche cap 55000 (cut 5000)
    expect(capped.t1.amountEarned?.amount).toBe("55000.00");
    expect(capped.t1.capsApplied).toEqual([expect.objectContaining({ cap: "tranche", cut: "5000" })]);
  });

  it("pays nothing while the result is not verified", () => {
    const contract = contractJson({ tranches: [tranche({ floor: "50000.00" })] });
    const t1 = trancheOf(settleJson(contract, [], "2027-10-01"), "t1");
    expect(t1.status).toBe("not-yet-due");
    expect(t1.amountEarned).toBeNull();
  });
});
