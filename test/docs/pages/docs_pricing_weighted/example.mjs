// The contract of docs/pricing/weighted.md, settled on the verified results given on the command line:
//   node example.mjs 4.35 79.6                               learning, then enrolment, priced by rule.json
//   node example.mjs 4.35                                    learning only: enrolment not yet reported
//   node example.mjs --rule mixed-rule.json 4.1 81           another rule
//   node example.mjs --rounding-at metric --learning-cap 200000.00 4.35 79.6
// Learning: the mean ASER level of pupils, baseline 3.0 (control villages), higher is better. Enrolment: the share
// of eligible out-of-school girls enrolled, baseline 70.0%, higher is better. The outcome payer (ciff) pays
// everything, 85% to the investor and 15% to the provider. Prints the explanation, or the contract's problems.
import { readJson } from "./json-files.mjs";
import { baseline, commandLine, printSettlement, verified } from "./worked-example.mjs";

const { rule: ruleFile, roundingAt, learningCap, values } = commandLine("--rule", "--rounding-at", "--learning-cap");
const rule = readJson(ruleFile ?? "rule.json");
const [learning, enrolment] = values;

const contract = {
  id: "example",
  title: "Educate Girls",
  currency: "USD",
  rounding: { mode: "half-even", at: roundingAt ?? "tranche" },
  term: { start: "2025-07-01", end: "2028-12-31" },
  parties: [
    { id: "ciff", name: "Outcome payer", roles: ["outcome-payer"] },
    { id: "ubs-optimus", name: "Investor", roles: ["investor"] },
    { id: "educate-girls", name: "Provider", roles: ["provider"] },
    { id: "evaluator", name: "Independent evaluator", roles: ["verifier"] },
  ],
  metrics: [
    {
      id: "learning",
      name: "Mean ASER level of pupils",
      unit: "ASER levels",
      kind: "mean",
      better: "higher",
      baseline: baseline("3.0", "2024-07-01", "2025-06-30"),
    },
    {
      id: "enrolment",
      name: "Eligible out-of-school girls enrolled",
      unit: "%",
      kind: "rate",
      better: "higher",
      baseline: baseline("70.0", "2024-07-01", "2025-06-30"),
    },
  ],
  periods: [{ id: "p1", label: "Year 1", start: "2025-07-01", end: "2026-06-30" }],
  tranches: [
    {
      id: "t1",
      covers: { period: "p1" },
      dueDate: "2027-11-30",
      pricing: rule,
      payers: [{ party: "ciff", share: "100%" }],
      recipients: [
        { party: "ubs-optimus", share: "85%" },
        { party: "educate-girls", share: "15%" },
      ],
    },
  ],
  ...(learningCap === undefined ? {} : { caps: { perMetric: { learning: learningCap } } }),
};
const result = (id, metric, value) => verified({ id, metric, period: "p1", value, recordedAt: "2027-01-15" });
const events = [
  result("r1", "learning", learning),
  ...(enrolment === undefined ? [] : [result("r2", "enrolment", enrolment)]),
];
printSettlement(contract, events, "2027-12-31");
