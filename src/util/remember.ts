/**
 * The value a map holds for `key`, made by `make` and kept the first time it is asked for: the one way the
 * library's caches (compiled plans, checked histories, ledgers by date) fill themselves.
 */
export function remember<K, V>(
  map: { get(key: K): V | undefined; set(key: K, value: V): unknown },
  key: K,
  make: () => V,
): V {
  let found = map.get(key);
  if (found === undefined) {
    found = make();
    map.set(key, found);
  }
  return found;
}

/** A map that forgets everything once it holds `limit` entries: a cache that never grows without bound. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.size >= this.limit && !this.has(key)) this.clear();
    return super.set(key, value);
  }
}
