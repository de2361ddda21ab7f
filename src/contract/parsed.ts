/**
 * Remembers which values came out of the library's own parsers, so that `settle` can trust them and
 * check anything else (a hand-built object in plain JavaScript) before using it. Contracts and events are
 * remembered apart: parsed events given where a contract is expected (or the reverse) are checked like any
 * other value, and rejected with a typed error, instead of being trusted as the other kind.
 */
export type ParsedKind = "contract" | "events";

const parsed: Record<ParsedKind, WeakSet<object>> = { contract: new WeakSet(), events: new WeakSet() };

export function markParsed<T extends object>(value: T, kind: ParsedKind): T {
  parsed[kind].add(value);
  return value;
}

export function isParsed(value: unknown, kind: ParsedKind = "contract"): boolean {
  return typeof value === "object" && value !== null && parsed[kind].has(value);
}
