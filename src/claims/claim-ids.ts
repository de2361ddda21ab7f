import { ID_PATTERN } from "../contract/primitives.js";

/**
 * Claim and participant ids on the hot path: the contract's id rule (`ID_PATTERN`) checked byte by byte with
 * the hash made on the way. Ids are ASCII, so a character and its byte are the same number, and ids compare the
 * same way as bytes and as strings.
 */

/** Per byte: may it start an id, may it follow the first character (from `ID_PATTERN` itself). */
export const ID_START = new Uint8Array(256);
export const ID_REST = new Uint8Array(256);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  ID_START[code] = ID_PATTERN.test(char) ? 1 : 0;
  ID_REST[code] = ID_PATTERN.test(`a${char}`) ? 1 : 0;
}

/** What the hash functions return for a text that is not an id: not a 32-bit integer, so never a hash. */
export const NOT_AN_ID = 2 ** 32;

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
const SECOND_OFFSET = 0x2f1b3c4d;
export const SECOND_PRIME = 0x5bd1e995;
/** Where the two hashes of a fingerprint (`fingerprintBytes`) start. */
export const FINGERPRINT_FIRST = FNV_OFFSET;
export const FINGERPRINT_SECOND = SECOND_OFFSET;

/**
 * FNV's low bits vary little between ids that differ in their last character (C00000001, C00000002...); the
 * murmur3 finaliser spreads them, so that hash tables with linear probing and radix sorts on the low bits do
 * not meet long runs.
 */
export function spreadHash(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) | 0;
}

/** The hash of an id, or `NOT_AN_ID`; the id's characters are copied into `into` from `at` (room is the caller's). */
export function copyIdText(text: string, into: Uint8Array, at: number): number {
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 127) return NOT_AN_ID;
    into[at + i] = code;
  }
  return hashIdBytes(into, at, at + length);
}

/** `hashIdBytes` of `source[from, to)`, the bytes copied into `into` from `at` (room is the caller's). */
export function copyIdBytes(source: Uint8Array, from: number, to: number, into: Uint8Array, at: number): number {
  for (let i = from; i < to; i += 1) into[at + i - from] = source[i]!;
  return hashIdBytes(into, at, at + to - from);
}

/** The hash of the id in `bytes[from, to)`, or `NOT_AN_ID` (the same hash as `copyIdText` gives its text). */
export function hashIdBytes(bytes: Uint8Array, from: number, to: number): number {
  if (to <= from || ID_START[bytes[from]!] === 0) return NOT_AN_ID;
  let hash = FNV_OFFSET;
  for (let i = from; i < to; i += 1) {
    const code = bytes[i]!;
    if (ID_REST[code] === 0) return NOT_AN_ID;
    hash = Math.imul(hash ^ code, FNV_PRIME);
  }
  return spreadHash(hash);
}

/** The text of ASCII bytes (ids): short runs by `String.fromCharCode`, no decoder needed. */
export function asciiText(bytes: Uint8Array, from: number, to: number): string {
  let text = "";
  // A short text a character at a time: V8 keeps strings of up to 12 characters flat as they grow, and this
  // makes no view of the bytes.
  if (to - from <= 12) {
    for (let i = from; i < to; i += 1) text += String.fromCharCode(bytes[i]!);
    return text;
  }
  for (let i = from; i < to; i += 1024)
    text += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(to, i + 1024)) as unknown as number[]);
  return text;
}

/**
 * Two independent 32-bit hashes of a claim's outcome and evidence, made in one pass and written to
 * `first[row]` and `second[row]`: together a 64-bit fingerprint, so that a repeated claim id can be compared
 * with the first without keeping every evidence text. The first is FNV-1a; the second multiplies by another
 * odd constant and folds the high bits down at each step.
 */
export function fingerprintText(
  outcome: string,
  evidence: string,
  first: Int32Array,
  second: Int32Array,
  row: number,
): void {
  let a = FNV_OFFSET;
  let b = SECOND_OFFSET;
  for (let i = 0; i < outcome.length; i += 1) {
    const code = outcome.charCodeAt(i);
    a = Math.imul(a ^ code, FNV_PRIME);
    b = Math.imul(b ^ code, SECOND_PRIME) ^ (b >>> 15);
  }
  a = Math.imul(a ^ 0xffff, FNV_PRIME);
  b = Math.imul(b ^ 0xffff, SECOND_PRIME) ^ (b >>> 15);
  for (let i = 0; i < evidence.length; i += 1) {
    const code = evidence.charCodeAt(i);
    a = Math.imul(a ^ code, FNV_PRIME);
    b = Math.imul(b ^ code, SECOND_PRIME) ^ (b >>> 15);
  }
  first[row] = a;
  second[row] = b;
}

/** `fingerprintText` of the outcome `bytes[outcomeFrom, outcomeTo)` and evidence `bytes[evidenceFrom, evidenceTo)`. */
export function fingerprintBytes(
  bytes: Uint8Array,
  outcomeFrom: number,
  outcomeTo: number,
  evidenceFrom: number,
  evidenceTo: number,
  first: Int32Array,
  second: Int32Array,
  row: number,
): void {
  let a = FNV_OFFSET;
  let b = SECOND_OFFSET;
  for (let i = outcomeFrom; i < outcomeTo; i += 1) {
    a = Math.imul(a ^ bytes[i]!, FNV_PRIME);
    b = Math.imul(b ^ bytes[i]!, SECOND_PRIME) ^ (b >>> 15);
  }
  a = Math.imul(a ^ 0xffff, FNV_PRIME);
  b = Math.imul(b ^ 0xffff, SECOND_PRIME) ^ (b >>> 15);
  for (let i = evidenceFrom; i < evidenceTo; i += 1) {
    a = Math.imul(a ^ bytes[i]!, FNV_PRIME);
    b = Math.imul(b ^ bytes[i]!, SECOND_PRIME) ^ (b >>> 15);
  }
  first[row] = a;
  second[row] = b;
}
