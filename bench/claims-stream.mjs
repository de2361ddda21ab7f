/**
 * The streamed half of the claims benchmark, run by claims.bench.ts in its own plain `node` process against the
 * built package (dist/, what users install), so that the peak memory (RSS) printed is the library's own and
 * not the TypeScript loader's: settles a claims CSV file read as a stream, decisions not kept. The first run is
 * the cold one (a command-line tool's single settlement: the code is compiled while it runs); then the best of
 * three more, warm, as the in-memory figures are measured. Peak RSS is the whole process's, over all runs.
 * Usage: node bench/claims-stream.mjs <contract.json> <claims.csv> <asOf>
 */
import { readFileSync } from "node:fs";
import { parseContract, settleClaimsAsync } from "../dist/index.js";
import { readClaimsCsv } from "../dist/node/index.js";

const [contractFile, claimsFile, asOf] = process.argv.slice(2);
const contract = parseContract(JSON.parse(readFileSync(contractFile, "utf8")));

async function run() {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const settlement = await settleClaimsAsync(contract, readClaimsCsv(claimsFile), { asOf, keepDecisions: false });
  return {
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    cpuMs: process.cpuUsage(cpuStart).user / 1000,
    settlement,
  };
}

const cold = await run();
const cpuAfterCold = process.resourceUsage().maxRSS / 1024;
let warm = await run();
for (let i = 0; i < 2; i += 1) {
  const next = await run();
  if (next.ms < warm.ms) warm = next;
}
// resourceUsage().maxRSS is the peak resident set size of this process, in kilobytes.
console.log(
  JSON.stringify({
    coldMs: cold.ms,
    coldCpuMs: cold.cpuMs,
    coldPeakRssMiB: cpuAfterCold,
    warmMs: warm.ms,
    warmCpuMs: warm.cpuMs,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    total: warm.settlement.total.amount,
    received: warm.settlement.counts.received,
  }),
);
