/**
 * A fuzz run over the whole public API: every function exported by `src/index.ts` and `src/node/index.ts`
 * (enumerated at run time) is called with arguments drawn by fast-check from arbitrary values, from mutations of
 * the library's own examples and from plausible valid inputs, and each outcome is classified:
 *
 * - `result`: the call returned (or its promise resolved, or its iteration ended);
 * - `typed-error`: it threw one of the library's errors (a `ValidationError`, `ClaimsError` included);
 * - `failure`: anything else (a `TypeError`, a `RangeError` from deep code, a `DecimalError`, a stack overflow, a
 *   call slower than the step budget).
 *
 * Every call is also checked for two silent faults: a non-finite number anywhere in its result, and a change to
 * its arguments (their values or their frozen-ness).
 *
 * Used by `test/fuzz/exports.test.ts` (a CI-sized run) and `scripts/fuzz-exports.ts` (any size).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import * as core from "../../src/index.js";
import * as nodeEntry from "../../src/node/index.js";
import { validCalls } from "./valid-calls.js";

export type Outcome = "result" | "typed-error" | "failure";

/** One call whose outcome, result or effect on its arguments is wrong. */
export interface Finding {
  readonly exportName: string;
  readonly kind: "failure" | "non-finite" | "changed-input";
  /** A short description of the arguments (never their serialisation). */
  readonly args: string;
  readonly message: string;
  /** The first frame of the error's stack, when there is an error. */
  readonly frame: string;
}

export interface ExportCounts {
  result: number;
  "typed-error": number;
  failure: number;
  "non-finite": number;
  "changed-input": number;
}

export interface FuzzReport {
  readonly counts: Record<string, ExportCounts>;
  readonly findings: readonly Finding[];
  readonly cases: number;
}

export interface FuzzOptions {
  /** Cases drawn per export. */
  readonly casesPerExport: number;
  readonly seed: number;
  /** Only these exports (default all). */
  readonly only?: readonly string[];
  /** A call slower than this (milliseconds) is a failure (default 2000). */
  readonly stepBudgetMs?: number;
  /** The most findings kept per export (default 200): the counts still count them all. */
  readonly keepFindings?: number;
}

/** Exports not called: they start workers or read files. */
export const SKIPPED_EXPORTS: readonly string[] = ["simulateInWorkers"];

type AnyFunction = (...args: unknown[]) => unknown;

/** Every exported function, by name (`distributions.normal` for a namespace's), classes left out. */
export function exportedFunctions(): Map<string, AnyFunction> {
  const found = new Map<string, AnyFunction>();
  const visit = (entry: Record<string, unknown>, prefix: string) => {
    for (const name of Object.keys(entry).sort()) {
      const value = entry[name];
      const full = prefix + name;
      if (SKIPPED_EXPORTS.includes(full)) continue;
      if (typeof value === "function") {
        if (/^class\b/.test(Function.prototype.toString.call(value))) continue;
        if (!found.has(full)) found.set(full, value as AnyFunction);
      } else if (value !== null && typeof value === "object" && !Array.isArray(value) && prefix === "") {
        const inner = value as Record<string, unknown>;
        if (Object.values(inner).some((v) => typeof v === "function")) visit(inner, `${full}.`);
      }
    }
  };
  visit(core as unknown as Record<string, unknown>, "");
  visit(nodeEntry as unknown as Record<string, unknown>, "");
  return found;
}

/** The library's error classes: an error of one of them is a typed error. */
const ERROR_CLASSES: readonly (new (...args: never[]) => Error)[] = [core.ValidationError, nodeEntry.ClaimsError];

export function classify(error: unknown): Outcome {
  return ERROR_CLASSES.some((kind) => error instanceof kind) ? "typed-error" : "failure";
}

// ---------------------------------------------------------------------------------------------------------------
// the library's examples, read once

const examplesFolder = fileURLToPath(new URL("../../examples/", import.meta.url));

interface Examples {
  readonly json: readonly { readonly name: string; readonly value: unknown }[];
  readonly csv: string;
}

