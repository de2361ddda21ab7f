// The rate card of the page (rate-card.jsonc, a fragment of a contract, with its comments) in a contract of its
// own, settled on the claims of claims.json as of 2015-09-30: prints every decision, then the totals.
import { readFileSync } from "node:fs";
import { explainClaimDecision, explainClaims, parseContract, settleClaims } from "pay-by-results";

const fragment = readFileSync("rate-card.jsonc", "utf8").replace(/\/\/.*$/gm, "");
const { rateCard } = JSON.parse(`{${fragment}}`);
const contract = parseContract({
  id: "rate-card-page",
  title: "The rate card of the page",
  currency: "GBP",
  rounding: { mode: "half-even", at: "tranche" },
  term: { start: "2012-04-01", end: "2015-09-30" },
  parties: [
    { id: "dwp", name: "Department for Work and Pensions", roles: ["outcome-payer"] },
    { id: "council", name: "Local authority", roles: ["outcome-payer"] },
    { id: "provider", name: "Delivery provider", roles: ["provider"] },
  ],
  metrics: [],
  periods: [],
  tranches: [],
  rateCard,
});
const claims = JSON.parse(readFileSync("claims.json", "utf8"));
const settlement = settleClaims(contract, claims, { asOf: "2015-09-30" });
for (const decision of settlement.decisions) console.log(explainClaimDecision(decision, settlement.currency));
console.log();
console.log(explainClaims(settlement));
