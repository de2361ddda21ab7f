// The rate card of docs/pricing/rate.md: its "tranches" (tranches.json, as the page shows them) in a contract
// with the three outcomes as metrics (counts of participants, baseline 0, higher is better), all paid by the DWP,
// 60% to the social investor and 40% to the provider, a contract cap (GBP 250,000.00 unless given:
// `node rate-card.mjs 200000.00`); verified 37 entries into employment, 22 sustained employments and 18 NQF
// level 2 qualifications. The rule of the page's "The rule" (rule.json) is that of the first tranche.
import { isDeepStrictEqual } from "node:util";
import { readFragment, readJson } from "./json-files.mjs";
import { baseline, printSettlement, verified } from "./worked-example.mjs";

const contractCap = process.argv[2] ?? "250000.00";
const { tranches } = readFragment("tranches.json");
if (!isDeepStrictEqual(tranches[0].pricing, readJson("rule.json"))) {
  throw new Error("rule.json is not the pricing of the rate card's first tranche");
}

const outcome = (id, name) => ({
  id,
  name,
  unit: "participants",
  kind: "count",
  better: "higher",
  baseline: baseline(0, "2025-01-01", "2025-12-31"),
});
const contract = {
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
};
const result = (id, metric, value) => verified({ id, metric, period: "p1", value, recordedAt: "2027-01-15" });
const events = [
  result("r1", "entry-employment", 37),
  result("r2", "sustained-employment", 22),
  result("r3", "nqf-level-2", 18),
];
printSettlement(contract, events, "2027-03-31");
