import { asciiText } from "./claim-ids.js";
import { withRoom } from "./typed-growth.js";

/** Integers per slot: hash, number + 1, length, start in `bytes`, then the id's first 16 bytes, four to an integer. */
const SLOT = 8;
const INLINE = 16;

/**
 * The participants of a claims file, numbered in order of first appearance, found by their id's bytes without
 * making a string. An open-addressing table holds, in one slot of eight integers (32 bytes, half a cache line),
 * the hash, the number, the id's length and where its bytes are kept, and the id's first sixteen bytes: for
 * the usual id a lookup touches one place in memory. A participant's id becomes a string once, when first seen
 * (the totals name it).
 */
export class ParticipantIndex {
  /** The participants' ids, by number. */
  readonly ids: string[] = [];
  private table = new Int32Array(0);
  private mask = 0;
  private bytes = new Uint8Array(0);
  private used = 0;
  /** Where each participant's id starts in `bytes`, by number. */
  private starts = new Int32Array(0);

  constructor() {
    // Set a second time here: V8 then knows at once that these fields change (they are replaced as the index
    // grows), instead of throwing away its optimized lookups the first time the table grows.
    this.table = new Int32Array(SLOT << 15);
    this.mask = (1 << 15) - 1;
    this.bytes = new Uint8Array(1 << 16);
    this.starts = new Int32Array(1 << 12);
  }

