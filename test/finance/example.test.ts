import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  explainCashFlows,
  irrText,
  parseContract,
  runScenarios,
  scenariosTable,
  simulate,
  simulationTable,
  xirr,
} from "../../src/index.js";
import { irrWords, simulationText } from "../../src/report/finance-tables.js";

/** The hand check of examples/fis-investors/README.md, figure by figure. */

const contract = parseContract(
  JSON.parse(readFileSync(new URL("../../examples/fis-investors/contract.json", import.meta.url), "utf8")),
);
const years = ["as-2026-27", "as-2027-28", "as-2028-29"];
const scenario = (name: string, values: readonly string[]) => ({
  name,
  results: years.map((period, index) => ({ metric: "dropout-rate", period, value: values[index]! })),
});
const [downside, base] = runScenarios(
  contract,
  [scenario("downside", ["19.4", "19.0", "18.8"]), scenario("base", ["18.2", "17.8", "17.6"])],
  { discountRate: "4%" },
);
const paid = (flows: NonNullable<typeof base>["cashFlows"], kind: string, to: string) =>
  flows!.flows
    .filter((flow) => flow.kind === kind && flow.to === to)
    .map((flow) => `${flow.date} ${flow.amount.amount}`);

describe("FIS example with investors: the README's hand check", () => {
  it("base: 168,000 + 192,000 + 204,000 earned; 80% pooled", () => {
    expect(base?.totalCost.amount).toBe("564000.00");
    expect(
      base?.cashFlows?.flows
        .filter((flow) => flow.kind === "pooled")
        .reduce((acc, flow) => acc + Number(flow.amount.amount), 0),
    ).toBe(451_200);
  });

  it("base: the bank's principal and 4% return, the foundation's principal and capped return, the excess 50/35/15", () => {
    const flows = base!.cashFlows;
    expect(paid(flows, "principal", "banca")).toEqual(["2027-11-30 134400.00", "2028-11-30 115600.00"]);
    expect(paid(flows, "return", "banca")).toEqual(["2028-11-30 12414.91"]);
    expect(paid(flows, "principal", "investor")).toEqual(["2028-11-30 25585.09", "2029-11-30 124414.91"]);
    expect(paid(flows, "return", "investor")).toEqual(["2029-11-30 25000.00"]);
    expect(["coop", "fis", "comune"].flatMap((party) => paid(flows, "excess", party))).toEqual([
      "2029-11-30 6892.55",
      "2029-11-30 4824.78",
      "2029-11-30 2067.76",
    ]);
    const rateOf = (party: string) => {
      const irr = base!.investors.find((entry) => entry.party === party)!.irr;
      return irr.kind === "rate" ? irr.rate : Number.NaN;
    };
    // 4% up to the rounding of the return to the cent
    expect(rateOf("banca")).toBeCloseTo(0.04, 7);
    expect((rateOf("investor") * 100).toFixed(2)).toBe("5.72");
  });

  it("downside: the bank gets 201,600 back and the guarantee the 48,400 left; the foundation loses 150,000", () => {
    const flows = downside!.cashFlows!;
    expect(paid(flows, "guarantee", "banca")).toEqual(["2029-12-31 48400.00"]);
    expect(flows.investors.map((entry) => [entry.party, entry.net.amount])).toEqual([
      ["banca", "0.00"],
      ["investor", "-150000.00"],
    ]);
    expect(downside!.investors.find((entry) => entry.party === "investor")!.irr).toEqual({
      kind: "none",
      reason: "all-one-sign",
    });
  });

  it("the explanation names every step with its figures", () => {
    const text = explainCashFlows(base!.cashFlows!);
    expect(text).toContain("2028-11-30  step 2, return: pool EUR 38,000.00 → EUR 25,585.09");
    expect(text).toContain("banca owed EUR 12,414.91, paid EUR 12,414.91");
    expect(text).toContain("at most 25,000.00 in total over the contract");
    expect(text).toContain("2029-12-31  guarantee 1 by garante: loss banca EUR 0.00");
  });

  it("the explanation counts waterfall steps from 1; the records keep the 0-based index", () => {
    const flows = base!.cashFlows!;
    const first = flows.steps.find((step) => step.kind === "waterfall-step" && step.step === 0)!;
    expect(first).toMatchObject({ date: "2027-11-30", type: "principal" });
    const text = explainCashFlows(flows);
    expect(text).toContain("2027-11-30  step 1, return of principal: pool EUR ");
    expect(text).not.toMatch(/ step 0,/);
  });

  it("the explanation counts guarantees from 1; the record keeps the 0-based index", () => {
    const flows = base!.cashFlows!;
    expect(flows.steps.filter((step) => step.kind === "guarantee").map((step) => step.guarantee)).toEqual([0]);
    const text = explainCashFlows(flows);
    expect(text).toContain("  guarantee 1 by garante:");
    expect(text).not.toContain("guarantee 0");
  });
});

