// A rate card and its claims from a JSON file ({ asOf, rateCard, claims }), put in a GBP contract of its own
// (term 2012-04-01 to 2015-09-30, paid by "dwp") and settled: prints every decision, then the total.
// test/claims/doc-examples.test.ts settles the same files with the library's sources and expects the same lines.
import { readFileSync } from "node:fs";
import { explainClaimDecision, parseContract, settleClaims } from "pay-by-results";

const { asOf, rateCard, claims } = JSON.parse(readFileSync(process.argv[2], "utf8"));
const contract = parseContract({
  id: "example",
  title: "A rate card of the page",
  currency: "GBP",
  rounding: { mode: "half-even", at: "tranche" },
  term: { start: "2012-04-01", end: "2015-09-30" },
  parties: [{ id: "dwp", name: "Department for Work and Pensions", roles: ["outcome-payer"] }],
  metrics: [],
  periods: [],
  tranches: [],
  rateCard,
});
const settlement = settleClaims(contract, claims, { asOf });
for (const decision of settlement.decisions) console.log(explainClaimDecision(decision, "GBP"));
console.log(`Total due: GBP ${settlement.total.amount}`);
