import { readFileSync } from "node:fs";
import { parseContract, settleClaims } from "./src/index.js";
import { generateClaims } from "./examples/rate-card/generate-claims.js";
const contract = parseContract(JSON.parse(readFileSync("examples/rate-card/contract.json", "utf8")));
const claims = generateClaims(42, 100_000, 10);
let t = performance.now();
settleClaims(contract, claims, { asOf: "2016-01-01", keepDecisions: false });
console.log("settle nokeep", (performance.now() - t).toFixed(0));
