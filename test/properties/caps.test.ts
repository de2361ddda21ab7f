import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Contract, type Settlement } from "../../src/index.js";
import { contractArb, RUNS, scenarioArb, verifiedResultsArb } from "../support/arbitraries.js";
import { settleJson } from "../support/contract-builder.js";

/** Laws: no cap is ever exceeded, and a contract cap cuts exactly the excess over it. */

const cents = (amount: string) => Math.round(Number(amount) * 100);
const sumCents = (amounts: readonly string[]) => amounts.reduce((acc, amount) => acc + cents(amount), 0);
const earnedTranches = (settlement: Settlement) =>
  settlement.tranches.filter((tranche) => tranche.amountEarned !== null);

describe("no cap is ever exceeded", () => {
  it("tranche, contract, metric and payer caps hold on every settlement", () => {
    fc.assert(
      fc.property(scenarioArb({ metricCaps: true, payerCaps: true }), ({ contract, events, asOf }) => {
        const settlement = settleJson(contract, events, asOf);
        const settled = earnedTranches(settlement);
        const definition = (id: string) => contract.tranches.find((tranche) => tranche.id === id)!;

        for (const tranche of settled) {
          const cap = definition(tranche.id).cap;
          if (cap !== undefined) expect(cents(tranche.amountEarned!.amount)).toBeLessThanOrEqual(cents(cap));
        }
        if (contract.caps?.contract !== undefined) {
          expect(cents(settlement.totals.earned.amount)).toBeLessThanOrEqual(cents(contract.caps.contract));
        }
        for (const [payer, cap] of Object.entries(contract.caps?.perPayer ?? {})) {
          const paidBy = settled.flatMap((tranche) =>
            tranche.byPayer.filter((entry) => entry.party === payer).map((entry) => entry.earned!.amount),
          );
          expect(sumCents(paidBy)).toBeLessThanOrEqual(cents(cap));
        }
        // A metric cap bounds what is attributed to the metric. A tranche priced on one metric only, without a
        // floor (a floor's top-up belongs to no metric), is attributed entirely to that metric.
        for (const [metric, cap] of Object.entries(contract.caps?.perMetric ?? {})) {
          const onlyThis = settled.filter((tranche) => {
            const pricing = JSON.stringify(definition(tranche.id).pricing);
            return (
              definition(tranche.id).floor === undefined &&
              pricing.includes(`"metric":"${metric}"`) &&
              !pricing.includes(`"metric":"${metric === "dropout" ? "attendance" : "dropout"}"`)
            );
          });
          expect(sumCents(onlyThis.map((tranche) => tranche.amountEarned!.amount))).toBeLessThanOrEqual(cents(cap));
        }
      }),
      RUNS,
    );
  });

  it("every cap step in the trace stays within its limit", () => {
    fc.assert(
      fc.property(scenarioArb({ metricCaps: true, payerCaps: true }), ({ contract, events, asOf }) => {
        const settlement = settleJson(contract, events, asOf);
        for (const tranche of settlement.tranches) {
          for (const step of tranche.trace) {
            if (step.kind !== "cap") continue;
            const limit = cents(step.limit);
            const used = cents(step.usedBefore);
            expect(cents(step.after)).toBeLessThanOrEqual(Math.max(0, limit - used));
            expect(cents(step.after)).toBeLessThanOrEqual(cents(step.before));
            expect(cents(step.cut)).toBe(cents(step.before) - cents(step.after));
          }
        }
      }),
      RUNS,
    );
  });
});

describe("a contract cap cuts exactly the excess", () => {
  it("with no other shared cap, the total earned is the smaller of the cap and the uncapped total", () => {
    const withContractCap = fc
      .tuple(contractArb(), fc.integer({ min: 0, max: 60_000_000 }))
      .map(([contract, cap]): { capped: Contract; uncapped: Contract; cap: string } => {
        const { caps: _caps, ...uncapped } = contract;
        return {
          capped: { ...uncapped, caps: { contract: (cap / 100).toFixed(2) } },
          uncapped,
          cap: (cap / 100).toFixed(2),
        };
      });
    fc.assert(
      fc.property(withContractCap, verifiedResultsArb(), ({ capped, uncapped, cap }, results) => {
        const withCap = settleJson(capped, results, "2029-12-31");
        const withoutCap = settleJson(uncapped, results, "2029-12-31");
        expect(cents(withCap.totals.earned.amount)).toBe(Math.min(cents(cap), cents(withoutCap.totals.earned.amount)));
      }),
      RUNS,
    );
  });
});
