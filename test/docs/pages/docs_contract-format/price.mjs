// node price.mjs RULE.json MEASURED... : the small one-tranche contract of small-contract.json with the page's
// pricing rule as its tranche's pricing, settled as of 2027-12-31 on a verified result for each measured value in
// turn. Prints, for each, the tranche's status and the lines of its explanation that derive the amount (from the
// basis to the rounding step). A measured value is a number for the rule's metric, or metric=value pairs
// separated by commas for a rule over several metrics.
import { explain, parseContract, parseEvents, settle } from "pay-by-results";
import { readJson } from "./json-files.mjs";
import { verified } from "./worked-example.mjs";

const [file, ...measured] = process.argv.slice(2);
const json = readJson("small-contract.json");
json.tranches[0].pricing = readJson(file);
const contract = parseContract(json);

for (const values of measured) {
  const results = values.includes("=")
    ? values.split(",").map((pair) => pair.split("="))
    : [[json.tranches[0].pricing.metric, values]];
  const events = parseEvents(
    results.map(([metric, value], index) =>
      verified({ id: `r${index + 1}`, metric, period: "as-2026-27", value, recordedAt: "2027-10-28" }),
    ),
    { contract },
  );
  const lines = explain(settle(contract, events, { asOf: "2027-12-31" })).split("\n");
  const from = lines.findIndex((line) => /^ {2}(Basis|Rule)/.test(line));
  const to = lines.findIndex((line) => /^ {2}(Cap|Split)/.test(line));
  console.log(`Measured ${values}:`);
  console.log(lines.find((line) => line.startsWith("  Status")));
  if (from >= 0) console.log(lines.slice(from, to).join("\n"));
}
