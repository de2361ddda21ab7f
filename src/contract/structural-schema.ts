import { describeValue } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";

/**
 * Structural schemas: the shape that JSON input must have (objects with known keys, lists, texts, numbers, fixed
 * words, unions of these), checked with every problem reported at its path as the library's `InputIssue`s, and
 * written out as a JSON Schema for editors (`toJSONSchema`).
 *
 * Why the library has its own: the formats need a small part of what a schema library offers, and a browser bundle
 * of the library should carry no schema library (zod/mini was 7.9 KB of the 57 KB gzip of
 * `settle, parseContract, parseEvents, explain`). The schema files import this module as `z` and call it the way
 * they called zod/mini (`z.strictObject`, `z.optional`, `.check(z.refine(…))`, `safeParse`), and which problems are
 * reported, in which order, is what zod/mini reported:
 * - a value of the wrong type stops the checks of that value (`.check(…)`), except a minimum length, which still
 *   runs on a value that has a length (a title given as an empty list is both not a text and empty);
 * - a failed check does not stop the next one, and an object's own checks run when its keys held only such
 *   problems (an unknown key, a malformed id, an empty list);
 * - of a union, the first option that accepts the value wins; else the one option whose problems are all of that
 *   kind answers for the union; else the union's own message is reported;
 * - a discriminated union picks its option by the discriminator, or reports the discriminator.
 *
 * The words are said in one place (`worded`): a missing field is `required`, an unknown key `unknown_key`, a
 * check's own code where the schema names one (`params: { code }`, or an error that returns `{ code, message }`).
 */

type Key = string | number;

/** What went wrong, before it is worded (zod's issue codes, which decide the library's codes). */
type Kind =
  | "invalid_type"
  | "invalid_value"
  | "invalid_union"
  | "invalid_key"
  | "unrecognized_keys"
  | "invalid_format"
  | "too_small"
  | "too_big"
  | "custom";

interface Found {
  /** From the value the schema that found it was given; each enclosing schema puts its key in front. */
  readonly path: Key[];
  readonly kind: Kind;
  readonly message?: string | undefined;
  /** The library's code, when the schema names one. */
  readonly code?: string | undefined;
  /** For a wrong type: what was expected. */
  readonly expected?: string;
  readonly keys?: readonly string[];
  /** `true`: the checks after it still run; `false`: none does; absent: only a minimum length does. */
  readonly go?: boolean;
}

interface Payload {
  value: unknown;
  issues: Found[];
}

/** A message and the library's code for it. */
export interface Worded {
  readonly code: string;
  readonly message: string;
}

/** A schema's message: a text, or a function of the value refused. */
export type ErrorText = string | ((refused: { readonly input: unknown }) => string | Worded);

interface CheckDef {
  readonly kind: "min_length" | "regex" | "refine" | "super" | "int" | "gte" | "gt";
  readonly error?: ErrorText | undefined;
  readonly value?: number;
  readonly pattern?: RegExp;
  readonly code?: string | undefined;
  readonly test?: (value: never) => unknown;
  readonly fn?: (value: never, context: RefineContext) => void;
}

interface Def {
  readonly type:
    | "string"
    | "number"
    | "boolean"
    | "enum"
    | "literal"
    | "array"
    | "object"
    | "record"
    | "union"
    | "optional"
    | "lazy";
  readonly error?: ErrorText | undefined;
  readonly checks: readonly CheckDef[];
  /** enum, literal: the values accepted. */
  readonly values?: ReadonlySet<unknown>;
  /** array: the element; optional: the schema of a value given; record: the values'. */
  readonly inner?: Schema;
  /** record: the keys'. */
  readonly keys?: Schema;
  readonly shape?: Readonly<Record<string, Schema>>;
  readonly options?: readonly Schema[];
  /** A discriminated union: the discriminator, and the option of each of its values. */
  readonly key?: string;
  readonly byKey?: ReadonlyMap<unknown, Schema>;
  readonly get?: () => Schema;
}

