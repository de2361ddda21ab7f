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
 * Two independent 32-bit hashes (FNV-1a and a multiplicative one) of the evidence and outcome text, so that a
 * repeated claim id can be compared with the first without keeping every evidence string.
 */
export function fingerprints(outcome: string, evidence: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x12345678;
  const feed = (text: string) => {
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b + code, 0x5bd1e995) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0xff, 0x01000193);
    b = Math.imul(b + 0xff, 0x5bd1e995) ^ (b >>> 15);
  };
  feed(outcome);
  feed(evidence);
  return [a | 0, b | 0];
}
