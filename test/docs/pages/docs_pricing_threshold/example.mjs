// The contract of docs/pricing/threshold.md, settled on a verified result given on the command line:
//   node example.mjs 71.2                                  priced by rule.json (the page's fixed amount)
//   node example.mjs --rule gated-rule.json 900            another rule: the gate in front of a price, …
//   node example.mjs --cap 500000.00 --floor 200000.00 73  with a tranche cap or floor
// Two metrics, lower is better: reconvictions (events per 100 released prisoners, baseline 80.0) and
// reconviction-events (events in the cohort, baseline 1,000), both against the comparison group. The result is
// of the rule's metric. The Ministry of Justice pays 80%, a lottery fund 20%; everything goes to the investors.
// Prints the explanation, or the contract's problems.
import { readJson } from "./json-files.mjs";
import { baseline, commandLine, printSettlement, verified } from "./worked-example.mjs";

const { rule: ruleFile, cap, floor, values } = commandLine("--rule", "--cap", "--floor");
const rule = readJson(ruleFile ?? "rule.json");
const [value] = values;

const contract = {
  id: "example",
  title: "Reconviction threshold",
  currency: "GBP",
  rounding: { mode: "half-even", at: "tranche" },
  term: { start: "2026-01-01", end: "2028-12-31" },
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
    {
      id: "reconviction-events",
      name: "Reconviction events in the cohort",
      unit: "events",
      kind: "count",
      better: "lower",
      baseline: baseline("1000", "2023-01-01", "2025-12-31"),
    },
  ],
  periods: [{ id: "p1", label: "Cohort 1", start: "2026-01-01", end: "2026-12-31" }],
  tranches: [
    {
      id: "t1",
      covers: { period: "p1" },
      dueDate: "2027-11-30",
      pricing: rule,
      ...(cap === undefined ? {} : { cap }),
      ...(floor === undefined ? {} : { floor }),
      payers: [
        { party: "moj", share: "80%" },
        { party: "lottery", share: "20%" },
      ],
      recipients: [{ party: "investors", share: "100%" }],
    },
  ],
};
const events = [verified({ id: "r1", metric: rule.metric, period: "p1", value, recordedAt: "2027-01-15" })];
printSettlement(contract, events, "2028-12-31");
