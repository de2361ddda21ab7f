/**
 * The claims of one settlement, held column by column in typed arrays: about 60 bytes per claim plus its id,
 * instead of an object per claim. Columns double in size as claims arrive.
 */
export class ClaimColumns {
  size = 0;
  ids: string[] = [];
  participant = new Int32Array(1024);
  outcome = new Int32Array(1024);
  achieved = new Int32Array(1024);
  claimed = new Int32Array(1024);
  enrolled = new Int32Array(1024);
  period = new Int32Array(1024);
  idHash = new Int32Array(1024);
  fingerprint = new Int32Array(1024);
  fingerprint2 = new Int32Array(1024);
  /** The reason code of a rejection (0 while the claim stands). */
  reason = new Uint8Array(1024);
  /** What the claim rules price the claim at, before caps (minor units). */
  priced = new Float64Array(1024);
  /** What is paid after caps (minor units). */
  amount = new Float64Array(1024);
  /** A number the rejection message needs (a window's last day, a prerequisite, a limit). */
  detail = new Float64Array(1024);

  /** Makes room for one more claim and returns its row. */
  push(id: string): number {
    if (this.size === this.participant.length) this.grow();
    this.ids.push(id);
    return this.size++;
  }

  private grow(): void {
    const capacity = this.participant.length * 2;
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(column: T, make: (length: number) => T): T => {
      const wider = make(capacity);
      wider.set(column);
      return wider;
    };
    const int32 = (length: number) => new Int32Array(length);
    const float64 = (length: number) => new Float64Array(length);
    this.participant = widen(this.participant, int32);
    this.outcome = widen(this.outcome, int32);
    this.achieved = widen(this.achieved, int32);
    this.claimed = widen(this.claimed, int32);
    this.enrolled = widen(this.enrolled, int32);
    this.period = widen(this.period, int32);
    this.idHash = widen(this.idHash, int32);
    this.fingerprint = widen(this.fingerprint, int32);
    this.fingerprint2 = widen(this.fingerprint2, int32);
    this.reason = widen(this.reason, (length) => new Uint8Array(length));
    this.priced = widen(this.priced, float64);
    this.amount = widen(this.amount, float64);
    this.detail = widen(this.detail, float64);
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
