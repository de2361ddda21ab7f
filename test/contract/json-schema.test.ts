import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  contractJsonSchema,
  eventsJsonSchema,
  jsonSchemaText,
  safeParseContract,
  safeParseEvents,
} from "../../src/index.js";
import { contractArb, historyArb } from "../support/arbitraries.js";
import { contractJson, withValue, without } from "../support/contract-builder.js";

/**
 * The JSON Schemas shipped for editors: current with the structural schemas, accepting every example file, and
 * rejecting broken files where `parseContract` / `parseEvents` reject their structure, at the same place.
 */

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const read = (path: string): unknown => JSON.parse(readFileSync(root(path), "utf8"));

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
const validateContract = ajv.compile(contractJsonSchema());
const validateEvents = ajv.compile(eventsJsonSchema());

/** The JSON pointers of the schema's complaints, e.g. `/tranches/0/cap`. */
function schemaErrors(validate: typeof validateContract, input: unknown): string[] {
  return validate(input) ? [] : (validate.errors ?? []).map((error) => error.instancePath);
}

const pointer = (path: readonly (string | number)[]) => path.map((key) => `/${String(key)}`).join("");

describe("the shipped JSON Schemas", () => {
  it("are current: schema/*.json equal what the structural schemas generate (run `npm run schema` after a format change)", () => {
    expect(readFileSync(root("schema/contract.json"), "utf8")).toBe(jsonSchemaText(contractJsonSchema()));
    expect(readFileSync(root("schema/events.json"), "utf8")).toBe(jsonSchemaText(eventsJsonSchema()));
  });

  it("accept every example contract and events file", () => {
    const examples = readdirSync(root("examples"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    let checked = 0;
    for (const example of examples) {
      const files = readdirSync(root(`examples/${example.name}`));
      if (files.includes("contract.json")) {
        expect(schemaErrors(validateContract, read(`examples/${example.name}/contract.json`)), example.name).toEqual(
          [],
        );
        checked += 1;
      }
      if (files.includes("events.json"))
        expect(schemaErrors(validateEvents, read(`examples/${example.name}/events.json`)), example.name).toEqual([]);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("accept every generated valid contract and history", () => {
    const scenario = contractArb({ metricCaps: true, payerCaps: true }).chain((contract) =>
      fc.tuple(fc.constant(contract), historyArb(contract)),
    );
    fc.assert(
      fc.property(scenario, ([contract, events]) => {
        expect(safeParseContract(contract).success).toBe(true);
        expect(schemaErrors(validateContract, contract)).toEqual([]);
        expect(schemaErrors(validateEvents, events)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  const base = contractJson();
  const brokenContracts: [string, unknown][] = [
    ["money as a JSON number", withValue(base, ["tranches", 0, "cap"], 1500)],
    ["money with a currency sign", withValue(base, ["tranches", 0, "cap"], "€1,500.00")],
    ["a misspelt key", withValue(base, ["tranches", 0, "flor"], "100.00")],
    ["a missing title", without(base, ["title"])],
    ["a title that is a number", withValue(base, ["title"], 5)],
    ["an unknown rounding mode", withValue(base, ["rounding", "mode"], "bankers")],
    [
      "an unknown rule type",
      withValue(base, ["tranches", 0, "pricing"], { type: "bonus", metric: "dropout", basis: "improvement" }),
    ],
    ["an id with a space", withValue(base, ["id"], "fis dispersione")],
    ["a date written day first", withValue(base, ["tranches", 0, "dueDate"], "30/11/2027")],
    ["a share written as a number", withValue(base, ["tranches", 0, "payers", 0, "share"], 1)],
    ["no metrics", withValue(base, ["metrics"], [])],
    ["an empty party name", withValue(base, ["parties", 0, "name"], "")],
  ];

  it.each(brokenContracts)("reject a contract with %s where parseContract does", (_name, input) => {
    const parsed = safeParseContract(input);
    expect(parsed.success).toBe(false);
    const errors = schemaErrors(validateContract, input);
    expect(errors.length).toBeGreaterThan(0);
    if (parsed.success) return;
    // Some complaint of the schema is at the place parseContract names, or at its parent object.
    for (const found of parsed.error.issues) {
      const at = pointer(found.path);
      expect(
        errors.some((error) => at === error || at.startsWith(`${error}/`)),
        `${at} in ${errors.join(", ")}`,
      ).toBe(true);
    }
  });

  it("reject events where parseEvents rejects their structure", () => {
    const broken: unknown[] = [
      [
        {
          type: "payment",
          id: "p1",
          tranche: "t1",
          payer: "payer",
          recipient: "provider",
          amount: 100.5,
          paidOn: "2027-12-01",
        },
      ],
      [
        {
          type: "result",
          id: "r1",
          metric: "dropout",
          period: "p1",
          value: "17.9",
          status: "approved",
          recordedAt: "2027-09-20",
        },
      ],
      [{ type: "invoice", id: "i1" }],
      { events: [] },
    ];
    for (const input of broken) {
      expect(safeParseEvents(input).success).toBe(false);
      expect(schemaErrors(validateEvents, input).length).toBeGreaterThan(0);
    }
  });
});