  /**
   * Numbers the participants of a batch of claims: `numbers[k]` for the id `bytes[starts[k], ends[k])` with hash
   * `hashes[k]` (`texts[k]` is the id as a string when the caller has it). In three passes: the first sixteen
   * bytes of each id packed four to an integer; the batch looked up in a short loop that compares a slot a few
   * integers at a time (so the processor waits for several slots from memory at once: a table of a million
   * participants is far larger than its caches); then the ids not found, in order, added.
   */
  numberBatch(
    bytes: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    hashes: Int32Array,
    texts: readonly (string | undefined)[],
    count: number,
    numbers: Int32Array,
  ): void {
    if (this.words.length < 4 * count) this.words = new Int32Array(4 * count);
    const { words } = this;
    for (let k = 0; k < count; k += 1) {
      const from = starts[k]!;
      const inline = Math.min(ends[k]! - from, INLINE);
      const at = 4 * k;
      words[at] = 0;
      words[at + 1] = 0;
      words[at + 2] = 0;
      words[at + 3] = 0;
      for (let i = 0; i < inline; i += 1) words[at + (i >> 2)]! |= bytes[from + i]! << ((i & 3) << 3);
    }
    const { table, mask } = this;
    let missing = 0;
    for (let k = 0; k < count; k += 1) {
      const hash = hashes[k]!;
      const length = ends[k]! - starts[k]!;
      const at = 4 * k;
      let number = -1;
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        const place = slot * SLOT;
        const stored = table[place + 1]!;
        if (stored === 0) break;
        if (
          table[place] === hash &&
          table[place + 2] === length &&
          table[place + 4] === words[at] &&
          table[place + 5] === words[at + 1] &&
          table[place + 6] === words[at + 2] &&
          table[place + 7] === words[at + 3] &&
          (length <= INLINE || this.sameRest(place, bytes, starts[k]!, length))
        ) {
          number = stored - 1;
          break;
        }
      }
      numbers[k] = number;
      if (number < 0) missing += 1;
    }
    if (missing === 0) return;
    // New participants (or one the batch names twice, added just before): looked up again, in order.
    for (let k = 0; k < count; k += 1)
      if (numbers[k]! < 0) numbers[k] = this.numberOf(bytes, starts[k]!, ends[k]!, hashes[k]!, texts[k]);
  }

  /** The packed first bytes of a batch's ids (see `numberBatch`). */
  private words = new Int32Array(0);

  /**
   * The number of the participant whose id is `source[from, to)` with hash `hash`, added when new (`text` is
   * the id as a string when the caller has it).
   */
  numberOf(source: Uint8Array, from: number, to: number, hash: number, text?: string): number {
    const length = to - from;
    const { table, mask } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      const stored = table[at + 1]!;
      if (stored === 0) return this.add(source, from, to, hash, at, text);
      if (table[at] === hash && table[at + 2] === length && this.sameId(at, source, from, length)) return stored - 1;
    }
  }

  private sameId(at: number, source: Uint8Array, from: number, length: number): boolean {
    const { table } = this;
    const inline = Math.min(length, INLINE);
    for (let i = 0; i < inline; i += 1) {
      if (((table[at + 4 + (i >> 2)]! >>> ((i & 3) << 3)) & 255) !== source[from + i]) return false;
    }
    return length <= INLINE || this.sameRest(at, source, from, length);
  }

  /** True when the bytes of an id longer than sixteen bytes after its sixteenth are those of the slot at `at`. */
  private sameRest(at: number, source: Uint8Array, from: number, length: number): boolean {
    const start = this.table[at + 3]!;
    for (let i = INLINE; i < length; i += 1) if (this.bytes[start + i] !== source[from + i]) return false;
    return true;
  }

  private add(
    source: Uint8Array,
    from: number,
    to: number,
    hash: number,
    at: number,
    text: string | undefined,
  ): number {
    const number = this.ids.length;
    const length = to - from;
    this.bytes = withRoom(this.bytes, this.used, length);
    const kept = this.bytes;
    for (let i = 0; i < length; i += 1) kept[this.used + i] = source[from + i]!;
    this.starts = withRoom(this.starts, number + 1, 1);
    this.starts[number] = this.used;
    // V8 keeps a short slice of a long string (a CSV line) alive with its parent: the kept id is a copy.
    this.ids.push(text === undefined || text.length >= 13 ? asciiText(source, from, to) : text);
    const { table } = this;
    table[at] = hash;
    table[at + 1] = number + 1;
    table[at + 2] = length;
    table[at + 3] = this.used;
    for (let i = 0; i < Math.min(length, INLINE); i += 1)
      table[at + 4 + (i >> 2)]! |= source[from + i]! << ((i & 3) << 3);
    this.used += length;
    this.starts[number + 1] = this.used;
    // Grow at three quarters full: probes stay short.
    if ((number + 1) * 4 > this.mask * 3) this.grow();
    return number;
  }

  /**
   * The given participant numbers in the order of their ids as strings compare: a least-significant-digit radix
   * sort on the ids' bytes (a pass per character position, shorter ids first), linear where a comparison sort
   * of a hundred thousand strings takes forty milliseconds. Ids longer than 64 characters are sorted by comparison.
   */
  inIdOrder(numbers: Int32Array): Int32Array {
    const { bytes, starts } = this;
    let longest = 0;
    for (let i = 0; i < numbers.length; i += 1)
      longest = Math.max(longest, starts[numbers[i]! + 1]! - starts[numbers[i]!]!);
    if (longest > 64)
      return Int32Array.from(
        [...numbers].sort((a, b) => (this.ids[a]! < this.ids[b]! ? -1 : this.ids[a]! > this.ids[b]! ? 1 : 0)),
      );
    let from = numbers.slice();
    let to = new Int32Array(numbers.length);
    const counts = new Int32Array(258);
    for (let position = longest - 1; position >= 0; position -= 1) {
      counts.fill(0);
      // Bucket 0: ids shorter than the position (they sort first); bucket b + 1: byte b.
      for (let i = 0; i < from.length; i += 1) {
        const at = starts[from[i]!]! + position;
        counts[(at < starts[from[i]! + 1]! ? bytes[at]! + 1 : 0) + 1]! += 1;
      }
      for (let bucket = 1; bucket < 258; bucket += 1) counts[bucket]! += counts[bucket - 1]!;
      for (let i = 0; i < from.length; i += 1) {
        const number = from[i]!;
        const at = starts[number]! + position;
        to[counts[at < starts[number + 1]! ? bytes[at]! + 1 : 0]!++] = number;
      }
      [from, to] = [to, from];
    }
    return from;
  }

  /** The bytes of every participant's id, end to end: number `p`'s are `bytes[starts[p], starts[p + 1])`. */
  idBytes(): { readonly bytes: Uint8Array; readonly starts: Int32Array } {
    return { bytes: this.bytes, starts: this.starts };
  }

  /** Lets go of the lookup table once every claim is read (the ids and their bytes stay, for `inIdOrder`). */
  releaseTable(): void {
    this.table = new Int32Array(SLOT);
    this.mask = 0;
  }

  private grow(): void {
    const old = this.table;
    this.mask = this.mask * 2 + 1;
    const table = new Int32Array(SLOT * (this.mask + 1));
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from + 1] === 0) continue;
      let slot = old[from]! & this.mask;
      while (table[slot * SLOT + 1] !== 0) slot = (slot + 1) & this.mask;
      for (let k = 0; k < SLOT; k += 1) table[slot * SLOT + k] = old[from + k]!;
    }
    this.table = table;
  }
}
