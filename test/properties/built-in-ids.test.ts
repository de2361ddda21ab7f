import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  cashFlows,
  type ContractEvent,
  ContractError,
  explain,
  explainCashFlows,
  investorReturns,
  isKnownCurrency,
  minorUnits,
  money,
  OptionsError,
  parseContract,
  parseEvents,
  renderHtml,
  renderMarkdown,
  reportStyle,
  settle,
  settlementToCsv,
  toIndigo,
  zero,
} from "../../src/index.js";
import { ID_PATTERN } from "../../src/contract/primitives.js";
import { contractJson, settleJson, tranche, verified } from "../support/contract-builder.js";
import { type FeatureCase, featureCaseArb } from "../support/feature-arbitraries.js";

/**
 * Law: an id is only a name. A contract whose parties, metrics, periods, cohorts, tranches and parameters are
 * called like the properties every JavaScript object inherits (`toString`, `constructor`, `valueOf`,
 * `__proto__`, …) settles exactly as the same contract with ordinary ids: the same amounts, steps, caps per payer
 * and per metric, explanation, reports, CSV, INDIGO export and cash flows, the ids aside. The library reads data
 * keyed by ids through Maps and own keys, never through a plain object's inherited properties.
 */

/** The properties of `Object.prototype`: the names a plain-object lookup would find on any object. */
const BUILT_IN_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
/** Those an id may be (an id starts with a letter or digit: `__proto__` is never one). */
const BUILT_IN_IDS = BUILT_IN_NAMES.filter((name) => ID_PATTERN.test(name));
/** Those a parameter may be (any name a formula can write bare, `__proto__` included). */
const BUILT_IN_PARAMETERS = BUILT_IN_NAMES.filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));

/**
 * The ordinary id standing for a built-in name: its last letter from a to y moved one letter on (`toString` →
 * `toStrinh`, `__proto__` → `__protp__`). Same length and, among the contract's ids, the same order, so that
 * reports lay out and sort the two contracts alike; and a text of one contract becomes the other's by replacing
 * each such id by its built-in name.
 */
function ordinaryOf(name: string): string {
  const at = name.search(/[a-y][^a-y]*$/);
  return `${name.slice(0, at)}${String.fromCharCode(name.charCodeAt(at) + 1)}${name.slice(at + 1)}`;
}

/** The ids of the generated contracts, by kind (test/support/feature-arbitraries.ts). */
const IDS = {
  parties: ["fis", "comune", "provider", "investor", "bank", "sib", "garante", "evaluator"],
  metrics: ["dropout", "attendance"],
  periods: ["p1", "p2", "p3"],
  cohorts: ["c1", "c2", "all"],
  tranches: ["t1", "t2", "t3", "t4"],
  parameters: ["pricePerPoint", "bonusRate", "bonusAmount", "region", "kind"],
} as const;

/** Keys whose string value (or list of strings) is an id of the contract. */
const ID_KEYS = new Set([
  "id",
  "party",
  "payer",
  "recipient",
  "verifier",
  "guarantor",
  "fundedParty",
  "metric",
  "period",
  "cohort",
  "tranche",
  "parameter",
  "investors",
  "pool",
  "covers",
]);
/** Records keyed by ids or names. */
const KEYED_RECORDS = new Set(["perMetric", "perPayer", "parameters"]);

/** A property defined, never assigned: a key `__proto__` stays an own key. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of contract data with its ids renamed by `names` (an id left out keeps its name). */
function renamed(value: unknown, names: ReadonlyMap<string, string>, key?: string): unknown {
  const name = (text: string) => names.get(text) ?? text;
  if (typeof value === "string") {
    if (key === "expression")
      // metric ids after a dot (improvement.dropout) and bare parameter names; texts in quotes are table ids
      return value.replace(/"[^"]*"|[A-Za-z_][A-Za-z0-9_]*/g, (word) => (word.startsWith('"') ? word : name(word)));
    return key !== undefined && ID_KEYS.has(key) ? name(value) : value;
  }
  if (Array.isArray(value)) return value.map((item) => renamed(item, names, key));
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    if (key !== undefined && KEYED_RECORDS.has(key)) put(copy, name(field), renamed(inner, names));
    else put(copy, field, renamed(inner, names, field));
  }
  return copy;
}

/** Everything the library says about a contract and its history: settlement, texts, reports, cash flows. */
function everything({ contract: input, events: eventInput, asOf }: FeatureCase): string[] {
  const contract = parseContract(input);
  const events = parseEvents(eventInput, { contract });
  const settlement = settle(contract, events, { asOf });
  const said = [
    JSON.stringify(contract),
    JSON.stringify(settlement),
    explain(settlement),
    settlementToCsv(settlement),
    renderMarkdown(settlement),
    renderMarkdown(settlement, { locale: "it" }),
    JSON.stringify(toIndigo(contract, settlement)),
  ];
  if (contract.finance !== undefined) {
    const flows = cashFlows(contract, settlement);
    said.push(JSON.stringify(flows), explainCashFlows(flows));
    said.push(JSON.stringify(investorReturns(flows, { discountRate: "4%" })));
  }
  return said;
}

