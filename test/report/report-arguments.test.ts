import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { refusal } from "../support/refusal.js";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  ContractError,
  OptionsError,
  ValidationError,
  cashFlows,
  describeRule,
  explain,
  explainCashFlows,
  explainLines,
  parseContract,
  parseEvents,
  renderHtml,
  renderMarkdown,
  settle,
  settlementToCsv,
  simulate,
  toIndigo,
  type Metric,
  type PricingRule,
} from "../../src/index.js";
import { financeContract } from "../finance/finance-builder.js";

/**
 * The renderers of settlements, cash flows and priced lines take only what the library issued, and check their
 * options and other arguments: every refusal a typed error with its code and path.
 */

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const read = (path: string): unknown => JSON.parse(readFileSync(here(`../../examples/${path}`), "utf8"));
const contractJson = read("fis-dispersione/contract.json");
const contract = parseContract(contractJson);
const events = parseEvents(read("fis-dispersione/events.json"), { contract });
const settlement = settle(contract, events, { asOf: "2028-03-31" });
const metrics: ReadonlyMap<string, Metric> = new Map(contract.metrics.map((metric) => [metric.id, metric]));

/** The message of the first issue of the error `call` throws. */
function firstMessage(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return (error as ValidationError).issues[0]!.message;
  }
  throw new Error("expected a typed error");
}

describe("a settlement must be one settle returned", () => {
  const renderers: [string, (value: never) => unknown][] = [
    ["explain", explain],
    ["renderMarkdown", renderMarkdown],
    ["renderHtml", renderHtml],
    ["settlementToCsv", settlementToCsv],
    ["toIndigo", (value) => toIndigo(contract, value)],
  ];

  it.each(renderers)("%s refuses a settlement read back from JSON: not_a_settlement, settle again", (name, render) => {
    const copy = JSON.parse(JSON.stringify(settlement)) as never;
    expect(refusal(() => render(copy))).toEqual([["ArgumentError", "not_a_settlement", "$.settlement"]]);
    expect(firstMessage(() => render(copy))).toBe(
      `${name} takes a settlement as settle returned it; got an object that settle did not return (a copy, a changed value or one read back from JSON is not accepted: call settle again)`,
    );
  });

  it.each(renderers)("%s refuses a spread copy, null and a text", (_, render) => {
    for (const value of [{ ...settlement }, null, "settlement"])
      expect(refusal(() => render(value as never))).toEqual([["ArgumentError", "not_a_settlement", "$.settlement"]]);
  });

  it("the same settlement is still rendered", () => {
    expect(explain(settlement)).toContain("Settlement of");
    expect(settlementToCsv(settlement).startsWith("tranche,covers,")).toBe(true);
  });
});

describe("the options of renderMarkdown and renderHtml", () => {
  const usd = financeContract([{ id: "t1", dueDate: "2012-01-31" }], undefined, "USD");
  const usdSettlement = settle(usd, [], { asOf: "2012-12-31" });
  const investors = parseContract(read("fis-investors/contract.json"));
  const simulation = simulate(investors, {
    runs: 20,
    seed: 1,
    results: [{ metric: "dropout-rate", distribution: { type: "samples", values: [17.6] } }],
  });

  it("options that are not an object: invalid_options", () => {
    for (const options of [null, "it", 5, ["it"]])
      expect(refusal(() => renderMarkdown(settlement, options as never))).toEqual([
        ["OptionsError", "invalid_options", "$"],
      ]);
    expect(firstMessage(() => renderHtml(settlement, "it" as never))).toBe(
      'the options are an object such as { locale: "it", contract }, got the text "it"',
    );
  });

  it("a locale the reports are not written in: unknown_locale, described safely", () => {
    expect(refusal(() => renderHtml(settlement, { locale: "fr" as never }))).toEqual([
      ["OptionsError", "unknown_locale", "$.locale"],
    ]);
    expect(firstMessage(() => renderMarkdown(settlement, { locale: Object.create(null) as never }))).toBe(
      "unknown locale an object: use en or it",
    );
  });

  it("a contract the settlement is not of: settlement_mismatch at $.contract", () => {
    expect(refusal(() => renderHtml(settlement, { contract: usd }))).toEqual([
      ["OptionsError", "settlement_mismatch", "$.contract"],
    ]);
    expect(firstMessage(() => renderHtml(settlement, { contract: usd }))).toBe(
      'the settlement is of contract "fis-dispersione-2026", not "finance-test": give the contract the settlement is of',
    );
  });

  it("a contract as plain data is parsed as settle parses it; an invalid one is a ContractError", () => {
    expect(renderHtml(settlement, { contract: contractJson as never })).toBe(renderHtml(settlement, { contract }));
    expect(() => renderHtml(settlement, { contract: { id: "x" } as never })).toThrow(ContractError);
  });

  it("a simulation simulate did not return: not_a_simulation", () => {
    expect(refusal(() => renderMarkdown(settlement, { simulation: { ...simulation } }))).toEqual([
      ["OptionsError", "not_a_simulation", "$.simulation"],
    ]);
  });

  it("a simulation in another currency: currency_mismatch", () => {
    expect(refusal(() => renderMarkdown(usdSettlement, { simulation }))).toEqual([
      ["OptionsError", "currency_mismatch", "$.simulation"],
    ]);
    expect(firstMessage(() => renderMarkdown(usdSettlement, { simulation }))).toBe(
      "the simulation is in EUR, the settlement in USD: simulate the settlement's contract",
    );
  });

  it("every problem of the options at once; unknown fields are ignored", () => {
    expect(
      refusal(() => renderHtml(usdSettlement, { locale: "de", contract, simulation, colour: "red" } as never)),
    ).toEqual([
      ["OptionsError", "unknown_locale", "$.locale"],
      ["OptionsError", "settlement_mismatch", "$.contract"],
      ["OptionsError", "currency_mismatch", "$.simulation"],
    ]);
    expect(renderMarkdown(settlement, { colour: "red" } as never)).toBe(renderMarkdown(settlement));
  });
});

