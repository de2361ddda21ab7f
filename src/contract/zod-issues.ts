import type { z } from "zod";
import { issue, type InputIssue } from "../errors/validation-error.js";

/** Reads the value at `path` in `input`, or `undefined` when the path does not exist. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Turns zod's issues into the library's: a path of strings and numbers, and a message for a person.
 * A missing field is said to be missing (zod would say it expected a string and got undefined).
 */
export function fromZodIssues(error: z.ZodError, input: unknown): InputIssue[] {
  return error.issues.map((zodIssue) => {
    const path = zodIssue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
    if (zodIssue.code === "invalid_type" && valueAt(input, zodIssue.path) === undefined) {
      const field = path[path.length - 1];
      return issue(path, "required", typeof field === "string" ? `"${field}" is required` : "a value is required here");
    }
    if (zodIssue.code === "unrecognized_keys") {
      const keys = zodIssue.keys.map((key) => `"${key}"`).join(", ");
      return issue(path, "unknown_key", `unknown key ${keys}: check its spelling against the format`);
    }
    return issue(path, zodIssue.code, zodIssue.message);
  });
}
