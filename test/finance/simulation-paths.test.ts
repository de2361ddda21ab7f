import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  OptionsError,
  parseContract,
  settle,
  simulate,
  type Contract,
  type PricingRule,
  type SimulationOptions,
} from "../../src/index.js";
import { planSimulation, runReceipts } from "../../src/finance/simulate.js";
import { normalMeasurementRecord } from "../../src/measure/measurement-record.js";
import { receiptsOf } from "../../src/finance/cash-flows.js";
import { contractJson, tranche, verified } from "../support/contract-builder.js";

/**
 * The simulation settles each run by the contract's settlement plan, the one `settle` runs (src/engine), with
 * every drawn result verified and nothing paid: a run's outcome payments are the settlement's on those results.
 * Statistical gates, which need measurements a simulation does not draw, are refused.
 */

const dropout = (value: string) => new Map([["dropout|period:p1", value]]);
const planOfRuns = (contract: Contract) =>
  planSimulation(contract, {
    runs: 1,
    seed: 1,
    results: [{ metric: "dropout", distribution: { type: "samples", values: [17] } }],
  });
const priceBoth = (contract: Contract, value: string) => ({
  fast: runReceipts(planOfRuns(contract), dropout(value)),
  settled: receiptsOf(settle(contract, [verified("r1", "dropout", "p1", value)], { asOf: "2029-12-31" })),
});
const tenths = fc.integer({ min: 50, max: 300 }).map((value) => (value / 10).toFixed(1));

describe("a simulation run pays what settle pays on the same results", () => {
  it("on a linear rule on the measured value of a lower-is-better metric", () => {
    const rule: PricingRule = {
      type: "linear",
      metric: "dropout",
      basis: "value",
      points: [
        { at: 15, amount: "240000.00" },
        { at: 19, amount: "120000.00" },
      ],
    };
    const contract = parseContract(contractJson({ tranches: [tranche({ pricing: rule })] }));
    fc.assert(
      fc.property(tenths, (value) => {
        const { fast, settled } = priceBoth(contract, value);
        expect(fast).toEqual(settled);
      }),
      { numRuns: 100 },
    );
  });
});

describe("formula rules in the simulation", () => {
  const formulaContract = parseContract(
    contractJson({
      parameters: { pricePerPoint: "10000.00" },
      tranches: [tranche({ pricing: { type: "formula", expression: "improvement.dropout * pricePerPoint" } })],
    }),
  );
  const rateContract = parseContract(contractJson());
  const options: SimulationOptions = {
    runs: 300,
    seed: 11,
    results: [{ metric: "dropout", distribution: { type: "triangular", min: 15, mode: 18, max: 21 }, decimals: 1 }],
  };

  it("a formula rule gives the payments settle gives", () => {
    fc.assert(
      fc.property(tenths, (value) => {
        const { fast, settled } = priceBoth(formulaContract, value);
        expect(fast).toEqual(settled);
      }),
      { numRuns: 50 },
    );
  });

  it("a simulation of a formula rule equals the simulation of the same rule written as a rate", () => {
    expect(simulate(formulaContract, options)).toEqual(simulate(rateContract, options));
  });

  it("a tranche with statistical options and no measurement model for its result is refused, naming both", () => {
    const gated = contractJson({
      tranches: [tranche({ statistics: { significance: { level: "0.05", test: "one-sided" } } } as never)],
    });
    let caught: unknown;
    try {
      simulate(gated, options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OptionsError);
    expect((caught as OptionsError).issues).toEqual([
      expect.objectContaining({
        code: "unsupported_in_simulation",
        at: "$.contract.tranches[0]",
        message: expect.stringContaining("give the distribution of dropout (period p1) a measurement model"),
      }),
    ]);
  });
});

/**
 * Statistical options in the simulation: each run's result carries a measurement drawn with its value (the effect
 * against the counterfactual, with the stated standard error, by the normal approximation), and the gate prices it
 * exactly as `settle` prices a verified result carrying the same measurement.
 */
describe("a significance gate in the simulation", () => {
  const gated = parseContract(
    contractJson({
      tranches: [tranche({ statistics: { significance: { level: "0.05", test: "one-sided" } } } as never)],
    }),
  );
  const settledOn = (value: string, standardError: number) => {
    const measurement = normalMeasurementRecord(value, "lower", {
      counterfactual: 20,
      standardError,
      confidence: 0.95,
    });
    const event = { ...verified("r1", "dropout", "p1", value), measurement };
    return settle(gated, [event], { asOf: "2029-12-31" }).totals.earned.amount;
  };
  const simulatedOn = (value: number, standardError: number) =>
    simulate(gated, {
      runs: 5,
      seed: 3,
      results: [
        { metric: "dropout", distribution: { type: "samples", values: [value] }, measurement: { standardError } },
      ],
    }).totalPayments;

  it("pays when the drawn effect is significant, and nothing when it is not, as settle does", () => {
    // 17 against a baseline of 20: z = −3 with a standard error of 1 (p = 0.0013), −0.6 with 5 (p = 0.27)
    const significant = simulatedOn(17, 1);
    expect(significant.min).toEqual(significant.max);
    expect(significant.min.amount).toBe(settledOn("17", 1));
    expect(Number(significant.min.amount)).toBeGreaterThan(0);
    const not = simulatedOn(17, 5);
    expect(not.max.amount).toBe(settledOn("17", 5));
    expect(not.max.amount).toBe("0.00");
  });

  it("a run's payments equal settle's on any drawn value and standard error", () => {
    const plan = planSimulation(gated, {
      runs: 1,
      seed: 1,
      results: [
        { metric: "dropout", distribution: { type: "samples", values: [17] }, measurement: { standardError: 1 } },
      ],
    });
    fc.assert(
      fc.property(tenths, fc.double({ min: 0.05, max: 10, noNaN: true }), (value, standardError) => {
        const measurement = normalMeasurementRecord(value, "lower", {
          counterfactual: 20,
          standardError,
          confidence: 0.95,
        });
        const key = "dropout|period:p1";
        const fast = runReceipts(plan, new Map([[key, value]]), new Map(), new Map([[key, measurement]]));
        const event = { ...verified("r1", "dropout", "p1", value), measurement };
        expect(fast).toEqual(receiptsOf(settle(gated, [event], { asOf: "2029-12-31" })));
      }),
      { numRuns: 100 },
    );
  });

  it("a measurement model that is not one is an OptionsError at its path", () => {
    let caught: unknown;
    try {
      simulate(gated, {
        runs: 5,
        seed: 3,
        results: [
          {
            metric: "dropout",
            distribution: { type: "samples", values: [17] },
            measurement: { standardError: 0, counterfactual: Number.NaN, confidence: 1.5 },
          },
        ],
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OptionsError);
    expect((caught as OptionsError).issues.map((found) => [found.code, found.at])).toEqual([
      ["invalid_measurement", "$.results[0].measurement.standardError"],
      ["invalid_measurement", "$.results[0].measurement.counterfactual"],
      ["invalid_measurement", "$.results[0].measurement.confidence"],
    ]);
  });
});
