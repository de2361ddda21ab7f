/**
 * Settles a generated claims file against a DWP-Innovation-Fund-style rate card: `npm run example:claims`.
 * The claims file is generated from a fixed seed (so every run prints the same figures), written as CSV to a
 * temporary folder, and read back as a stream through `pay-by-results/node`, as a fund would read its files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { explainClaimDecision, explainClaims, parseContract, settleClaimsAsync } from "../../src/index.js";
import { readClaimsCsv } from "../../src/node/index.js";
import { claimsCsvLines, generateClaims } from "./generate-claims.js";

const here = new URL(".", import.meta.url).pathname;
const contract = parseContract(JSON.parse(readFileSync(join(here, "contract.json"), "utf8")));
const file = join(mkdtempSync(join(tmpdir(), "rate-card-")), "claims.csv");
writeFileSync(file, [...claimsCsvLines(generateClaims(2026, 500, 6))].join(""));
console.log(`Claims file: ${file}\n`);

const settlement = await settleClaimsAsync(contract, readClaimsCsv(file), { asOf: "2015-09-30" });
console.log(explainClaims(settlement));
console.log("\nA few decisions:");
const decisions = settlement.decisions ?? [];
const shown = new Set<string>();
for (const decision of decisions) {
  const kind = decision.reason ?? decision.status;
  if (shown.has(kind)) continue;
  shown.add(kind);
  console.log(explainClaimDecision(decision, settlement.currency));
}