let examplesRead: Examples | undefined;
function examples(): Examples {
  if (examplesRead !== undefined) return examplesRead;
  const json: { name: string; value: unknown }[] = [];
  for (const folder of readdirSync(examplesFolder).sort()) {
    for (const file of readdirSync(join(examplesFolder, folder)).sort()) {
      if (file.endsWith(".json"))
        json.push({
          name: `${folder}/${file}`,
          value: JSON.parse(readFileSync(join(examplesFolder, folder, file), "utf8")),
        });
    }
  }
  const csv = readFileSync(join(examplesFolder, "rate-card", "claims-sample.csv"), "utf8");
  examplesRead = { json, csv };
  return examplesRead;
}

/** Parsed values built from the examples, for the plausible arguments (each built once; a call may not change them). */
interface Plausible {
  readonly values: readonly { readonly name: string; readonly make: () => unknown }[];
}

let plausibleBuilt: Plausible | undefined;
function plausible(): Plausible {
  if (plausibleBuilt !== undefined) return plausibleBuilt;
  const { json, csv } = examples();
  const values: { name: string; make: () => unknown }[] = [];
  const add = (name: string, make: () => unknown) => {
    try {
      make();
      values.push({ name, make });
    } catch {
      // an example that is not this kind of input
    }
  };
  const contracts = new Map<string, unknown>();
  for (const { name, value } of json) {
    try {
      contracts.set(name, core.parseContract(value));
    } catch {
      // not a contract
    }
  }
  for (const [name, contract] of contracts) {
    add(`the parsed contract ${name}`, () => contract);
    const eventsFile = json.find((e) => e.name === name.replace("contract.json", "events.json"));
    if (eventsFile !== undefined && eventsFile.name !== name) {
      const events = core.parseEvents(eventsFile.value, { contract: contract as core.Contract });
      add(`the parsed events of ${name}`, () => events);
      for (const asOf of ["2027-12-31", "2028-03-31"]) {
        const settlement = core.settle(contract as core.Contract, events, { asOf });
        add(`the settlement of ${name} as of ${asOf}`, () => settlement);
      }
    }
  }
  const lines = csv.split("\n");
  add("the example claims CSV as text", () => csv);
  add("the example claims CSV as a stream", () => asyncChunks([csv.slice(0, 100), csv.slice(100)]));
  add("the first lines of the example claims CSV", () => lines.slice(0, 5).join("\n"));
  add("an options object with asOf", () => ({ asOf: "2027-12-31" }));
  add("an options object with asOf and locale it", () => ({ asOf: "2028-03-31", locale: "it" }));
  add("the date 2027-12-31", () => "2027-12-31");
  add("the currency EUR", () => "EUR");
  add("the currency JPY", () => "JPY");
  add("the amount 10.50", () => "10.50");
  add("a money value", () => core.money("10.50", "EUR"));
  add("a list of money values", () => [core.money("1.00", "EUR"), core.money("2.35", "EUR")]);
  add("the formula 1 + 2 * 3", () => "1 + 2 * 3");
  add("a list of ratios", () => [1, 2, 3]);
  add("a list of timed flows", () => [
    { date: "2026-01-01", amount: "-100" },
    { date: "2027-01-01", amount: "110" },
  ]);
  add("a binary measure request", () => ({
    kind: "binary",
    estimator: "level",
    treated: { n: 100, successes: 40 },
  }));
  add("a design request", () => ({ kind: "binary", baseline: 0.3, effect: 0.1, n: 200 }));
  plausibleBuilt = { values };
  return plausibleBuilt;
}

async function* asyncChunks(chunks: readonly string[]): AsyncGenerator<string> {
  for (const chunk of chunks) yield chunk;
}

// ---------------------------------------------------------------------------------------------------------------
// arbitraries

/** An argument and a short description of it (never its serialisation). */
interface Drawn {
  readonly value: unknown;
  readonly what: string;
}

const BUILT_IN_NAMES = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__defineGetter__",
  "then",
  "length",
  "Symbol.iterator",
];

function nested(depth: number, asList: boolean): unknown {
  let value: unknown = asList ? [] : {};
  for (let i = 0; i < depth; i++) value = asList ? [value] : { a: value };
  return value;
}

