import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  cashFlows,
  investorReturns,
  OptionsError,
  parseContract,
  partyReturns,
  runScenarios,
  scenariosTable,
  simulate,
  simulationTable,
  xirr,
  type Scenario,
} from "../../src/index.js";

/**
 * The finance results the reports render are the library's own: frozen, known as issued, and taken back only as
 * they were returned. The functions that make them check what they are given with typed errors.
 */

const investors = parseContract(
  JSON.parse(readFileSync(new URL("../../examples/fis-investors/contract.json", import.meta.url), "utf8")),
);
const years = ["as-2026-27", "as-2027-28", "as-2028-29"];
const scenario = (name: string, value: string): Scenario => ({
  name,
  results: years.map((period) => ({ metric: "dropout-rate", period, value })),
});
const [base] = runScenarios(investors, [scenario("base", "17.8")], { discountRate: "4%" });

/** The error `call` throws, as its class (one of the library's) and each issue's code and path. */
function refusal(call: () => unknown): [string, string[][]] {
  try {
    call();
  } catch (error) {
    const kind = error instanceof ArgumentError ? "ArgumentError" : error instanceof OptionsError ? "OptionsError" : "";
    return [kind, (error as OptionsError).issues.map((found) => [found.code, found.at])];
  }
  throw new Error("expected an error");
}

describe("the results are frozen and the library's own", () => {
  it("xirr: frozen, rates included", () => {
    const several = xirr([
      { t: 0, amount: -1000 },
      { t: 1, amount: 4020 },
      { t: 2, amount: -4040 },
    ]);
    expect(several.kind).toBe("multiple");
    expect(Object.isFrozen(several)).toBe(true);
    if (several.kind === "multiple") expect(Object.isFrozen(several.rates)).toBe(true);
  });

  it("a scenario outcome carries a settlement and cash flows the other functions take", () => {
    expect(Object.isFrozen(base)).toBe(true);
    expect(cashFlows(investors, base!.settlement).flows).toEqual(base!.cashFlows!.flows);
    expect(investorReturns(base!.cashFlows!, { discountRate: "4%" })).toEqual(base!.investors);
    expect(scenariosTable([base!])).toContain("base");
  });

  it("a simulation, run here, is taken by simulationTable", () => {
    const result = simulate(investors, {
      runs: 10,
      seed: 2,
      results: [{ metric: "dropout-rate", distribution: { type: "samples", values: [17.6, 18.4] } }],
    });
    expect(Object.isFrozen(result)).toBe(true);
    expect(simulationTable(result)).not.toMatch(/NaN|Infinity/);
  });
});

describe("partyReturns and investorReturns take cash flows cashFlows returned", () => {
  it("not_cash_flows, at $.flows, for a copy", () => {
    const copied = structuredClone(base!.cashFlows!);
    expect(refusal(() => partyReturns(copied, "banca", { discountRate: "4%" }))).toEqual([
      "ArgumentError",
      [["not_cash_flows", "$.flows"]],
    ]);
    expect(refusal(() => investorReturns(undefined as never, { discountRate: "4%" }))).toEqual([
      "ArgumentError",
      [["not_cash_flows", "$.flows"]],
    ]);
  });

  it("a party that is not a text has no flows: unknown_party, without reading it as text", () => {
    const party = Object.create(null) as never;
    expect(refusal(() => partyReturns(base!.cashFlows!, party, { discountRate: "4%" }))).toEqual([
      "OptionsError",
      [["unknown_party", "$.party"]],
    ]);
  });
});

describe("runScenarios reads each scenario as an object with a list of results: invalid_type", () => {
  const options = { discountRate: "4%" };

  it("a scenario that is not an object", () => {
    expect(refusal(() => runScenarios(investors, [null, scenario("base", "17.8")] as never, options))).toEqual([
      "OptionsError",
      [["invalid_type", "$[0]"]],
    ]);
  });

  it("results that are not a list, or a result that is not an object (a hole included)", () => {
    const results = [{ metric: "dropout-rate", period: "as-2026-27", value: "18" }, "18"];
    results.length = 3;
    expect(
      refusal(() =>
        runScenarios(investors, [{ name: "a", results: "18" } as never, { name: "b", results } as never], options),
      ),
    ).toEqual([
      "OptionsError",
      [
        ["invalid_type", "$[0].results"],
        ["invalid_type", "$[1].results[1]"],
        ["invalid_type", "$[1].results[2]"],
      ],
    ]);
  });
});
