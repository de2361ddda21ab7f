import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explain, type PricingRule } from "../../src/index.js";
import { contractJson, metric, settleJson, tranche, trancheOf, verified } from "../support/contract-builder.js";

/**
 * A formula rule against the built-in pricing shapes: written either way, a rule pays the same money, on the
 * default metric "dropout" (a rate in %, lower is better, baseline 20.0).
 */

const settledAmount = (rule: PricingRule, value: string, mode: "half-even" | "half-up" | "down" = "half-even") => {
  const contract = contractJson({ rounding: { mode, at: "tranche" }, tranches: [tranche({ pricing: rule })] });
  return trancheOf(settleJson(contract, [verified("r1", "dropout", "p1", value)], "2027-12-31"), "t1").amountEarned;
};

const measured = fc.integer({ min: 0, max: 4000 }).map((n) => (n / 100).toFixed(2));
const price = fc.integer({ min: 0, max: 5_000_000 }).map((n) => (n / 100).toFixed(2));
const mode = fc.constantFrom("half-even" as const, "half-up" as const, "down" as const);

describe("a rule written as a formula gives the same money as the built-in shape", () => {
  it("rate on the improvement and on the value", () => {
    fc.assert(
      fc.property(measured, price, mode, (value, pricePerUnit, rounding) => {
        expect(
          settledAmount({ type: "formula", expression: `improvement.dropout * ${pricePerUnit}` }, value, rounding),
        ).toEqual(
          settledAmount({ type: "rate", metric: "dropout", basis: "improvement", pricePerUnit }, value, rounding),
        );
        expect(
          settledAmount({ type: "formula", expression: `metric.dropout * ${pricePerUnit}` }, value, rounding),
        ).toEqual(settledAmount({ type: "rate", metric: "dropout", basis: "value", pricePerUnit }, value, rounding));
      }),
      { numRuns: 100 },
    );
  });

  it("threshold gate paying a fixed amount", () => {
    fc.assert(
      fc.property(
        measured,
        fc.integer({ min: 0, max: 800 }).map((n) => (n / 100).toFixed(2)),
        price,
        (value, threshold, amount) => {
          expect(
            settledAmount(
              { type: "formula", expression: `if(improvement.dropout >= ${threshold}, ${amount}, 0)` },
              value,
            ),
          ).toEqual(
            settledAmount({ type: "threshold", metric: "dropout", basis: "improvement", threshold, amount }, value),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it("linear interpolation between two points (nothing below the first)", () => {
    fc.assert(
      fc.property(
        measured,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        price,
        price,
        mode,
        (value, low, gap, a, b, rounding) => {
          const [first, second] = [`${low}%`, `${low + gap}%`];
          const [x1, x2] = [(low / 100).toString(), ((low + gap) / 100).toString()];
          const [m1, m2] = [a, (Number(a) + Number(b)).toFixed(2)];
          expect(
            settledAmount(
              {
                type: "formula",
                expression: `if(relativeImprovement.dropout < ${x1}, 0, interpolate(relativeImprovement.dropout, [${x1}, ${m1}], [${x2}, ${m2}]))`,
              },
              value,
              rounding,
            ),
          ).toEqual(
            settledAmount(
              {
                type: "linear",
                metric: "dropout",
                basis: "relative-improvement",
                points: [
                  { at: first, amount: m1 },
                  { at: second, amount: m2 },
                ],
              },
              value,
              rounding,
            ),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it("a step table of contiguous bands", () => {
    fc.assert(
      fc.property(measured, price, price, (value, a, b) => {
        const high = (Number(a) + Number(b)).toFixed(2);
        expect(
          settledAmount({ type: "formula", expression: `tiers(improvement.dropout, [1, ${a}], [3, ${high}])` }, value),
        ).toEqual(
          settledAmount(
            {
              type: "tiers",
              metric: "dropout",
              basis: "improvement",
              tiers: [
                { from: 1, to: 3, amount: a },
                { from: 3, amount: high },
              ],
            },
            value,
          ),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("a share of savings on the relative improvement", () => {
    fc.assert(
      fc.property(measured, price, fc.integer({ min: 0, max: 100 }), mode, (value, saving, share, rounding) => {
        expect(
          settledAmount(
            { type: "formula", expression: `relativeImprovement.dropout * ${saving} * ${share / 100}` },
            value,
            rounding,
          ),
        ).toEqual(
          settledAmount(
            {
              type: "savings-share",
              metric: "dropout",
              basis: "relative-improvement",
              savingPerUnit: saving,
              share: `${share}%`,
            },
            value,
            rounding,
          ),
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe("formula rule in a settlement", () => {
  it("prices EUR 25,000 per point of reduction and explains every value it read", () => {
    const contract = contractJson({
      parameters: { pricePerPoint: "25000.00" },
      tranches: [tranche({ pricing: { type: "formula", expression: "improvement.dropout * pricePerPoint" } })],
    });
    const settlement = settleJson(contract, [verified("r1", "dropout", "p1", "17.6")], "2027-12-31");
    const t1 = trancheOf(settlement, "t1");
    expect(t1.amountEarned).toEqual({ amount: "60000.00", currency: "EUR" }); // (20.0 − 17.6) × 25,000 = 60,000
    expect(t1.trace).toContainEqual({
      kind: "formula",
      expression: "improvement.dropout * pricePerPoint",
      value: "60000",
      part: "dropout",
      lookups: [],
      reads: [
        { name: "improvement.dropout", value: "2.4" },
        { name: "pricePerPoint", value: "25000" },
      ],
    });
    expect(explain(settlement)).toContain(
      "Rule (formula): improvement.dropout * pricePerPoint = EUR 60,000.00\n      where improvement.dropout = 2.4, pricePerPoint = 25,000",
    );
  });

  it("a negative result pays nothing, and the explanation says so", () => {
    const contract = contractJson({
      tranches: [tranche({ pricing: { type: "formula", expression: "improvement.dropout * 1000" } })],
    });
    const t1 = trancheOf(settleJson(contract, [verified("r1", "dropout", "p1", "21.5")], "2027-12-31"), "t1");
    expect(t1.amountEarned?.amount).toBe("0.00");
    expect(t1.trace).toContainEqual({ kind: "zero-floor", metric: "dropout", before: "-1500" });
  });

  it("a metric cap applies to a formula's amount through the metric it names", () => {
    const contract = contractJson({
      metrics: [
        metric(),
        metric({
          id: "attendance",
          name: "Attendance",
          unit: "days",
          kind: "mean",
          better: "higher",
          baseline: { value: 150, period: { start: "2022-09-01", end: "2025-08-31" }, source: "registry" },
        }),
      ],
      caps: { perMetric: { attendance: "5000.00" } },
      tranches: [
        tranche({
          pricing: {
            type: "formula",
            metric: "attendance",
            expression: "improvement.dropout * 1000 + improvement.attendance * 100",
          },
        }),
      ],
    });
    const t1 = trancheOf(
      settleJson(
        contract,
        [verified("r1", "dropout", "p1", "18"), verified("r2", "attendance", "p1", 180)],
        "2027-12-31",
      ),
      "t1",
    );
    // 2 × 1,000 + 30 × 100 = 5,000... cap 5,000 does not bite; with 40 more days it would.
    expect(t1.amountEarned?.amount).toBe("5000.00");
    const t1b = trancheOf(
      settleJson(
        contract,
        [verified("r1", "dropout", "p1", "18"), verified("r2", "attendance", "p1", 220)],
        "2027-12-31",
      ),
      "t1",
    );
    expect(t1b.amountPriced?.amount).toBe("9000.00"); // 2,000 + 70 × 100
    expect(t1b.amountEarned?.amount).toBe("5000.00");
    expect(t1b.capsApplied).toEqual([expect.objectContaining({ cap: "metric", id: "attendance", cut: "4000" })]);
  });

  it("previous, lastYear and window read other periods, and the tranche waits for their results", () => {
    const periods = [
      { id: "2026-Q1", start: "2026-01-01", end: "2026-03-31" },
      { id: "2026-Q2", start: "2026-04-01", end: "2026-06-30" },
      { id: "2027-Q1", start: "2027-01-01", end: "2027-03-31" },
    ];
    const contract = contractJson({
      metrics: [
        metric({
          id: "visits",
          name: "Visits",
          unit: "visits",
          kind: "count",
          better: "higher",
          baseline: { value: 100, period: { start: "2025-01-01", end: "2025-12-31" }, source: "registry" },
        }),
      ],
      periods,
      tranches: [
        tranche({
          covers: { period: "2027-Q1" },
          dueDate: "2027-04-30",
          pricing: {
            type: "formula",
            expression:
              "(metric.visits - previous(metric.visits, 0)) * 10 + (metric.visits - lastYear(metric.visits, baseline.visits)) + sum(window(metric.visits, 3)) / 100",
          },
        }),
      ],
    });
    const events = [
      verified("a", "visits", "2026-Q1", 120, "2026-04-10"),
      verified("c", "visits", "2027-Q1", 150, "2027-04-10"),
    ];
    const waiting = trancheOf(settleJson(contract, events, "2027-04-20"), "t1");
    expect(waiting.status).toBe("not-yet-due");
    expect(waiting.reason).toContain("visits (period 2026-Q2): no result reported");
    const all = [...events, verified("b", "visits", "2026-Q2", 130, "2026-07-10")];
    const t1 = trancheOf(settleJson(contract, all, "2027-04-20"), "t1");
    // (150 − 130) × 10 + (150 − 120) + (120 + 130 + 150) / 100 = 200 + 30 + 4 = 234
    expect(t1.amountEarned?.amount).toBe("234.00");
    const formula = t1.trace.find((step) => step.kind === "formula");
    expect(formula).toMatchObject({
      reads: expect.arrayContaining([
        { name: "metric.visits (period 2026-Q2)", value: "130" },
        { name: "metric.visits (period 2026-Q1)", value: "120" },
      ]),
    });
  });

  it("previous gives its fallback in the first period, lastYear when no period starts a year earlier", () => {
    const contract = contractJson({
      parameters: { start: "7" },
      tranches: [
        tranche({
          pricing: {
            type: "formula",
            expression: "previous(metric.dropout, start) * 1000 + lastYear(metric.dropout, 1)",
          },
        }),
      ],
    });
    const t1 = trancheOf(settleJson(contract, [verified("r1", "dropout", "p1", "17.6")], "2027-12-31"), "t1");
    expect(t1.amountEarned?.amount).toBe("7001.00"); // p1 is the first period: 7 × 1,000 + 1
  });

  it("a formula inside weighted and threshold rules", () => {
    const rule: PricingRule = {
      type: "weighted",
      parts: [
        { weight: "80%", rule: { type: "formula", expression: "improvement.dropout * 1000" } },
        {
          weight: "20%",
          rule: {
            type: "threshold",
            metric: "dropout",
            basis: "improvement",
            threshold: 1,
            then: { type: "formula", expression: "500" },
          },
        },
      ],
    };
    const t1 = trancheOf(
      settleJson(
        contractJson({ tranches: [tranche({ pricing: rule })] }),
        [verified("r1", "dropout", "p1", "17")],
        "2027-12-31",
      ),
      "t1",
    );
    expect(t1.amountEarned?.amount).toBe("2500.00"); // 80% × 3,000 + 20% × 500
  });
});