/** Built-in names for the ids of each kind, drawn at random (every id of a kind, as far as names go). */
const namesArb: fc.Arbitrary<Map<string, string>> = fc
  .record(
    Object.fromEntries(
      Object.entries(IDS).map(([kind, ids]) => {
        const names = kind === "parameters" ? BUILT_IN_PARAMETERS : BUILT_IN_IDS;
        const count = Math.min(ids.length, names.length);
        return [
          kind,
          fc.tuple(
            fc.shuffledSubarray([...ids], { minLength: ids.length, maxLength: ids.length }),
            fc.shuffledSubarray(names, { minLength: count, maxLength: count }),
          ),
        ];
      }),
    ),
  )
  .map((drawn) => {
    const names = new Map<string, string>();
    for (const [ids, built] of Object.values(drawn))
      for (const [index, name] of built.entries()) names.set(ids[index]!, name);
    return names;
  });

/** The generated case with caps per payer and per metric always present (some large, some that bite). */
const withCaps = (generated: FeatureCase, [dropout, attendance, fis, comune]: readonly string[]): FeatureCase => ({
  ...generated,
  contract: {
    ...generated.contract,
    caps: {
      ...generated.contract.caps,
      perMetric: generated.contract.caps?.perMetric ?? { dropout: dropout!, attendance: attendance! },
      perPayer: generated.contract.caps?.perPayer ?? { fis: fis!, comune: comune! },
    },
  },
});
const capsArb = fc.array(
  fc.integer({ min: 0, max: 40_000_000 }).map((cents) => (cents / 100).toFixed(2)),
  { minLength: 4, maxLength: 4 },
);

describe("ids named like built-in properties", () => {
  it("law: a contract with ids such as toString, constructor, valueOf and __proto__ settles as with ordinary ids", () => {
    expect(BUILT_IN_IDS).toEqual(expect.arrayContaining(["constructor", "hasOwnProperty", "toString", "valueOf"]));
    expect(BUILT_IN_PARAMETERS).toEqual(expect.arrayContaining(["__proto__", "__defineGetter__", "toString"]));
    fc.assert(
      fc.property(featureCaseArb(), capsArb, namesArb, (generated, caps, builtIn) => {
        const base = withCaps(generated, caps);
        const ordinary = new Map([...builtIn].map(([id, name]) => [id, ordinaryOf(name)]));
        const tokens = [...builtIn.values()].map((name) => [ordinaryOf(name), name] as const);
        const asBuiltIn = (text: string) => tokens.reduce((acc, [from, to]) => acc.replaceAll(from, to), text);
        const plain = everything(renamed(base, ordinary) as FeatureCase);
        const named = everything(renamed(base, builtIn) as FeatureCase);
        expect(named).toEqual(plain.map(asBuiltIn));
        // the renaming took: every party, metric, period and cohort is known by its built-in name
        for (const id of [...IDS.parties, ...IDS.metrics, ...IDS.periods, ...IDS.cohorts])
          if (builtIn.has(id)) expect(named[0]).toContain(`"id":"${builtIn.get(id)}"`);
      }),
      { numRuns: 120 },
    );
  });

  it("the ordinary stand-ins are distinct, ordinary and as long as their names", () => {
    const stand = BUILT_IN_PARAMETERS.map(ordinaryOf);
    expect(new Set(stand).size).toBe(stand.length);
    for (const [index, name] of BUILT_IN_PARAMETERS.entries()) {
      expect(stand[index]).toHaveLength(name.length);
      expect(Object.hasOwn(Object.prototype, stand[index]!)).toBe(false);
    }
  });

  it("a payer toString and a metric toString without caps of their own, beside caps for others, settle (the reported case)", () => {
    const contract = contractJson({
      parties: [
        { id: "toString", name: "Comune", roles: ["outcome-payer"] },
        { id: "constructor", name: "Fondo", roles: ["outcome-payer"] },
        { id: "valueOf", name: "Provider", roles: ["provider"] },
        { id: "hasOwnProperty", name: "Evaluator", roles: ["verifier"] },
      ],
      metrics: [
        { ...contractJson().metrics[0]!, id: "toString" },
        { ...contractJson().metrics[0]!, id: "constructor" },
      ],
      periods: [{ id: "isPrototypeOf", label: "2026/27", start: "2026-09-01", end: "2027-08-31" }],
      tranches: [
        tranche({
          id: "propertyIsEnumerable",
          covers: { period: "isPrototypeOf" },
          pricing: { type: "rate", metric: "toString", basis: "improvement", pricePerUnit: "10000.00" },
          payers: [
            { party: "toString", share: "50%" },
            { party: "constructor", share: "50%" },
          ],
          recipients: [{ party: "valueOf", share: "100%" }],
        }),
      ],
      // caps for the other payer and the other metric only: "toString" must find none, not Object.prototype's
      caps: { perPayer: { constructor: "10000.00" }, perMetric: { constructor: "1.00" } },
    });
    const events: ContractEvent[] = [
      { ...verified("r1", "toString", "isPrototypeOf", "15.0"), verifier: "hasOwnProperty" },
    ];
    const settlement = settleJson(contract, events, "2027-12-31");
    // (20.0 − 15.0) points × EUR 10,000 = 50,000.00, half each; the payer constructor's part capped at 10,000.00
    const tranche0 = settlement.tranches[0]!;
    expect(tranche0.amountEarned?.amount).toBe("35000.00");
    expect(tranche0.lines.map((line) => [line.payer, line.earned?.amount])).toEqual([
      ["toString", "25000.00"],
      ["constructor", "10000.00"],
    ]);
    expect(settlement.capsApplied.map((step) => [step.cap, step.id])).toEqual([["payer", "constructor"]]);
    expect(explain(settlement)).toContain("toString");
    expect(settlementToCsv(settlement)).toContain("propertyIsEnumerable,period isPrototypeOf,");
  });
});

