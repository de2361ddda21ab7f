import { type DisplayKind, withNotebookDisplay } from "./notebook.js";
/** Deep readonly view of plain data. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * Freezes plain data (objects and arrays) all the way down, and returns it. Only for values the library has just
 * built from its own parts: anything a caller passed in must not end up inside (see `frozenCopy`).
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/** An object whose prototype is `Object.prototype` or `null`: data written as `{ ... }` or read from JSON. */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * A deeply frozen copy of plain data (arrays and plain objects, copied all the way down; an own `__proto__` key
 * stays an own key), for a result that carries values a caller passed in: the caller's objects are neither
 * frozen nor changed. Any other object (a `Date`, a class instance) is not the library's to copy or freeze: it
 * is kept as it is.
 */
export function frozenCopy<T>(value: T, display?: DisplayKind): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return Object.freeze(value.map((item: unknown) => frozenCopy(item))) as T;
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, {
      value: frozenCopy((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  // a result's display in a notebook, given to the copy before it is frozen (src/util/notebook.ts)
  if (display !== undefined) withNotebookDisplay(copy, display);
  return Object.freeze(copy) as T;
}