function pollutedObject(key: string, value: unknown): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const specialValue: fc.Arbitrary<Drawn> = fc.oneof(
  fc.constantFrom<Drawn>(
    { value: Number.NaN, what: "NaN" },
    { value: Number.POSITIVE_INFINITY, what: "Infinity" },
    { value: Number.NEGATIVE_INFINITY, what: "-Infinity" },
    { value: -0, what: "-0" },
    { value: Number.MAX_VALUE, what: "MAX_VALUE" },
    { value: Number.MIN_VALUE, what: "MIN_VALUE" },
    { value: 2 ** 53, what: "2^53" },
    { value: 10n ** 30n, what: "a bigint" },
    { value: null, what: "null" },
    { value: undefined, what: "undefined" },
    { value: "", what: "an empty string" },
    { value: [], what: "an empty list" },
    { value: {}, what: "an empty object" },
    { value: Object.create(null), what: "an object without prototype" },
    { value: Symbol("x"), what: "a symbol" },
    { value: () => 1, what: "a function" },
    { value: new Date(Number.NaN), what: "an invalid Date" },
    { value: new Map([["a", 1]]), what: "a Map" },
    { value: new Uint8Array([0xff, 0xfe, 0]), what: "bytes" },
  ),
  fc.constantFrom(...BUILT_IN_NAMES).map((name) => ({ value: name, what: `the text ${name}` })),
  fc
    .tuple(fc.constantFrom("__proto__", "constructor", "prototype"), fc.anything())
    .map(([key, inner]) => ({ value: pollutedObject(key, inner), what: `an object with an own ${key}` })),
  fc
    .tuple(fc.constantFrom("9", "(", "a", "é", "[", "1e"), fc.integer({ min: 10_000, max: 200_000 }))
    .map(([unit, length]) => ({ value: unit.repeat(length), what: `a string of ${length} × ${unit}` })),
  fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean()).map(([depth, asList]) => ({
    value: nested(depth, asList),
    what: `a ${asList ? "list" : "object"} nested ${depth} deep`,
  })),
);

const anythingValue: fc.Arbitrary<Drawn> = fc
  .anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
    key: fc.oneof(fc.string(), fc.constantFrom(...BUILT_IN_NAMES)),
  })
  .map((value) => ({ value, what: `fc.anything() (${shortType(value)})` }));

type Path = readonly (string | number)[];

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...path, i], out));
  else if (value !== null && typeof value === "object")
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...path, key], out);
  return out;
}

function retype(value: unknown): unknown {
  switch (typeof value) {
    case "number":
      return String(value);
    case "string":
      return value === "" || Number.isNaN(Number(value)) ? [value] : Number(value);
    case "boolean":
      return value ? 1 : "false";
    default:
      if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
      if (value === null) return 0;
      return Object.values(value as object);
  }
}

type Change = "replace" | "remove" | "retype" | "special" | "keep";
const CHANGES: readonly Change[] = ["replace", "remove", "retype", "special", "keep"];

/**
 * `copy` (fresh, the caller's to change) with the field at `where` (an index into its paths, modulo their number)
 * changed as `how` says; `name` names the value in the description.
 */
function changeOneField(
  copy: unknown,
  name: string,
  where: number,
  how: Change,
  anything: Drawn,
  special: Drawn,
): Drawn {
  const paths = pathsOf(copy).filter((p) => p.length > 0);
  const path = paths[where % Math.max(paths.length, 1)];
  if (path === undefined || how === "keep") return { value: copy, what: name };
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  const at = path.join(".");
  if (how === "remove") {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
    return { value: copy, what: `${name} without ${at}` };
  }
  if (how === "retype") {
    parent[key] = retype(parent[key]);
    return { value: copy, what: `${name} with ${at} retyped` };
  }
  const replacement = how === "special" ? special : anything;
  parent[key] = replacement.value;
  return { value: copy, what: `${name} with ${at} = ${replacement.what}` };
}

