import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ArgumentError, cashFlows, dealOutlook, parseContract, runScenarios, type Contract } from "../../src/index.js";

const read = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${path}`, import.meta.url), "utf8"));

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("cashFlows and dealOutlook: arguments the library did not issue", () => {
  const contract = parseContract(read("fis-investors/contract.json"));
  const outcome = runScenarios(
    contract,
    [{ name: "base", results: [{ metric: "dropout-rate", period: "as-2026-27", value: "18.2" }] }],
    { discountRate: "4%" },
  )[0];

  it("cashFlows refuses a changed copy of a settlement (not_a_settlement at $.settlement) and leaves it as it was", () => {
    const copy = structuredClone(outcome?.settlement) as { asOf: unknown };
    copy.asOf = ["2030-01-31"];
    const error = caught(() => cashFlows(contract, copy as never));
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as ArgumentError).issues.map((found) => `${found.at} ${found.code}`)).toEqual([
      "$.settlement not_a_settlement",
    ]);
    expect(Object.isFrozen(copy.asOf)).toBe(false);
  });

  it("cashFlows takes the settlement settle returned", () => {
    expect(cashFlows(contract, outcome?.settlement as never).contractId).toBe(contract.id);
  });

  it("dealOutlook with no measurement is a typed error, not a TypeError", () => {
    const design = read("fis-three-stages/1-design.json") as Contract;
    for (const measurement of [null, undefined]) {
      const error = caught(() =>
        dealOutlook(design, measurement as never, {
          metric: "dropout-rate",
          amounts: { atThreshold: "120000.00", atTarget: "240000.00" },
          runs: 20,
          seed: 1,
        }),
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(TypeError);
      expect(
        (error as { issues?: readonly { at: string }[] }).issues?.some((found) => found.at.startsWith("$.measurement")),
      ).toBe(true);
    }
  });
});
