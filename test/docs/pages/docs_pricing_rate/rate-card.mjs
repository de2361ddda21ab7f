// The rate card of docs/pricing/rate.md: its "tranches" (tranches.json, as the page shows them) in a contract
// with the three outcomes as metrics (counts of participants, baseline 0, higher is better), all paid by the DWP,
// 60% to the social investor and 40% to the provider, a contract cap (GBP 250,000.00 unless given:
// `node rate-card.mjs 200000.00`); verified 37 entries into employment, 22 sustained employments and 18 NQF
// level 2 qualifications. The rule of the page's "The rule" (rule.json) is that of the first tranche.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { explain, parseContract, parseEvents, settle } from "pay-by-results";

const contractCap = process.argv[2] ?? "250000.00";
const { tranches } = JSON.parse(`{ ${readFileSync("tranches.json", "utf8")} }`);
if (!isDeepStrictEqual(tranches[0].pricing, JSON.parse(readFileSync("rule.json", "utf8")))) {
  throw new Error("rule.json is not the pricing of the rate card's first tranche");
}

const outcome = (id, name) => ({
  id,
  name,
  unit: "participants",
  kind: "count",
  better: "higher",
  baseline: { value: 0, period: { start: "2025-01-01", end: "2025-12-31" }, source: "baseline source" },
});
const contract = parseContract({
  id: "example",
  title: "Innovation Fund rate card",
  currency: "GBP",
  rounding: { mode: "half-even", at: "tranche" },
  term: { start: "2026-01-01", end: "2027-12-31" },
  parties: [
    { id: "dwp", name: "Department for Work and Pensions", roles: ["outcome-payer"] },
    { id: "investor", name: "Social investor", roles: ["investor"] },
    { id: "provider", name: "Provider", roles: ["provider"] },
    { id: "evaluator", name: "Independent evaluator", roles: ["verifier"] },
  ],
  metrics: [
    outcome("entry-employment", "Entries into employment"),
    outcome("sustained-employment", "Sustained employments"),
    outcome("nqf-level-2", "First NQF level 2 qualifications"),
  ],
  periods: [{ id: "p1", label: "Year 1", start: "2026-01-01", end: "2026-12-31" }],
  tranches,
  caps: { contract: contractCap },
});
const verified = (id, metric, value) => ({
  type: "result",
  id,
  metric,
  period: "p1",
  value,
  status: "verified",
  verifier: "evaluator",
  recordedAt: "2027-01-15",
});
const events = parseEvents(
  [
    verified("r1", "entry-employment", 37),
    verified("r2", "sustained-employment", 22),
    verified("r3", "nqf-level-2", 18),
  ],
  { contract },
);
console.log(explain(settle(contract, events, { asOf: "2027-03-31" })));
