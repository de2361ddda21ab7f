// The metric of the page (metric.json) in the bundled FIS example (examples/fis-dispersione/; the page links
// examples/ to the package's own), settled as of 2028-03-31 (the verified 17.9): prints the explanation's basis
// line, which quotes the baseline's source.
import { readFileSync } from "node:fs";
import { explain, settle } from "pay-by-results";

const contract = JSON.parse(readFileSync("examples/fis-dispersione/contract.json", "utf8"));
contract.metrics = [JSON.parse(readFileSync("metric.json", "utf8"))];
const events = JSON.parse(readFileSync("examples/fis-dispersione/events.json", "utf8"));
const text = explain(settle(contract, events, { asOf: "2028-03-31" }));
console.log(text.split("\n").find((line) => line.startsWith("  Basis:")));
