/** JSON text with object keys sorted, so two equal plain values always give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, current: unknown) => {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return current;
    const sorted: Record<string, unknown> = {};
    // defined, not assigned: an own key "__proto__" stays a key (an assignment would set the prototype)
    for (const key of Object.keys(current).sort())
      Object.defineProperty(sorted, key, {
        value: (current as Record<string, unknown>)[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return sorted;
  });
}
