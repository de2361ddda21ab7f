import { describe, expect, it } from "vitest";
import {
  cashFlows,
  ContractError,
  OptionsError,
  partyReturns,
  investorReturns,
  runScenarios,
  safeParseContract,
  simulate,
  type Contract,
  type Finance,
  type InputIssue,
  type SimulationOptions,
} from "../../src/index.js";
import { simulateInWorkers } from "../../src/node/index.js";
import { financeContract, financeContractJson, settleWith } from "./finance-builder.js";

/** Every message a user can meet on the investors' side: code, JSON path and words. */

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
const TRANCHES = [{ id: "t1", dueDate: "2021-01-01" }];

/** The issues of a contract whose finance section is `finance` (after `change`). */
function issuesOf(change: (finance: Record<string, unknown>) => void): InputIssue[] {
  const finance = structuredClone(FINANCE) as unknown as Record<string, unknown>;
  change(finance);
  const result = safeParseContract(financeContractJson(TRANCHES, finance as unknown as Finance));
  if (result.success) throw new Error("expected the contract to be rejected");
  return [...result.error.issues];
}
const only = (issues: InputIssue[]) => {
  expect(issues).toHaveLength(1);
  return issues[0]!;
};
// biome-ignore lint/suspicious/noExplicitAny: test inputs are built as loose JSON, wrong on purpose
type Json = Record<string, any>;

