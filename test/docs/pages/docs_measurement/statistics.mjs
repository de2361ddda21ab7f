// The statistics options of the page (statistics.json, a fragment of a tranche) on the tranche of
// measurement-contract.mjs, settled on the result event of the page (event.json) as of 2027-12-31: prints the
// explanation's lines from the basis to the rounding.
import { readFileSync } from "node:fs";
import { explain, settle } from "pay-by-results";
import { measurementContract } from "./measurement-contract.mjs";

const { statistics } = JSON.parse(`{${readFileSync("statistics.json", "utf8")}}`);
const event = JSON.parse(readFileSync("event.json", "utf8"));
const lines = explain(settle(measurementContract(statistics), [event], { asOf: "2027-12-31" })).split("\n");
const from = lines.findIndex(
  (line) => /^ {2}\S/.test(line) && !line.startsWith("  Status:") && !line.startsWith("  Result:"),
);
console.log(lines.slice(from, lines.findIndex((line) => line.startsWith("  Rounding")) + 1).join("\n"));
