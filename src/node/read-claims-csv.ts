import { isUtf8 } from "node:buffer";
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import type { Claim } from "../claims/claim-types.js";
import {
  CLAIMS_CSV_SOURCE,
  claimsCsvSettings,
  type ClaimsCsvSettings,
  type ClaimsCsvSource,
} from "../claims/claims-csv.js";
import { ClaimsCsvReader, type ClaimsCsvOptions } from "../claims/claims-from-csv.js";
import { OptionsError, issue } from "../errors/validation-error.js";
import { isIterable } from "../util/iterable.js";

/** Options of `readClaimsCsv`: those of `parseClaimsCsv`. */
export type ReadClaimsCsvOptions = ClaimsCsvOptions;

/**
 * Reads a claims file in CSV, one claim at a time, for `settleClaimsAsync`: memory stays flat however long
 * the file is (a line is held until its end, and a line may hold at most `maxLineBytes`, 1 MiB unless set). The
 * first row names the columns, in any order: `id`, `participant`, `outcome`, `achievedOn`, `claimedOn`,
 * `evidence` and, optionally, `enrolledOn`. Fields may be quoted with `"` (a quote inside is written `""`); a
 * field may not span lines. Lines end with LF or CRLF; a byte order mark at the start is skipped; bytes that are
 * not UTF-8 are read as U+FFFD. Blank lines are skipped; an empty `enrolledOn` means not known.
 *
 * The options are checked at once: a bad one throws an `OptionsError` here, before a byte is read. A bad header
 * (or a header line longer than `maxLineBytes`) stops the reading at once. Bad rows, and lines longer than
 * `maxLineBytes` (skipped unread, in time linear in their length), are reported together when the file has been
 * read: the iteration then throws a `ClaimsError` whose issues give each row's line number and column, e.g.
 * `{ at: "$.line[7].achievedOn", code: "invalid_date", message: "line 7: ..." }` or
 * `{ at: "$.line[9]", code: "line_too_long", message: "line 9: longer than 1048576 bytes, ..." }`.
 *
 * Given to `settleClaimsAsync` with `keepDecisions: false`, the file is not turned into claim objects at all:
 * the settlement reads the bytes of each row straight into its columns (same options, same checks, same
 * messages, same results: both ways cut the same lines from the same bytes), which is several times faster.
 * The returned generator then is not iterated; it can be given once.
 *
 * @param source a file path, or any async iterable of text or bytes (a stream) holding the CSV.
 * @throws OptionsError at once when an option is not valid (a separator other than `,`, `;` or a tab, a
 * `maxLineBytes` that is not a whole number from 1 to 1 GiB, an unknown option) or the source is neither.
 * @example
 * import { settleClaimsAsync } from "pay-by-results";
 * import { readClaimsCsv } from "pay-by-results/node";
 * const result = await settleClaimsAsync(contract, readClaimsCsv("claims.csv"), { asOf: "2027-12-31", keepDecisions: false });
 */
export function readClaimsCsv(
  source: string | AsyncIterable<string | Uint8Array>,
  options?: ReadClaimsCsvOptions,
): AsyncGenerator<Claim> {
  return claimsReader(source, options, undefined);
}

/**
 * @internal `readClaimsCsv(path, options)`, calling `onBytes` with the bytes read so far after each chunk (the
 * command line's progress line). The file is read with synchronous reads (`syncChunks`): the command line does
 * nothing else meanwhile, and a read on the calling thread costs less CPU than one handed to a worker thread
 * and awaited (a promise and a thread switch for each of a thousand chunks in 64 MB).
 */
export function readClaimsFile(
  path: string,
  onBytes: (bytes: number) => void,
  options?: ReadClaimsCsvOptions,
): AsyncGenerator<Claim> {
  return claimsReader(path, options, onBytes, true);
}

function claimsReader(
  source: string | AsyncIterable<string | Uint8Array>,
  options: ReadClaimsCsvOptions | undefined,
  onBytes: ((bytes: number) => void) | undefined,
  sync = false,
): AsyncGenerator<Claim> {
  const settings: ClaimsCsvSettings = { ...claimsCsvSettings(options), isUtf8 };
  if (typeof source !== "string" && !isIterable(source, true)) {
    throw new OptionsError([
      issue(
        ["source"],
        "invalid_source",
        "the claims source must be a file path or an async iterable of text or bytes (a stream)",
      ),
    ]);
  }
  const chunks = (): AsyncIterable<string | Uint8Array> | Iterable<Uint8Array> =>
    typeof source !== "string" ? source : sync ? syncChunks(source, onBytes) : fileChunks(source, onBytes);
  const state = { started: false };
  const claims = readClaims(chunks, settings, state);
  const csvSource: ClaimsCsvSource = {
    settings,
    get started() {
      return state.started;
    },
    chunks,
    sync: typeof source === "string" && sync,
    size: () => (typeof source === "string" ? statSync(source).size : undefined),
  };
  Object.defineProperty(claims, CLAIMS_CSV_SOURCE, { value: csvSource });
  return claims;
}

async function* readClaims(
  chunks: () => AsyncIterable<string | Uint8Array> | Iterable<Uint8Array>,
  settings: ClaimsCsvSettings,
  state: { started: boolean },
): AsyncGenerator<Claim> {
  state.started = true;
  const reader = new ClaimsCsvReader(settings);
  for await (const chunk of chunks()) yield* reader.push(chunk);
  yield* reader.end();
  reader.throwIfAny();
}

/**
 * A file's bytes, 64 KiB at a time, read into two buffers in turn: while one chunk is parsed the next is being
 * read, and each chunk is valid until the one after it is asked for (the CSV parser copies what it keeps), so
 * reading a file allocates nothing per chunk. (Node's read streams allocate a buffer per chunk: for a 70 MB
 * file, 70 MB of memory outside the JavaScript heap for the garbage collector to chase.) With 64 KiB chunks
 * the text decoded from a chunk also lives and dies in V8's young generation; with 1 MiB chunks each text was a
 * "large object" that only a full collection frees, and a million-row file peaked 120 MB higher.
 */
async function* fileChunks(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  const handle = await open(path, "r");
  const buffers = [new Uint8Array(1 << 16), new Uint8Array(1 << 16)];
  let next = 0;
  let read = 0;
  const readInto = (buffer: Uint8Array) => handle.read(buffer, 0, buffer.length, null);
  let reading = readInto(buffers[next]!);
  try {
    for (;;) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) return;
      const chunk = buffers[next]!.subarray(0, bytesRead);
      read += bytesRead;
      onBytes?.(read);
      next = 1 - next;
      reading = readInto(buffers[next]!);
      yield chunk;
    }
  } finally {
    await reading.catch(() => undefined);
    await handle.close();
  }
}

/**
 * `fileChunks` with synchronous reads into one buffer, for the command line (`readClaimsFile`): each chunk is
 * valid until the next one is asked for, as the parser needs.
 */
function* syncChunks(path: string, onBytes?: (bytes: number) => void): Generator<Uint8Array> {
  const descriptor = openSync(path, "r");
  const buffer = new Uint8Array(1 << 16);
  let read = 0;
  try {
    for (;;) {
      const bytesRead = readSync(descriptor, buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      read += bytesRead;
      onBytes?.(read);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    closeSync(descriptor);
  }
}
