/** Growing the typed arrays that hold claims, ids and participants as they are read. */

/** A copy of `array` of `length` elements (its first elements kept, the rest zero). */
export function resized<T extends Uint8Array | Int32Array>(array: T, length: number): T {
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array.subarray(0, Math.min(length, array.length)));
  return copy;
}

/** `array` itself when `more` elements fit after the first `used`, else a copy at least twice as long. */
export function withRoom<T extends Uint8Array | Int32Array>(array: T, used: number, more: number): T {
  return used + more <= array.length ? array : resized(array, Math.max(array.length * 2, used + more));
}
