/**
 * True when `value` can be read with `for … of`, or, when `async` is allowed, with `for await … of` (a stream,
 * an async generator). A string is iterable too: callers that want a list of things refuse it themselves.
 */
export function isIterable(value: unknown, async: boolean): boolean {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
  const holder = value as Record<symbol, unknown>;
  return typeof holder[Symbol.iterator] === "function" || (async && typeof holder[Symbol.asyncIterator] === "function");
}
