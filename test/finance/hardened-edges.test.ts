import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  cashFlows,
  investorReturns,
  npvAt,
  OptionsError,
  parseContract,
  simulate,
  timedFlows,
  xirr,
  type Finance,
  type InputIssue,
  type Settlement,
  type SimulationOptions,
  type TimedFlow,
} from "../../src/index.js";
import { financeContract, financeContractJson, settleWith } from "./finance-builder.js";

/**
 * Hardened edges of the investors' side: the numeric functions refuse NaN and Infinity with an OptionsError
 * instead of answering on them; amounts beyond the largest one computed exactly in minor units are refused
 * where they arrive; the simulation's options are checked before a run starts.
 */

const summary = (issues: readonly InputIssue[]) => issues.map((found) => [found.code, found.at, found.message]);
function refused(call: () => unknown): (string | number)[][] {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError);
    return summary((error as OptionsError).issues);
  }
  throw new Error("expected an OptionsError");
}

const FINANCE: Finance = {
  investors: [
    {
      party: "senior",
      commitment: "1000.00",
      fundedParty: "provider",
      drawdowns: [{ date: "2020-01-01", amount: "1000.00" }],
    },
  ],
  waterfall: {
    pool: ["spv"],
    steps: [{ type: "principal", investors: ["senior"] }],
    excess: [{ party: "provider", share: "100%" }],
  },
};
const contract = financeContract([{ id: "t1", dueDate: "2021-01-01" }], FINANCE, "EUR");

describe("xirr, npvAt and timedFlows refuse what is not a finite number", () => {
  it("xirr on a NaN amount: refused at the flow, not answered none/out-of-range", () => {
    expect(
      refused(() =>
        xirr([
          { t: 0, amount: Number.NaN },
          { t: 1, amount: 110 },
        ]),
      ),
    ).toEqual([["not_finite", "$[0].amount", "the amount must be a finite number, got a number (NaN)"]]);
  });

  it("xirr on an infinite time, and on a flow that is not an object", () => {
    expect(refused(() => xirr([{ t: Number.POSITIVE_INFINITY, amount: -100 }, 5 as unknown as TimedFlow]))).toEqual([
      ["not_finite", "$[0].t", "the time t (in years) must be a finite number, got a number (Infinity)"],
      ["invalid_type", "$[1]", "expected a flow ({ t, amount }), got the number 5"],
    ]);
  });

  it("npvAt at −200%: refused (it was null), and at −100%", () => {
    const flows = [
      { t: 0, amount: -100 },
      { t: 1, amount: 110 },
    ];
    expect(refused(() => npvAt(flows, -2))).toEqual([
      [
        "invalid_rate",
        "$.rate",
        "the rate must be a finite number above −1 (−100%), e.g. 0.05 for 5%, got the number -2",
      ],
    ]);
    expect(refused(() => npvAt(flows, -1))[0]![0]).toBe("invalid_rate");
    expect(refused(() => npvAt(flows, Number.NaN))[0]![2]).toBe(
      "the rate must be a finite number above −1 (−100%), e.g. 0.05 for 5%, got a number (NaN)",
    );
    expect(npvAt(flows, 0.1)).toBeCloseTo(0, 9);
  });

  it("npvAt whose value passes the range of a double", () => {
    const flows = [
      { t: 0, amount: -100 },
      { t: 100, amount: 1e300 },
    ];
    expect(refused(() => npvAt(flows, -0.9999))).toEqual([
      [
        "not_finite",
        "$.rate",
        "at the rate -0.9999 the NPV of these flows passes the range of a double (about 1.8e308): choose a rate further from −100%",
      ],
    ]);
  });

  it("timedFlows on an infinite amount, and on flows that add up beyond the doubles", () => {
    expect(refused(() => timedFlows([{ day: 0, amount: Number.NEGATIVE_INFINITY }]))).toEqual([
      ["not_finite", "$[0].amount", "the amount must be a finite number, got a number (-Infinity)"],
    ]);
    expect(
      refused(() =>
        timedFlows([
          { day: 0, amount: 1e308 },
          { day: 0, amount: 1e308 },
        ]),
      ),
    ).toEqual([["not_finite", "$", "flows at the same time add up beyond the range of a double (about 1.8e308)"]]);
    expect(refused(() => timedFlows("flows" as never))).toEqual([
      ["invalid_type", "$", 'expected a list of flows ({ day, amount }), got the text "flows"'],
    ]);
  });
});