describe("a key __proto__ in a record of the contract is read, not dropped", () => {
  it("a parameter called __proto__ is an ordinary parameter", () => {
    const contract = JSON.parse(
      JSON.stringify(
        contractJson({
          tranches: [tranche({ pricing: { type: "formula", expression: 'improvement.dropout * param["__proto__"]' } })],
        }),
      ).replace(/^\{/, '{"parameters":{"__proto__":"1000.00","other":"2"},'),
    ) as unknown;
    const parsed = parseContract(contract);
    expect(Object.keys(parsed.parameters!)).toEqual(["__proto__", "other"]);
    expect(Object.getPrototypeOf(parsed.parameters)).toBe(Object.prototype);
    const settlement = settleJson(contract, [verified("r1", "dropout", "p1", "15.0")], "2027-12-31");
    expect(settlement.tranches[0]!.amountEarned?.amount).toBe("5000.00");
  });

  it("a cap keyed __proto__ names no party or metric and is refused; a bad value under it is refused", () => {
    const withCapsJson = (caps: string) =>
      JSON.parse(JSON.stringify(contractJson()).replace(/^\{/, `{"caps":${caps},`)) as unknown;
    const codes = (input: unknown) => {
      try {
        parseContract(input);
      } catch (error) {
        expect(error).toBeInstanceOf(ContractError);
        return (error as ContractError).issues.map((entry) => `${entry.code} ${entry.at}`);
      }
      throw new Error("expected the contract to be refused");
    };
    expect(codes(withCapsJson('{"perPayer":{"__proto__":"10.00"}}'))).toEqual([
      expect.stringMatching(/^unknown_party /),
    ]);
    expect(codes(withCapsJson('{"perMetric":{"__proto__":"10.00"}}'))).toEqual([
      expect.stringMatching(/^unknown_metric /),
    ]);
    expect(codes(withCapsJson('{"perPayer":{"__proto__":10}}'))).toEqual([
      expect.stringMatching(/^float_money \$\.caps\.perPayer/),
    ]);
    // elsewhere every object is strict: the key is unknown
    expect(codes(JSON.parse(JSON.stringify(contractJson()).replace(/^\{/, '{"__proto__":{"polluted":true},')))).toEqual(
      [expect.stringMatching(/^unknown_key /)],
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("locales named like built-in properties are unknown locales", () => {
  it("renderMarkdown, renderHtml and reportStyle refuse constructor, toString and __proto__ as a locale", () => {
    const settlement = settleJson(contractJson(), [verified("r1", "dropout", "p1", "15.0")], "2027-12-31");
    for (const locale of ["constructor", "toString", "__proto__", "fr"] as never[]) {
      for (const render of [() => renderMarkdown(settlement, { locale }), () => renderHtml(settlement, { locale })]) {
        expect(render).toThrow(OptionsError);
        expect(render).toThrow(`unknown locale "${locale}": use en or it`);
      }
      expect(() => reportStyle(locale, "EUR")).toThrow(OptionsError);
    }
  });
});

describe("currency codes named like built-in properties are unknown currencies", () => {
  for (const code of ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__", "isPrototypeOf"]) {
    it(`minorUnits("${code}") throws the ArgumentError of an unknown code; isKnownCurrency is false`, () => {
      const unknown = (fn: () => unknown) => {
        expect(fn).toThrow(ArgumentError);
        expect(fn).toThrow(`got "${code}"`);
      };
      unknown(() => minorUnits(code));
      expect(isKnownCurrency(code)).toBe(false);
      unknown(() => zero(code));
      unknown(() => money("1.00", code));
    });
  }

  it("a contract in currency constructor is refused as an unknown currency", () => {
    expect(() => parseContract(contractJson({ currency: "constructor" }))).toThrow(ContractError);
  });
});
