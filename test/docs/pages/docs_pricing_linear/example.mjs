// The FIS tranche of docs/pricing/linear.md's worked examples, settled on a verified dropout rate given on the
// command line: the dropout rate of participating pupils, baseline 20.0, lower is better; the national fund
// (fis) pays 70%, the Comune 30%; each payer's part goes 80% to the investor and 20% to the cooperative; a tranche
// cap of EUR 240,000.00.
//   node example.mjs 17.6                              priced by rule.json
//   node example.mjs --points ramp-points.json 19.2    rule.json with the "points" of that file instead
//   node example.mjs --rule value-rule.json 14         another rule
// Prints the explanation, or the contract's problems.
import { readFragment, readJson } from "./json-files.mjs";
import { baseline, commandLine, printSettlement, verified } from "./worked-example.mjs";

const { rule: ruleFile, points, values } = commandLine("--rule", "--points");
let rule = readJson(ruleFile ?? "rule.json");
// the file holds a "points" key as the page shows it, not a whole JSON document
if (points !== undefined) rule = { ...rule, ...readFragment(points) };
const [value] = values;

const contract = {
  id: "example",
  title: "Scuola Aperta",
  currency: "EUR",
  rounding: { mode: "half-even", at: "tranche" },
  term: { start: "2026-09-01", end: "2028-12-31" },
  parties: [
    { id: "fis", name: "Fondo per l'Innovazione Sociale", roles: ["outcome-payer"] },
    { id: "comune", name: "Comune", roles: ["outcome-payer", "beneficiary"] },
    { id: "coop", name: "Cooperativa sociale (ETS)", roles: ["provider"] },
    { id: "investor", name: "Investitore sociale", roles: ["investor"] },
    { id: "evaluator", name: "Valutatore indipendente", roles: ["verifier"] },
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
  ],
  periods: [{ id: "p1", label: "a.s. 2026/27", start: "2026-09-01", end: "2027-08-31" }],
  tranches: [
    {
      id: "t1",
      covers: { period: "p1" },
      dueDate: "2027-11-30",
      pricing: rule,
      cap: "240000.00",
      payers: [
        { party: "fis", share: "70%" },
        { party: "comune", share: "30%" },
      ],
      recipients: [
        { party: "investor", share: "80%" },
        { party: "coop", share: "20%" },
      ],
    },
  ],
};
const events = [verified({ id: "r1", metric: "dropout-rate", period: "p1", value, recordedAt: "2027-10-15" })];
printSettlement(contract, events, "2027-12-31");