describe("the tables", () => {
  it("scenariosTable: one row per scenario with each payer's cost, the total and each investor's net, multiple and IRR", () => {
    const lines = scenariosTable([downside!, base!]).split("\n");
    expect(lines[0]).toMatch(
      /^scenario \(EUR\)\s+fis pays\s+comune pays\s+total cost\s+banca net\s+banca multiple\s+banca IRR\s+investor net/,
    );
    expect(lines[2]).toMatch(
      /^downside\s+176,400.00\s+75,600.00\s+252,000.00\s+0.00\s+1.0000\s+0.00%\s+-150,000.00\s+0.0000\s+none \(one sign\)$/,
    );
    expect(lines[3]).toMatch(
      /^base\s+394,800.00\s+169,200.00\s+564,000.00\s+12,414.91\s+1.0497\s+4.00%\s+25,000.00\s+1.1667\s+5.72%$/,
    );
    expect(scenariosTable([])).toBe("no scenarios");
  });

  it("simulationTable: the mean and percentiles, then P(loss) and IRR percentiles", () => {
    const result = simulate(contract, {
      runs: 100,
      seed: 3,
      results: [{ metric: "dropout-rate", distribution: { type: "samples", values: [17.6] } }],
    });
    const text = simulationTable(result);
    // every run is the base case's last year thrice: 204,000 × 3 = 612,000, capped at 600,000
    expect(text).toMatch(/total outcome payments\s+600,000.00\s+600,000.00/);
    expect(text).toMatch(/banca\s+0.00%\s+0\s+4.00%/);
    expect(text).not.toMatch(/undetermined/);
  });

  it("simulationTable: runs whose IRR is undetermined are noted under the IRR table, for each investor that has any", () => {
    const result = simulate(contract, {
      runs: 10,
      seed: 3,
      results: [{ metric: "dropout-rate", distribution: { type: "samples", values: [17.6] } }],
    });
    const [banca, investor] = result.investors;
    // no contract of the examples has runs with an undetermined IRR: the table's text is written from a changed result
    const text = simulationText({
      ...result,
      investors: [
        { ...banca!, irr: { ...banca!.irr, runsWithRate: 7, runsUndetermined: 3 } },
        { ...investor!, irr: { ...investor!.irr, runsWithRate: 9, runsUndetermined: 1 } },
      ],
    });
    expect(text.split("\n").slice(-2)).toEqual([
      "(banca: 3 runs left out, with an IRR undetermined: roots too close to tell apart in double precision.)",
      "(investor: 1 run left out, with an IRR undetermined: roots too close to tell apart in double precision.)",
    ]);
  });

  it("irrText: a rate, several, why there is none, or why none can be given", () => {
    const flows = (...amounts: number[]) => amounts.map((amount, t) => ({ t, amount }));
    expect(irrText(xirr(flows(-1000, 1057.2)))).toBe("5.72%");
    expect(irrText(xirr(flows(-1000, 4020, -4040)))).toBe("several (100.00%, 102.00%)");
    // roots at 10% and at 2·10⁹, beyond the rates searched: x = 1/(1 + r) solves (x − 1/1.1)(x − 1/(2·10⁹ + 1)) = 0
    const [x1, x2] = [1 / 1.1, 1 / (2e9 + 1)];
    expect(irrText(xirr(flows(x1 * x2 * 1e10, -(x1 + x2) * 1e10, 1e10)))).toBe(
      "several (10.00%, and 1 beyond the range searched)",
    );
    expect(irrText(xirr(flows(-100, 200, -100)))).toBe("undetermined (roots too close to tell apart, near 0.00%)");
    expect(irrText(xirr(flows(-1, -1)))).toBe("none (one sign)");
    expect(irrText(xirr(flows(-1, 1, -1)))).toBe("none");
    expect(irrText(xirr(flows(-1, 1e12)))).toBe("out of range");
  });

  it("irrText writes a rate that rounds to zero as 0.00%, whatever its sign", () => {
    expect(irrWords({ kind: "rate", rate: -1e-9 })).toBe("0.00%");
    expect(irrWords({ kind: "undetermined", reason: "roots-too-close", near: -1e-18 })).toBe(
      "undetermined (roots too close to tell apart, near 0.00%)",
    );
  });
});
