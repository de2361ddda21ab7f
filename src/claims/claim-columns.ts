import { asciiText } from "./claim-ids.js";
import { resized, withRoom } from "./typed-growth.js";

const READ_COLUMNS = [
  "idEnd",
  "idHash",
  "participant",
  "outcome",
  "achieved",
  "claimed",
  "enrolled",
  "fingerprint",
  "fingerprint2",
] as const;
type ReadColumn = (typeof READ_COLUMNS)[number];

/**
 * The claims of one settlement, held column by column in typed arrays instead of an object per claim: 37 bytes
 * per claim plus the id's bytes (the ids end to end in one buffer — they are ASCII, so bytes compare as the
 * strings do — and two fingerprints that tell a repeat from a conflict). The claims themselves are not kept:
 * a decision is made from these columns (the id's bytes, the participant's and outcome's numbers, the day
 * numbers of the dates). Sized once when the number of claims is known (an array), else doubled as claims
 * arrive.
 */
export class ClaimColumns {
  size = 0;
  private capacity: number;
  /** Where each row's id ends in `idBytes` (it starts where the previous row's ends). */
  idEnd: Int32Array;
  idHash: Int32Array;
  participant: Int32Array;
  /**
   * The outcome's index in the card; an unknown outcome code is `-1 - k`, where `k` numbers the unknown codes
   * in order of first appearance (`ClaimRun.unknownOutcomes`).
   */
  outcome: Int32Array;
  /** Day numbers (days since 1970-01-01); `enrolled` is `NO_DATE` when the claim does not say. */
  achieved: Int32Array;
  claimed: Int32Array;
  enrolled: Int32Array;
  /** Two independent hashes of outcome and evidence (only when repeats cannot be compared by their text). */
  fingerprint: Int32Array;
  fingerprint2: Int32Array;
  /** The reason code of a rejection (0 while the claim stands). */
  reason: Uint8Array;
  idBytes = new Uint8Array(1 << 16);
  /** Bytes of `idBytes` in use. */
  idLength = 0;
  /**
   * The claim period of each claimed day from `firstClaimedDay` on (filled by `prepareRules`): a claim's period
   * is that of its claimed day (`periodOf`), so it needs no column of its own.
   */
  periodByDay = new Int32Array(0);
  firstClaimedDay = 0;
  /** The earliest claim period of the claims, and how many periods from it to the latest (0 without claims). */
  firstPeriod = 0;
  periodCount = 0;
  /**
   * What the claim rules price the claim at, before caps (minor units). 32-bit integers when every figure of the
   * card fits them (`prepareRules`), else 64-bit floats: 8 bytes a claim less for the usual card.
   */
  priced: Int32Array | Float64Array = new Float64Array(0);
  /** What is paid after caps (minor units), in the same kind of array as `priced`. */
  amount: Int32Array | Float64Array = new Float64Array(0);
  /**
   * A number the rejection message needs (a window's last day, a prerequisite, a limit, the price of the rung
   * already paid): only for claims rejected before they are priced, so it shares its memory with `priced`.
   */
  detail: Int32Array | Float64Array = new Float64Array(0);
  /**
   * The row of the claim a decision depends on (-1 for none): the claim that met its prerequisite, the rung it
   * tops up or that supersedes it, the claim that reached its limit.
   */
  dependsOn: Int32Array = new Int32Array(0);
  constructor(capacity: number) {
    // Unknown (a stream): room for 65,536 claims to start with, doubled as needed.
    this.capacity = capacity > 0 ? capacity : 1 << 16;
    this.idEnd = new Int32Array(this.capacity);
    this.idHash = new Int32Array(this.capacity);
    this.participant = new Int32Array(this.capacity);
    this.outcome = new Int32Array(this.capacity);
    this.achieved = new Int32Array(this.capacity);
    this.claimed = new Int32Array(this.capacity);
    this.enrolled = new Int32Array(this.capacity);
    this.fingerprint = new Int32Array(this.capacity);
    this.fingerprint2 = new Int32Array(this.capacity);
    this.reason = new Uint8Array(this.capacity);
  }

  /** Makes room for one more row whose id has at most `idLength` bytes. */
  room(idLength: number): void {
    if (this.size === this.capacity) this.grow();
    this.idBytes = withRoom(this.idBytes, this.idLength, idLength);
  }

  /**
   * Makes room for `rows` claims at once (a stream whose size is known: its first rows tell how many will
   * come), with id bytes in proportion to those read so far, so that the columns are copied once, not doubled
   * again and again.
   */
  reserve(rows: number): void {
    if (rows <= this.capacity || this.size === 0) return;
    const scale = rows / this.size;
    this.grow(rows);
    this.idBytes = withRoom(this.idBytes, this.idLength, Math.ceil(this.idLength * scale) - this.idLength);
  }

  private grow(capacity = this.capacity * 2): void {
    this.capacity = capacity;
    for (const name of READ_COLUMNS) this[name as ReadColumn] = resized(this[name as ReadColumn], capacity);
    this.reason = resized(this.reason, capacity);
  }

  /** Ends the row being written: its id is the `idLength` bytes written after the previous id. */
  commit(idLength: number): number {
    const row = this.size;
    this.idLength += idLength;
    this.idEnd[row] = this.idLength;
    this.size = row + 1;
    return row;
  }

  /** The claim period of the claim of `row`: that of its claimed day (after `prepareRules`). */
  periodOf(row: number): number {
    return this.periodByDay[this.claimed[row]! - this.firstClaimedDay]!;
  }

