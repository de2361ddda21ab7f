/**
 * The value of a record's own key, or `undefined`: never an inherited property. Records keyed by a user's ids
 * or names (caps per payer or metric, organisation ids, parameters) are read through this, so that an id such
 * as `toString`, `constructor` or `valueOf` finds its own entry or none, never a method of `Object.prototype`
 * (and a key `__proto__`, when it is an own key, its own value).
 */
export function ownValue<V>(record: Readonly<Record<string, V>> | null | undefined, key: string): V | undefined {
  return record !== null && record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