/** An example's JSON with one field replaced, removed or retyped, built fresh for each call. */
const mutatedExample: fc.Arbitrary<Drawn> = fc
  .tuple(fc.nat(), fc.nat(), fc.constantFrom(...CHANGES), anythingValue, specialValue)
  .map(([which, where, how, anything, special]) => {
    const list = examples().json;
    const example = list[which % list.length];
    if (example === undefined) return { value: undefined, what: "no example" };
    return changeOneField(structuredClone(example.value), `the example ${example.name}`, where, how, anything, special);
  });

const plausibleValue: fc.Arbitrary<Drawn> = fc.nat().map((i) => {
  const list = plausible().values;
  const chosen = list[i % list.length];
  return chosen === undefined ? { value: undefined, what: "undefined" } : { value: chosen.make(), what: chosen.name };
});

const argument: fc.Arbitrary<Drawn> = fc.oneof(
  { weight: 3, arbitrary: anythingValue },
  { weight: 2, arbitrary: specialValue },
  { weight: 3, arbitrary: mutatedExample },
  { weight: 4, arbitrary: plausibleValue },
);

type Make = () => unknown[];

/** A plain copy of an argument whose fields can be changed, or undefined (a stream, a function, a cyclic value). */
function plainCopy(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Symbol.asyncIterator in value) return undefined;
  try {
    return structuredClone(value);
  } catch {
    return undefined;
  }
}

/**
 * A valid call of the export with one thing changed: kept whole, one argument replaced by any drawn value, one
 * field inside one argument changed (on a copy: a library value copied is no longer the library's), the last
 * argument dropped, or one argument too many.
 */
function nearValidArguments(makes: readonly Make[]): fc.Arbitrary<Drawn[]> {
  return fc
    .tuple(
      fc.nat(),
      fc.nat(),
      fc.nat(),
      fc.constantFrom("keep", "replace", "field", "field", "drop", "extra"),
      fc.constantFrom(...CHANGES),
      argument,
      specialValue,
    )
    .map(([which, position, where, how, change, drawn, special]) => {
      const make = makes[which % makes.length] as Make;
      const values = make();
      const args: Drawn[] = values.map((value, i) => ({ value, what: `valid argument ${i + 1}` }));
      const at = values.length === 0 ? 0 : position % values.length;
      if (how === "replace" && args.length > 0) args[at] = drawn;
      else if (how === "drop") args.pop();
      else if (how === "extra") args.push(drawn);
      else if (how === "field" && args.length > 0) {
        const copy = plainCopy(values[at]);
        if (copy !== undefined)
          args[at] = changeOneField(copy, `valid argument ${at + 1}`, where, change, drawn, special);
      }
      return args;
    });
}

function argumentsFor(fn: AnyFunction, valid: readonly Make[] | undefined): fc.Arbitrary<Drawn[]> {
  const most = Math.max(fn.length, 1) + 1;
  const arbitrary = fc.array(argument, { minLength: 0, maxLength: most });
  if (valid === undefined || valid.length === 0) return arbitrary;
  return fc.oneof({ weight: 2, arbitrary }, { weight: 3, arbitrary: nearValidArguments(valid) });
}

/** `readClaimsCsv` is called with in-memory sources only, never a path. */
function safeArguments(name: string, args: Drawn[]): Drawn[] {
  if (name !== "readClaimsCsv") return args;
  const first = args[0];
  if (first !== undefined && typeof first.value === "string")
    return [{ value: asyncChunks([first.value]), what: `a stream of ${first.what}` }, ...args.slice(1)];
  return args;
}

// ---------------------------------------------------------------------------------------------------------------
// checks

function shortType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
    const name = proto?.constructor?.name;
    return typeof name === "string" && name !== "Object" ? name : "object";
  }
  return typeof value;
}

const NODE_BUDGET = 200_000;
/** The walks below stop this deep (an input may be nested deeper than the stack allows). */
const DEPTH_LIMIT = 1000;

