// The single-metric contracts of docs/pricing/rate.md, settled on a verified result given on the command line:
//   node example.mjs --rule improvement-rule.json --cap 50000.00 17.6   the price per point of improvement
//   node example.mjs --rule relative-rule.json 31                       the relative-improvement basis
// Two metrics: dropout-rate (of participating pupils, baseline 20.0, lower is better) and attendance (school
// attendance, baseline 30, higher is better); the result is of the rule's metric, the tranche (t1) has the cap
// given, the Comune pays all of it to the cooperative. Prints the explanation, or the contract's problems.
import { readJson } from "./json-files.mjs";
import { baseline, commandLine, printSettlement, verified } from "./worked-example.mjs";

const { rule: ruleFile, cap, values } = commandLine("--rule", "--cap");
const rule = readJson(ruleFile);
const [value] = values;

const contract = {
  id: "example",
  title: "A price per unit",
  currency: "EUR",
  rounding: { mode: "half-even", at: "tranche" },
  term: { start: "2026-09-01", end: "2028-12-31" },
  parties: [
    { id: "comune", name: "Comune", roles: ["outcome-payer"] },
    { id: "coop", name: "Cooperativa sociale (ETS)", roles: ["provider"] },
    { id: "evaluator", name: "Independent evaluator", roles: ["verifier"] },
  ],
  metrics: [
    {
      id: "dropout-rate",
      name: "Dropout rate of participating pupils",
      unit: "%",
      kind: "rate",
      better: "lower",
      baseline: baseline("20.0", "2022-09-01", "2025-08-31"),
    },
    {
      id: "attendance",
      name: "School attendance",
      unit: "%",
      kind: "rate",
      better: "higher",
      baseline: baseline("30", "2022-09-01", "2025-08-31"),
    },
  ],
  periods: [{ id: "p1", label: "School year 2026/27", start: "2026-09-01", end: "2027-08-31" }],
  tranches: [
    {
      id: "t1",
      covers: { period: "p1" },
      dueDate: "2027-11-30",
      pricing: rule,
      ...(cap === undefined ? {} : { cap }),
      payers: [{ party: "comune", share: "100%" }],
      recipients: [{ party: "coop", share: "100%" }],
    },
  ],
};
const events = [verified({ id: "r1", metric: rule.metric, period: "p1", value, recordedAt: "2027-10-15" })];
printSettlement(contract, events, "2027-12-31");
