// The result event of the page (event.json): checks that it is what measurementEvent makes of the page's first
// example, then settles it in a small contract (measurement-contract.mjs) as of 2027-12-31 and prints the
// explanation's lines from the result to the rule.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { explain, measure, measurementEvent, settle } from "pay-by-results";
import { measurementContract } from "./measurement-contract.mjs";

const event = JSON.parse(readFileSync("event.json", "utf8"));
const m = measure({
  estimator: "comparison",
  better: "lower",
  scale: 100,
  treatment: { outcome: "binary", n: 600, successes: 51 },
  comparison: { outcome: "binary", n: 650, successes: 91 },
});
const made = measurementEvent(m, {
  id: "r1",
  metric: "dropout",
  period: "as-2026-27",
  status: "verified",
  verifier: "evaluator",
  recordedAt: "2027-10-15",
});
console.log(`event.json is what measurementEvent makes: ${isDeepStrictEqual(JSON.parse(JSON.stringify(made)), event)}`);
const lines = explain(settle(measurementContract(), [event], { asOf: "2027-12-31" })).split("\n");
console.log(
  lines
    .slice(
      lines.findIndex((line) => line.startsWith("  Result:")),
      lines.findIndex((line) => line.startsWith("  Rounding")),
    )
    .join("\n"),
);