/** A path to a non-finite number in a result, or undefined. */
export function nonFiniteIn(value: unknown): string | undefined {
  const seen = new Set<unknown>();
  let nodes = 0;
  const walk = (item: unknown, at: string, depth = 0): string | undefined => {
    if (typeof item === "number") return Number.isFinite(item) ? undefined : `${at} = ${String(item)}`;
    if (item === null || typeof item !== "object" || seen.has(item) || depth > DEPTH_LIMIT) return undefined;
    if (++nodes > NODE_BUDGET) return undefined;
    seen.add(item);
    if (ArrayBuffer.isView(item)) return undefined;
    if (item instanceof Map) {
      for (const [k, v] of item) {
        const found = walk(v, `${at}.get(${typeof k === "string" ? k : "…"})`, depth + 1);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (item instanceof Set) {
      for (const v of item) {
        const found = walk(v, `${at}.has(…)`, depth + 1);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    for (const key of Object.keys(item)) {
      let inner: unknown;
      try {
        inner = (item as Record<string, unknown>)[key];
      } catch {
        continue;
      }
      const found = walk(inner, depth < 20 ? `${at}.${key}` : at, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(value, "$");
}

/**
 * A snapshot of a value for the before/after comparison: its structure, primitive values (NaN, -0 and bigints
 * told apart) and the frozen-ness of every object. Streams (async iterables) are opaque: reading one is its use.
 */
export function snapshot(value: unknown): string {
  const seen = new Map<object, number>();
  const parts: string[] = [];
  let nodes = 0;
  const walk = (item: unknown, depth = 0): void => {
    if (++nodes > NODE_BUDGET || depth > DEPTH_LIMIT) {
      parts.push("…");
      return;
    }
    switch (typeof item) {
      case "number":
        parts.push(Object.is(item, -0) ? "-0" : String(item));
        return;
      case "string":
        parts.push(item.length > 64 ? `s${item.length}:${hash(item)}` : JSON.stringify(item));
        return;
      case "bigint":
        parts.push(`${item}n`);
        return;
      case "symbol":
        parts.push("sym");
        return;
      case "function":
        parts.push("fn");
        return;
      case "object":
        break;
      default:
        parts.push(String(item));
        return;
    }
    if (item === null) {
      parts.push("null");
      return;
    }
    const known = seen.get(item);
    if (known !== undefined) {
      parts.push(`#${known}`);
      return;
    }
    seen.set(item, seen.size);
    if (Symbol.asyncIterator in item) {
      parts.push("stream");
      return;
    }
    parts.push(Object.isFrozen(item) ? "F" : Object.isSealed(item) ? "S" : Object.isExtensible(item) ? "" : "X");
    if (ArrayBuffer.isView(item)) {
      parts.push(`bytes[${Array.from(new Uint8Array(item.buffer, item.byteOffset, item.byteLength)).join(",")}]`);
      return;
    }
    if (item instanceof Date) {
      parts.push(`date(${item.getTime()})`);
      return;
    }
    if (item instanceof Map || item instanceof Set) {
      parts.push(item instanceof Map ? "map{" : "set{");
      for (const entry of item instanceof Map ? item.entries() : item.values()) walk(entry, depth + 1);
      parts.push("}");
      return;
    }
    parts.push(Array.isArray(item) ? "[" : "{");
    for (const key of Reflect.ownKeys(item)) {
      parts.push(typeof key === "symbol" ? "sym:" : `${JSON.stringify(key)}:`);
      const descriptor = Object.getOwnPropertyDescriptor(item, key);
      if (descriptor === undefined) continue;
      if ("value" in descriptor) walk(descriptor.value, depth + 1);
      else parts.push("accessor");
      parts.push(descriptor.enumerable ? "," : ";");
    }
    parts.push(Array.isArray(item) ? "]" : "}");
  };
  walk(value);
  return parts.join("");
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

function firstFrame(error: unknown): string {
  if (!(error instanceof Error) || typeof error.stack !== "string") return "";
  const frame = error.stack.split("\n").find((line) => /^\s+at /.test(line));
  return frame === undefined
    ? ""
    : frame.trim().replace(`file://${process.cwd()}/`, "").replace(`${process.cwd()}/`, "");
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const first = error.message.split("\n")[0] ?? "";
    return `${error.name}: ${first.length > 200 ? `${first.slice(0, 200)}…` : first}`;
  }
  return `a thrown ${shortType(error)}`;
}

const ITERATION_CAP = 10_000;

class Timeout extends Error {}

/** Calls one function: returns its result (awaited, its iteration capped) or throws what it threw. */
async function call(fn: AnyFunction, args: unknown[], budgetMs: number): Promise<unknown> {
  let result = fn(...args);
  const settleWithin = <T>(promise: Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Timeout(`no answer within ${budgetMs} ms`)), budgetMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  };
  if (result instanceof Promise) result = await settleWithin(result);
  if (result !== null && typeof result === "object" && Symbol.asyncIterator in result) {
    const items: unknown[] = [];
    await settleWithin(
      (async () => {
        for await (const item of result as AsyncIterable<unknown>) {
          items.push(item);
          if (items.length >= ITERATION_CAP) break;
        }
      })(),
    );
    return items;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// the run

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const budget = options.stepBudgetMs ?? 2000;
  const keep = options.keepFindings ?? 200;
  const functions = exportedFunctions();
  const valid = await validCalls();
  const counts: Record<string, ExportCounts> = {};
  const findings: Finding[] = [];
  let cases = 0;
  let index = 0;
  for (const [name, fn] of functions) {
    index++;
    if (options.only !== undefined && !options.only.includes(name)) continue;
    const tally: ExportCounts = { result: 0, "typed-error": 0, failure: 0, "non-finite": 0, "changed-input": 0 };
    counts[name] = tally;
    let kept = 0;
    const note = (finding: Finding) => {
      if (kept++ < keep) findings.push(finding);
    };
    const drawn = fc.sample(argumentsFor(fn, valid.get(name)), {
      seed: options.seed + index * 7919,
      numRuns: options.casesPerExport,
    });
    for (const raw of drawn) {
      cases++;
      const args = safeArguments(name, raw);
      const values = args.map((a) => a.value);
      const what = args.length === 0 ? "no arguments" : args.map((a) => a.what).join("; ");
      const before = values.map(snapshot);
      const started = performance.now();
      let result: unknown;
      let outcome: Outcome;
      try {
        result = await call(fn, values, budget);
        outcome = "result";
      } catch (error) {
        outcome = error instanceof Timeout ? "failure" : classify(error);
        if (outcome === "failure")
          note({
            exportName: name,
            kind: "failure",
            args: what,
            message: errorMessage(error),
            frame: firstFrame(error),
          });
      }
      const elapsed = performance.now() - started;
      if (outcome !== "failure" && elapsed > budget) {
        outcome = "failure";
        note({
          exportName: name,
          kind: "failure",
          args: what,
          message: `slow: ${Math.round(elapsed)} ms beyond the step budget of ${budget} ms`,
          frame: "",
        });
      }
      tally[outcome]++;
      if (outcome === "result") {
        const bad = nonFiniteIn(result);
        if (bad !== undefined) {
          tally["non-finite"]++;
          note({
            exportName: name,
            kind: "non-finite",
            args: what,
            message: `a non-finite number in the result: ${bad}`,
            frame: "",
          });
        }
      }
      const after = values.map(snapshot);
      const changed = before.findIndex((b, i) => b !== after[i]);
      if (changed >= 0) {
        tally["changed-input"]++;
        note({
          exportName: name,
          kind: "changed-input",
          args: what,
          message: `argument ${changed + 1} was changed`,
          frame: "",
        });
      }
    }
  }
  return { counts, findings, cases };
}

/** The findings, one per export, kind and message (the first arguments that showed it kept). */
export function distinctFindings(findings: readonly Finding[]): (Finding & { readonly times: number })[] {
  const byKey = new Map<string, Finding & { times: number }>();
  for (const finding of findings) {
    const key = `${finding.exportName}\u0000${finding.kind}\u0000${finding.message.replace(/\d+ ms/, "N ms")}`;
    const known = byKey.get(key);
    if (known === undefined) byKey.set(key, { ...finding, times: 1 });
    else known.times++;
  }
  return [...byKey.values()];
}

export function findingText(finding: Finding & { readonly times?: number }): string {
  const times = finding.times !== undefined && finding.times > 1 ? ` (×${finding.times})` : "";
  return `${finding.exportName} [${finding.kind}]${times}: ${finding.message}\n    args: ${finding.args}${finding.frame === "" ? "" : `\n    at: ${finding.frame}`}`;
}
