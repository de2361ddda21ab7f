import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  checkProfile,
  ContractError,
  distributionSvg,
  distributionVegaLite,
  irrText,
  parseContract,
  parseEvents,
  paymentCurve,
  paymentCurveSvg,
  paymentCurveVegaLite,
  plainTextStyle,
  profileText,
  reportStyle,
  runScenarios,
  scenariosTable,
  settle,
  simulate,
  simulationTable,
  xirr,
  type Contract,
  type Scenario,
  type SimulationOptions,
} from "../../src/index.js";

/**
 * The finance tables, the charts and the profile text check their arguments: the value they render must be one
 * the library issued (not a copy, not a value read back from JSON), the style one of the library's, the words
 * texts, the currency one the library knows. Each refusal is an ArgumentError with a code and a path.
 */

const example = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${path}`, import.meta.url), "utf8"));
const fisJson = example("fis-dispersione/contract.json") as Contract;
const fis = parseContract(fisJson);
const settlement = settle(fis, parseEvents(example("fis-dispersione/events.json"), { contract: fis }), {
  asOf: "2028-03-31",
});
const t1 = settlement.tranches.find((tranche) => tranche.id === "t1")!;
const curve = paymentCurve(fis, "t1", t1)!;
const style = reportStyle("en", "EUR");

const investorsJson = example("fis-investors/contract.json") as Contract;
const investors = parseContract(investorsJson);
const years = ["as-2026-27", "as-2027-28", "as-2028-29"];
const scenario = (name: string, value: string): Scenario => ({
  name,
  results: years.map((period) => ({ metric: "dropout-rate", period, value })),
});
const outcomes = runScenarios(investors, [scenario("down", "19.0"), scenario("base", "17.8")], {
  discountRate: "4%",
});
const simulationOptions: SimulationOptions = {
  runs: 20,
  seed: 1,
  percentiles: [5, 50, 95],
  results: [{ metric: "dropout-rate", distribution: { type: "triangular", min: 15.5, mode: 17.8, max: 20.5 } }],
};
const simulation = simulate(investors, simulationOptions);
const irr = xirr([
  { t: 0, amount: -100 },
  { t: 1, amount: 110 },
]);
const report = checkProfile(fis, "fis");

/** A copy as JSON would give it back. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The code and path of each issue of the error `call` throws, which must be a `kind`. */
function refusal(call: () => unknown, kind: new (...args: never[]) => Error = ArgumentError): string[][] {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    return (error as ArgumentError).issues.map((found) => [found.code, found.at]);
  }
  throw new Error("expected an error");
}

describe("the values the library issued, and only those, are rendered", () => {
  it("irrText takes an IRR xirr returned: not_an_irr", () => {
    expect(irrText(irr)).toBe("10.00%");
    expect(irrText(outcomes[1]!.investors[0]!.irr)).toMatch(/%$/);
    expect(refusal(() => irrText(copy(irr)))).toEqual([["not_an_irr", "$.irr"]]);
    expect(refusal(() => irrText(undefined as never))).toEqual([["not_an_irr", "$.irr"]]);
  });

  it("xirr's result is frozen", () => {
    expect(Object.isFrozen(irr)).toBe(true);
  });

  it("scenariosTable takes a list (invalid_type) of outcomes runScenarios returned (not_a_scenario_outcome)", () => {
    expect(scenariosTable(outcomes)).toContain("down");
    expect(refusal(() => scenariosTable(outcomes[0] as never))).toEqual([["invalid_type", "$.outcomes"]]);
    expect(refusal(() => scenariosTable([outcomes[0]!, copy(outcomes[1]!), null as never]))).toEqual([
      ["not_a_scenario_outcome", "$.outcomes[1]"],
      ["not_a_scenario_outcome", "$.outcomes[2]"],
    ]);
  });

  it("scenariosTable takes outcomes in one currency: mixed_currencies", () => {
    const inPounds = runScenarios(parseContract({ ...investorsJson, currency: "GBP" }), [scenario("base", "17.8")], {
      discountRate: "4%",
    });
    expect(refusal(() => scenariosTable([outcomes[0]!, inPounds[0]!]))).toEqual([
      ["mixed_currencies", "$.outcomes[1]"],
    ]);
  });

  it("simulationTable takes a result simulate returned: not_a_simulation", () => {
    expect(simulationTable(simulation)).toContain("20 runs, seed 1 (EUR)");
    expect(refusal(() => simulationTable(copy(simulation)))).toEqual([["not_a_simulation", "$.result"]]);
  });

  it("profileText takes a report checkProfile returned: not_a_profile_report", () => {
    expect(profileText(report)).toContain("FIS profile");
    expect(refusal(() => profileText(copy(report)))).toEqual([["not_a_profile_report", "$.report"]]);
  });

  it("the distribution charts take a summary of a simulation: not_a_money_summary", () => {
    const words = { title: "net", amount: "net (EUR)", mean: "mean" };
    for (const summary of [simulation.totalPayments, simulation.byPayer[0]!.cost, simulation.investors[0]!.net]) {
      expect(distributionSvg(summary, style, words)).not.toMatch(/NaN|Infinity/);
      expect(JSON.stringify(distributionVegaLite(summary, "net"))).not.toMatch(/null/);
    }
    expect(refusal(() => distributionSvg(copy(simulation.totalPayments), style, words))).toEqual([
      ["not_a_money_summary", "$.summary"],
    ]);
    expect(refusal(() => distributionVegaLite(simulation as never, "net"))).toEqual([
      ["not_a_money_summary", "$.summary"],
    ]);
  });

  it("the payment curve charts take a curve paymentCurve returned: not_a_payment_curve", () => {
    expect(Object.isFrozen(curve) && Object.isFrozen(curve.points)).toBe(true);
    expect(refusal(() => paymentCurveSvg(copy(curve), style))).toEqual([["not_a_payment_curve", "$.curve"]]);
    expect(refusal(() => paymentCurveVegaLite(copy(curve), "EUR"))).toEqual([["not_a_payment_curve", "$.curve"]]);
  });

  it("the Vega-Lite spec holds copies of the curve's points, free for a viewer to tag", () => {
    const spec = paymentCurveVegaLite(curve, "EUR") as { layer: { data: { values: object[] } }[] };
    const rows = spec.layer[0]!.data.values;
    expect(rows).toEqual(curve.points);
    expect(rows.some((row) => Object.isFrozen(row))).toBe(false);
  });
});

describe("a style is one reportStyle or plainTextStyle returned: not_a_style", () => {
  it("both styles are frozen and drawn with", () => {
    for (const each of [reportStyle("it", "EUR"), plainTextStyle("EUR")]) {
      expect(Object.isFrozen(each)).toBe(true);
      expect(paymentCurveSvg(curve, each)).toContain("<svg");
    }
  });

  it("a style written by hand, or a copy, is refused", () => {
    const handMade = { ...style };
    expect(refusal(() => paymentCurveSvg(curve, handMade))).toEqual([["not_a_style", "$.style"]]);
    expect(
      refusal(() => distributionSvg(simulation.totalPayments, "en" as never, { title: "", amount: "", mean: "" })),
    ).toEqual([["not_a_style", "$.style"]]);
  });
});

describe("the words of a chart are texts: invalid_type", () => {
  it("distributionSvg: an object whose title, amount and mean are texts", () => {
    expect(refusal(() => distributionSvg(simulation.totalPayments, style, null as never))).toEqual([
      ["invalid_type", "$.words"],
    ]);
    expect(refusal(() => distributionSvg(simulation.totalPayments, style, { title: "t", amount: 5 } as never))).toEqual(
      [
        ["invalid_type", "$.words.amount"],
        ["invalid_type", "$.words.mean"],
      ],
    );
  });

  it("paymentCurveSvg: baseline and cap are texts, and the title when given", () => {
    expect(paymentCurveSvg(curve, style, { baseline: "b", cap: "c" })).toContain("<title>t1: dropout-rate</title>");
    expect(refusal(() => paymentCurveSvg(curve, style, { baseline: "b", cap: ["c"] } as never))).toEqual([
      ["invalid_type", "$.words.cap"],
    ]);
    expect(refusal(() => paymentCurveSvg(curve, style, { title: 1, baseline: "b", cap: "c" } as never))).toEqual([
      ["invalid_type", "$.words.title"],
    ]);
    expect(refusal(() => paymentCurveSvg(curve, style, [] as never))).toEqual([["invalid_type", "$.words"]]);
  });

  it("distributionVegaLite: the title is a text", () => {
    expect(refusal(() => distributionVegaLite(simulation.totalPayments, { title: "t" } as never))).toEqual([
      ["invalid_type", "$.title"],
    ]);
  });

  it("every problem of a call is reported at once", () => {
    expect(refusal(() => distributionSvg({} as never, {} as never, {} as never))).toEqual([
      ["not_a_money_summary", "$.summary"],
      ["not_a_style", "$.style"],
      ["invalid_type", "$.words.title"],
      ["invalid_type", "$.words.amount"],
      ["invalid_type", "$.words.mean"],
    ]);
  });
});

describe("paymentCurveVegaLite names a currency the library knows: unknown_currency", () => {
  it("refuses another code, or anything else", () => {
    const spec = paymentCurveVegaLite(curve, "JPY") as { layer: { encoding: { y?: { title: string } } }[] };
    expect(spec.layer[0]!.encoding.y?.title).toBe("JPY");
    for (const currency of ["eur", "XYZ", "constructor", 978, undefined])
      expect(refusal(() => paymentCurveVegaLite(curve, currency as never))).toEqual([
        ["unknown_currency", "$.currency"],
      ]);
  });
});

describe("paymentCurve checks what it is given", () => {
  it("takes a plain contract as settle does, parsed first; an invalid one is a ContractError", () => {
    expect(paymentCurve(structuredClone(fisJson), "t1", t1)?.points).toEqual(curve.points);
    const message = refusal(() => paymentCurve({ ...fisJson, tranches: "t1" } as never, "t1"), ContractError)[0];
    expect(message?.[1]).toBe("$.tranches");
  });

  it("trancheId is a text (invalid_type) naming a tranche of the contract (unknown_tranche)", () => {
    expect(refusal(() => paymentCurve(fis, 1 as never))).toEqual([["invalid_type", "$.trancheId"]]);
    expect(refusal(() => paymentCurve(fis, "t9"))).toEqual([["unknown_tranche", "$.trancheId"]]);
    expect(refusal(() => paymentCurve(fis, "toString"))).toEqual([["unknown_tranche", "$.trancheId"]]);
  });

  it("settled is a tranche's entry in a settlement (invalid_type), the entry of that tranche (tranche_mismatch)", () => {
    expect(refusal(() => paymentCurve(fis, "t1", "t1" as never))).toEqual([["invalid_type", "$.settled"]]);
    expect(refusal(() => paymentCurve(fis, "t1", settlement as never))).toEqual([
      ["tranche_mismatch", "$.settled.id"],
      ["invalid_type", "$.settled.results"],
    ]);
    const t2 = settlement.tranches.find((tranche) => tranche.id === "t2")!;
    expect(refusal(() => paymentCurve(fis, "t1", t2))).toEqual([["tranche_mismatch", "$.settled.id"]]);
  });

  it("settled's results are objects (invalid_type), a verified one's value a decimal string (invalid_value)", () => {
    const withResults = (results: unknown[]) => ({ ...copy(t1), results }) as never;
    expect(refusal(() => paymentCurve(fis, "t1", withResults([null])))).toEqual([
      ["invalid_type", "$.settled.results[0]"],
    ]);
    const verified = (value: unknown) => ({ metric: "dropout-rate", status: "verified", value });
    expect(refusal(() => paymentCurve(fis, "t1", withResults([verified("17.9"), verified("17,9%")])))).toEqual([
      ["invalid_value", "$.settled.results[1].value"],
    ]);
    expect(refusal(() => paymentCurve(fis, "t1", withResults([verified(17.9)])))).toEqual([
      ["invalid_value", "$.settled.results[0].value"],
    ]);
    // a settlement's entry written by hand is read for its verified result, as one settle returned
    expect(paymentCurve(fis, "t1", withResults([verified("17.9")]))?.measured).toEqual(curve.measured);
  });

  it("samples is a whole number from 1 to 10,000: invalid_samples", () => {
    expect(paymentCurve(fis, "t1", undefined, 10)!.points.length).toBeGreaterThanOrEqual(11);
    for (const samples of [0, 1.5, 10_001, Number.NaN, Number.POSITIVE_INFINITY, "160"])
      expect(refusal(() => paymentCurve(fis, "t1", undefined, samples as never))).toEqual([
        ["invalid_samples", "$.samples"],
      ]);
  });

  it("reports every problem of its arguments at once", () => {
    expect(refusal(() => paymentCurve(fis, "t9", [] as never, -1))).toEqual([
      ["unknown_tranche", "$.trancheId"],
      ["invalid_type", "$.settled"],
      ["invalid_samples", "$.samples"],
    ]);
  });
});
