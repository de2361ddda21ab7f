// The page's first fragment (formulas.json) in a contract (page-contract.mjs), settled on 96 verified visits and a
// quality score of 72: prints the tranche's rule as the explanation gives it.
import { explain, settle } from "pay-by-results";
import { pageContract } from "./page-contract.mjs";

const results = [
  ["visits", 96],
  ["quality-score", 72],
].map(([metric, value]) => ({
  type: "result",
  id: metric,
  metric,
  period: "2027-Q1",
  value,
  status: "verified",
  verifier: "verifier",
  recordedAt: "2027-04-12",
}));
const lines = explain(settle(pageContract(), results, { asOf: "2027-04-30" })).split("\n");
const rule = lines.findIndex((line) => line.startsWith("  Rule (formula)"));
console.log(
  lines
    .slice(
      rule,
      lines.findIndex((line, index) => index > rule && line.startsWith("  Rounding")),
    )
    .join("\n"),
);
