/**
 * The streamed half of the claims benchmark, run in its own process by claims.bench.ts so that its peak
 * memory (RSS) is its own: settles a claims CSV file read as a stream, decisions not kept.
 * Usage: tsx bench/claims-stream.ts <contract.json> <claims.csv> <asOf>
 */
import { readFileSync } from "node:fs";
import { parseContract, settleClaimsAsync } from "../src/index.js";
import { readClaimsCsv } from "../src/node/index.js";

const [contractFile, claimsFile, asOf] = process.argv.slice(2) as [string, string, string];
const contract = parseContract(JSON.parse(readFileSync(contractFile, "utf8")));
const start = process.hrtime.bigint();
const settlement = await settleClaimsAsync(contract, readClaimsCsv(claimsFile), { asOf, keepDecisions: false });
const ms = Number(process.hrtime.bigint() - start) / 1e6;
// resourceUsage().maxRSS is the peak resident set size of this process, in kilobytes.
console.log(JSON.stringify({ ms, peakRssMiB: process.resourceUsage().maxRSS / 1024, total: settlement.total.amount, received: settlement.counts.received }));
