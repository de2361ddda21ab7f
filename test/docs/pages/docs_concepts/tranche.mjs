// The tranche of the page (tranche.json) as the only tranche of the bundled FIS example (examples/fis-dispersione/;
// the page links examples/ to the package's own), settled as of 2027-12-31 (the verified 17.6, paid in full):
// prints the tranche's part of the explanation.
import { readFileSync } from "node:fs";
import { explain, settle } from "pay-by-results";

const contract = JSON.parse(readFileSync("examples/fis-dispersione/contract.json", "utf8"));
contract.tranches = [JSON.parse(readFileSync("tranche.json", "utf8"))];
contract.periods = contract.periods.filter((period) => period.id === "as-2026-27");
const events = JSON.parse(readFileSync("examples/fis-dispersione/events.json", "utf8")).filter(
  (event) => event.id !== "r5",
);
const lines = explain(settle(contract, events, { asOf: "2027-12-31" })).split("\n");
const start = lines.findIndex((line) => line.startsWith("Tranche "));
console.log(lines.slice(start, lines.indexOf("", start)).join("\n"));