/** A check of a value of type `T`, for `.check(…)`. */
export interface Check<T> {
  readonly def: CheckDef;
  /** Types only: the values it checks. */
  readonly "~in"?: (value: T) => void;
}

/** The result of `safeParse`: the value read, or every problem found. */
export type Parsed<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: InputIssue[] };

/** A structural schema of values of type `T`. */
export interface Schema<T = unknown> {
  /** @internal What it accepts, for the reader and for `toJSONSchema`. */
  readonly def: Def;
  /** Types only: the values it accepts. */
  readonly "~out"?: T;
  /** The same schema with `checks` run after its own (each only when the value is sound so far). */
  check(...checks: readonly Check<T>[]): Schema<T>;
  /**
   * Reads `input`: a fresh copy of what the schema describes (an object keeps only its declared keys), or the
   * problems found, each with its path from `input`.
   */
  safeParse(input: unknown): Parsed<T>;
}

/** A schema whose key may be left out of an object. */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly "~optional": true;
}

type Output<S> = S extends Schema<infer T> ? T : never;
type Shape = Readonly<Record<string, Schema>>;
type Flat<T> = { [K in keyof T]: T[K] };
type ObjectOutput<S extends Shape> = Flat<
  { readonly [K in keyof S as S[K] extends OptionalSchema<unknown> ? never : K]: Output<S[K]> } & {
    readonly [K in keyof S as S[K] extends OptionalSchema<unknown> ? K : never]?: Exclude<Output<S[K]>, undefined>;
  }
>;

/** A problem that a `superRefine` adds: its path from the value checked, and the library's code or zod's. */
export interface AddedIssue {
  readonly code?: "custom" | "too_small";
  readonly path?: readonly Key[];
  readonly message: string;
  readonly params?: { readonly code: string };
}

interface RefineContext {
  addIssue(added: AddedIssue): void;
}

function fail(payload: Payload, kind: Kind, error: ErrorText | undefined, found?: Partial<Found>): void {
  const said = typeof error === "function" ? error({ input: payload.value }) : error;
  payload.issues.push({ path: [], kind, ...(typeof said === "object" ? said : { message: said }), ...found });
}

/** Whether a problem in `issues` from `start` on stops the checks (zod's `aborted`). */
const stops = (issues: readonly Found[], start = 0, explicit = false) =>
  issues.slice(start).some((found) => (explicit ? found.go === false : found.go !== true));

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** An object literal or `Object.create(null)`, not a class instance (zod's `isPlainObject`). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const maker: unknown = value.constructor;
  if (typeof maker !== "function") return true;
  const prototype: unknown = maker.prototype;
  return isObject(prototype) && Object.hasOwn(prototype, "isPrototypeOf");
}

/** Runs `schema` on `child.value` and moves its problems, under `key`, into `into`. */
function child(schema: Schema, value: unknown, key: Key, into: Payload): Payload {
  const result = run(schema, { value, issues: [] });
  for (const found of result.issues) {
    found.path.unshift(key);
    into.issues.push(found);
  }
  return result;
}

