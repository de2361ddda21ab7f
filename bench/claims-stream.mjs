/**
 * The streamed half of the claims benchmark, run by claims.bench.ts in its own plain `node` process against the
 * built package (dist/, what users install), so that the peak memory (RSS) printed is the library's own and
 * not the TypeScript loader's: settles a claims CSV file read as a stream, decisions not kept.
 * Usage: node bench/claims-stream.mjs <contract.json> <claims.csv> <asOf>
 */
import { readFileSync } from "node:fs";
import { parseContract, settleClaimsAsync } from "../dist/index.js";
import { readClaimsCsv } from "../dist/node/index.js";

const [contractFile, claimsFile, asOf] = process.argv.slice(2);
const contract = parseContract(JSON.parse(readFileSync(contractFile, "utf8")));
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
const settlement = await settleClaimsAsync(contract, readClaimsCsv(claimsFile), { asOf, keepDecisions: false });
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpuMs = process.cpuUsage(cpuStart).user / 1000;
// resourceUsage().maxRSS is the peak resident set size of this process, in kilobytes.
console.log(JSON.stringify({ ms, cpuMs, peakRssMiB: process.resourceUsage().maxRSS / 1024, total: settlement.total.amount, received: settlement.counts.received }));
