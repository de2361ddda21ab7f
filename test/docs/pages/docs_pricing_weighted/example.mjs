// The contract of docs/pricing/weighted.md, settled on the verified results given on the command line:
//   node example.mjs 4.35 79.6                               learning, then enrolment, priced by rule.json
//   node example.mjs 4.35                                    learning only: enrolment not yet reported
//   node example.mjs --rule mixed-rule.json 4.1 81           another rule
//   node example.mjs --rounding-at metric --learning-cap 200000.00 4.35 79.6
// Learning: the mean ASER level of pupils, baseline 3.0 (control villages), higher is better. Enrolment: the share
// of eligible out-of-school girls enrolled, baseline 70.0%, higher is better. The outcome payer (ciff) pays
// everything, 85% to the investor and 15% to the provider. Prints the explanation, or the contract's problems.
import { readFileSync } from "node:fs";
import { explain, parseContract, parseEvents, settle } from "pay-by-results";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args.splice(at, 2)[1];
};
const rule = JSON.parse(readFileSync(option("--rule") ?? "rule.json", "utf8"));
const roundingAt = option("--rounding-at") ?? "tranche";
const learningCap = option("--learning-cap");
const [learning, enrolment] = args;

const baseline = (value, source) => ({ value, period: { start: "2024-07-01", end: "2025-06-30" }, source });
const contract = {
  id: "example",
  title: "Educate Girls",
  currency: "USD",
  rounding: { mode: "half-even", at: roundingAt },
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
      baseline: baseline("3.0", "baseline source"),
    },
    {
      id: "enrolment",
      name: "Eligible out-of-school girls enrolled",
      unit: "%",
      kind: "rate",
      better: "higher",
      baseline: baseline("70.0", "baseline source"),
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
const events = [
  verified("r1", "learning", learning),
  ...(enrolment === undefined ? [] : [verified("r2", "enrolment", enrolment)]),
];

let parsed;
try {
  parsed = parseContract(contract);
} catch (error) {
  console.log(error.message);
  process.exit(1);
}
console.log(explain(settle(parsed, parseEvents(events, { contract: parsed }), { asOf: "2027-12-31" })));
