// The contract of docs/pricing/tiers.md, settled on verified results given on the command line:
//   node example.mjs 73.2                      one period, priced by the tier table of rule.json
//   node example.mjs 72 69 --moj-cap 15000000.00   two periods (tranches c1, c2), a cap on the Ministry of Justice
//   node example.mjs --rule overlapping-tiers.json 73.2   another table (here one the contract check rejects)
// Reconviction events per 100 released prisoners, baseline 80.0, lower is better; the Ministry of Justice pays
// 80%, a lottery fund 20%; the investors receive everything. Prints the explanation, or the contract's problems.
import { readFileSync } from "node:fs";
import { explain, parseContract, parseEvents, settle } from "pay-by-results";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args.splice(at, 2)[1];
};
const rule = JSON.parse(readFileSync(option("--rule") ?? "rule.json", "utf8"));
const mojCap = option("--moj-cap");
const values = args;

const periods = values.map((_, i) => ({
  id: `p${i + 1}`,
  label: `Period ${i + 1}`,
  start: `${2026 + i}-01-01`,
  end: `${2026 + i}-12-31`,
}));
const contract = {
  id: "example",
  title: "Reconviction tiers",
  currency: "GBP",
  rounding: { mode: "half-even", at: "tranche" },
  term: { start: "2026-01-01", end: `${2027 + values.length}-12-31` },
  parties: [
    { id: "moj", name: "Ministry of Justice", roles: ["outcome-payer"] },
    { id: "lottery", name: "Lottery fund", roles: ["outcome-payer"] },
    { id: "investors", name: "Social investors", roles: ["investor"] },
    { id: "evaluator", name: "Independent evaluator", roles: ["verifier"] },
  ],
  metrics: [
    {
      id: "reconvictions",
      name: "Reconviction events per 100 released prisoners",
      unit: "events per 100",
      kind: "frequency",
      better: "lower",
      baseline: { value: "80.0", period: { start: "2023-01-01", end: "2025-12-31" }, source: "baseline source" },
    },
  ],
  periods,
  tranches: periods.map((period, i) => ({
    id: values.length === 1 ? "t1" : `c${i + 1}`,
    covers: { period: period.id },
    dueDate: `${2027 + i}-11-30`,
    pricing: rule,
    payers: [
      { party: "moj", share: "80%" },
      { party: "lottery", share: "20%" },
    ],
    recipients: [{ party: "investors", share: "100%" }],
  })),
  ...(mojCap === undefined ? {} : { caps: { perPayer: { moj: mojCap } } }),
};
const events = values.map((value, i) => ({
  type: "result",
  id: `r${i + 1}`,
  metric: "reconvictions",
  period: `p${i + 1}`,
  value,
  status: "verified",
  verifier: "evaluator",
  recordedAt: `${2027 + i}-01-15`,
}));

let parsed;
try {
  parsed = parseContract(contract);
} catch (error) {
  console.log(error.message);
  process.exit(1);
}
console.log(
  explain(settle(parsed, parseEvents(events, { contract: parsed }), { asOf: `${2027 + values.length}-12-31` })),
);
