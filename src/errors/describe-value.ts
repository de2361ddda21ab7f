/** The longest text a message quotes whole; a longer one is described by its length. */
const QUOTED_TEXT = 40;

/**
 * What a received value is, in a few safe words for an error message: `the number 5`, `a number (NaN)`,
 * `the text "5,95"`, `a string of 1200 characters`, `a bigint`, `a list`, `an object`, `null`, `undefined`.
 *
 * It never serialises the value (no `JSON.stringify`, no `String()` of an object), so it cannot throw — a
 * bigint, a symbol, a cyclic object or an object without a prototype are described like any other value — and a
 * message never grows with the size of the input.
 *
 * @internal Not exported from the package.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? `the number ${String(value)}` : `a number (${String(value)})`;
    case "string":
      return value.length <= QUOTED_TEXT
        ? `the text ${JSON.stringify(value)}`
        : `a string of ${value.length} characters`;
    case "bigint":
      return "a bigint";
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "undefined";
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    default:
      if (value === null) return "null";
      try {
        return Array.isArray(value) ? "a list" : "an object";
      } catch {
        return "an object"; // a revoked proxy
      }
  }
}

/**
 * A received value that should be an id, a word or a small number, as a message shows it in place: a short text
 * quoted (`"t1"`), a finite number as itself (`2`), anything else described by `describeValue` (`a number (NaN)`,
 * `a string of 400 characters`, `an object`).
 *
 * @internal Not exported from the package.
 */
export function quoted(value: unknown): string {
  if (typeof value === "string" && value.length <= QUOTED_TEXT) return JSON.stringify(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return describeValue(value);
}
