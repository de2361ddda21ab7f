import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Contract, type ResultEvent, type Settlement } from "../../src/index.js";
import { contractArb, RUNS, verifiedResultsArb } from "../support/arbitraries.js";
import { settleJson } from "../support/contract-builder.js";

/**
 * Law: a better result never pays less. Every generated rule is monotone on its own (rate, threshold, tiers and
 * linear curves with non-decreasing amounts, savings share, weighted mixes), and the rounding step, floors and
 * caps keep that order. Cumulative caps are consumed in settlement order (due date, then id), so a better result
 * can leave less of a shared cap to a later tranche: with such caps the law holds for the first tranche that is
 * priced on the improved result, and without them for every tranche and for the total.
 */

const AS_OF = "2029-12-31";

/** The same results with the one for (metric, period) improved by `tenths` tenths of its unit. */
function improve(results: readonly ResultEvent[], index: number, tenths: number): ResultEvent[] {
  return results.map((result, position) => {
    if (position !== index) return result;
    const value = Number(result.value);
    const better = result.metric === "dropout" ? value - tenths / 10 : value + tenths;
    return { ...result, value: result.metric === "dropout" ? better.toFixed(1) : String(better) };
  });
}

const earnedOf = (settlement: Settlement, id: string) =>
  Number(settlement.tranches.find((tranche) => tranche.id === id)!.amountEarned!.amount);

/** The tranches priced on a result, in settlement order. */
function tranchesUsing(contract: Contract, settlement: Settlement, result: ResultEvent): string[] {
  const json = (id: string) => JSON.stringify(contract.tranches.find((tranche) => tranche.id === id)!.pricing);
  return settlement.tranches
    .filter(
      (tranche) =>
        "period" in tranche.covers &&
        tranche.covers.period === result.period &&
        json(tranche.id).includes(`"metric":"${result.metric}"`),
    )
    .map((tranche) => tranche.id);
}

const improvement = fc.record({ index: fc.nat({ max: 5 }), tenths: fc.integer({ min: 1, max: 40 }) });

describe("a better result never pays less", () => {
  it("for any tranche and in total, when no cumulative cap is shared", () => {
    const noSharedCaps = contractArb().map((contract): Contract => {
      const { caps: _caps, ...rest } = contract;
      return rest;
    });
    fc.assert(
      fc.property(noSharedCaps, verifiedResultsArb(), improvement, (contract, results, { index, tenths }) => {
        const before = settleJson(contract, results, AS_OF);
        const after = settleJson(contract, improve(results, index, tenths), AS_OF);
        for (const tranche of before.tranches)
          expect(earnedOf(after, tranche.id)).toBeGreaterThanOrEqual(earnedOf(before, tranche.id));
        expect(Number(after.totals.earned.amount)).toBeGreaterThanOrEqual(Number(before.totals.earned.amount));
      }),
      RUNS,
    );
  });

  it("for the first tranche priced on the improved result, with contract and metric caps", () => {
    // Metric caps with rounding at the tranche level are left out: the rounded tranche amount is attributed to
    // its metrics by largest remainder, which in principle can move one cent of the attribution to another
    // metric whose cap then cuts it (the "Alabama paradox" of largest remainder). 20,000 generated runs did not
    // find such a case, but the law is only claimed where it is certain.
    const contracts = contractArb({ metricCaps: true }).map(
      (contract): Contract => ({ ...contract, rounding: { ...contract.rounding, at: "metric" } }),
    );
    fc.assert(
      fc.property(contracts, verifiedResultsArb(), improvement, (contract, results, { index, tenths }) => {
        const before = settleJson(contract, results, AS_OF);
        const after = settleJson(contract, improve(results, index, tenths), AS_OF);
        const first = tranchesUsing(contract, before, results[index]!)[0];
        if (first !== undefined) expect(earnedOf(after, first)).toBeGreaterThanOrEqual(earnedOf(before, first));
      }),
      RUNS,
    );
  });

  it("for the first tranche priced on the improved result, with contract caps and any rounding", () => {
    fc.assert(
      fc.property(contractArb(), verifiedResultsArb(), improvement, (contract, results, { index, tenths }) => {
        const before = settleJson(contract, results, AS_OF);
        const after = settleJson(contract, improve(results, index, tenths), AS_OF);
        const first = tranchesUsing(contract, before, results[index]!)[0];
        if (first !== undefined) expect(earnedOf(after, first)).toBeGreaterThanOrEqual(earnedOf(before, first));
      }),
      RUNS,
    );
  });
});