function parse(def: Def, payload: Payload): Payload {
  const input = payload.value;
  switch (def.type) {
    case "string":
    case "boolean":
      if (typeof input !== def.type) fail(payload, "invalid_type", def.error, { expected: def.type });
      return payload;
    case "number":
      if (!Number.isFinite(input)) fail(payload, "invalid_type", def.error, { expected: "number" });
      return payload;
    case "enum":
    case "literal":
      if (!def.values!.has(input)) fail(payload, "invalid_value", def.error);
      return payload;
    case "optional":
      return input === undefined ? payload : run(def.inner!, payload);
    case "lazy":
      return run(def.get!(), payload);
    case "array": {
      if (!Array.isArray(input)) {
        fail(payload, "invalid_type", def.error, { expected: "array" });
        return payload;
      }
      const output: unknown[] = Array(input.length);
      payload.value = output;
      for (let index = 0; index < input.length; index++)
        output[index] = child(def.inner!, input[index], index, payload).value;
      return payload;
    }
    case "object": {
      if (!isObject(input)) {
        fail(payload, "invalid_type", def.error, { expected: "object" });
        return payload;
      }
      const output: Record<string, unknown> = {};
      payload.value = output;
      const shape = def.shape!;
      for (const key in shape) {
        const schema = shape[key]!;
        const given = key in input;
        if (!given && schema.def.type === "optional") continue;
        const result = child(schema, input[key], key, payload);
        if (given) output[key] = result.value;
      }
      const unknown: string[] = [];
      for (const key in input) if (!Object.hasOwn(shape, key)) unknown.push(key);
      if (unknown.length > 0) payload.issues.push({ path: [], kind: "unrecognized_keys", keys: unknown, go: true });
      return payload;
    }
    case "record": {
      if (!isPlainObject(input)) {
        fail(payload, "invalid_type", def.error, { expected: "record" });
        return payload;
      }
      const output: Record<string, unknown> = {};
      payload.value = output;
      for (const key of Reflect.ownKeys(input)) {
        // never assigned: an own "__proto__" would set the output's prototype (parseContract reads it itself)
        if (key === "__proto__" || !Object.prototype.propertyIsEnumerable.call(input, key)) continue;
        if (typeof key === "symbol") payload.issues.push({ path: [String(key)], kind: "invalid_key" });
        else output[key] = child(def.inner!, input[key], key, payload).value;
      }
      return payload;
    }
    case "union": {
      if (def.key !== undefined) {
        if (!isObject(input)) {
          fail(payload, "invalid_type", def.error, { expected: "object" });
          return payload;
        }
        const option = def.byKey!.get(input[def.key]);
        if (option !== undefined) return run(option, payload);
        fail(payload, "invalid_union", def.error, { path: [def.key] });
        return payload;
      }
      const results: Payload[] = [];
      for (const option of def.options!) {
        const result = run(option, { value: input, issues: [] });
        if (result.issues.length === 0) return result;
        results.push(result);
      }
      const answering = results.filter((result) => !stops(result.issues));
      if (answering.length === 1) return answering[0]!;
      fail(payload, "invalid_union", def.error);
      return payload;
    }
  }
}

function checkOne(check: CheckDef, payload: Payload, error: ErrorText | undefined): void {
  const value = payload.value as number;
  const fails = (kind: Kind, found?: Partial<Found>) =>
    fail(payload, kind, check.error ?? error, { go: true, ...found });
  switch (check.kind) {
    case "min_length": {
      // counted in code points, as zod does for a text
      const length = typeof value === "string" ? [...value].length : (value as unknown as unknown[]).length;
      if (!(length >= check.value!)) fails("too_small");
      return;
    }
    case "regex":
      check.pattern!.lastIndex = 0;
      if (!check.pattern!.test(value as unknown as string)) fails("invalid_format");
      return;
    case "refine":
      if (!check.test!(value as never)) fails("custom", { code: check.code });
      return;
    case "super":
      check.fn!(value as never, {
        addIssue: (added) =>
          payload.issues.push({
            path: [...(added.path ?? [])],
            kind: added.code ?? "custom",
            message: added.message,
            code: added.params?.code,
            go: true,
          }),
      });
      return;
    case "int":
      if (!Number.isInteger(value)) fails("invalid_type", { expected: "int", go: false });
      else if (!Number.isSafeInteger(value)) fails(value > 0 ? "too_big" : "too_small");
      return;
    case "gte":
      if (!(value >= check.value!)) fails("too_small");
      return;
    case "gt":
      if (!(value > check.value!)) fails("too_small");
  }
}

function run(schema: Schema, payload: Payload): Payload {
  const def = schema.def;
  const result = parse(def, payload);
  let stopped = stops(result.issues);
  for (const check of def.checks) {
    const value = result.value as { length?: unknown } | null | undefined;
    if (check.kind === "min_length") {
      if (stops(result.issues, 0, true) || value === null || value === undefined || value.length === undefined)
        continue;
    } else if (stopped) continue;
    const before = result.issues.length;
    checkOne(check, result, def.error);
    stopped ||= stops(result.issues, before);
  }
  return result;
}

