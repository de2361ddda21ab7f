import { readFileSync } from "node:fs";
import { parseContract, settleClaims } from "./src/index.js";
import { generateClaims } from "./examples/rate-card/generate-claims.js";
const contract = parseContract(JSON.parse(readFileSync("examples/rate-card/contract.json", "utf8")));
let t = performance.now();
const claims = generateClaims(42, 100_000, 10);
console.log("gen", performance.now() - t);
for (let i = 0; i < 4; i++) {
  t = performance.now();
  const r = settleClaims(contract, claims, { asOf: "2016-01-01" });
  console.log("settle keep", (performance.now() - t).toFixed(0), r.counts, r.total.amount, JSON.stringify(r.rejectedByReason));
}
t = performance.now();
settleClaims(contract, claims, { asOf: "2016-01-01", keepDecisions: false });
console.log("settle nokeep", (performance.now() - t).toFixed(0));
