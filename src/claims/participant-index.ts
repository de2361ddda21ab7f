import { asciiText } from "./claim-ids.js";

/**
 * The participants of a claims file, numbered in order of first appearance, found by their id's bytes: an
 * open-addressing table holds each slot's hash and number side by side in one typed array, and the ids' bytes
 * sit end to end in one buffer, so a lookup touches two places in memory and makes no string. A participant's
 * id becomes a string once, when first seen (the totals per participant name it).
 */
export class ParticipantIndex {
  /** The participants' ids, by number. */
  readonly ids: string[] = [];
  private table = new Int32Array(2 << 12);
  private mask = (1 << 12) - 1;
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private starts = new Int32Array(1 << 12);

  get size(): number {
    return this.ids.length;
  }

  /** The number of the participant whose id is `source[from, to)` with hash `hash`, added when new. */
  numberOf(source: Uint8Array, from: number, to: number, hash: number): number {
    const { table, mask, bytes, starts } = this;
    const length = to - from;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = table[2 * slot + 1]!;
      if (stored === 0) return this.add(source, from, to, hash, slot);
      if (table[2 * slot] !== hash) continue;
      const number = stored - 1;
      const start = starts[number]!;
      if (starts[number + 1]! - start !== length) continue;
      let same = true;
      for (let i = 0; i < length; i += 1) {
        if (bytes[start + i] !== source[from + i]) {
          same = false;
          break;
        }
      }
      if (same) return number;
    }
  }

  private add(source: Uint8Array, from: number, to: number, hash: number, slot: number): number {
    const number = this.ids.length;
    const length = to - from;
    if (this.used + length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + length));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    if (number + 2 > this.starts.length) {
      const grown = new Int32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.bytes.set(source.subarray(from, to), this.used);
    this.used += length;
    this.starts[number + 1] = this.used;
    this.ids.push(asciiText(source, from, to));
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = number + 1;
    if ((number + 1) * 2 > this.mask) this.grow();
    return number;
  }

  private grow(): void {
    const old = this.table;
    this.mask = this.mask * 2 + 1;
    this.table = new Int32Array(2 * (this.mask + 1));
    for (let slot = 0; slot < old.length / 2; slot += 1) {
      const stored = old[2 * slot + 1]!;
      if (stored === 0) continue;
      let at = old[2 * slot]! & this.mask;
      while (this.table[2 * at + 1] !== 0) at = (at + 1) & this.mask;
      this.table[2 * at] = old[2 * slot]!;
      this.table[2 * at + 1] = stored;
    }
  }
}
