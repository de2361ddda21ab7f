/**
 * The rows `0 … keys.length − 1` sorted by their 32-bit key (as unsigned), stable (in four scratch columns of the keys' length; the result is one of them): a least-significant-digit radix sort in three passes
 * of 11 bits over (key, row) pairs. Linear time and sequential memory access, where a comparison sort of a
 * million rows or a hash table of a million entries would jump around memory on every step.
 */
export function radixOrder(
  keys: Int32Array,
  scratch: readonly [Int32Array, Int32Array, Int32Array, Int32Array],
): Int32Array {
  const size = keys.length;
  const unsigned = (buffer: Int32Array) => new Uint32Array(buffer.buffer, buffer.byteOffset, size);
  let keyIn = unsigned(scratch[0]);
  keyIn.set(unsigned(keys));
  let rowIn = scratch[2];
  for (let i = 0; i < size; i += 1) rowIn[i] = i;
  let keyOut = unsigned(scratch[1]);
  let rowOut = scratch[3];
  const counts = new Int32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < keyIn.length; i += 1) counts[(keyIn[i]! >>> shift) & 2047]! += 1;
    let sum = 0;
    for (let bucket = 0; bucket < 2048; bucket += 1) {
      const count = counts[bucket]!;
      counts[bucket] = sum;
      sum += count;
    }
    for (let i = 0; i < keyIn.length; i += 1) {
      const key = keyIn[i]!;
      const at = counts[(key >>> shift) & 2047]!++;
      keyOut[at] = key;
      rowOut[at] = rowIn[i]!;
    }
    [keyIn, keyOut] = [keyOut, keyIn];
    [rowIn, rowOut] = [rowOut, rowIn];
  }
  return rowIn;
}
