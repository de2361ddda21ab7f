// The cumulative caps example of section 6: the contract of the bundled FIS example (examples/fis-dispersione/,
// copied from the package by the page's first directive) with its three tranches each priced at EUR 25,000.00 per
// point of improvement, t1 with a tranche cap of EUR 50,000.00, and the caps of the page (caps.json, a fragment
// of a contract); verified values 17.6, 17.2 and 16.0, settled as of 2029-12-31. Prints the explanation's totals.
import { readFileSync } from "node:fs";
import { explain, settle } from "pay-by-results";
import { verifiedEachYear } from "./worked-example.mjs";

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
const events = verifiedEachYear("dropout-rate", ["17.6", "17.2", "16.0"], {
  recordedOn: "10-28",
  periods: ["as-2026-27", "as-2027-28", "as-2028-29"],
});
const lines = explain(settle(contract, events, { asOf: "2029-12-31" })).split("\n");
console.log(lines.slice(lines.indexOf("Totals")).join("\n"));