/** The value at `path` in `input` through own keys only, or `undefined`. */
function valueAt(input: unknown, path: readonly Key[]): unknown {
  let current = input;
  for (const key of path) {
    // own keys only: a missing "constructor" or "toString" is missing, not a method of every object
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<Key, unknown>)[key];
  }
  return current;
}

const EXPECTED: Readonly<Record<string, string>> = {
  object: "an object ({ ... })",
  array: "a list ([ ... ])",
  record: 'an object of ids to values ({ "id": ... })',
  string: "a string",
  number: "a number",
  boolean: "true or false",
};

const CODES: Readonly<Record<string, string>> = {
  // a malformed id (the one pattern the formats check)
  invalid_format: "invalid_id",
  // an empty text or list where at least one is needed (a name, a tier table, the parties)
  too_small: "empty",
  // a value outside a fixed list (a rounding mode, a metric kind, a role)
  invalid_value: "invalid_choice",
};

/**
 * A problem in the words of the library: a path of keys and indexes, a stable code, and a message for a person
 * who writes JSON, not TypeScript. A missing field is said to be missing.
 */
function worded(found: Found, input: unknown): InputIssue {
  const { path, kind } = found;
  const message = found.message ?? "Invalid input";
  const value = valueAt(input, path);
  const field = path[path.length - 1];
  if (value === undefined && path.length > 0 && /^invalid_(type|value|union)$/.test(kind)) {
    const hint = kind === "invalid_value" ? ` (${message})` : "";
    return issue(
      path,
      "required",
      typeof field === "string" ? `"${field}" is required${hint}` : `a value is required here${hint}`,
    );
  }
  if (kind === "unrecognized_keys") {
    const keys = found.keys!.map((key) => `"${key}"`).join(", ");
    return issue(path, "unknown_key", `unknown key ${keys}: check its spelling against the format`);
  }
  if (found.code !== undefined) return issue(path, found.code, message);
  if (kind === "custom") return issue(path, "invalid", message);
  if (kind === "invalid_type" && found.message === undefined)
    return issue(path, kind, `expected ${EXPECTED[found.expected!] ?? found.expected}, got ${describeValue(value)}`);
  // A "type" that names no known kind of rule or event; elsewhere, a value of none of the accepted forms.
  if (kind === "invalid_union") return issue(path, field === "type" ? "unknown_type" : "invalid_type", message);
  return issue(path, CODES[kind] ?? kind, message);
}

class StructuralSchema<T> implements Schema<T> {
  constructor(readonly def: Def) {}
  check(...checks: readonly Check<T>[]): Schema<T> {
    return new StructuralSchema<T>({ ...this.def, checks: [...this.def.checks, ...checks.map((check) => check.def)] });
  }
  safeParse(input: unknown): Parsed<T> {
    const { value, issues } = run(this, { value: input, issues: [] });
    return issues.length === 0
      ? { success: true, data: value as T }
      : { success: false, error: issues.map((found) => worded(found, input)) };
  }
}

interface Params {
  readonly error?: ErrorText;
}

const make = <T>(type: Def["type"], params?: Params, def?: Omit<Def, "type" | "checks">): Schema<T> =>
  new StructuralSchema<T>({ type, checks: [], error: params?.error, ...def });

/** A text. */
export const string = (params?: Params) => make<string>("string", params);
/** A finite number (not NaN, not ±Infinity). */
export const number = (params?: Params) => make<number>("number", params);
/** `true` or `false`. */
export const boolean = (params?: Params) => make<boolean>("boolean", params);

/** One of a fixed list of words. */
function enumOf<const T extends readonly string[]>(values: T, params?: Params): Schema<T[number]> {
  return make("enum", params, { values: new Set(values) });
}
export { enumOf as enum };

