import type { ClaimRun } from "./claim-run.js";
import { radixOrder } from "./radix-order.js";
import { R, REPEAT } from "./rejection-reasons.js";

/**
 * Finds claims that share an id, after all claims are read: the rows that may (their id's hash shares its low
 * bits with another's, found with two bitmaps) are put in order of the hash (radix sort), so equal ids sit
 * side by side. A claim identical to an earlier one (same participant, outcome,
 * dates, evidence) is a repeat and is ignored — replaying a file pays once. Claims known on the settlement
 * date with the same id and different content are all rejected (`conflicting_duplicate`), whatever their
 * order, because no rule can tell which one is right.
 */
export function markDuplicates(run: ClaimRun): void {
  const { columns } = run;
  const { idHash, size } = columns;
  if (size < 2) return;
  const candidates = sharedHashes(idHash, columns.scratch(0), columns.scratch(1));
  if (candidates === undefined) {
    // Many shared hashes: every row, in order of its id's hash.
    const order = radixOrder(idHash, [columns.scratch(0), columns.scratch(1), columns.scratch(2), columns.scratch(3)]);
    return markInOrder(run, order, (index) => index);
  }
  // The rows that may share an id, in order of their hash.
  const count = candidates.length;
  const keys = columns.scratch(2).subarray(0, count);
  for (let k = 0; k < count; k += 1) keys[k] = idHash[candidates[k]!]!;
  // Four quarters of the last scratch column for the sort (there are at most a quarter as many candidates as rows).
  const room = columns.scratch(3);
  const quarter = (index: number) => room.subarray(index * count, (index + 1) * count);
  const order = radixOrder(keys, [quarter(0), quarter(1), quarter(2), quarter(3)]);
  markInOrder(run, order, (index) => candidates[index]!);
}

/**
 * The rows whose id's hash another row's shares in its low bits (all rows that share an id among them, and a
 * few more), in order, in `list`; or `undefined` when they are more than a quarter of the rows. Two bitmaps
 * (hashes seen once, seen again) in `bits`, sized to it: a pass over the hashes and a pass to collect, with
 * none of the sorting of every row.
 */
function sharedHashes(idHash: Int32Array, bits: Int32Array, list: Int32Array): Int32Array | undefined {
  const size = idHash.length;
  // Two bitmaps of 2^k bits, as many as fit in half of `bits` each (4 to 8 bits a row).
  let words = 1;
  while (words * 2 <= bits.length >> 1) words *= 2;
  const seen = bits.subarray(0, words);
  const again = bits.subarray(words, 2 * words);
  seen.fill(0);
  again.fill(0);
  const mask = words * 32 - 1;
  for (let row = 0; row < size; row += 1) {
    const bit = idHash[row]! & mask;
    const word = bit >>> 5;
    const flag = 1 << (bit & 31);
    if ((seen[word]! & flag) !== 0) again[word]! |= flag;
    else seen[word]! |= flag;
  }
  let count = 0;
  const most = size >> 2;
  for (let row = 0; row < size; row += 1) {
    const bit = idHash[row]! & mask;
    if ((again[bit >>> 5]! & (1 << (bit & 31))) === 0) continue;
    if (count === most) return undefined;
    list[count++] = row;
  }
  return list.subarray(0, count);
}

/** Marks repeats and conflicts among the rows `rowAt(order[i])`, in order of their id's hash. */
function markInOrder(run: ClaimRun, order: Int32Array, rowAt: (index: number) => number): void {
  const { columns } = run;
  const { reason, idHash } = columns;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && idHash[rowAt(order[end]!)] === idHash[rowAt(order[start]!)]) end += 1;
    for (let i = start + 1; i < end; i += 1) {
      const row = rowAt(order[i]!);
      for (let j = start; j < i; j += 1) {
        const earlier = rowAt(order[j]!);
        if (reason[earlier] === REPEAT || columns.compareIds(earlier, row) !== 0) continue;
        if (run.sameContent(earlier, row)) {
          reason[row] = REPEAT;
          run.repeatsIgnored += 1;
          break;
        }
        // A version claimed after the settlement date is not known yet, so it conflicts with nothing.
        if (reason[earlier] === R.claimed_after_as_of || reason[row] === R.claimed_after_as_of) continue;
        reason[earlier] = R.conflicting_duplicate;
        reason[row] = R.conflicting_duplicate;
      }
    }
    start = end;
  }
}
