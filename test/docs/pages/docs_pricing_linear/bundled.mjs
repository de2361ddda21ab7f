// "How caps interact" of docs/pricing/linear.md: the bundled FIS contract (examples/fis-dispersione/contract.json
// of the clone; here read through the package's own folder) with its three school years verified at the rates
// given (`node bundled.mjs 16.0 16.0 16.0`), as known on 2029-12-31.
import { readFileSync } from "node:fs";
import { explain, parseContract, parseEvents, settle } from "pay-by-results";

const contract = parseContract(
  JSON.parse(readFileSync("node_modules/pay-by-results/examples/fis-dispersione/contract.json", "utf8")),
);
const events = process.argv.slice(2).map((value, i) => ({
  type: "result",
  id: `r${i + 1}`,
  metric: "dropout-rate",
  period: contract.periods[i].id,
  value,
  status: "verified",
  verifier: "evaluator",
  recordedAt: `${2027 + i}-10-15`,
}));
console.log(explain(settle(contract, parseEvents(events, { contract }), { asOf: "2029-12-31" })));