describe("the finance section of a contract", () => {
  it("the finance section of the tests is valid", () => {
    expect(safeParseContract(financeContractJson(TRANCHES, FINANCE)).success).toBe(true);
  });

  it("unknown party as an investor", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.investors[0].party = "ghost";
        f.waterfall.steps[0].investors = ["ghost"];
      }),
    );
    expect(found).toMatchObject({
      code: "unknown_party",
      at: "$.finance.investors[0].party",
      message: 'unknown party "ghost": declare it under parties',
    });
  });

  it("an investor without the role investor", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.investors[0].party = "provider";
        f.waterfall.steps[0].investors = ["provider"];
      }),
    );
    expect(found).toMatchObject({
      code: "not_an_investor",
      at: "$.finance.investors[0].party",
      message: 'party "provider" commits capital but lacks the role investor',
    });
  });

  it("an investor listed twice", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.investors.push(structuredClone(f.investors[0]));
      }),
    );
    expect(found).toMatchObject({
      code: "duplicate_party",
      at: "$.finance.investors[1].party",
      message: 'investor "senior" is listed twice',
    });
  });

  it("an investor listed twice in a step or a guarantee", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.guarantees = [{ guarantor: "philanthropy", covers: ["senior", "senior"], share: "100%", limit: "10.00" }];
      }),
    );
    expect(found).toMatchObject({
      code: "duplicate_party",
      at: "$.finance.guarantees[0].covers[1]",
      message: 'investor "senior" is listed twice',
    });
  });

  it("drawdowns above the commitment", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.investors[0].drawdowns.push({ date: "2020-06-01", amount: "0.01" });
      }),
    );
    expect(found).toMatchObject({
      code: "drawdowns_above_commitment",
      at: "$.finance.investors[0].drawdowns",
      message: "the drawdowns add up to 1000.01, more than the commitment of 1000.00",
    });
  });

  it("a drawdown of zero", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.investors[0].drawdowns.push({ date: "2020-06-01", amount: "0" });
      }),
    );
    expect(found).toMatchObject({
      code: "zero_drawdown",
      at: "$.finance.investors[0].drawdowns[1].amount",
      message: "a drawdown of zero calls no capital: leave it out",
    });
  });

  it("a negative commitment, and cents below the minor unit", () => {
    expect(
      issuesOf((f: Json) => {
        f.investors[0].commitment = "-5.00";
      }),
    ).toContainEqual(
      expect.objectContaining({
        code: "negative_amount",
        at: "$.finance.investors[0].commitment",
        message: "the commitment cannot be negative",
      }),
    );
    const found = only(
      issuesOf((f: Json) => {
        f.investors[0].drawdowns[0].amount = "999.999";
      }),
    );
    expect(found).toMatchObject({
      code: "sub_minor_unit",
      at: "$.finance.investors[0].drawdowns[0].amount",
      message: "a drawdown 999.999 has more than 2 decimal places for USD",
    });
  });

  it("money as a JSON number", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.investors[0].commitment = 1000;
      }),
    );
    expect(found).toMatchObject({ code: "float_money", at: "$.finance.investors[0].commitment" });
  });

  it("a pool party that receives no outcome payment", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.waterfall.pool = ["provider"];
      }),
    );
    expect(found).toMatchObject({
      code: "pool_not_recipient",
      at: "$.finance.waterfall.pool[0]",
      message: 'party "provider" receives no outcome payment under any tranche, so it brings nothing to the waterfall',
    });
  });

  it("a step naming a party that is not an investor of the section", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.waterfall.steps.push({ type: "return", investors: ["junior"], rate: "5%" });
      }),
    );
    expect(found).toMatchObject({
      code: "unknown_investor",
      at: "$.finance.waterfall.steps[1].investors[0]",
      message: '"junior" is not an investor of the finance section: list it under finance.investors',
    });
  });

  it("a return step with neither rate nor cap", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.waterfall.steps.push({ type: "return", investors: ["senior"] });
      }),
    );
    expect(found).toMatchObject({
      code: "return_without_limit",
      at: "$.finance.waterfall.steps[1]",
      message: 'a return step needs a "rate" (an IRR it pays up to), a "cap" (an amount), or both',
    });
  });

  it("a performance fee above 100%", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.waterfall.steps.push({ type: "performance-fee", party: "spv", share: "120%" });
      }),
    );
    expect(found).toMatchObject({
      code: "share_above_100",
      at: "$.finance.waterfall.steps[1].share",
      message: "a performance fee is at most 100%",
    });
  });

  it("a fee to an unknown party", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.waterfall.steps.push({ type: "management-fee", party: "bank", rate: "1%" });
      }),
    );
    expect(found).toMatchObject({ code: "unknown_party", at: "$.finance.waterfall.steps[1].party" });
  });

  it("an investor no step repays", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.waterfall.steps = [];
      }),
    );
    expect(found).toMatchObject({
      code: "investor_not_repaid",
      at: "$.finance.investors[0].party",
      message: 'investor "senior" has no principal step in the waterfall, so its capital would never be repaid',
    });
  });

  it("excess shares that do not add up to 100%", () => {
    const found = only(
      issuesOf((f: Json) => {
        f.waterfall.excess = [
          { party: "provider", share: "60%" },
          { party: "city", share: "30%" },
        ];
      }),
    );
    expect(found).toMatchObject({
      code: "shares_not_100",
      at: "$.finance.waterfall.excess",
      message: "the excess shares add up to 90%, not 100%",
    });
  });

  it("a guarantee: unknown guarantor, unknown covered investor, share above 100%", () => {
    const issues = issuesOf((f: Json) => {
      f.guarantees = [{ guarantor: "bank", covers: ["junior"], share: "150%", limit: "10.00" }];
    });
    expect(issues.map((found) => [found.code, found.at])).toEqual([
      ["unknown_party", "$.finance.guarantees[0].guarantor"],
      ["unknown_investor", "$.finance.guarantees[0].covers[0]"],
      ["share_above_100", "$.finance.guarantees[0].share"],
    ]);
    expect(issues[2]?.message).toBe("the share of a loss a guarantee covers is at most 100%");
  });

  it("an unknown kind of step, and an unknown key", () => {
    expect(
      only(
        issuesOf((f: Json) => {
          f.waterfall.steps[0] = { type: "coupon", investors: ["senior"] };
        }),
      ),
    ).toMatchObject({
      code: "unknown_type",
      at: "$.finance.waterfall.steps[0].type",
      message: "expected a waterfall step whose type is principal, return, management-fee or performance-fee",
    });
    expect(
      only(
        issuesOf((f: Json) => {
          f.waterfall.senior = true;
        }),
      ),
    ).toMatchObject({ code: "unknown_key", at: "$.finance.waterfall" });
  });

  it("empty lists: investors, drawdowns, pool, excess", () => {
    expect(
      only(
        issuesOf((f: Json) => {
          f.investors[0].drawdowns = [];
        }),
      ),
    ).toMatchObject({ code: "empty", at: "$.finance.investors[0].drawdowns", message: "list at least one drawdown" });
    expect(
      only(
        issuesOf((f: Json) => {
          f.waterfall.excess = [];
        }),
      ),
    ).toMatchObject({ code: "empty", at: "$.finance.waterfall.excess", message: "say who gets the excess" });
  });
});

