import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  distributionSvg,
  distributionVegaLite,
  parseContract,
  parseEvents,
  renderHtml,
  reportStyle,
  settle,
  simulate,
  type SimulationOptions,
} from "../../src/index.js";
import { simulateInWorkers } from "../../src/node/index.js";
import { planSimulation, simulateRange } from "../../src/finance/simulate.js";

/** The distribution charts of a simulation are drawn from all its runs, from the smallest amount to the largest. */

const example = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${path}`, import.meta.url), "utf8"));
const contract = parseContract(example("fis-investors/contract.json"));
const options: SimulationOptions = {
  runs: 40,
  seed: 7,
  results: [{ metric: "dropout-rate", distribution: { type: "triangular", min: 15, mode: 17.5, max: 20.5 } }],
};

/** Each run's amount in one column of the runs' rows (0: total payments), in euros, ascending. */
function runAmounts(column = 0): number[] {
  const plan = planSimulation(contract, options);
  const rows = simulateRange(plan, options.seed, 0, options.runs);
  const amounts: number[] = [];
  for (let run = 0; run < options.runs; run += 1) amounts.push(rows[run * plan.columns + column]! / 100);
  return amounts.sort((a, b) => a - b);
}

/** The cumulative step curve of amounts: 0 below the smallest, then at each distinct amount the share at or below. */
function expectedPoints(totals: readonly number[]): { amount: number; share: number }[] {
  const distinct = [...new Set(totals)];
  return [
    { amount: totals[0]!, share: 0 },
    ...distinct.map((amount) => ({
      amount,
      share: totals.filter((total) => total <= amount).length / totals.length,
    })),
  ];
}

describe("distribution charts of a simulation", () => {
  const result = simulate(contract, options);
  const totals = runAmounts();

  it("the runs differ, so that the test tells a curve through all runs from one through a few percentiles", () => {
    expect(new Set(totals).size).toBeGreaterThan(options.runs / 2);
  });

  it("Vega-Lite: the curve spans the runs' min to max, with the share of runs at or below each run's amount", () => {
    const spec = distributionVegaLite(result.totalPayments, "total") as {
      layer: { data: { values: { amount: number; share: number }[] } }[];
    };
    const points = spec.layer[0]!.data.values;
    expect(points).toEqual(expectedPoints(totals));
    expect(points[0]!.amount).toBe(Number(result.totalPayments.min.amount));
    expect(points.at(-1)!.amount).toBe(Number(result.totalPayments.max.amount));
    expect(points.at(-1)!.share).toBe(1);
    // not the 5 percentiles drawn from 0: 0% of runs are never said to be below the 5th percentile's amount
    expect(points.length).toBeGreaterThan(result.totalPayments.percentiles.length + 2);
  });

  it("every summary of the result carries its own runs: each payer's cost and each investor's net", () => {
    const payers = result.byPayer.length;
    const summaries = [
      { summary: result.totalPayments, column: 0 },
      ...result.byPayer.map((payer, index) => ({ summary: payer.cost, column: 1 + index })),
      ...result.investors.map((investor, index) => ({ summary: investor.net, column: 1 + payers + 2 * index })),
    ];
    expect(result.investors.length).toBeGreaterThan(0);
    for (const { summary, column } of summaries) {
      const points = (
        distributionVegaLite(summary, "t") as { layer: { data: { values: { amount: number; share: number }[] } }[] }
      ).layer[0]!.data.values;
      expect(points).toEqual(expectedPoints(runAmounts(column)));
      expect(points[0]).toEqual({ amount: Number(summary.min.amount), share: 0 });
      expect(points.at(-1)).toEqual({ amount: Number(summary.max.amount), share: 1 });
      // the nearest-rank percentiles lie on the curve: at each, the share reaches at least p%
      for (const { p, amount } of summary.percentiles) {
        const at = points.filter((point) => point.amount <= Number(amount.amount)).at(-1)!;
        expect(at.share).toBeGreaterThanOrEqual(p / 100);
      }
    }
  });

  it("SVG: the step curve starts at the smallest run and ends at the largest, one step per distinct amount", () => {
    const svg = distributionSvg(result.totalPayments, reportStyle("en", "EUR"), {
      title: "t",
      amount: "EUR",
      mean: "mean",
    });
    const path = /<path d="([^"]+)" fill="none" stroke="#1d4ed8"/.exec(svg)![1]!;
    const xs = [...path.matchAll(/[ML]([\d.]+) /g)].map((match) => Number(match[1]));
    // the frame: 92 px left margin, 524 px plot width, the x range padded by 4% of the span on each side
    const low = totals[0]!;
    const high = totals.at(-1)!;
    const pad = (high - low) * 0.04;
    const sx = (x: number) => 92 + ((x - (low - pad)) / (high - low + 2 * pad)) * 524;
    expect(xs[0]).toBeCloseTo(sx(low), 0);
    expect(xs.at(-1)).toBeCloseTo(sx(high), 0);
    expect(path.match(/M/g)).toHaveLength(1);
    expect(xs.length).toBe(1 + 2 * new Set(totals).size);
  });

  it("a simulation spread over worker threads carries the same runs", async () => {
    const spread = await simulateInWorkers(contract, options, { workers: 2 });
    expect(distributionVegaLite(spread.totalPayments, "total")).toEqual(
      distributionVegaLite(result.totalPayments, "total"),
    );
    expect(distributionVegaLite(spread.investors[0]!.net, "net")).toEqual(
      distributionVegaLite(result.investors[0]!.net, "net"),
    );
  }, 60_000);

  it("the HTML report draws the same curve for the simulation it is given", () => {
    const fis = parseContract(example("fis-dispersione/contract.json"));
    const settlement = settle(fis, parseEvents(example("fis-dispersione/events.json"), { contract: fis }), {
      asOf: "2028-03-31",
    });
    const simulation = simulate(fis, options);
    const html = renderHtml(settlement, { contract: fis, simulation });
    const alone = distributionSvg(simulation.totalPayments, reportStyle("en", "EUR"), {
      title: "t",
      amount: "EUR",
      mean: "mean",
    });
    const curve = /<path d="([^"]+)" fill="none" stroke="#1d4ed8"/.exec(alone)![1]!;
    expect(html).toContain(curve);
    expect(curve.match(/L/g)!.length).toBeGreaterThan(2 * (simulation.totalPayments.percentiles.length + 2));
  });
});
