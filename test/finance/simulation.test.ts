import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseContract, runScenarios, simulate, type SimulationOptions } from "../../src/index.js";
import { simulateInWorkers } from "../../src/node/index.js";
import { draw, runGenerator } from "../../src/finance/random.js";
import { planSimulation, simulateRange, summarize } from "../../src/finance/simulate.js";

/** Scenarios and the seeded Monte Carlo simulation, on the FIS example with its investors. */

const contract = parseContract(
  JSON.parse(readFileSync(new URL("../../examples/fis-investors/contract.json", import.meta.url), "utf8")),
);
const options = (runs: number, seed: number): SimulationOptions => ({
  runs,
  seed,
  results: [
    { metric: "dropout-rate", distribution: { type: "triangular", min: 15, mode: 17.5, max: 20.5 }, decimals: 1 },
  ],
});

describe("simulate", () => {
  it("the same seed gives the same simulation; another seed, another one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const first = simulate(contract, options(200, seed));
        expect(simulate(contract, options(200, seed))).toEqual(first);
        expect(simulate(contract, options(200, (seed + 1) % 2 ** 32))).not.toEqual(first);
      }),
      { numRuns: 10 },
    );
  });

  it("spreading the runs over worker threads gives exactly the single-thread result", async () => {
    const single = simulate(contract, options(1_001, 42));
    expect(await simulateInWorkers(contract, options(1_001, 42), { workers: 2 })).toEqual(single);
    expect(await simulateInWorkers(contract, options(1_001, 42), { workers: 3 })).toEqual(single);
  }, 60_000);

  it("reports progress up to the number of runs, in this thread and from workers", async () => {
    const seen: number[] = [];
    simulate(contract, { ...options(1_000, 1), onProgress: (done, total) => seen.push(done / total) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const fromWorkers: number[] = [];
    await simulateInWorkers(
      contract,
      { ...options(1_000, 1), onProgress: (done) => fromWorkers.push(done) },
      { workers: 2 },
    );
    expect(fromWorkers.at(-1)).toBe(1_000);
  }, 60_000);

  it("summaries are consistent: percentiles rise, lie within min and max, and a payer's cost never exceeds its cap", () => {
    const result = simulate(contract, options(2_000, 7));
    const amounts = (summary: typeof result.totalPayments) =>
      summary.percentiles.map((entry) => Number(entry.amount.amount));
    const total = amounts(result.totalPayments);
    expect([...total].sort((a, b) => a - b)).toEqual(total);
    expect(Number(result.totalPayments.min.amount)).toBeLessThanOrEqual(total[0]!);
    expect(Number(result.totalPayments.max.amount)).toBeLessThanOrEqual(600_000); // the contract cap
    const comune = result.byPayer.find((entry) => entry.party === "comune")!;
    expect(Number(comune.cost.max.amount)).toBeLessThanOrEqual(180_000); // the Comune's cap
    for (const investor of result.investors) {
      expect(investor.probabilityOfLoss).toBeGreaterThanOrEqual(0);
      expect(investor.probabilityOfLoss).toBeLessThanOrEqual(1);
      // every run has an IRR or is a total loss: these flows change sign once, so an IRR always exists
      expect(investor.irr.runsWithRate + investor.irr.runsWithTotalLoss).toBe(2_000);
      expect(investor.irr.runsWithoutRate).toBe(0);
      expect(investor.irr.runsUndetermined).toBe(0);
      const rates = investor.irr.percentiles.map((entry) => entry.rate);
      expect([...rates].sort((a, b) => a - b)).toEqual(rates);
    }
  });

  it("runs whose IRR is undetermined are counted in runsUndetermined, apart from runsWithoutRate, and left out of the percentiles", () => {
    const runOptions = { ...options(40, 11), percentiles: [0, 100] };
    const plan = planSimulation(contract, runOptions);
    const rows = simulateRange(plan, runOptions.seed, 0, runOptions.runs);
    const irrColumn = plan.columns - 1; // the last investor's IRR
    const rates = Array.from({ length: 40 }, (_, run) => rows[run * plan.columns + irrColumn]!);
    // as simulateRange records them: +∞ for an undetermined IRR, NaN for none
    [0, 1, 2].forEach((run) => {
      rows[run * plan.columns + irrColumn] = Number.POSITIVE_INFINITY;
    });
    rows[3 * plan.columns + irrColumn] = Number.NaN;
    const { irr } = summarize(plan, runOptions, rows).investors.at(-1)!;
    const kept = rates.slice(4);
    expect(irr.runsUndetermined).toBe(3);
    expect(irr.runsWithoutRate).toBe(1);
    expect(irr.runsWithRate + irr.runsWithTotalLoss).toBe(36);
    expect(irr.runsWithTotalLoss).toBe(kept.filter((rate) => rate === -1).length);
    expect(irr.percentiles.map((entry) => entry.rate)).toEqual([Math.min(...kept), Math.max(...kept)]);
  });

  it("a run with every result at the baseline earns nothing: the senior lender's loss is covered up to the guarantee", () => {
    const result = simulate(contract, {
      runs: 3,
      seed: 0,
      results: [{ metric: "dropout-rate", distribution: { type: "samples", values: [20] } }],
    });
    expect(result.totalPayments.max.amount).toBe("0.00");
    const banca = result.investors.find((entry) => entry.party === "banca")!;
    expect(banca.net.mean.amount).toBe("-150000.00"); // 250,000 drawn, 100,000 guaranteed
    expect(banca.probabilityOfLoss).toBe(1);
  });
});

