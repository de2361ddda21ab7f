// The amendment of the page (amendments.json, a fragment of a contract) in the contract of the bundled example
// examples/health-pbf (copied from the package by the page's first directive), with what the fragment leaves out
// ("...") filled in from that contract: the formula's expression as it was, and the tranche's own pricing. Settled
// on the example's events as of 2027-12-31: prints the "Terms in force" step of each tranche that has one.
import { readFileSync } from "node:fs";
import { explain, settle } from "pay-by-results";

const contract = JSON.parse(readFileSync("examples/health-pbf/contract.json", "utf8"));
const { amendments } = JSON.parse(`{${readFileSync("amendments.json", "utf8")}}`);
for (const change of amendments.flatMap((amendment) => amendment.changes)) {
  if (change.expression === "...")
    change.expression = contract.formulas.find((formula) => formula.id === change.formula).expression;
  if (change.pricing?.["..."] !== undefined)
    change.pricing = contract.tranches.find((tranche) => tranche.id === change.tranche).pricing;
}
contract.amendments = amendments;
const events = JSON.parse(readFileSync("examples/health-pbf/events.json", "utf8"));
const lines = explain(settle(contract, events, { asOf: "2027-12-31" })).split("\n");
console.log(lines.filter((line) => line.startsWith("  Terms in force")).join("\n"));
