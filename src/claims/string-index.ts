/**
 * An index from strings to small integers (the participants of a claims file), by open addressing: each slot
 * holds the hash and the value side by side in one typed array, and the key in a parallel array, so a lookup
 * touches two places in memory, and the caller computes the hash while it checks the string's characters
 * anyway (one pass).
 */
export class StringIndex {
  private table = new Int32Array(2 << 12);
  private keys: (string | undefined)[] = new Array<string | undefined>(1 << 12);
  private count = 0;

  /** The value of `key`, or -1. `hash` is `hashOfId(key)`. */
  find(key: string, hash: number): number {
    const mask = this.keys.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = this.table[2 * slot + 1]!;
      if (stored === 0) return -1;
      if (this.table[2 * slot] === hash && this.keys[slot] === key) return stored - 1;
    }
  }

  /** Records the value of `key` (not yet indexed). */
  insert(key: string, hash: number, value: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    this.place(key, hash, value + 1);
    this.count += 1;
  }

  private place(key: string, hash: number, stored: number): void {
    const mask = this.keys.length - 1;
    let slot = hash & mask;
    while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = stored;
    this.keys[slot] = key;
  }

  private grow(): void {
    const { table, keys } = this;
    this.table = new Int32Array(table.length * 2);
    this.keys = new Array<string | undefined>(keys.length * 2);
    for (let slot = 0; slot < keys.length; slot += 1) {
      if (table[2 * slot + 1] !== 0) this.place(keys[slot]!, table[2 * slot]!, table[2 * slot + 1]!);
    }
  }
}

const ID_START = new Uint8Array(128);
const ID_REST = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  ID_START[code] = /[A-Za-z0-9]/.test(char) ? 1 : 0;
  ID_REST[code] = /[A-Za-z0-9._:-]/.test(char) ? 1 : 0;
}

/**
 * The FNV-1a hash of an id when it is a valid id (letters, digits, `. _ : -`, starting with a letter or digit),
 * else `undefined`: the check and the hash in one pass over the characters.
 */
export function hashOfId(text: string): number | undefined {
  const length = text.length;
  if (length === 0) return undefined;
  let hash = 0x811c9dc5;
  for (let i = 0; i < length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 128 || (i === 0 ? ID_START[code] : ID_REST[code]) === 0) return undefined;
    hash = Math.imul(hash ^ code, 0x01000193);
  }
  // FNV's low bits vary little between ids that differ in their last character (C00000001, C00000002...);
  // the murmur3 finaliser spreads them, so linear probing does not run into long clusters.
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) | 0;
}