describe("cashFlows and returns", () => {
  const contract = financeContract(TRANCHES, FINANCE);
  const settlement = settleWith(contract, { t1: "500" });

  it("a contract with no finance section: finance_required", () => {
    const plain = financeContract(TRANCHES, undefined);
    expect(() => cashFlows(plain, settleWith(plain, { t1: "1" }))).toThrow(ContractError);
    try {
      cashFlows(plain, settleWith(plain, { t1: "1" }));
    } catch (error) {
      expect((error as ContractError).issues[0]).toMatchObject({ code: "finance_required", at: "$.finance" });
    }
  });

  it("a settlement of another contract: settlement_mismatch", () => {
    const other = { ...financeContract(TRANCHES, undefined), id: "another" };
    const foreign = settleWith(other, { t1: "1" });
    expect(() => cashFlows(contract, foreign)).toThrow(OptionsError);
    try {
      cashFlows(contract, foreign);
    } catch (error) {
      expect((error as OptionsError).issues[0]).toMatchObject({
        code: "settlement_mismatch",
        at: "$.settlement",
        message: 'the settlement is of contract "another", not "finance-test": settle this contract first',
      });
    }
  });

  it("a discount rate that is not a rate: invalid_rate", () => {
    const flows = cashFlows(contract, settlement);
    for (const rate of ["five", "-100%", 0.05] as unknown[]) {
      try {
        investorReturns(flows, { discountRate: rate as string });
        expect.unreachable();
      } catch (error) {
        expect((error as OptionsError).issues[0]).toMatchObject({ code: "invalid_rate", at: "$.discountRate" });
      }
    }
  });

  it("returns of a party with no flows: unknown_party", () => {
    try {
      partyReturns(cashFlows(contract, settlement), "evaluator", { discountRate: "5%" });
      expect.unreachable();
    } catch (error) {
      expect((error as OptionsError).issues[0]).toMatchObject({
        code: "unknown_party",
        at: "$.party",
        message: 'party "evaluator" has no cash flows under this contract',
      });
    }
  });
});