  /** Compares the ids of two rows as strings compare. */
  compareIds(a: number, b: number): number {
    const { idBytes, idEnd } = this;
    const startA = a === 0 ? 0 : idEnd[a - 1]!;
    const startB = b === 0 ? 0 : idEnd[b - 1]!;
    const lengthA = idEnd[a]! - startA;
    const lengthB = idEnd[b]! - startB;
    const length = Math.min(lengthA, lengthB);
    for (let i = 0; i < length; i += 1) {
      const difference = idBytes[startA + i]! - idBytes[startB + i]!;
      if (difference !== 0) return difference;
    }
    return lengthA - lengthB;
  }

  /** The id of the claim of `row`, as a string. */
  idOf(row: number): string {
    const from = row === 0 ? 0 : this.idEnd[row - 1]!;
    const to = this.idEnd[row]!;
    if (to - from > 24) return asciiText(this.idBytes, from, to);
    // A short id a character at a time: V8 makes short strings flat as it goes, faster than a call with a view.
    let id = "";
    for (let i = from; i < to; i += 1) id += String.fromCharCode(this.idBytes[i]!);
    return id;
  }

  /** Ends the reading: every column is cut to the claims read (a view, nothing is copied). */
  seal(): void {
    // A view keeps its whole buffer alive: columns much longer than the claims (doubled for a stream of unknown
    // length) are copied to their length instead, one at a time.
    const copy = this.capacity > this.size + (this.size >> 3) + 1024;
    for (const name of READ_COLUMNS) this[name] = cut(this[name], this.size, copy);
    this.reason = cut(this.reason, this.size, copy);
    this.idBytes = cut(this.idBytes, this.idLength, this.idBytes.length > this.idLength + (this.idLength >> 3) + 4096);
    this.capacity = this.size;
  }

  /**
   * Scratch memory shared by the steps of `finish` one after the other (the sorts that number participants and
   * find repeats, then the participant rules): four integers per claim, allocated once, which also spares V8
   * the full collections that large allocations provoke. `scratch(i)` is the `i`-th quarter, a column.
   */
  scratchBlock(): Int32Array {
    this.scratchSpace ??= new Int32Array(4 * this.size);
    return this.scratchSpace;
  }

  scratch(index: 0 | 1 | 2 | 3): Int32Array {
    return this.scratchBlock().subarray(index * this.size, (index + 1) * this.size);
  }

  private scratchSpace: Int32Array | undefined;

  /** Lets go of the ids' hashes and the fingerprints, once repeats and conflicts are found (12 bytes a claim). */
  releaseHashes(): void {
    this.idHash = new Int32Array(0);
    this.fingerprint = new Int32Array(0);
    this.fingerprint2 = new Int32Array(0);
  }

  /**
   * Lets go of what only the settling needed (the scratch memory): a settlement that keeps its decisions keeps
   * these columns alive, and need not keep that.
   */
  releaseWorkingMemory(): void {
    this.scratchSpace = undefined;
    this.releaseHashes();
  }

  /**
   * Makes the columns the rules fill; `periodOf` gives the claim period of a claimed day. `narrow`: every amount
   * and figure the rules can write (prices, caps, limits, days) is an integer that fits 32 bits.
   */
  prepareRules(periodOf: (day: number) => number, narrow: boolean): void {
    const { size, claimed, idHash, fingerprint, fingerprint2 } = this;
    // The ids' hashes and the fingerprints have served (repeats are found): their memory holds the new columns,
    // which then cost no new memory (12 bytes a claim that the garbage collector would free only later).
    this.releaseHashes();
    this.dependsOn = reused(idHash, size).fill(-1);
    this.priced = narrow ? reused(fingerprint, size).fill(0) : new Float64Array(size);
    this.amount = narrow ? reused(fingerprint2, size).fill(0) : new Float64Array(size);
    // A claim needs `priced` only when it was priced, and `detail` only when it was rejected before: they share.
    this.detail = this.priced;
    if (size === 0) return;
    // Claimed days span a few years: look each day's period up in a table made once.
    let first = claimed[0]!;
    let last = first;
    for (let row = 1; row < size; row += 1) {
      const day = claimed[row]!;
      if (day < first) first = day;
      else if (day > last) last = day;
    }
    const byDay = new Int32Array(last - first + 1);
    for (let day = first; day <= last; day += 1) byDay[day - first] = periodOf(day);
    this.periodByDay = byDay;
    this.firstClaimedDay = first;
    // Periods follow days, so the first and last claimed days bound them.
    this.firstPeriod = byDay[0]!;
    this.periodCount = byDay[last - first]! - byDay[0]! + 1;
  }
}

/** The first `length` elements of `array`: a view, or a copy (which lets the rest go) when `copy` is true. */
function cut<T extends Int32Array | Uint8Array>(array: T, length: number, copy: boolean): T {
  const kept = Math.min(length, array.length);
  return (copy ? array.slice(0, kept) : array.subarray(0, kept)) as T;
}

/** `column` itself when it holds `size` integers (its values are the caller's to overwrite), else a new one. */
function reused(column: Int32Array, size: number): Int32Array {
  return column.length === size ? column : new Int32Array(size);
}

/** No enrolment date. */
export const NO_DATE = -2147483648;

/** True when the object has exactly `count` keys, all its own (a claim with no stray or inherited keys). */
export function hasOnlyOwnKeys(value: object, count: number): boolean {
  let left = count;
  for (const key in value) {
    if (left === 0 || !Object.hasOwn(value, key)) return false;
    left -= 1;
  }
  return left === 0;
}
