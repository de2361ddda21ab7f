/**
 * Remembers which values came out of the library's own parsers, so that `settle` can trust them and
 * check anything else (a hand-built object in plain JavaScript) before using it.
 */
const parsed = new WeakSet<object>();

export function markParsed<T extends object>(value: T): T {
  parsed.add(value);
  return value;
}

export function isParsed(value: unknown): boolean {
  return typeof value === "object" && value !== null && parsed.has(value);
}