describe("simulate options", () => {
  const contract = financeContract(TRANCHES, FINANCE);
  const good: SimulationOptions = {
    runs: 10,
    seed: 1,
    results: [{ metric: "outcome", distribution: { type: "normal", mean: 500, sd: 50 } }],
  };
  const problems = (options: unknown): [string, string][] => {
    try {
      simulate(contract, options as SimulationOptions);
    } catch (error) {
      expect(error).toBeInstanceOf(OptionsError);
      return (error as OptionsError).issues.map((found) => [found.code, found.at]);
    }
    throw new Error("expected an OptionsError");
  };
  const distribution = (value: unknown) => ({ ...good, results: [{ metric: "outcome", distribution: value }] });

  it("runs, seed and percentiles out of range", () => {
    expect(problems({ ...good, runs: 0, seed: -1, percentiles: [50, 101] })).toEqual([
      ["invalid_runs", "$.runs"],
      ["invalid_seed", "$.seed"],
      ["invalid_percentile", "$.percentiles[1]"],
    ]);
  });

  it("a distribution for an unknown metric or period, a bad decimals, a duplicate, and a missing one", () => {
    expect(
      problems({
        ...good,
        results: [
          { metric: "outcome", period: "p9", distribution: { type: "normal", mean: 1, sd: 1 }, decimals: 1.5 },
          { metric: "score", distribution: { type: "normal", mean: 1, sd: 1 } },
        ],
      }),
    ).toEqual([
      ["unknown_period", "$.results[0].period"],
      ["invalid_decimals", "$.results[0].decimals"],
      ["unknown_metric", "$.results[1].metric"],
      ["missing_distribution", "$.results"],
    ]);
    expect(problems({ ...good, results: [...good.results, ...good.results] })).toEqual([
      ["duplicate_distribution", "$.results[1]"],
    ]);
    expect(
      problems({
        ...good,
        results: [{ metric: "outcome", cohort: "c1", distribution: { type: "normal", mean: 1, sd: 1 } }],
      }),
    ).toContainEqual(["unknown_cohort", "$.results[0].cohort"]);
    expect(problems({ runs: 1, seed: 1 })).toEqual([["required", "$.results"]]);
  });

  it("each kind of distribution checks its parameters", () => {
    for (const bad of [
      { type: "normal", mean: 1, sd: -1 },
      { type: "beta", alpha: 0, beta: 1 },
      { type: "beta", alpha: 1, beta: 1, min: 5, max: 5 },
      { type: "binomial", trials: 0.5, p: 0.5 },
      { type: "binomial", trials: 10, p: 0.5, per: Number.NaN },
      { type: "triangular", min: 1, mode: 5, max: 3 },
      { type: "samples", values: [] },
    ]) {
      expect(problems(distribution(bad))).toEqual([["invalid_distribution", "$.results[0].distribution"]]);
    }
    expect(problems(distribution({ type: "poisson", lambda: 3 }))).toEqual([
      ["unknown_type", "$.results[0].distribution.type"],
    ]);
  });

  it("worker threads: invalid_workers", async () => {
    await expect(simulateInWorkers(contract, good, { workers: 0 })).rejects.toMatchObject({
      issues: [{ code: "invalid_workers", at: "$.workers" }],
    });
  });
});

describe("runScenarios options", () => {
  const contract = financeContract(TRANCHES, FINANCE);
  const scenario = { name: "base", results: [{ metric: "outcome", period: "p-t1", value: "500" }] };
  const problems = (run: () => unknown): [string, string, string][] => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(OptionsError);
      return (error as OptionsError).issues.map((found) => [found.code, found.at, found.message]);
    }
    throw new Error("expected an OptionsError");
  };

  it("scenarios without a name or with the same name", () => {
    expect(
      problems(() => runScenarios(contract, [scenario, scenario, { ...scenario, name: "" }], { discountRate: "5%" })),
    ).toEqual([
      ["duplicate_scenario", "$[1].name", 'scenario "base" is already scenarios[0]'],
      ["required", "$[2].name", "give the scenario a name"],
    ]);
  });

  it("a result for an unknown period: the events' error, at its place in the scenarios", () => {
    const found = problems(() =>
      runScenarios(contract, [{ name: "x", results: [{ metric: "outcome", period: "p9", value: "1" }] }], {
        discountRate: "5%",
      }),
    );
    expect(found).toEqual([["unknown_period", "$[0].results[0].period", 'unknown period "p9"']]);
  });

  it("a contract without a verifier", () => {
    const json = financeContractJson(TRANCHES, FINANCE) as Contract;
    const noVerifier = { ...json, parties: json.parties.filter((party) => party.id !== "evaluator") };
    expect(problems(() => runScenarios(noVerifier, [scenario], { discountRate: "5%" }))).toEqual([
      [
        "no_verifier",
        "$",
        "scenarios record their results as verified, so the contract needs a party with the role verifier",
      ],
    ]);
  });
});
