import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contractSchema } from "../../src/contract/contract-schema.js";
import * as z from "../../src/contract/structural-schema.js";

/**
 * The structural schemas (src/contract/structural-schema.ts) that check the shape of contracts, events and
 * measurement requests, and word every problem for the people who write the files.
 */

const FIS = JSON.parse(readFileSync(new URL("../../examples/fis-dispersione/contract.json", import.meta.url), "utf8"));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Key = string | number;

/** Every path in `value`, the root first. */
function paths(value: unknown, path: Key[] = [], out: Key[][] = []): Key[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((inner, index) => paths(inner, [...path, index], out));
  else if (value !== null && typeof value === "object")
    for (const key of Object.keys(value)) paths((value as Record<string, unknown>)[key], [...path, key], out);
  return out;
}

/** The value at `path` through own keys, and whether there is one. */
function at(value: unknown, path: readonly Key[]): { found: boolean; value: unknown } {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key))
      return { found: false, value: undefined };
    current = (current as Record<Key, unknown>)[key];
  }
  return { found: true, value: current };
}

const anyJson: fc.Arbitrary<Json> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8 }),
  fc.constantFrom("", "1500.00", "12.5%", "2027-02-30", "bogus", "rate", "-0"),
  fc.constant<Json>(null),
  fc.boolean(),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.constant<Json>([1, "a"]),
  fc.constant<Json>({ extra: 1 }),
);

interface ChangeRecord {
  readonly place: number;
  readonly kind: "delete" | "replace" | "add-key" | "empty-list" | "number-for-text";
  readonly value: Json;
  readonly key: string;
}

const change: fc.Arbitrary<ChangeRecord> = fc.record({
  place: fc.nat(),
  kind: fc.constantFrom("delete", "replace", "add-key", "empty-list", "number-for-text"),
  value: anyJson,
  key: fc.constantFrom("extra", "__proto__", "constructor", "type", "id", "0"),
});

/** The FIS example with `changes` made, each at a place picked among the paths of the contract as it then is. */
function mutated(changes: readonly ChangeRecord[]) {
  let contract: unknown = structuredClone(FIS);
  for (const { place, kind, value, key } of changes) {
    const all = paths(contract);
    const path = all[place % all.length]!;
    const target = at(contract, path).value;
    const write = (next: unknown) => {
      if (path.length === 0) contract = next;
      else
        Object.defineProperty(at(contract, path.slice(0, -1)).value as object, path[path.length - 1]!, {
          value: next,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    };
    if (kind === "delete" && path.length > 0) {
      const parent = at(contract, path.slice(0, -1)).value;
      if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
      else delete (parent as Record<Key, unknown>)[path[path.length - 1]!];
    } else if (kind === "add-key" && target !== null && typeof target === "object" && !Array.isArray(target))
      Object.defineProperty(target, key, {
        value: structuredClone(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else if (kind === "empty-list" && Array.isArray(target)) write([]);
    else if (kind === "number-for-text" && typeof target === "string") write(Number.parseFloat(target) || 1.5);
    else write(structuredClone(value));
  }
  return contract;
}

describe("structural schemas", () => {
  it("law: every problem of a changed contract is at a place in it (or a key missing from a place), with a stable code and a message", () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), (changes) => {
        const input = mutated(changes);
        const result = contractSchema.safeParse(input);
        if (result.success) return;
        expect(result.error.length).toBeGreaterThan(0);
        for (const problem of result.error) {
          const parent = at(input, problem.path.slice(0, -1));
          const here = at(input, problem.path);
          expect(here.found || (parent.found && parent.value !== null && typeof parent.value === "object")).toBe(true);
          expect(problem.code).toMatch(/^[a-z][a-z0-9_]*$/);
          expect(problem.message.trim()).not.toBe("");
          if (problem.code === "required") expect(here.found && here.value !== undefined).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("reads the FIS example as a fresh copy equal to it", () => {
    const result = contractSchema.safeParse(FIS);
    expect(result.success).toBe(true);
    if (result.success) {
      expect(result.data).toEqual(FIS);
      expect(result.data).not.toBe(FIS);
    }
  });

  it("a minimum length also applies to a value of the wrong type that has a length", () => {
    const result = contractSchema.safeParse({ ...FIS, title: [] });
    expect(result.success ? [] : result.error.map((problem) => [problem.at, problem.code])).toEqual([
      ["$.title", "invalid_type"],
      ["$.title", "empty"],
    ]);
  });

  it("a union answers with the one option whose problems do not stop it, else with its own message", () => {
    const schema = z.union([z.string(), z.strictObject({ text: z.string() })], { error: "a text or { text }" });
    const problems = (input: unknown) => {
      const result = schema.safeParse(input);
      return result.success ? [] : result.error.map((problem) => [problem.at, problem.code, problem.message]);
    };
    expect(problems({ text: "a", x: 1 })).toEqual([
      ["$", "unknown_key", 'unknown key "x": check its spelling against the format'],
    ]);
    expect(problems(5)).toEqual([["$", "invalid_type", "a text or { text }"]]);
    expect(problems("a")).toEqual([]);
  });

  it("writes a recursive schema once under $defs", () => {
    const node: z.Schema = z.lazy(() => z.strictObject({ next: z.optional(node) }));
    expect(z.toJSONSchema(node)).toEqual({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $ref: "#/$defs/__schema0",
      $defs: {
        __schema0: {
          type: "object",
          properties: { next: { $ref: "#/$defs/__schema0" } },
          additionalProperties: false,
        },
      },
    });
  });
});
