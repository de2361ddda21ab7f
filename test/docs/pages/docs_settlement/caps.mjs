// The cumulative caps example of section 6: three tranches on the FIS metric, each priced at EUR 25,000.00 per
// point of improvement, t1 with a tranche cap of EUR 50,000.00, and the caps of the page (caps.json, a fragment
// of a contract); verified values 17.6, 17.2 and 16.0, settled as of 2029-12-31. Prints the explanation's totals.
import { readFileSync } from "node:fs";
import { explain, settle } from "pay-by-results";

const fis = JSON.parse(readFileSync("examples/fis-dispersione/contract.json", "utf8"));
const { caps } = JSON.parse(`{${readFileSync("caps.json", "utf8")}}`);
const pricing = { type: "rate", metric: "dropout-rate", basis: "improvement", pricePerUnit: "25000.00" };
const contract = {
  ...fis,
  caps,
  tranches: fis.tranches.map(({ cap, ...tranche }) => ({
    ...tranche,
    pricing,
    ...(tranche.id === "t1" ? { cap: "50000.00" } : {}),
  })),
};
const events = [
  ["as-2026-27", "17.6"],
  ["as-2027-28", "17.2"],
  ["as-2028-29", "16.0"],
].map(([period, value], index) => ({
  type: "result",
  id: `r${index + 1}`,
  metric: "dropout-rate",
  period,
  value,
  status: "verified",
  verifier: "evaluator",
  recordedAt: `${2027 + index}-10-28`,
}));
const lines = explain(settle(contract, events, { asOf: "2029-12-31" })).split("\n");
console.log(lines.slice(lines.indexOf("Totals")).join("\n"));
