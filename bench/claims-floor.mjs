/**
 * The floor of bench/claims-cli.bench.ts, run in its own plain `node` process as the command line is: a plain
 * reader of the same claims file that only parses and sums — each line split at its commas, the outcome's price
 * (the card's first price, in minor units) looked up and added — with no check, no rule and no output but the
 * count and the sum. Reads the file 64 KiB at a time into one buffer, as the library's reader does.
 * Usage: node bench/claims-floor.mjs <contract.json> <claims.csv>
 * Prints { "lines": n, "totalMinor": n } as JSON.
 */
import { closeSync, openSync, readFileSync, readSync } from "node:fs";

const [contractFile, claimsFile] = process.argv.slice(2);
const contract = JSON.parse(readFileSync(contractFile, "utf8"));
const price = new Map(
  contract.rateCard.outcomes.map((outcome) => [outcome.code, Math.round(Number(outcome.price) * 100)]),
);

const descriptor = openSync(claimsFile, "r");
const buffer = Buffer.alloc(1 << 16);
let carry = "";
let lines = 0;
let totalMinor = 0;
let header = true;
for (;;) {
  const read = readSync(descriptor, buffer, 0, buffer.length, null);
  if (read === 0) break;
  const text = carry + buffer.latin1Slice(0, read);
  let start = 0;
  for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
    const line = text.slice(start, end);
    start = end + 1;
    if (header) {
      header = false;
      continue;
    }
    const fields = line.split(",");
    totalMinor += price.get(fields[2]) ?? 0;
    lines += 1;
  }
  carry = text.slice(start);
}
closeSync(descriptor);
console.log(JSON.stringify({ lines, totalMinor }));
