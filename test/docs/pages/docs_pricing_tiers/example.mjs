// The contract of docs/pricing/tiers.md, settled on verified results given on the command line:
//   node example.mjs 73.2                      one period, priced by the tier table of rule.json
//   node example.mjs 72 69 --moj-cap 15000000.00   two periods (tranches c1, c2), a cap on the Ministry of Justice
//   node example.mjs --rule overlapping-tiers.json 73.2   another table (here one the contract check rejects)
// Reconviction events per 100 released prisoners, baseline 80.0, lower is better; the Ministry of Justice pays
// 80%, a lottery fund 20%; the investors receive everything. Prints the explanation, or the contract's problems.
import { readJson } from "./json-files.mjs";
import { baseline, commandLine, printSettlement, verifiedEachYear } from "./worked-example.mjs";

const { rule: ruleFile, mojCap, values } = commandLine("--rule", "--moj-cap");
const rule = readJson(ruleFile ?? "rule.json");

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
      baseline: baseline("80.0", "2023-01-01", "2025-12-31"),
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
const events = verifiedEachYear("reconvictions", values, { recordedOn: "01-15" });
printSettlement(contract, events, `${2027 + values.length}-12-31`);