describe("the seeded generator and the distributions", () => {
  it("a run's numbers depend only on the seed and the run's index", () => {
    const a = runGenerator(9, 5);
    const b = runGenerator(9, 5);
    const c = runGenerator(9, 6);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it("sample means match the distributions' means (100,000 draws, within 1%)", () => {
    const next = runGenerator(1, 0);
    const mean = (distribution: Parameters<typeof draw>[1], count = 100_000) => {
      let total = 0;
      for (let i = 0; i < count; i += 1) total += draw(next, distribution);
      return total / count;
    };
    expect(mean({ type: "normal", mean: 17.5, sd: 2 })).toBeCloseTo(17.5, 1);
    expect(mean({ type: "beta", alpha: 2, beta: 6, min: 10, max: 30 })).toBeCloseTo(10 + 20 * 0.25, 1); // 15
    expect(mean({ type: "triangular", min: 15, mode: 17.5, max: 20.5 })).toBeCloseTo((15 + 17.5 + 20.5) / 3, 1);
    expect(mean({ type: "binomial", trials: 200, p: 0.15, per: 100 }, 20_000)).toBeCloseTo(15, 0);
    expect(mean({ type: "samples", values: [1, 2, 3, 4] })).toBeCloseTo(2.5, 1);
    expect(mean({ type: "beta", alpha: 0.5, beta: 0.5 })).toBeCloseTo(0.5, 1);
  });
});

describe("runScenarios", () => {
  const year = (value: string) => [
    { metric: "dropout-rate", period: "as-2026-27", value },
    { metric: "dropout-rate", period: "as-2027-28", value },
    { metric: "dropout-rate", period: "as-2028-29", value },
  ];

  it("downside, base, upside: payments by payer, the total cost, and each investor's return, by hand", () => {
    const [downside, base, upside] = runScenarios(
      contract,
      [
        { name: "downside", results: year("19.5") },
        { name: "base", results: year("17.6") },
        { name: "upside", results: year("16.5") },
      ],
      { discountRate: "4%" },
    );
    // 19.5 is a 2.5% reduction: below the 5% minimum, nothing is paid
    expect(downside?.totalCost.amount).toBe("0.00");
    // 17.6 is a 12% reduction: 120,000 + 120,000 × 0.7 = 204,000 a year, 612,000 capped at 600,000 for the contract
    expect(base?.totalCost.amount).toBe("600000.00");
    expect(base?.byPayer).toEqual([
      { party: "fis", cost: { amount: "420000.00", currency: "EUR" } },
      { party: "comune", cost: { amount: "180000.00", currency: "EUR" } },
    ]);
    expect(upside?.totalCost.amount).toBe("600000.00");
    const banca = (outcome: typeof base) => outcome!.investors.find((entry) => entry.party === "banca")!;
    expect(banca(downside).net.amount).toBe("-150000.00");
    expect(banca(base).net.amount).not.toMatch(/^-/);
    expect(downside?.settlement.tranches.map((tranche) => tranche.status)).toEqual([
      "not-earned",
      "not-earned",
      "not-earned",
    ]);
  });
});