/**
 * One of a fixed list of words, refused with a message that names what is expected and lists the words:
 * `choice("a basis", ["value", "improvement"])` says `expected a basis: value or improvement`.
 */
export function choice<const T extends readonly string[]>(what: string, values: T): Schema<T[number]> {
  const listed = values.length === 1 ? values[0] : `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
  return enumOf(values, { error: `expected ${what}: ${listed}` });
}

/** Exactly `value` (the discriminator of an option of `discriminatedUnion`). */
export const literal = <const T extends string>(value: T) =>
  make<T>("literal", undefined, { values: new Set([value]) });

/** A list of values of `element`. */
export const array = <T>(element: Schema<T>, params?: Params) => make<T[]>("array", params, { inner: element });

/** An object with exactly the keys of `shape`: an unknown key is a problem (`unknown_key`). */
export const strictObject = <S extends Shape>(shape: S) => make<ObjectOutput<S>>("object", undefined, { shape });

/** `schema` without the keys of `mask`, and without its checks. */
export function omit<T>(schema: Schema<T>, mask: Readonly<Record<string, true>>): Schema<Partial<T>> {
  const shape = Object.fromEntries(Object.entries(schema.def.shape!).filter(([key]) => !Object.hasOwn(mask, key)));
  return strictObject(shape) as Schema<Partial<T>>;
}

/** An object of keys (`key`, a string schema) to values of `value`. */
export const record = <V>(key: Schema<string>, value: Schema<V>) =>
  make<Record<string, V>>("record", undefined, { keys: key, inner: value });

/** A value of one of `options`. */
export const union = <const O extends readonly Schema[]>(options: O, params?: Params) =>
  make<Output<O[number]>>("union", params, { options });

/** An object that is one of `options`, chosen by its `key` (each option's `literal` there). */
export function discriminatedUnion<const O extends readonly Schema[]>(
  key: string,
  options: O,
  params?: Params,
): Schema<Output<O[number]>> {
  const byKey = new Map<unknown, Schema>();
  for (const option of options) for (const value of option.def.shape![key]!.def.values!) byKey.set(value, option);
  return make("union", params, { options, key, byKey });
}

/** A key that may be left out. */
export const optional = <T>(schema: Schema<T>) =>
  make<T | undefined>("optional", undefined, { inner: schema }) as OptionalSchema<T>;

/** A schema read when first needed, so that it can contain itself (a rule inside a rule). */
export function lazy<T>(getter: () => Schema<T>): Schema<T> {
  let schema: Schema<T> | undefined;
  return make("lazy", undefined, { get: () => (schema ??= getter()) });
}

const checkOf = <T>(def: CheckDef): Check<T> => ({ def });

/** At least `minimum` items in a list, or characters in a text. */
export const minLength = (minimum: number, error: string) =>
  checkOf<string | readonly unknown[]>({ kind: "min_length", value: minimum, error });
/** A text that matches `pattern`. */
export const regex = (pattern: RegExp, error: string) => checkOf<string>({ kind: "regex", pattern, error });
/** A whole number that JavaScript counts exactly (a safe integer). */
export const int = (error: string) => checkOf<number>({ kind: "int", error });
/** A number at least `minimum`. */
export const gte = (minimum: number, error: string) => checkOf<number>({ kind: "gte", value: minimum, error });
/** A number above zero. */
export const positive = (error: string) => checkOf<number>({ kind: "gt", value: 0, error });

/** A condition on the value: when `fn` returns false, the problem `error`, with the library's code `params.code`. */
export const refine = <T>(
  fn: (value: T) => unknown,
  params: { readonly error: string; readonly params?: { readonly code: string } },
) => checkOf<T>({ kind: "refine", test: fn, error: params.error, code: params.params?.code });

/** Conditions on the value that add their own problems, each at its path (`context.addIssue`). */
export const superRefine = <T>(fn: (value: T, context: RefineContext) => void) => checkOf<T>({ kind: "super", fn });

/** A JSON Schema document, as plain JSON data. */
export type JsonSchema = Record<string, unknown>;

/** Takes `anyOf` of bare types (`[{ "type": "number" }, { "type": "string" }]`) as one `type` list, as zod wrote it. */
function compact(json: JsonSchema): void {
  const options = json.anyOf as JsonSchema[] | undefined;
  if (options === undefined || json.type !== undefined) return;
  const types: unknown[] = [];
  for (const option of options) {
    const keys = Object.keys(option);
    if (keys.length !== 1 || keys[0] !== "type") return;
    for (const type of [option.type].flat()) if (!types.includes(type)) types.push(type);
  }
  delete json.anyOf;
  json.type = types.length === 1 ? types[0] : types;
}

/**
 * The JSON Schema (draft 2020-12, of the input) of `schema`: a schema that contains itself (`lazy`) is written once
 * under `$defs` as `__schema0`, … . Refinements are code and say nothing here; `override` adds what they check, in
 * words or as a pattern, to the JSON of each schema it knows.
 *
 * @example
 * toJSONSchema(z.strictObject({ id: z.string() })).required; // ["id"]
 */
export function toJSONSchema(schema: Schema, override?: (schema: Schema, json: JsonSchema) => void): JsonSchema {
  const defs: JsonSchema = {};
  const names = new Map<Def, string>();
  const emit = (schema: Schema): JsonSchema => {
    const def = schema.def;
    const checks = (kind: CheckDef["kind"]) => def.checks.filter((check) => check.kind === kind);
    const most = (kind: CheckDef["kind"]) => Math.max(...checks(kind).map((check) => check.value!));
    const minLength = checks("min_length").length > 0 ? most("min_length") : undefined;
    let json: JsonSchema;
    switch (def.type) {
      case "string":
        json = { type: "string" };
        if (minLength !== undefined) json.minLength = minLength;
        for (const check of checks("regex")) json.pattern = check.pattern!.source;
        break;
      case "number": {
        const int = checks("int").length > 0;
        const gte = checks("gte").length > 0 ? most("gte") : undefined;
        const minimum = int ? Math.max(Number.MIN_SAFE_INTEGER, gte ?? -Infinity) : gte;
        const above = checks("gt").length > 0 ? most("gt") : undefined;
        json = { type: int ? "integer" : "number" };
        if (above !== undefined && above >= (minimum ?? -Infinity)) json.exclusiveMinimum = above;
        else if (minimum !== undefined) json.minimum = minimum;
        if (int) json.maximum = Number.MAX_SAFE_INTEGER;
        break;
      }
      case "boolean":
        json = { type: "boolean" };
        break;
      case "enum":
        json = { type: "string", enum: [...def.values!] };
        break;
      case "literal":
        json = { type: "string", const: [...def.values!][0] };
        break;
      case "array":
        json = minLength === undefined ? {} : { minItems: minLength };
        Object.assign(json, { type: "array", items: emit(def.inner!) });
        break;
      case "object": {
        const shape = def.shape!;
        const properties: JsonSchema = {};
        for (const key in shape) properties[key] = emit(shape[key]!);
        const required = Object.keys(shape).filter((key) => shape[key]!.def.type !== "optional");
        json = {
          type: "object",
          properties,
          ...(required.length > 0 ? { required } : {}),
          additionalProperties: false,
        };
        break;
      }
      case "record":
        json = { type: "object", propertyNames: emit(def.keys!), additionalProperties: emit(def.inner!) };
        break;
      case "union":
        json = { [def.key === undefined ? "anyOf" : "oneOf"]: def.options!.map(emit) };
        break;
      case "optional":
        json = { ...emit(def.inner!) };
        break;
      case "lazy": {
        let name = names.get(def);
        if (name === undefined) {
          name = `__schema${names.size}`;
          names.set(def, name);
          defs[name] = emit(def.get!());
        }
        json = { $ref: `#/$defs/${name}` };
      }
    }
    override?.(schema, json);
    compact(json);
    return json;
  };
  const body = emit(schema);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...body,
    ...(names.size > 0 ? { $defs: defs } : {}),
  };
}
