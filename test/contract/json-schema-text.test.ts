import { codesAndPaths } from "../support/refusal.js";
import { describe, expect, it } from "vitest";
import { ArgumentError, contractJsonSchema, eventsJsonSchema, jsonSchemaText } from "../../src/index.js";
import { isIssued } from "../../src/util/issued.js";

/**
 * jsonSchemaText writes one of the library's schemas, or any schema as plain JSON data; anything JSON cannot
 * write is an ArgumentError with the path of each such value from the argument (`$.schema.properties.x`).
 */

const refusal = (call: () => unknown) => codesAndPaths(ArgumentError, call);

describe("jsonSchemaText's argument", () => {
  it("the library's schemas are issued as JSON Schemas, and written", () => {
    for (const schema of [contractJsonSchema(), eventsJsonSchema()]) {
      expect(isIssued(schema, "json-schema")).toBe(true);
      expect(JSON.parse(jsonSchemaText(schema))).toEqual(schema);
    }
  });

  it("a schema changed or written by hand, as plain JSON data, is written", () => {
    const schema = { ...contractJsonSchema(), $id: "https://example.org/contract.json" };
    expect(jsonSchemaText(schema)).toContain('"$id": "https://example.org/contract.json"');
    expect(jsonSchemaText(Object.assign(Object.create(null), { type: "object" }))).toBe('{\n  "type": "object"\n}\n');
  });

  it("not a plain object: not_a_json_schema at $.schema", () => {
    for (const value of [undefined, null, "{}", 5, [], new Map(), new Date(0)])
      expect(refusal(() => jsonSchemaText(value as never))).toEqual([["not_a_json_schema", "$.schema"]]);
  });

  it("a value JSON cannot write: not_json at its path, every one listed", () => {
    const schema = {
      type: "object",
      properties: { a: { maximum: 10n }, b: { minimum: Number.NaN }, c: { default: undefined } },
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point
      enum: [1, , () => 1, Symbol("x"), new Date(0)],
    };
    expect(refusal(() => jsonSchemaText(schema as never))).toEqual([
      ["not_json", "$.schema.properties.a.maximum"],
      ["not_json", "$.schema.properties.b.minimum"],
      ["not_json", "$.schema.properties.c.default"],
      ["not_json", "$.schema.enum[1]"],
      ["not_json", "$.schema.enum[2]"],
      ["not_json", "$.schema.enum[3]"],
      ["not_json", "$.schema.enum[4]"],
    ]);
  });

  it("a value inside itself: cyclic_value", () => {
    const schema: Record<string, unknown> = { type: "object", properties: {} };
    (schema.properties as Record<string, unknown>).self = schema;
    expect(refusal(() => jsonSchemaText(schema))).toEqual([["cyclic_value", "$.schema.properties.self"]]);
    // the same object twice, side by side, is no cycle
    const shared = { type: "string" };
    expect(jsonSchemaText({ properties: { a: shared, b: shared } })).toContain('"b": {');
  });

  it("nesting deeper than 1,000 levels: too_deep", () => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let level = 0; level < 5000; level += 1) schema = { not: schema };
    const found = refusal(() => jsonSchemaText(schema));
    expect(found).toHaveLength(1);
    expect(found[0]?.[0]).toBe("too_deep");
    expect(found[0]?.[1]).toBe(`$.schema${".not".repeat(1000)}`);
  });

  it("the schema is neither frozen nor changed", () => {
    const schema = contractJsonSchema();
    const before = structuredClone(schema);
    jsonSchemaText(schema);
    expect(Object.isFrozen(schema)).toBe(false);
    expect(schema).toEqual(before);
  });
});
