const CHUNK = 1 << 16;
const INT_COLUMNS = ["idStart", "idHash", "participant", "outcome", "achieved", "claimed", "enrolled", "period", "fingerprint", "fingerprint2"] as const;

/** The columns of up to 65,536 claims, filled while claims are read. */
export type ClaimChunk = Record<(typeof INT_COLUMNS)[number], Int32Array> & { reason: Uint8Array };

function newChunk(): ClaimChunk {
  const chunk = { reason: new Uint8Array(CHUNK) } as ClaimChunk;
  for (const name of INT_COLUMNS) chunk[name] = new Int32Array(CHUNK);
  return chunk;
}

/**
 * The claims of one settlement, held column by column in typed arrays: about 45 bytes per claim plus its id,
 * instead of an object per claim. While claims are read they fill fixed-size chunks (nothing is ever copied
 * to grow); `seal` then joins each column into one array of the exact size, a column at a time, so the peak
 * is the chunks plus one column.
 */
export class ClaimColumns {
  size = 0;
  /** The claim ids, packed: one text per chunk (the ids end to end) and each row's start in it. */
  private readonly idTexts: string[] = [];
  private pendingIds: string[] = [];
  private pendingLength = 0;
  idStart: Int32Array = new Int32Array(0);
  /** The chunk being filled; `push` returns the row's index in it. */
  chunk: ClaimChunk = newChunk();
  private readonly chunks: ClaimChunk[] = [this.chunk];
  idHash: Int32Array = new Int32Array(0);
  participant: Int32Array = new Int32Array(0);
  outcome: Int32Array = new Int32Array(0);
  achieved: Int32Array = new Int32Array(0);
  claimed: Int32Array = new Int32Array(0);
  enrolled: Int32Array = new Int32Array(0);
  period: Int32Array = new Int32Array(0);
  fingerprint: Int32Array = new Int32Array(0);
  fingerprint2: Int32Array = new Int32Array(0);
  /** The reason code of a rejection (0 while the claim stands). */
  reason: Uint8Array = new Uint8Array(0);
  /** What the claim rules price the claim at, before caps (minor units). */
  priced = new Float64Array(0);
  /** What is paid after caps (minor units). */
  amount = new Float64Array(0);
  /** A number the rejection message needs (a window's last day, a prerequisite, a limit). */
  detail = new Float64Array(0);

  /** Makes room for one more claim; returns its index in `chunk` (its row is `size - 1`). */
  push(id: string): number {
    const at = this.size % CHUNK;
    if (at === 0 && this.size > 0) {
      this.packIds();
      this.chunk = newChunk();
      this.chunks.push(this.chunk);
    }
    this.chunk.idStart[at] = this.pendingLength;
    this.pendingIds.push(id);
    this.pendingLength += id.length;
    this.size += 1;
    return at;
  }

  /** A million ids as a million strings cost about 40 MB; as 16 joined texts, about the characters. */
  private packIds(): void {
    this.idTexts.push(this.pendingIds.join(""));
    this.pendingIds = [];
    this.pendingLength = 0;
  }

  /** The id of a row (a new string). */
  idOf(row: number): string {
    const text = this.idTexts[Math.floor(row / CHUNK)]!;
    const end = (row + 1) % CHUNK === 0 || row + 1 === this.size ? text.length : this.idStart[row + 1]!;
    return text.slice(this.idStart[row]!, end);
  }

  /** Compares the ids of two rows as strings compare (by UTF-16 code units), without making strings. */
  compareIds(a: number, b: number): number {
    const textA = this.idTexts[Math.floor(a / CHUNK)]!;
    const textB = this.idTexts[Math.floor(b / CHUNK)]!;
    const startA = this.idStart[a]!;
    const startB = this.idStart[b]!;
    const lengthA = ((a + 1) % CHUNK === 0 || a + 1 === this.size ? textA.length : this.idStart[a + 1]!) - startA;
    const lengthB = ((b + 1) % CHUNK === 0 || b + 1 === this.size ? textB.length : this.idStart[b + 1]!) - startB;
    const length = Math.min(lengthA, lengthB);
    for (let i = 0; i < length; i += 1) {
      const difference = textA.charCodeAt(startA + i) - textB.charCodeAt(startB + i);
      if (difference !== 0) return difference;
    }
    return lengthA - lengthB;
  }

  /** Joins the chunks into flat columns of the exact size. */
  seal(): void {
    if (this.pendingIds.length > 0) this.packIds();
    const join = <T extends Int32Array | Uint8Array>(take: (chunk: ClaimChunk) => T, make: (length: number) => T): T => {
      const flat = make(this.size);
      this.chunks.forEach((chunk, index) => {
        const from = index * CHUNK;
        flat.set(take(chunk).subarray(0, Math.min(CHUNK, this.size - from)), from);
      });
      return flat;
    };
    for (const name of INT_COLUMNS) {
      this[name] = join((chunk) => chunk[name], (length) => new Int32Array(length));
      for (const chunk of this.chunks) chunk[name] = new Int32Array(0);
    }
    this.reason = join((chunk) => chunk.reason, (length) => new Uint8Array(length));
    this.chunks.length = 0;
  }

  /** Makes the columns the rules fill (after the duplicates are found, so their sort buffers are gone). */
  prepareRules(): void {
    this.priced = new Float64Array(this.size);
    this.amount = new Float64Array(this.size);
    this.detail = new Float64Array(this.size);
  }
}

/** No enrolment date. */
export const NO_DATE = -2147483648;

/**
 * A 32-bit hash of two texts (FNV-1a from `seed`). Two of them, with different seeds and the texts in either
 * order, fingerprint a claim's outcome and evidence, so that a repeated claim id can be compared with the
 * first without keeping every evidence string (when decisions are kept, the texts themselves are compared).
 */
export function fingerprint(first: string, second: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < first.length; i += 1) hash = Math.imul(hash ^ first.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ 0xffff, 0x01000193);
  for (let i = 0; i < second.length; i += 1) hash = Math.imul(hash ^ second.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/** True when the object has exactly `count` keys, all its own (a claim with no stray or inherited keys). */
export function hasOnlyOwnKeys(value: object, count: number): boolean {
  let left = count;
  for (const key in value) {
    if (left === 0 || !Object.prototype.hasOwnProperty.call(value, key)) return false;
    left -= 1;
  }
  return left === 0;
}