describe("toIndigo's contract and options", () => {
  it("takes the contract as plain data, parsed as settle parses it", () => {
    expect(toIndigo(contractJson as never, settlement)).toEqual(toIndigo(contract, settlement));
    expect(() => toIndigo({ id: "x" } as never, settlement)).toThrow(ContractError);
  });

  it("a settlement of another contract: settlement_mismatch at $.settlement", () => {
    const other = financeContract([{ id: "t1", dueDate: "2012-01-31" }], undefined, "EUR");
    expect(refusal(() => toIndigo(other, settlement))).toEqual([
      ["OptionsError", "settlement_mismatch", "$.settlement"],
    ]);
  });

  it("a settlement of another version of the contract (other tranches): settlement_mismatch", () => {
    const json = contractJson as { tranches: unknown[] };
    const fewer = parseContract({ ...json, tranches: json.tranches.slice(0, 1) });
    expect(refusal(() => toIndigo(fewer, settlement))).toEqual([
      ["OptionsError", "settlement_mismatch", "$.settlement"],
    ]);
    expect(firstMessage(() => toIndigo(fewer, settlement))).toBe(
      'the settlement is of another version of contract "fis-dispersione-2026" (its currency or tranches differ): settle this contract first',
    );
  });

  it("options that are not an object: invalid_options", () => {
    expect(refusal(() => toIndigo(contract, settlement, "PUBLIC" as never))).toEqual([
      ["OptionsError", "invalid_options", "$"],
    ]);
  });

  it("a status other than PUBLIC and PRIVATE: invalid_choice", () => {
    expect(refusal(() => toIndigo(contract, settlement, { status: "public" as never }))).toEqual([
      ["OptionsError", "invalid_choice", "$.status"],
    ]);
  });

  it("organisation ids that are not an object of texts: invalid_type", () => {
    expect(refusal(() => toIndigo(contract, settlement, { organisationIds: "ORG" as never }))).toEqual([
      ["OptionsError", "invalid_type", "$.organisationIds"],
    ]);
    expect(refusal(() => toIndigo(contract, settlement, { organisationIds: { miur: 7 } as never }))).toEqual([
      ["OptionsError", "invalid_type", "$.organisationIds.miur"],
    ]);
  });
});