describe("returns and cash flows", () => {
  const flows = cashFlows(contract, settleWith(contract, { t1: "1500" }));

  it("investorReturns with a bigint discount rate: an OptionsError, not 'Do not know how to serialize a BigInt'", () => {
    expect(refused(() => investorReturns(flows, { discountRate: 5n as unknown as string }))).toEqual([
      [
        "invalid_rate",
        "$.discountRate",
        'discountRate must be an annual rate above −100% written as a string, e.g. "5%" or "0.05"; got a bigint',
      ],
    ]);
  });

  it("an NPV at a rate so close to −100% that it passes the largest amount is refused, not a RangeError", () => {
    expect(refused(() => investorReturns(flows, { discountRate: "-99.9999999999%" }))).toEqual([
      [
        "amount_too_large",
        "$.discountRate",
        "at a discount rate of -99.9999999999% the NPV of senior's flows is about 1.08e+15 EUR, beyond 9999999999999.99, the largest amount the library computes exactly: choose a rate further from −100%",
      ],
    ]);
  });

  it("a settlement that earns beyond the largest amount (built by hand): cashFlows refuses it as not settle's", () => {
    const settlement = settleWith(contract, { t1: "1500" });
    const line = settlement.tranches[0]!.lines[0]!;
    const big = {
      ...settlement,
      tranches: [
        {
          ...settlement.tranches[0]!,
          lines: [{ ...line, earned: { amount: "250000000000000000000000.00", currency: "EUR" } }],
        },
      ],
    } as Settlement;
    expect(() => cashFlows(contract, big)).toThrow(ArgumentError);
    expect(() => cashFlows(contract, big)).toThrow(/not_a_settlement|settle did not return/);
  });

  it("outcome payments whose sums would pass 2^53 minor units are refused before the waterfall adds them", () => {
    const many = financeContract(
      Array.from({ length: 10 }, (_, index) => ({ id: `t${index}`, dueDate: "2021-01-01" })),
      FINANCE,
      "EUR",
    );
    const values = Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`t${index}`, "9000000000000.00"]));
    expect(refused(() => cashFlows(many, settleWith(many, values)))).toEqual([
      [
        "amount_too_large",
        "$.settlement",
        "the outcome payments of this settlement (received, then distributed), the commitments and the guarantee limits add up to more than 2^53 − 1 minor units: the investors' side adds whole minor units exactly only below that",
      ],
    ]);
  });
});

describe("simulate's options", () => {
  const good: SimulationOptions = {
    runs: 10,
    seed: 1,
    results: [{ metric: "outcome", distribution: { type: "normal", mean: 500, sd: 50 } }],
  };

  it('percentiles given as the text "5,95": an OptionsError, not "….entries is not a function"', () => {
    expect(refused(() => simulate(contract, { ...good, percentiles: "5,95" as never }))).toEqual([
      [
        "invalid_percentile",
        "$.percentiles",
        'percentiles must be a list of numbers from 0 to 100, e.g. [5, 50, 95], got the text "5,95"',
      ],
    ]);
  });

  it("runs, seed, a percentile, a result entry and onProgress of the wrong kind, each named", () => {
    expect(
      refused(() =>
        simulate(contract, {
          ...good,
          runs: 2.5,
          seed: -1,
          percentiles: [50, Number.NaN],
          results: [null as never],
          onProgress: "yes" as never,
        }),
      ),
    ).toEqual([
      ["invalid_runs", "$.runs", "runs must be a whole number from 1 to 100,000,000, got the number 2.5"],
      ["invalid_seed", "$.seed", "seed must be a whole number from 0 to 4294967295, got the number -1"],
      ["invalid_percentile", "$.percentiles[1]", "a percentile is a number from 0 to 100, got a number (NaN)"],
      ["invalid_type", "$.onProgress", 'onProgress must be a function called with (done, total), got the text "yes"'],
      ["invalid_type", "$.results[0]", "expected a result's distribution ({ metric, distribution }), got null"],
      ["missing_distribution", "$.results", "no distribution for outcome in period p-t1: a tranche depends on it"],
    ]);
  });

  it("payer shares of 20 decimals: every run splits them exactly as settle does (the one plan, in bigint)", () => {
    const json = financeContractJson([{ id: "t1", dueDate: "2021-01-01" }], FINANCE, "EUR");
    const precise = parseContract({
      ...json,
      tranches: [
        {
          ...json.tranches[0]!,
          payers: [
            { party: "city", share: "0.33333333333333333333" },
            { party: "fund", share: "0.66666666666666666667" },
          ],
        },
      ],
    });
    const simulated = simulate(precise, {
      runs: 3,
      seed: 1,
      results: [{ metric: "outcome", distribution: { type: "samples", values: [1500] } }],
    });
    const settled = settleWith(precise, { t1: "1500" });
    for (const { party, cost } of simulated.byPayer) {
      const paid = settled.totals.byPayer.find((entry) => entry.party === party)!.earned;
      expect([cost.min, cost.max]).toEqual([paid, paid]);
    }
    expect(simulated.byPayer.map((entry) => entry.cost.max.amount)).not.toEqual(["0.00", "0.00"]);
  });

  it("a run whose results price a tranche beyond the largest amount is refused, not rounded by a number", () => {
    expect(
      refused(() =>
        simulate(contract, {
          ...good,
          results: [{ metric: "outcome", distribution: { type: "normal", mean: 1e20, sd: 1 } }],
        }),
      ),
    ).toEqual([
      [
        "amount_too_large",
        "$.results",
        'the results drawn in a run price tranche "t1" above 9999999999999.99 EUR (10^15 minor units), the largest amount the simulation computes exactly: narrow the distributions, or cap the tranche',
      ],
    ]);
  });
});
