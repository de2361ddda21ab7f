/**
 * Benchmark of a claims file with one line that never ends: a header, a row whose evidence runs to 50, 100 and
 * 200 MB, and one more row. The reader must find the long line in time linear in its length (before this bench
 * the chunk carried over was copied again with each new chunk: time grew as n^1.9, and a 200 MB line did not
 * finish in 5 minutes) and in memory bounded by the line limit.
 *
 * For each size it prints, beside a floor measured in the same run — reading the same file in the same 64 KiB
 * chunks, the same way, and looking for every line feed with `indexOf`, which no reader can beat:
 *   - the default limit (1 MiB): `settleClaimsAsync(contract, readClaimsCsv(file), …)` ends in a `ClaimsError`
 *     `line_too_long` at line 2, from bytes (decisions not kept) and from claim objects (decisions kept);
 *   - the limit raised over the line (`maxLineBytes: 256 MiB`): the whole line is held and read, and the claim
 *     settles (bytes path);
 * and each time's ratio to the floor, then how the times grow from 50 to 100 to 200 MB (2.0 is linear, 4.0
 * quadratic). Run with `npx tsx bench/claims-long-line.bench.ts` (needs about 1.5 GB of memory and 200 MB of
 * temporary disk). Each figure is the best of 5 runs by wall time, with the process's CPU time of that run (user
 * and system, all threads: steadier than the wall time on a shared machine).
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { open } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { ClaimsError, parseContract, settleClaimsAsync } from "../src/index.js";
import { readClaimsCsv } from "../src/node/index.js";

const MB = 1_000_000;
const SIZES = [50, 100, 200];
const RUNS = 5;
const AS_OF = "2015-09-30";
const contractFile = new URL("../examples/rate-card/contract.json", import.meta.url).pathname;
const contract = parseContract(JSON.parse(readFileSync(contractFile, "utf8")));
const HEADER = "id,participant,outcome,achievedOn,claimedOn,evidence,enrolledOn\n";
const ROW_START = "C1,P1,EMP-ENTRY,2013-01-10,2013-01-20,";
const ROW_END = ",2012-09-01\nC2,P2,EMP-ENTRY,2013-01-10,2013-01-20,EV-2,2012-09-01\n";

/** Writes the file: the header, the long row (its line `megabytes` MB long), one more row. */
function writeFile(path: string, megabytes: number): number {
  const file = openSync(path, "w");
  writeSync(file, HEADER + ROW_START);
  let left = megabytes * MB - ROW_START.length - ROW_END.indexOf("\n");
  const block = Buffer.alloc(1 << 20, "x");
  while (left > 0) {
    const written = writeSync(file, block, 0, Math.min(left, block.length));
    left -= written;
  }
  writeSync(file, ROW_END);
  closeSync(file);
  return megabytes * MB;
}

/**
 * The floor: the file read as `readClaimsCsv` reads it (64 KiB chunks into two buffers in turn, the next read
 * started before the chunk is looked at) and every line feed found with `indexOf`.
 */
async function scanFloor(path: string): Promise<number> {
  const handle = await open(path, "r");
  const buffers = [new Uint8Array(1 << 16), new Uint8Array(1 << 16)];
  let next = 0;
  let reading = handle.read(buffers[next]!, 0, 1 << 16, null);
  let lineFeeds = 0;
  try {
    for (;;) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) return lineFeeds;
      const chunk = buffers[next]!.subarray(0, bytesRead);
      next = 1 - next;
      reading = handle.read(buffers[next]!, 0, 1 << 16, null);
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lineFeeds += 1;
    }
  } finally {
    await reading.catch(() => undefined);
    await handle.close();
  }
}

/** What a settlement ends in: the total, or the codes and places of its claims error. */
async function outcome(path: string, keepDecisions: boolean, maxLineBytes?: number): Promise<string> {
  try {
    const options = maxLineBytes === undefined ? {} : { maxLineBytes };
    const settled = await settleClaimsAsync(contract, readClaimsCsv(path, options), { asOf: AS_OF, keepDecisions });
    return `settled: ${settled.counts.received} claims, total ${settled.total.amount}`;
  } catch (error) {
    if (!(error instanceof ClaimsError)) throw error;
    return `ClaimsError ${error.issues.map((found) => `${found.code} at ${found.at}`).join(", ")}`;
  }
}

type Timed<T> = { readonly result: T; readonly ms: number; readonly cpuMs: number };

async function best<T>(run: () => Promise<T>): Promise<Timed<T>> {
  let found: Timed<T> | undefined;
  for (let i = 0; i < RUNS; i += 1) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const result = await run();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    if (found === undefined || ms < found.ms) found = { result, ms, cpuMs: (used.user + used.system) / 1000 };
  }
  return found!;
}

const directory = mkdtempSync(join(tmpdir(), "claims-long-line-"));
const rows: {
  size: number;
  floor: Timed<unknown>;
  bytes: Timed<unknown>;
  objects: Timed<unknown>;
  raised: Timed<unknown>;
}[] = [];
console.log(
  `one line of 50, 100, 200 MB in a claims file; best of ${RUNS}, wall times (${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)})`,
);
try {
  for (const megabytes of SIZES) {
    const path = join(directory, `claims-${megabytes}.csv`);
    writeFile(path, megabytes);
    const floor = await best(() => scanFloor(path));
    const bytes = await best(() => outcome(path, false));
    const objects = await best(() => outcome(path, true));
    const raised = await best(() => outcome(path, false, 1 << 28));
    rmSync(path);
    rows.push({ size: megabytes, floor, bytes, objects, raised });
    const figures = (timed: Timed<unknown>) =>
      `${timed.ms.toFixed(0).padStart(6)} ms (CPU ${timed.cpuMs.toFixed(0).padStart(5)} ms)`;
    const ratio = (timed: Timed<unknown>) =>
      `${figures(timed)}  ${(timed.ms / floor.ms).toFixed(2)}× the floor (CPU ${(timed.cpuMs / floor.cpuMs).toFixed(2)}×)`;
    console.log(`\n${megabytes} MB line (${floor.result} line feeds in the file)`);
    console.log(`  floor: read in 64 KiB chunks, line feeds found by indexOf  ${figures(floor)}`);
    console.log(`  default limit (1 MiB), from bytes (keepDecisions: false)     ${ratio(bytes)}  → ${bytes.result}`);
    console.log(`  default limit (1 MiB), from claim objects (decisions kept)  ${ratio(objects)}  → ${objects.result}`);
    console.log(`  maxLineBytes 256 MiB: the line held and read, from bytes    ${ratio(raised)}  → ${raised.result}`);
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}

const growth = (pick: (row: (typeof rows)[number]) => Timed<unknown>) =>
  rows
    .slice(1)
    .map((row, index) => {
      const [now, before] = [pick(row), pick(rows[index]!)];
      return `${rows[index]!.size}→${row.size} MB ×${(now.ms / before.ms).toFixed(2)} (CPU ×${(now.cpuMs / before.cpuMs).toFixed(2)})`;
    })
    .join(", ");
console.log("\ngrowth of the time as the line doubles (×2.0 is linear, ×4.0 quadratic):");
console.log(`  floor                                   ${growth((row) => row.floor)}`);
console.log(`  default limit, from bytes               ${growth((row) => row.bytes)}`);
console.log(`  default limit, from claim objects       ${growth((row) => row.objects)}`);
console.log(`  maxLineBytes 256 MiB, from bytes        ${growth((row) => row.raised)}`);