describe("describeRule's rule and metrics", () => {
  const rate: PricingRule = { type: "rate", metric: "dropout-rate", basis: "improvement", pricePerUnit: "25000.00" };

  it("describes a contract's rule with its metrics", () => {
    expect(describeRule(rate, metrics)).toBe(
      "25000.00 per unit of the improvement of dropout-rate (% of enrolled pupils)",
    );
    expect(describeRule(contract.tranches[0]!.pricing, metrics)).toContain("dropout-rate");
  });

  it("metrics that are not a Map: not_a_map", () => {
    for (const given of [undefined, {}, [...metrics.values()]])
      expect(refusal(() => describeRule(rate, given as never))).toEqual([["ArgumentError", "not_a_map", "$.metrics"]]);
  });

  it("a value of the Map that is not a metric: not_a_metric", () => {
    expect(refusal(() => describeRule(rate, new Map([["dropout-rate", "%"]]) as never))).toEqual([
      ["ArgumentError", "not_a_metric", '$.metrics["dropout-rate"]'],
    ]);
  });

  it("a rule priced on a metric not in the Map: unknown_metric, at its place in the rule", () => {
    const weighted: PricingRule = { type: "weighted", parts: [{ weight: "100%", rule: rate }] };
    expect(refusal(() => describeRule(weighted, new Map()))).toEqual([
      ["ArgumentError", "unknown_metric", "$.rule.parts[0].rule.metric"],
    ]);
  });

  it("a rule that is not a contract's pricing rule: the contract's codes, under $.rule", () => {
    expect(refusal(() => describeRule({ type: "bonus" } as never, metrics))).toEqual([
      ["ArgumentError", "unknown_type", "$.rule.type"],
    ]);
    expect(
      refusal(() => describeRule({ type: "rate", metric: "dropout-rate", basis: "value" } as never, metrics)),
    ).toEqual([["ArgumentError", "required", "$.rule.pricePerUnit"]]);
  });

  it("a threshold that pays neither an amount nor a rule: threshold_payout", () => {
    const threshold = { type: "threshold", metric: "dropout-rate", basis: "value", threshold: 17 } as const;
    expect(refusal(() => describeRule(threshold, metrics))).toEqual([["ArgumentError", "threshold_payout", "$.rule"]]);
  });

  it("a rule nested deeper than 64 rules (or reaching itself): rule_too_large, without overflowing the stack", () => {
    let deep: PricingRule = rate;
    for (let i = 0; i < 10_000; i++)
      deep = { type: "threshold", metric: "dropout-rate", basis: "value", threshold: 17, then: deep };
    expect(refusal(() => describeRule(deep, metrics))).toEqual([["ArgumentError", "rule_too_large", "$.rule"]]);
    const cyclic: { type: "weighted"; parts: { weight: string; rule: unknown }[] } = { type: "weighted", parts: [] };
    cyclic.parts.push({ weight: "100%", rule: cyclic });
    const sparse = { type: "weighted", parts: new Array(2 ** 32 - 1) };
    expect(refusal(() => describeRule(sparse as never, metrics))).toEqual([
      ["ArgumentError", "rule_too_large", "$.rule"],
    ]);
    expect(refusal(() => describeRule(cyclic as never, metrics))).toEqual([
      ["ArgumentError", "rule_too_large", "$.rule"],
    ]);
  });

  it("every problem at once", () => {
    expect(refusal(() => describeRule({} as never, null as never)).map(([, code]) => code)).toEqual([
      "required",
      "not_a_map",
    ]);
  });
});

describe("cash flows and priced lines must be the library's", () => {
  it("explainCashFlows refuses cash flows cashFlows did not return: not_cash_flows", () => {
    const investors = parseContract(read("fis-investors/contract.json"));
    const flows = cashFlows(investors, settle(investors, [], { asOf: "2027-12-31" }));
    expect(explainCashFlows(flows)).toContain("Investors' side of");
    for (const value of [JSON.parse(JSON.stringify(flows)), { ...flows }, undefined])
      expect(refusal(() => explainCashFlows(value))).toEqual([["ArgumentError", "not_cash_flows", "$.flows"]]);
  });

  it("explainLines refuses priced lines priceLines did not return: not_priced_lines", () => {
    const run = {
      currency: "EUR",
      amounts: [],
      invoices: [],
      total: { amount: "0.00", currency: "EUR" },
      amendments: [],
    };
    expect(refusal(() => explainLines(run))).toEqual([["ArgumentError", "not_priced_lines", "$.run"]]);
  });
});

it("a typed error, never a raw TypeError, for each renderer called with nothing", () => {
  for (const render of [explain, renderMarkdown, renderHtml, settlementToCsv, explainCashFlows, explainLines])
    expect(() => (render as (...args: unknown[]) => unknown)()).toThrow(ArgumentError);
  expect(() => (toIndigo as (...args: unknown[]) => unknown)()).toThrow(ArgumentError);
  expect(() => (describeRule as (...args: unknown[]) => unknown)()).toThrow(ArgumentError);
  expect(OptionsError).toBeDefined();
});
