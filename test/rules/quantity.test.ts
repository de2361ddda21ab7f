import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explain, parseContract, paymentCurve } from "../../src/index.js";
import {
  codesAt,
  contractIssues,
  contractJson,
  metric,
  settleJson,
  tranche,
  trancheOf,
  verified,
} from "../support/contract-builder.js";

/**
 * A tranche quantity: prices written per head or per so many heads (Peterborough: per reconviction event avoided
 * per 100 offenders), multiplied by the tranche's quantity / pricedPer before the one rounding step.
 */

const reconvictions = metric({
  id: "reconvictions",
  name: "Reconviction events per 100 released prisoners",
  unit: "events per 100",
  kind: "frequency",
  better: "lower",
  baseline: { value: "155", period: { start: "2008-01-01", end: "2009-12-31" }, source: "comparison group" },
});

const perHundred = (quantity: unknown, rounding = { mode: "half-even", at: "tranche" }) =>
  contractJson({
    currency: "GBP",
    rounding: rounding as never,
    metrics: [reconvictions],
    tranches: [
      tranche({
        pricing: { type: "rate", metric: "reconvictions", basis: "improvement", pricePerUnit: "333.33" },
        ...(quantity === undefined ? {} : { quantity: quantity as never }),
      }),
    ],
  });

describe("tranche quantity", () => {
  it("multiplies a price per event avoided per 100 offenders by the cohort size / 100, before rounding", () => {
    const contract = perHundred({ value: "1013", unit: "offenders", pricedPer: "100" });
    const settlement = settleJson(contract, [verified("r1", "reconvictions", "p1", "142")], "2027-12-31");
    const t1 = trancheOf(settlement, "t1");
    // 13 events per 100 avoided × 333.33 = 4333.29 per 100 offenders; × 1013 / 100 = 43896.2277 → 43896.23
    expect(t1.trace).toContainEqual({
      kind: "quantity",
      value: "1013",
      unit: "offenders",
      pricedPer: "100",
      before: "4333.29",
      amount: "43896.2277",
    });
    const kinds = t1.trace.map((step) => step.kind);
    expect(kinds.indexOf("quantity")).toBe(kinds.indexOf("rate") + 1);
    expect(kinds.indexOf("rounding")).toBe(kinds.indexOf("quantity") + 1);
    expect(t1.amountEarned).toEqual({ amount: "43896.23", currency: "GBP" });
    const text = explain(settlement);
    // the lines docs/pricing/rate.md shows
    expect(text).toContain("Rule (rate): 13 × GBP 333.33 per unit = GBP 4,333.29");
    expect(text).toContain("Quantity: 1,013 offenders at prices per 100: GBP 4,333.29 × 1,013 / 100 = GBP 43,896.2277");
    expect(text).toContain("Rounding (half-even, once per tranche): GBP 43,896.2277 → GBP 43,896.23");
    expect(explain(settlement, { locale: "it" })).toContain("Quantità: ");
  });

  it("prices per head when pricedPer is left out", () => {
    const contract = perHundred({ value: 3, unit: "offenders" });
    const t1 = trancheOf(settleJson(contract, [verified("r1", "reconvictions", "p1", "154")], "2027-12-31"), "t1");
    expect(t1.amountEarned?.amount).toBe("999.99"); // 1 × 333.33 × 3
    expect(explain(settleJson(contract, [verified("r1", "reconvictions", "p1", "154")], "2027-12-31"))).toContain(
      "Quantity: 3 offenders at the price per one: GBP 333.33 × 3 = GBP 999.99",
    );
  });

  it("reports a quantity that is not positive or not a decimal, with its path", () => {
    expect(codesAt(contractIssues(perHundred({ value: "0", unit: "offenders", pricedPer: "-100" })))).toEqual([
      { code: "quantity_not_positive", at: "$.tranches[0].quantity.value" },
      { code: "quantity_not_positive", at: "$.tranches[0].quantity.pricedPer" },
    ]);
    expect(codesAt(contractIssues(perHundred({ value: "1,000", unit: "offenders" })))).toEqual([
      { code: "invalid_decimal", at: "$.tranches[0].quantity.value" },
    ]);
    expect(codesAt(contractIssues(perHundred({ value: "10%", unit: "offenders" })))).toEqual([
      { code: "invalid_decimal", at: "$.tranches[0].quantity.value" },
    ]);
    expect(contractIssues(perHundred({ value: "1000", unit: "" })).length).toBe(1);
    expect(codesAt(contractIssues(perHundred({ value: "1000", unit: "x", per: "100" })))[0]?.at).toBe(
      "$.tranches[0].quantity",
    );
  });

  it("property: the unrounded amount with a quantity is the amount without it × value / pricedPer", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 160 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom("1", "10", "100", "1000"),
        fc.constantFrom("tranche", "metric"),
        (measured, size, per, at) => {
          const rounding = { mode: "half-even", at };
          const events = [verified("r1", "reconvictions", "p1", String(measured))];
          const plain = trancheOf(settleJson(perHundred(undefined, rounding), events, "2027-12-31"), "t1");
          const scaled = trancheOf(
            settleJson(
              perHundred({ value: String(size), unit: "offenders", pricedPer: per }, rounding),
              events,
              "2027-12-31",
            ),
            "t1",
          );
          const before = (steps: typeof plain.trace) =>
            steps
              .filter((step) => step.kind === "rounding")
              .map((step) => (step.kind === "rounding" ? step.before : ""));
          const [without] = before(plain.trace);
          const [withQuantity] = before(scaled.trace);
          // exact arithmetic in integers of 10^-8: without × size / per
          const units = (text: string) => {
            const [whole, fraction = ""] = text.split(".");
            return BigInt(whole!) * 10n ** 8n + BigInt(fraction.padEnd(8, "0"));
          };
          expect(units(withQuantity!) * BigInt(per)).toBe(units(without!) * BigInt(size));
          // nothing else changes: the same steps, with one quantity step before the rounding
          const kinds = (steps: typeof plain.trace) =>
            steps.map((step) => step.kind).filter((kind) => kind !== "quantity");
          expect(kinds(scaled.trace)).toEqual(kinds(plain.trace));
          expect(scaled.trace.filter((step) => step.kind === "quantity")).toHaveLength(1);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("the payment curve of a tranche priced per head", () => {
  it("draws what settle prices: the rule's amount times the quantity", () => {
    const scaled = paymentCurve(
      parseContract(perHundred({ value: "1000", unit: "offenders", pricedPer: "100" })),
      "t1",
    )!;
    const unscaled = paymentCurve(parseContract(perHundred(undefined)), "t1")!;
    expect(scaled.points.map((point) => point.x)).toEqual(unscaled.points.map((point) => point.x));
    expect(scaled.points.some((point) => point.amount > 0)).toBe(true);
    scaled.points.forEach((point, index) => expect(point.amount).toBeCloseTo(unscaled.points[index]!.amount * 10, 6));
  });
});
