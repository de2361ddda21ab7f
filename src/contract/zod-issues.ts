import type * as z from "zod/mini";
import { describeValue } from "../errors/describe-value.js";
import { issue, type InputIssue } from "../errors/validation-error.js";
import { FLOAT_MONEY_MESSAGE } from "./primitives.js";

/** Reads the value at `path` in `input`, or `undefined` when the path does not exist. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    // own keys only: a missing "constructor" or "toString" is missing, not a method of every object
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
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

/**
 * Turns zod's issues into the library's: a path of strings and numbers, a stable code, and a message for a
 * person who writes JSON, not TypeScript. A missing field is said to be missing.
 */
export function fromZodIssues(error: z.core.$ZodError, input: unknown): InputIssue[] {
  return error.issues.map((zodIssue) => {
    const path = zodIssue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
    const value = valueAt(input, zodIssue.path);
    const field = path[path.length - 1];
    if (
      value === undefined &&
      path.length > 0 &&
      (zodIssue.code === "invalid_type" || zodIssue.code === "invalid_value" || zodIssue.code === "invalid_union")
    ) {
      const hint = zodIssue.code === "invalid_value" ? ` (${zodIssue.message})` : "";
      return issue(
        path,
        "required",
        typeof field === "string" ? `"${field}" is required${hint}` : `a value is required here${hint}`,
      );
    }
    if (zodIssue.code === "unrecognized_keys") {
      const keys = zodIssue.keys.map((key) => `"${key}"`).join(", ");
      return issue(path, "unknown_key", `unknown key ${keys}: check its spelling against the format`);
    }
    if (zodIssue.message === FLOAT_MONEY_MESSAGE) return issue(path, "float_money", FLOAT_MONEY_MESSAGE);
    if (zodIssue.code === "custom") {
      const code = (zodIssue.params as { code?: unknown } | undefined)?.code;
      return issue(path, typeof code === "string" ? code : "invalid", zodIssue.message);
    }
    // zod's own message, not one of the schemas': "Invalid input" from zod/mini, which loads no locale, or
    // "Invalid input: expected …" when the app has loaded zod's English locale. Either way, replaced by ours.
    if (zodIssue.code === "invalid_type" && zodIssue.message.startsWith("Invalid input")) {
      const expected =
        (Object.hasOwn(EXPECTED, zodIssue.expected) ? EXPECTED[zodIssue.expected] : undefined) ?? zodIssue.expected;
      return issue(path, "invalid_type", `expected ${expected}, got ${describeValue(value)}`);
    }
    if (zodIssue.code === "invalid_format") return issue(path, "invalid_id", zodIssue.message);
    // An empty text or list where at least one is needed (a name, a tier table, the parties).
    if (zodIssue.code === "too_small") return issue(path, "empty", zodIssue.message);
    // A value outside a fixed list (a rounding mode, a metric kind, a role).
    if (zodIssue.code === "invalid_value") return issue(path, "invalid_choice", zodIssue.message);
    // A "type" that names no known kind of rule or event; elsewhere, a value of none of the accepted forms.
    if (zodIssue.code === "invalid_union")
      return issue(path, field === "type" ? "unknown_type" : "invalid_type", zodIssue.message);
    return issue(path, zodIssue.code, zodIssue.message);
  });
}
