/**
 * The value of a record's own key, or `undefined`: never an inherited property. Records keyed by a user's ids
 * or names (caps per payer or metric, organisation ids, parameters) are read through this, so that an id such
 * as `toString`, `constructor` or `valueOf` finds its own entry or none, never a method of `Object.prototype`
 * (and a key `__proto__`, when it is an own key, its own value).
 */
export function ownValue<V>(record: Readonly<Record<string, V>> | null | undefined, key: string): V | undefined {
  return record !== null && record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The value of an object's own data property, or `undefined`: never an inherited one, and a getter is not called
 * (checking a caller's value must not run the caller's code).
 */
export function ownDataValue(object: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor !== undefined && "value" in descriptor ? descriptor.value : undefined;
}
